// Prisma's generated client loads its query compiler's WebAssembly by importing a module whose only
// content is the binary as a 4.6 MB base64 string literal. A module is never unloaded, so its source
// text and the string stayed in the heap for the life of every process: 9.2 MB of the embedded
// process's ~85 MB live heap (decision 0108). scripts/prisma-generate.mjs rewrites the generated
// loader to call this instead: the same file, read as text, decoded and compiled, nothing kept.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const PACKAGE = '@prisma/client/';
const BASE64_MODULE = /^const wasm = "([A-Za-z0-9+/]+={0,2})";/;

/** Compiles the WebAssembly that `specifier` (a `…wasm-base64.mjs` of @prisma/client) holds. */
export async function compileQueryCompilerWasm(specifier: string): Promise<WebAssembly.Module> {
  if (!specifier.startsWith(PACKAGE) || specifier.includes('..'))
    throw new Error(`not a module of ${PACKAGE}: ${specifier}`);
  const root = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}package.json`));
  const text = await readFile(path.join(root, specifier.slice(PACKAGE.length)), 'latin1');
  const literal = BASE64_MODULE.exec(text);
  if (!literal) throw new Error(`${specifier} does not start with the base64 literal Prisma writes`);
  return new WebAssembly.Module(Buffer.from(literal[1]!, 'base64'));
}
