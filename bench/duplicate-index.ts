// The duplicate search's cost as a worker triages case after case (decision 0096): the time per
// search with the newest 2,000 open cases as candidates, after 2,000 / 6,000 / 14,000 / 20,000
// cases of one organisation, and with five organisations taking turns: one index holding every case
// triaged (as before 0096) against the kept indexes per organisation, closed ones dropped.
// The corpus's texts, over and over; all cases stay open, as in bench:intake's burst.
//   npx tsx bench/duplicate-index.ts
import { performance } from 'node:perf_hooks';
import { KeptDuplicateIndexes } from '../src/triage/kept-duplicate-indexes.js';
import { readCorpus, splitCorpus } from '../src/triage/triage-corpus.js';
import {
  DuplicateIndex,
  duplicateEntryOf,
  trainTriageModel,
  type DuplicateEntry,
} from '../src/triage/triage-model.js';

const OPEN = 2000;
const CHECKPOINTS = [2000, 6000, 14000, 20000];
const SAMPLE = 300;
const corpus = readCorpus();
const model = trainTriageModel(splitCorpus(corpus).training, new Date());
const vectors = corpus.map((e) => duplicateEntryOf(model, { caseId: '', code: '', text: e.text }).weights);
const entryOf = (n: number, org: string): DuplicateEntry => ({
  caseId: `${org}-${n}`,
  code: `${org}-${n}`,
  weights: vectors[n % vectors.length]!,
});

interface Policy {
  name: string;
  search(org: string, entry: DuplicateEntry, among: readonly string[]): void;
}

function oneIndex(): Policy {
  const index = new DuplicateIndex();
  return {
    name: 'one index, every case kept',
    search(_org, entry, among) {
      index.similarTo(entry.weights, 0.5, among);
      if (index.size >= 20_000) index.clear();
      index.add(entry);
    },
  };
}

function perOrganisation(): Policy {
  const kept = new KeptDuplicateIndexes(20_000);
  return {
    name: 'per organisation (0096)',
    search(org, entry, among) {
      kept.makeRoom(org, 0);
      kept.forSearch(org, among).similarTo(entry.weights, 0.5, among);
      kept.makeRoom(org, 1);
      kept.forSearch(org, among).add(entry);
    },
  };
}

/** Triages `total` cases over `orgs`, in turn; prints ms per search over the last SAMPLE before each checkpoint. */
function run(make: () => Policy, orgs: string[], total: number): string[] {
  const policy = make();
  const made = new Map(orgs.map((o) => [o, [] as string[]]));
  const out: string[] = [];
  let t0 = 0;
  for (let n = 0; n < total; n++) {
    const org = orgs[n % orgs.length]!;
    const ids = made.get(org)!;
    const entry = entryOf(n, org);
    const among = ids.slice(-OPEN).reverse();
    if (CHECKPOINTS.some((c) => c - SAMPLE === n)) t0 = performance.now();
    policy.search(org, entry, among);
    ids.push(entry.caseId);
    if (CHECKPOINTS.includes(n + 1)) out.push(`${((performance.now() - t0) / SAMPLE).toFixed(3)} ms`);
  }
  return out;
}

console.log(
  `bench/duplicate-index: ms per search, ${OPEN} newest open cases as candidates, after ${CHECKPOINTS.join(' / ')} cases triaged`,
);
for (const orgs of [['org'], ['a', 'b', 'c', 'd', 'e']]) {
  for (const make of [oneIndex, perOrganisation]) {
    // Twice: the first round warms the JIT.
    run(make, orgs, CHECKPOINTS.at(-1)!);
    const figures = run(make, orgs, CHECKPOINTS.at(-1)!);
    console.log(`${orgs.length} organisation(s), ${make().name}: ${figures.join(' / ')}`);
  }
}
