// What the intake worker's triage costs per new case, in this process's CPU: the classifier heads
// and the duplicate search of `suggestTriage`, with 2,000 open cases to compare with, as the
// worker holds them (decision 0094), and the triage text redacted as the worker reads it.
// Two workloads: the corpus's texts in turn (few cases alike) and one text sent again and again
// (bench:intake's burst, or a hundred people writing about one incident: every open case matches).
//   npx tsx bench/triage-suggest.ts [--cases 3000] [--rounds 3]
import { parseArgs } from 'node:util';
import { triageText } from '../src/triage/suggest-case-triage.js';
import { readCorpus, splitCorpus } from '../src/triage/triage-corpus.js';
import {
  DEFAULT_TRIAGE_SETTINGS,
  DuplicateIndex,
  suggestTriage,
  trainTriageModel,
} from '../src/triage/triage-model.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '3' } },
});
const CASES = Number(values.cases);
const ROUNDS = Number(values.rounds);
const OPEN = 2000;
const corpus = readCorpus();
const model = trainTriageModel(splitCorpus(corpus).training, new Date());
const ONE_TEXT =
  'Thời gian chờ lấy thuốc tại Khoa Dược quá lâu, đề nghị bố trí thêm quầy phát thuốc vào giờ cao điểm.';

/** CPU µs per case over the last half of `CASES` cases, each compared with the newest OPEN before it. */
function run(textOf: (n: number) => string): { cpuUs: number; duplicates: number } {
  const index = new DuplicateIndex();
  const ids: string[] = [];
  let duplicates = 0;
  let cpu = 0;
  for (let n = 0; n < CASES; n++) {
    const id = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    // As the database hands them: fresh strings, newest first.
    const among = ids.slice(-OPEN).reverse().join(',').split(',').filter(Boolean);
    const before = process.cpuUsage();
    // The worker finds the open cases in its index once, and those it lacks (duplicateIndexOf): none here.
    const candidates = index.slotsOf(among);
    if (candidates.includes(-1)) throw new Error('an open case not in the index');
    const s = suggestTriage(
      model,
      triageText({ description: textOf(n), place: null }),
      index,
      DEFAULT_TRIAGE_SETTINGS,
      candidates,
    );
    const used = process.cpuUsage(before);
    if (n >= CASES / 2) {
      cpu += used.user + used.system;
      duplicates += s.duplicates.length;
    }
    index.add({ caseId: id, code: `C-${n}`, weights: s.weights });
    if (index.size > 2 * OPEN + 100) index.retainOnly(ids.slice(-OPEN));
    ids.push(id);
  }
  return { cpuUs: cpu / (CASES / 2), duplicates: duplicates / (CASES / 2) };
}

console.log(
  `bench/triage-suggest: ${CASES} cases, each compared with up to ${OPEN} open; CPU per case over the last ${CASES / 2}`,
);
for (let r = 1; r <= ROUNDS; r++) {
  const varied = run((n) => corpus[n % corpus.length]!.text);
  const same = run(() => ONE_TEXT);
  console.log(
    `round ${r}: corpus texts ${varied.cpuUs.toFixed(0)} µs (${varied.duplicates.toFixed(2)} duplicates shown per case); ` +
      `one text ${same.cpuUs.toFixed(0)} µs (${same.duplicates.toFixed(2)})`,
  );
}
