// Runs `prisma generate` offline. Generation itself runs in WebAssembly; the CLI only insists that
// a schema engine binary exists, which it would otherwise try to download (docs/decisions/0003).
// Then the generated client's query compiler loader is rewritten so that the 4.6 MB base64 module
// it imports does not stay in every process's heap (docs/decisions/0108).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
};
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
if (result.status !== 0) process.exit(result.status ?? 1);

const classFile = new URL('../src/db/generated/internal/class.ts', import.meta.url);
const generated = readFileSync(classFile, 'utf8');
const loader =
  /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/[\w.-]+\.wasm-base64\.mjs)"\)\s*return await decodeBase64AsWasm\(wasm\)/;
const specifier = loader.exec(generated)?.[1];
if (!specifier) {
  console.error(
    `prisma-generate: the query compiler loader in ${classFile.pathname} is not the one decision 0108 rewrites ` +
      '(a new Prisma version?): adapt the pattern here and src/db/query-compiler-wasm.ts.',
  );
  process.exit(1);
}
writeFileSync(
  classFile,
  generated.replace(
    loader,
    `const { compileQueryCompilerWasm } = await import('../../query-compiler-wasm.js')\n` +
      `    return await compileQueryCompilerWasm(${JSON.stringify(specifier)})`,
  ),
);
