import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileQueryCompilerWasm } from './query-compiler-wasm.js';

const generatedClient = readFileSync(new URL('./generated/internal/class.ts', import.meta.url), 'utf8');

describe('the query compiler loaded without keeping its base64 module (decision 0108)', () => {
  it('is how the generated client loads it: scripts/prisma-generate.mjs rewrote the loader', () => {
    expect(generatedClient).toContain("await import('../../query-compiler-wasm.js')");
    expect(generatedClient).not.toMatch(/await import\("[^"]*wasm-base64\.mjs"\)/);
  });

  it('compiles the module the generated client names', async () => {
    const specifier = /compileQueryCompilerWasm\("([^"]+)"\)/.exec(generatedClient)?.[1];
    expect(specifier).toMatch(/^@prisma\/client\/runtime\/.+\.wasm-base64\.mjs$/);
    const module = await compileQueryCompilerWasm(specifier!);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toContain('memory');
  });

  it('reads no file outside @prisma/client', async () => {
    await expect(compileQueryCompilerWasm('@prisma/client/../../package.json')).rejects.toThrow(
      /not a module/,
    );
    await expect(compileQueryCompilerWasm('pg/package.json')).rejects.toThrow(/not a module/);
    await expect(compileQueryCompilerWasm('@prisma/client/package.json')).rejects.toThrow(/base64 literal/);
  });
});
