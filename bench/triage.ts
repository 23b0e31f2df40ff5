// Triage on the held-out fifth of the shipped corpus (src/triage/triage-corpus.ts): accuracy and
// macro-F1 for kind and unit, precision/recall for urgency and duplicates, and the time per case
// (features, three heads and a duplicate search over every other corpus text as the open cases).
// Targets (issue 18): kind accuracy ≥ 0.85, urgency recall ≥ 0.95, under 20 ms per case.
//   npm run bench:triage
import { performance } from 'node:perf_hooks';
import { evaluateTriage, readCorpus, splitCorpus } from '../src/triage/triage-corpus.js';
import { buildDuplicateIndex, suggestTriage, trainTriageModel } from '../src/triage/triage-model.js';

const corpus = readCorpus();
const { training, heldOut } = splitCorpus(corpus);
const t0 = performance.now();
const model = trainTriageModel(training, new Date());
const trainMs = performance.now() - t0;
const metrics = evaluateTriage(model, heldOut, corpus);

// Timing on its own pass, so evaluation bookkeeping is not counted.
const openCases = corpus.map((e) => ({ caseId: e.id, code: e.id, text: e.text }));
const t1 = performance.now();
const index = buildDuplicateIndex(model, openCases);
const msPerOpenCase = (performance.now() - t1) / openCases.length;
const t2 = performance.now();
for (const e of heldOut) suggestTriage(model, e.text, index);
const msPerCase = (performance.now() - t2) / heldOut.length;

const f = (v: number) => v.toFixed(3);
console.log(`corpus ${corpus.length} examples: ${training.length} training, ${heldOut.length} held out`);
console.log(`training ${trainMs.toFixed(0)} ms`);
console.log(
  `kind     accuracy ${f(metrics.kind.accuracy)}  macro-F1 ${f(metrics.kind.macroF1)}  coverage ${f(metrics.kind.coverage)}`,
);
console.log(
  `unit     accuracy ${f(metrics.unit.accuracy)}  macro-F1 ${f(metrics.unit.macroF1)}  coverage ${f(metrics.unit.coverage)}`,
);
console.log(`urgency  precision ${f(metrics.urgency.precision)}  recall ${f(metrics.urgency.recall)}`);
console.log(
  `duplicates precision ${f(metrics.duplicates.precision)}  recall ${f(metrics.duplicates.recall)}  (${metrics.duplicates.pairs} pairs, ${openCases.length} open cases searched)`,
);
console.log(
  `time per case ${msPerCase.toFixed(2)} ms (reading an open case into the duplicate index: ${msPerOpenCase.toFixed(3)} ms each)`,
);
const ok = metrics.kind.accuracy >= 0.85 && metrics.urgency.recall >= 0.95 && msPerCase < 20;
console.log(ok ? 'targets met' : 'TARGETS NOT MET');
process.exitCode = ok ? 0 : 1;
