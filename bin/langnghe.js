#!/usr/bin/env node
// The `langnghe` command runs the compiled JavaScript in dist/ (docs/decisions/0043). In a checkout
// it first recompiles the sources changed since the last build (milliseconds when none did), so an
// edited command never runs stale; the production image has no sources and skips the check.
import { existsSync } from 'node:fs';

const build = new URL('../scripts/build.mjs', import.meta.url);
if (existsSync(new URL('../src', import.meta.url)) && existsSync(build)) {
  const { buildDist } = await import(build.href);
  await buildDist();
}
await import('../dist/src/cli/main.js');
