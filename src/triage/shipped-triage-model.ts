// The model trained on the shipped corpus, in force until an officer's training (decision 0031),
// is made once per version of what makes it, not once per process (decision 0116). Training takes
// a second or two of CPU; loading the stored form takes a few hundredths. The build trains it into
// dist/ (scripts/build.mjs), where every process of the checkout or the image reads it.
//
// What makes the model is the corpus and the code that reads and learns from it: the key of a
// stored model is a digest of those files' bytes, found by following the relative imports of the
// training modules, so a change to any of them (or to a module they come to import) trains anew.
// The production image holds no sources to digest: its dist/ was built with its model, and the one
// stored there is used as it is.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/project-root.js';
import { readCorpus, splitCorpus } from './triage-corpus.js';
import { loadTriageModel, storeTriageModel, trainTriageModel, type TriageModel } from './triage-model.js';

/** Where a project keeps the sources the key digests, and the stored models. */
export interface ShippedModelPlace {
  /** The project's root; its src/ may be absent (the production image). */
  root: string;
  /** The directory of stored models, one file per key. */
  dir: string;
}

export const SHIPPED_MODEL_PLACE: ShippedModelPlace = {
  root: PROJECT_ROOT,
  dir: path.join(PROJECT_ROOT, 'dist', 'shipped-triage-model'),
};

/** The modules `trainTriageModel` and `splitCorpus` live in; what they import is found from them. */
const TRAINING_MODULES = ['src/triage/triage-model.ts', 'src/triage/triage-corpus.ts'];
const CORPUS = 'src/triage/corpus.jsonl';

// `import … from './x.js'`, `export … from '../y.js'` (over several lines) and `import './z.js'`;
// `import type` makes no code and is skipped (an `import { type T, f }` is followed: one file too
// many is harmless).
const RELATIVE_IMPORT =
  /^\s*(?:import|export)\s+(?:(?!type\b)[^'"]*?\bfrom\s+)?['"](\.{1,2}\/[^'"]+)\.js['"]/gm;

/** The files whose bytes make the shipped model, relative to the root, in a fixed order, with their bytes. */
function readTrainingSources(root: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const pending = [...TRAINING_MODULES];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (found.has(file)) continue;
    const bytes = readFileSync(path.join(root, file));
    found.set(file, bytes);
    for (const m of bytes.toString('utf8').matchAll(RELATIVE_IMPORT))
      pending.push(path.posix.join(path.posix.dirname(file), `${m[1]}.ts`));
  }
  found.set(CORPUS, readFileSync(path.join(root, CORPUS)));
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The files whose bytes make the shipped model, relative to the root, in a fixed order. */
export function trainingSources(root: string): string[] {
  return [...readTrainingSources(root).keys()];
}

/** The key of the model these sources make; null where the sources are not (the image). */
export function shippedModelKey(root: string): string | null {
  if (!existsSync(path.join(root, CORPUS))) return null;
  const hash = createHash('sha256');
  for (const [file, bytes] of readTrainingSources(root)) {
    hash.update(`${file}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex').slice(0, 32);
}

function storedModels(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
}

/**
 * The file of the stored model to use: the key's when the sources are here, else the one the image
 * was built with. Undefined when there is none.
 */
function storedModelFile(place: ShippedModelPlace, key: string | null): string | undefined {
  if (key !== null) {
    const file = path.join(place.dir, `${key}.json`);
    return existsSync(file) ? file : undefined;
  }
  const names = storedModels(place.dir);
  return names.length === 1 ? path.join(place.dir, names[0]!) : undefined;
}

/** Trains from the corpus: what every process did before it was stored. */
export function trainShippedModel(): TriageModel {
  return trainTriageModel(splitCorpus(readCorpus()).training, new Date(0));
}

/**
 * Stores the model under its key, replacing any other key's: written whole to a file of its own
 * first, so a process reading at the same moment finds the old file, the new one, or none.
 */
function store(place: ShippedModelPlace, key: string, model: TriageModel): void {
  mkdirSync(place.dir, { recursive: true });
  const file = path.join(place.dir, `${key}.json`);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(storeTriageModel(model)));
  renameSync(partial, file);
  for (const name of storedModels(place.dir)) {
    if (name !== `${key}.json`) rmSync(path.join(place.dir, name), { force: true });
  }
}

/**
 * The shipped model: read from where it is stored, or trained (and stored for the next process,
 * where the directory can be written: a read-only image only trains).
 */
export function shippedModel(
  place: ShippedModelPlace = SHIPPED_MODEL_PLACE,
  train: () => TriageModel = trainShippedModel,
): { model: TriageModel; trained: boolean } {
  const key = shippedModelKey(place.root);
  const file = storedModelFile(place, key);
  if (file) {
    try {
      return { model: loadTriageModel(JSON.parse(readFileSync(file, 'utf8'))), trained: false };
    } catch {
      // Unreadable (cut short by a full disk, say): trained again and stored over it below.
    }
  }
  const model = train();
  if (key !== null) {
    try {
      store(place, key, model);
    } catch {
      // A read-only checkout still works; the next process trains too.
    }
  }
  return { model, trained: true };
}
