// The officers' staff-question commands, parsed (their entries are STAFF_QA_COMMANDS in
// officer-command-registry.ts). Pure.
import { parseUserDate, type LocalDate } from '../calendar/local-date.js';
import { parseGroupNumber, parseQuestionRef } from '../staff-questions/staff-qa-rules.js';
import { head, ok, type Parsed, type UsageFail } from './officer-command-args.js';

export type StaffQaRequest =
  | { type: 'qa_open'; opensOn: LocalDate; closesOn: LocalDate; topic: string }
  | { type: 'qa_list'; collection?: number }
  | { type: 'qa_group'; into?: number; refs: string[]; wording?: string }
  | { type: 'qa_assign'; group: number; leaderName: string }
  | { type: 'qa_answer'; group: number; answer: string }
  | { type: 'qa_publish'; collection?: number };

function date(text: string): LocalDate | undefined {
  try {
    return parseUserDate(text);
  } catch {
    return undefined;
  }
}

export function parseQaOpen(args: string, fail: UsageFail): Parsed<StaffQaRequest> {
  const [from, rest] = head(args);
  const [to, topic] = head(rest);
  const opensOn = date(from);
  const closesOn = date(to);
  if (!from || !to || !topic) return fail();
  if (!opensOn || !closesOn) return fail(`Ngày không hợp lệ: "${!opensOn ? from : to}".`);
  return ok({ type: 'qa_open', opensOn, closesOn, topic });
}

/** An optional collection number (`/hoids`, `/hoids 2`). */
export function parseCollectionArg(type: 'qa_list' | 'qa_publish') {
  return (args: string, fail: UsageFail): Parsed<StaffQaRequest> => {
    const [word, extra] = head(args);
    if (!word) return ok({ type });
    if (extra || !/^\d{1,4}$/.test(word)) return fail();
    return ok({ type, collection: Number(word) });
  };
}

export function parseQaGroup(args: string, fail: UsageFail): Parsed<StaffQaRequest> {
  const bar = args.indexOf('|');
  const list = (bar >= 0 ? args.slice(0, bar) : args).split(/[\s,]+/).filter(Boolean);
  const wording = bar >= 0 ? args.slice(bar + 1).trim() : undefined;
  let into: number | undefined;
  const refs: string[] = [];
  for (const word of list) {
    if (/^n\d+$/i.test(word) && into === undefined) {
      into = parseGroupNumber(word);
      continue;
    }
    const ref = parseQuestionRef(word);
    if (!ref) return fail(`"${word}" không phải mã câu hỏi (CH-XXXX) hay số nhóm (N1).`);
    refs.push(ref);
  }
  if (!refs.length && !(into !== undefined && wording)) return fail();
  return ok({
    type: 'qa_group',
    refs,
    ...(into !== undefined ? { into } : {}),
    ...(wording ? { wording } : {}),
  });
}

export function parseQaAssign(args: string, fail: UsageFail): Parsed<StaffQaRequest> {
  const [first, leaderName] = head(args);
  const group = parseGroupNumber(first);
  if (group === undefined || !leaderName) return fail();
  return ok({ type: 'qa_assign', group, leaderName });
}

export function parseQaAnswer(args: string, fail: UsageFail): Parsed<StaffQaRequest> {
  const [first, answer] = head(args);
  const group = parseGroupNumber(first);
  if (group === undefined || !answer) return fail();
  return ok({ type: 'qa_answer', group, answer });
}
