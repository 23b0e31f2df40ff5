#!/usr/bin/env node
// Compiles what runs (src/, bots/, workers/, less tests) to dist/ as plain JavaScript, one file per
// source with its source map, and copies the files they read next to them (scripts, the triage
// corpus). Only sources newer than their output are compiled, so the check that `npm start` and the
// `langnghe` command make before running costs a few milliseconds when nothing changed
// (docs/decisions/0043). Then it stores the triage model the shipped corpus makes, when the sources
// that make it changed (decision 0116), so no process has to train it. Plain .mjs: it runs before
// anything is compiled; in the production image there is no src/ (and no esbuild), so it finds
// nothing to do.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');
// Written by dist/src/triage/shipped-triage-model.js, not compiled: kept by the clean-up below.
const SHIPPED_MODELS = path.join(OUT, 'shipped-triage-model');
const SOURCE_DIRS = ['src', 'bots', 'workers'];
const ASSET = /\.(js|css|html|jsonl|json|svg|png|ttf|woff2?)$/;

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;

/** Brings dist/ up to date with the sources; returns what it did. */
export async function buildDist({ quiet = false } = {}) {
  const compile = [];
  const copy = [];
  const expected = new Set();
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir))) {
      const rel = path.relative(ROOT, file);
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        if (file.endsWith('.test.ts')) continue;
        const out = path.join(OUT, rel.replace(/\.ts$/, '.js'));
        expected.add(out).add(`${out}.map`);
        if (mtime(file) > mtime(out)) compile.push(file);
      } else if (ASSET.test(file)) {
        const out = path.join(OUT, rel);
        expected.add(out);
        if (mtime(file) > mtime(out)) copy.push([file, out]);
      }
    }
  }
  if (expected.size === 0) return { compiled: 0, copied: 0, removed: 0 };

  // A source that was deleted or renamed must not keep running from its old output.
  let removed = 0;
  for (const file of walk(OUT)) {
    if (!expected.has(file) && path.dirname(file) !== SHIPPED_MODELS) {
      rmSync(file);
      removed++;
    }
  }

  const started = performance.now();
  if (compile.length > 0) {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: compile,
      outdir: OUT,
      outbase: ROOT,
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      logLevel: 'warning',
    });
  }
  for (const [from, to] of copy) {
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  const done = { compiled: compile.length, copied: copy.length, removed };
  if (!quiet && compile.length + copy.length + removed > 0) {
    console.error(
      `build: ${done.compiled} compiled, ${done.copied} copied, ${done.removed} removed (dist/) in ${Math.round(performance.now() - started)} ms`,
    );
  }
  // Nothing changed since a build that stored a model: that model is still the sources' (and a
  // process that finds it is not checks the key itself), so the check costs nothing here.
  if (compile.length + copy.length > 0 || !existsSync(SHIPPED_MODELS)) {
    const training = performance.now();
    const { shippedModel } = await import(
      pathToFileURL(path.join(OUT, 'src/triage/shipped-triage-model.js')).href
    );
    if (shippedModel().trained && !quiet) {
      console.error(`build: shipped triage model trained in ${Math.round(performance.now() - training)} ms`);
    }
  }
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
}
