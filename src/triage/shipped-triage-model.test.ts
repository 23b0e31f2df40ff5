import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../core/project-root.js';
import {
  shippedModel,
  shippedModelKey,
  trainingSources,
  trainShippedModel,
  type ShippedModelPlace,
} from './shipped-triage-model.js';
import { readCorpus, splitCorpus } from './triage-corpus.js';
import { DuplicateIndex, suggestTriage, type TriageModel } from './triage-model.js';

let trainedOnce: TriageModel;
beforeAll(() => {
  trainedOnce = trainShippedModel();
});

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project holding only the training sources (or none), with an empty directory of models. */
function place(withSources = true): ShippedModelPlace {
  const root = mkdtempSync(path.join(os.tmpdir(), 'shipped-model-'));
  temporary.push(root);
  if (withSources) {
    for (const file of trainingSources(PROJECT_ROOT)) {
      cpSync(path.join(PROJECT_ROOT, file), path.join(root, file));
    }
  }
  return { root, dir: path.join(root, 'dist', 'shipped-triage-model') };
}

/** A trainer that counts its calls, handing out the model trained once for the file. */
function countingTrainer() {
  const calls = { count: 0 };
  return { calls, train: () => (calls.count++, trainedOnce) };
}

describe('the shipped triage model (decision 0116)', () => {
  it('digests the training modules, what they import and the corpus', () => {
    expect(trainingSources(PROJECT_ROOT)).toEqual([
      'src/cases/case-vocabulary.ts',
      'src/core/fold-text.ts',
      'src/triage/corpus.jsonl',
      'src/triage/linear-classifier.ts',
      'src/triage/text-features.ts',
      'src/triage/triage-corpus.ts',
      'src/triage/triage-model.ts',
    ]);
  });

  it('changes its key when any of those files changes, or a new module is imported', () => {
    const p = place();
    const key = shippedModelKey(p.root);
    expect(key).toBe(shippedModelKey(PROJECT_ROOT));
    const foldText = path.join(p.root, 'src/core/fold-text.ts');
    writeFileSync(foldText, `${readFileSync(foldText, 'utf8')}\n// a comment\n`);
    const edited = shippedModelKey(p.root);
    expect(edited).not.toBe(key);

    const features = path.join(p.root, 'src/triage/text-features.ts');
    writeFileSync(path.join(p.root, 'src/triage/stop-words.ts'), 'export const STOP = 1;\n');
    writeFileSync(
      features,
      `import {\n  STOP,\n} from './stop-words.js';\n${readFileSync(features, 'utf8')}`,
    );
    expect(trainingSources(p.root)).toContain('src/triage/stop-words.ts');
    const importing = shippedModelKey(p.root);
    writeFileSync(path.join(p.root, 'src/triage/stop-words.ts'), 'export const STOP = 2;\n');
    expect(shippedModelKey(p.root)).not.toBe(importing);

    // Imported for its effect alone, or for its types alone (no code: not followed).
    const model = path.join(p.root, 'src/triage/triage-model.ts');
    writeFileSync(path.join(p.root, 'src/triage/registers.ts'), 'globalThis.x = 1;\n');
    writeFileSync(path.join(p.root, 'src/triage/types-only.ts'), 'export type T = 1;\n');
    writeFileSync(
      model,
      `import './registers.js';\nimport type { T } from './types-only.js';\n${readFileSync(model, 'utf8')}`,
    );
    expect(trainingSources(p.root)).toContain('src/triage/registers.ts');
    expect(trainingSources(p.root)).not.toContain('src/triage/types-only.ts');
  });

  it('trains once, stores the model, and a later process reads it with the same suggestions', () => {
    const p = place();
    const first = countingTrainer();
    expect(shippedModel(p, first.train).trained).toBe(true);
    expect(readdirSync(p.dir)).toEqual([`${shippedModelKey(p.root)}.json`]);

    const later = countingTrainer();
    const { model, trained } = shippedModel(p, later.train);
    expect([trained, later.calls.count]).toEqual([false, 0]);
    const none = new DuplicateIndex();
    for (const { text } of splitCorpus(readCorpus()).heldOut) {
      expect(suggestTriage(model, text, none)).toEqual(suggestTriage(trainedOnce, text, none));
    }
    expect(model.trainedAt).toBe(new Date(0).toISOString());
  });

  it('does not use a model stored for other sources, and replaces it', () => {
    const p = place();
    shippedModel(p, countingTrainer().train);
    const stale = path.join(p.dir, 'a-key-of-other-sources.json');
    cpSync(path.join(p.dir, `${shippedModelKey(p.root)}.json`), stale);
    const foldText = path.join(p.root, 'src/core/fold-text.ts');
    writeFileSync(foldText, `${readFileSync(foldText, 'utf8')}\n// changed\n`);

    const again = countingTrainer();
    expect(shippedModel(p, again.train).trained).toBe(true);
    expect(again.calls.count).toBe(1);
    expect(readdirSync(p.dir)).toEqual([`${shippedModelKey(p.root)}.json`]);
    expect(existsSync(stale)).toBe(false);
  });

  it('trains over a stored model it cannot read', () => {
    const p = place();
    shippedModel(p, countingTrainer().train);
    const file = path.join(p.dir, `${shippedModelKey(p.root)}.json`);
    writeFileSync(file, '{"format":"langnghe-triage-1","trained');
    const again = countingTrainer();
    expect(shippedModel(p, again.train).trained).toBe(true);
    expect(shippedModel(p, again.train).trained).toBe(false);
    expect(again.calls.count).toBe(1);
  });

  it('uses the one model an image without sources was built with', () => {
    const built = place();
    shippedModel(built, countingTrainer().train);
    const image = place(false);
    cpSync(built.dir, image.dir, { recursive: true });
    const run = countingTrainer();
    expect(shippedModel(image, run.train).trained).toBe(false);
    expect(run.calls.count).toBe(0);
  });

  it('still answers where the models cannot be stored', () => {
    const p = place();
    writeFileSync(path.join(p.root, 'dist'), 'a file where the directory should be');
    const run = countingTrainer();
    expect(shippedModel(p, run.train)).toEqual({ model: trainedOnce, trained: true });
    expect(shippedModel(p, run.train).trained).toBe(true);
  });
});
