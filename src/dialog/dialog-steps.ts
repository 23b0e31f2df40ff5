// The intake steps: what each asks, which buttons it offers and what each answer does to the draft.
// Which step comes next is not decided here but by dialog-flow.ts from what the draft holds.
import { toVietnamDate, addDays, formatVietnameseDate } from '../calendar/local-date.js';
import { CASE_KINDS, type CaseKind } from '../cases/case-vocabulary.js';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_SUBMISSION,
  checkDeclaredAttachment,
} from '../intake/attachment-policy.js';
import { MAX_TEXT_CHARS } from '../intake/submission.schema.js';
import type { Draft, SideStepId, StepId } from './dialog-draft.js';
import { markAnswered, unmarkAnswered } from './dialog-flow.js';
import { isOpenerOnly } from './opener.js';
import type { EditField, MenuChoice } from './dialog-texts.js';
import { VI_TEXTS } from './dialog-texts.vi.js';
import type { StepDef, StepOutcome, StepRegistry, Turn } from './dialog-turn.js';
import { showHotlines, startTracking } from './side-flows.js';
import { startBooking } from './booking-flow.js';
import { cancelDraft, confirmDraft } from './submit-draft.js';
import { EXACT_MATCH, foldText, matchChoice, type ChoiceOption } from './text-match.js';
import { cleanFreeText } from '../core/free-text.js';

const MAX_MB = MAX_ATTACHMENT_BYTES / (1024 * 1024);
const MIN_TEXT_CHARS = 10;
export const PHONE = /^\+?[0-9 .()-]{8,20}$/;
const CITIZEN_KINDS: readonly CaseKind[] = ['report', 'petition', 'complaint', 'denunciation', 'praise'];
const MENU_CHOICES: readonly MenuChoice[] = [
  'report',
  'petition',
  'complaint',
  'denunciation',
  'praise',
  'staff',
  'track',
  'booking',
  'hotline',
];

const nfc = (s: string) => cleanFreeText(s);

function skipOption(turn: Turn, label = turn.t.skipLabel): ChoiceOption {
  return { value: 'skip', label, synonyms: turn.t.skipSynonyms };
}

function isCaseKind(value: string): value is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(value);
}

function menuOptions(turn: Turn): ChoiceOption[] {
  const { t } = turn;
  return [
    ...MENU_CHOICES.map((choice) => ({
      value: choice,
      label: t.menuLabels[choice],
      synonyms: t.menuSynonyms[choice],
    })),
    {
      value: 'feedback',
      label: VI_TEXTS.kindName('feedback'),
      synonyms: t.menuSynonyms.feedback,
      hidden: true,
    },
    {
      value: turn.draft.locale === 'en' ? 'lang:vi' : 'lang:en',
      label: t.switchLanguageLabel,
      synonyms: turn.draft.locale === 'en' ? ['tiếng việt', 'vietnamese'] : ['english', 'tiếng anh'],
    },
  ];
}

/** A new audience makes the answers about who is sending meaningless: ask them again. */
function setAudience(draft: Draft, audience: Draft['audience']): void {
  if (draft.audience === audience) return;
  draft.audience = audience;
  draft.identity = undefined;
  draft.contact = undefined;
  draft.consent = undefined;
  unmarkAnswered(draft, 'staffCode', 'staffMode', 'staffKind', 'contact', 'phone', 'name', 'consent');
}

async function chooseFromMenu(turn: Turn, choice: string): Promise<StepOutcome> {
  const { draft } = turn;
  if (choice === 'track') {
    await startTracking(turn, undefined);
    return 'stay';
  }
  if (choice === 'booking') {
    await startBooking(turn, {});
    return 'stay';
  }
  if (choice === 'hotline') {
    await showHotlines(turn);
    await turn.prompt();
    return 'stay';
  }
  if (choice === 'lang:en' || choice === 'lang:vi') {
    draft.locale = choice === 'lang:en' ? 'en' : 'vi';
    await turn.prompt(turn.t.languageSwitched);
    return 'stay';
  }
  if (choice === 'staff') {
    if (await staffLocked(turn)) {
      await turn.prompt(turn.t.staffCodeLocked);
      return 'stay';
    }
    setAudience(draft, 'staff');
    draft.kind = undefined;
    return 'next';
  }
  if (!isCaseKind(choice)) {
    await turn.prompt(turn.t.notUnderstood);
    return 'stay';
  }
  setAudience(draft, 'citizen');
  draft.kind = choice;
  return 'next';
}

const menu: StepDef = {
  prompt: (turn) => ({ text: turn.t.menuPrompt }),
  options: menuOptions,
  ownTextMatching: true,
  onChoice: chooseFromMenu,
  // People often start by simply telling what happened. A long message is kept as the description
  // (and, if it also says what kind it is — "tôi muốn khiếu nại…" — that choice is taken too).
  async onText(turn, text): Promise<StepOutcome> {
    // Too long to keep: say so, rather than showing the menu again as if nothing had been read (and
    // before matching, whose cost grows with the text).
    if (text.length > MAX_TEXT_CHARS && !turn.draft.text) {
      await turn.prompt(turn.t.describeTooLong(MAX_TEXT_CHARS));
      return 'stay';
    }
    const words = foldText(text).split(' ').filter(Boolean).length;
    const match = matchChoice(text, menuOptions(turn));
    // "Xin chào, tôi muốn phản ánh" is long enough yet says nothing of what happened.
    const long = words >= 6 && text.trim().length >= MIN_TEXT_CHARS && !isOpenerOnly(text);
    if (long && text.length <= MAX_TEXT_CHARS && !turn.draft.text) {
      turn.draft.text = nfc(text);
      turn.draft.answered.push('describe');
      if (match.type === 'match' && isCaseKind(match.value)) return chooseFromMenu(turn, match.value);
      await turn.prompt(turn.t.textKeptAskKind);
      return 'stay';
    }
    if (match.type === 'match') return chooseFromMenu(turn, match.value);
    if (match.type === 'ambiguous') {
      const labels = menuOptions(turn)
        .filter((o) => match.values.includes(o.value))
        .map((o) => o.label);
      await turn.prompt(turn.t.ambiguous(labels));
      return 'stay';
    }
    await turn.prompt();
    return 'stay';
  },
};

const kind: StepDef = {
  prompt: (turn) => ({ text: turn.t.kindPrompt }),
  options: (turn): ChoiceOption[] => [
    ...CITIZEN_KINDS.map((k) => ({
      value: k,
      label: turn.t.menuLabels[k as MenuChoice],
      synonyms: turn.t.menuSynonyms[k as MenuChoice],
    })),
    {
      value: 'feedback',
      label: turn.t.kindName('feedback'),
      synonyms: turn.t.menuSynonyms.feedback,
      hidden: true,
    },
  ],
  onChoice(turn, choice) {
    if (!isCaseKind(choice)) return 'stay';
    turn.draft.kind = choice;
    return 'next';
  },
};

const petition: StepDef = {
  prompt: (turn) => ({
    text: turn.t.petitionInfo(turn.draft.kind === 'denunciation' ? 'denunciation' : 'complaint'),
  }),
  options: (turn) =>
    (['form', 'appointment', 'reception', 'later'] as const).map((o) => ({
      value: o,
      label: turn.t.petitionLabels[o],
    })),
  async onChoice(turn, choice): Promise<StepOutcome> {
    if (choice !== 'form' && choice !== 'appointment' && choice !== 'reception' && choice !== 'later')
      return 'stay';
    turn.draft.petition = choice;
    if (choice === 'reception') {
      const org = turn.draft.organizationCode
        ? await turn.deps.directory.findOrganization(turn.draft.organizationCode)
        : null;
      turn.say(turn.t.receptionDirections(org?.name ?? '', org?.receptionDesk));
    }
    return 'next';
  },
};

const staffCode: StepDef = {
  prompt: (turn) => ({ text: turn.t.staffCodePrompt }),
  async onText(turn, text): Promise<StepOutcome> {
    const { draft, t, options } = turn;
    if (await staffLocked(turn)) return lockStaff(turn);
    const org = await turn.deps.staffAccess.verify(text);
    if (!org) {
      const failures = await turn.deps.drafts.recordStaffCodeFailure(
        turn.env.conversation,
        options.staffCodeLockoutSeconds,
      );
      if (failures >= options.maxStaffCodeAttempts) return lockStaff(turn);
      turn.say(t.staffCodeWrong(options.maxStaffCodeAttempts - failures));
      return 'stay';
    }
    if (draft.organizationCode !== org.organizationCode) {
      draft.organizationCode = org.organizationCode;
      // A unit of another organisation (from an earlier QR code) cannot receive this.
      draft.unit = undefined;
      draft.unitFromLink = false;
      unmarkAnswered(draft, 'unit');
    }
    turn.say(t.staffCodeAccepted(org.organizationName));
    return 'next';
  },
};

async function staffLocked(turn: Turn): Promise<boolean> {
  const failures = await turn.deps.drafts.staffCodeFailures(turn.env.conversation);
  return failures >= turn.options.maxStaffCodeAttempts;
}

async function lockStaff(turn: Turn): Promise<StepOutcome> {
  setAudience(turn.draft, 'citizen');
  unmarkAnswered(turn.draft, 'menu');
  turn.draft.history = [];
  await turn.goTo('menu', { remember: false, header: turn.t.staffCodeLocked });
  return 'stay';
}

const staffMode: StepDef = {
  prompt: (turn) => ({ text: turn.t.staffModePrompt }),
  options: (turn) => [
    { value: 'sealed', label: turn.t.staffModeLabels.sealed, synonyms: ['kín', 'sealed', 'nhận trả lời'] },
    {
      value: 'no_trace',
      label: turn.t.staffModeLabels.no_trace,
      synonyms: ['không dấu vết', 'no trace', 'ẩn danh'],
    },
  ],
  onChoice(turn, choice) {
    if (choice !== 'sealed' && choice !== 'no_trace') return 'stay';
    turn.draft.identity = choice;
    if (choice === 'no_trace') turn.draft.consent = undefined;
    return 'next';
  },
};

const staffKind: StepDef = {
  prompt: (turn) => ({ text: turn.t.staffKindPrompt }),
  columns: 3,
  options: (turn) =>
    (['feedback', 'petition', 'report'] as const).map((k) => ({
      value: k,
      label: turn.t.kindName(k),
      synonyms: turn.t.menuSynonyms[k],
    })),
  onChoice(turn, choice) {
    if (choice !== 'feedback' && choice !== 'petition' && choice !== 'report') return 'stay';
    turn.draft.kind = choice;
    return 'next';
  },
};

function checkDescription(turn: Turn, text: string): string | undefined {
  const value = nfc(text);
  if (value.length < MIN_TEXT_CHARS) return turn.t.describeTooShort;
  if (value.length > MAX_TEXT_CHARS) return turn.t.describeTooLong(MAX_TEXT_CHARS);
  return undefined;
}

/** Stores one file of the draft; says what happened. True when stored. */
export async function receiveFile(
  turn: Turn,
  event: Extract<Turn['env']['event'], { type: 'file' }>,
): Promise<boolean> {
  const { draft, t } = turn;
  const refuse = (reason: Parameters<typeof t.fileRefused>[0]) => {
    turn.say(t.fileRefused(reason, MAX_MB, MAX_ATTACHMENTS_PER_SUBMISSION));
    return false;
  };
  if (draft.attachments.length >= MAX_ATTACHMENTS_PER_SUBMISSION) return refuse('too_many');
  const early = checkDeclaredAttachment(event.file);
  if (early) return refuse(early);
  const stored = await turn.deps.files.store({ submissionId: turn.submissionId, file: event.file });
  if (!stored.ok) return refuse(stored.reason);
  if (!draft.attachments.some((a) => a.id === stored.attachment.id))
    draft.attachments.push(stored.attachment);
  turn.say(t.fileStored(stored.attachment.fileName, stored.attachment.sizeBytes, draft.attachments.length));
  return true;
}

/**
 * A photo's caption is the person's words: it joins the description (or starts it, when nothing was
 * written yet). Once the description is long enough, the describe step counts as answered.
 */
export function keepCaption(turn: Turn, caption: string | undefined): boolean {
  const value = caption ? nfc(caption) : '';
  const { draft } = turn;
  // "Xin chào" under the first photo is not the start of the description.
  if (!value || (!draft.text && isOpenerOnly(value))) return false;
  const joined = draft.text ? nfc(`${draft.text}\n${value}`) : value;
  if (joined.length > MAX_TEXT_CHARS) {
    turn.say(turn.t.describeTooLong(MAX_TEXT_CHARS));
    return false;
  }
  draft.text = joined;
  if (!checkDescription(turn, joined) && !isOpenerOnly(joined)) markAnswered(draft, 'describe');
  return true;
}

const describe: StepDef = {
  prompt: (turn) => ({ text: turn.t.describePrompt(turn.draft.kind, turn.draft.audience) }),
  async onText(turn, text): Promise<StepOutcome> {
    if (isOpenerOnly(text)) {
      await turn.prompt();
      return 'stay';
    }
    // A short caption sent before this question was asked stays in front of the answer.
    const { draft } = turn;
    const value = draft.text && !draft.answered.includes('describe') ? `${draft.text}\n${text}` : text;
    const problem = checkDescription(turn, value);
    if (problem) {
      turn.say(problem);
      return 'stay';
    }
    draft.text = nfc(value);
    return 'next';
  },
  async onFile(turn, event): Promise<StepOutcome> {
    await receiveFile(turn, event);
    keepCaption(turn, event.caption);
    if (turn.draft.answered.includes('describe')) return 'next';
    await turn.prompt();
    return 'stay';
  },
};

const attach: StepDef = {
  prompt: (turn) => ({
    text: turn.t.attachPrompt(turn.draft.attachments.length, MAX_ATTACHMENTS_PER_SUBMISSION, MAX_MB),
  }),
  columns: 2,
  options: (turn) => {
    const { t } = turn;
    const some = turn.draft.attachments.length > 0;
    const doneWords = ['xong', 'hết', 'đủ rồi', 'done', 'ok', 'tiếp'];
    const noneWords = ['không có', 'không', 'không có tệp', 'bỏ qua', 'no', 'skip', 'none'];
    return [
      { value: 'done', label: t.attachLabels.done, synonyms: doneWords, hidden: !some },
      { value: 'none', label: t.attachLabels.none, synonyms: noneWords, hidden: some },
      { value: 'clear', label: t.attachLabels.clear, hidden: !some },
    ];
  },
  async onChoice(turn, choice): Promise<StepOutcome> {
    if (choice === 'clear') {
      await turn.deps.files.discard(turn.submissionId);
      turn.draft.attachments = [];
      await turn.prompt(turn.t.attachmentsCleared);
      return 'stay';
    }
    return choice === 'done' || choice === 'none' ? 'next' : 'stay';
  },
  // More words at this step belong to the description, not to a button.
  async onText(turn, text): Promise<StepOutcome> {
    const { draft, t } = turn;
    const joined = nfc(`${draft.text ?? ''}\n${text}`);
    if (joined.length > MAX_TEXT_CHARS) {
      turn.say(t.describeTooLong(MAX_TEXT_CHARS));
      return 'stay';
    }
    draft.text = joined;
    await turn.prompt(t.describeAppended);
    return 'stay';
  },
  async onFile(turn, event): Promise<StepOutcome> {
    await receiveFile(turn, event);
    // One short line with the buttons: an album of ten photos must not become ten long prompts.
    const lines = [turn.out.pop()!.text];
    if (keepCaption(turn, event.caption)) lines.push(turn.t.describeAppended);
    await turn.prompt();
    const prompt = turn.out.pop()!;
    turn.out.push({ ...prompt, text: lines.join(' ') });
    return 'stay';
  },
};

const organization: StepDef = {
  prompt: (turn) => ({ text: turn.t.organizationPrompt }),
  options: async (turn) =>
    (await turn.deps.directory.listOrganizations()).map((o) => ({ value: o.code, label: o.name })),
  onChoice(turn, choice) {
    turn.draft.organizationCode = choice;
    return 'next';
  },
};

const unit: StepDef = {
  prompt: async (turn) => {
    const code = turn.draft.organizationCode;
    const org = code ? await turn.deps.directory.findOrganization(code) : null;
    return { text: turn.t.unitPrompt(org?.name) };
  },
  columns: 2,
  options: async (turn) => {
    const code = turn.draft.organizationCode;
    const units = code ? await turn.deps.directory.listUnits(code) : [];
    // Officers read the Vietnamese name (it is what the case keeps); an English speaker reads both,
    // and either is understood when typed.
    const english = turn.draft.locale === 'en';
    return [
      ...units.map((u) => ({
        value: u.code,
        label: english && u.nameEn ? `${u.nameEn} · ${u.name}` : u.name,
        ...(u.nameEn ? { synonyms: [u.nameEn, u.name] } : {}),
      })),
      skipOption(turn, turn.t.unitSkipLabel),
    ];
  },
  unmatched: (turn) => turn.t.unitNotFound,
  async onChoice(turn, choice): Promise<StepOutcome> {
    if (choice === 'skip') {
      turn.draft.unit = undefined;
      return 'next';
    }
    const code = turn.draft.organizationCode;
    const found = code
      ? (await turn.deps.directory.listUnits(code)).find((u) => u.code === choice)
      : undefined;
    if (!found) {
      await turn.prompt(turn.t.unitNotFound);
      return 'stay';
    }
    turn.draft.unit = { code: found.code, name: found.name };
    turn.draft.unitFromLink = false;
    return 'next';
  },
};

function freeText(turn: Turn, text: string, max: number, set: (value: string) => void): StepOutcome {
  const value = nfc(text);
  if (value.length > max) {
    turn.say(turn.t.tooLong(max));
    return 'stay';
  }
  set(value);
  return 'next';
}

const when: StepDef = {
  prompt: (turn) => ({ text: turn.t.whenPrompt }),
  columns: 3,
  options: (turn) => [
    { value: 'today', label: turn.t.whenLabels.today, synonyms: ['hôm nay', 'today', 'nay'] },
    { value: 'yesterday', label: turn.t.whenLabels.yesterday, synonyms: ['hôm qua', 'yesterday', 'qua'] },
    skipOption(turn),
  ],
  onChoice(turn, choice) {
    const today = toVietnamDate(turn.now);
    if (choice === 'today') turn.draft.occurredAt = formatVietnameseDate(today);
    else if (choice === 'yesterday') turn.draft.occurredAt = formatVietnameseDate(addDays(today, -1));
    else turn.draft.occurredAt = undefined;
    return 'next';
  },
  onText: (turn, text) => freeText(turn, text, 100, (v) => (turn.draft.occurredAt = v)),
};

const where: StepDef = {
  prompt: (turn) => ({ text: turn.t.wherePrompt }),
  options: (turn) => [skipOption(turn)],
  onChoice(turn) {
    turn.draft.place = undefined;
    return 'next';
  },
  onText: (turn, text) => freeText(turn, text, 300, (v) => (turn.draft.place = v)),
  onLocation(turn, latitude, longitude) {
    // Officers read Vietnamese: the stored place is written in Vietnamese whatever the chat language.
    turn.draft.place = VI_TEXTS.locationText(latitude, longitude);
    return 'next';
  },
};

const involved: StepDef = {
  prompt: (turn) => ({ text: turn.t.involvedPrompt(turn.draft.kind, turn.draft.audience) }),
  options: (turn) => [skipOption(turn, turn.t.involvedSkipLabel(turn.draft.kind))],
  onChoice(turn) {
    turn.draft.involved = undefined;
    return 'next';
  },
  onText: (turn, text) => freeText(turn, text, 300, (v) => (turn.draft.involved = v)),
};

function takeSharedContact(turn: Turn, phone: string, name: string | undefined): void {
  const { draft } = turn;
  draft.identity = 'named';
  draft.contact = { ...draft.contact, phone: nfc(phone), ...(name ? { name: nfc(name).slice(0, 120) } : {}) };
  if (!draft.answered.includes('phone')) draft.answered.push('phone');
  if (name && !draft.answered.includes('name')) draft.answered.push('name');
}

const contact: StepDef = {
  prompt: (turn) => ({ text: turn.t.contactPrompt(turn.draft.kind) }),
  options: (turn) => [
    { value: 'named', label: turn.t.contactLabels.named, synonyms: ['số điện thoại', 'có tên', 'phone'] },
    { value: 'sealed', label: turn.t.contactLabels.sealed, synonyms: ['trả lời tại đây', 'qua đây', 'here'] },
    {
      value: 'anonymous',
      label: turn.t.contactLabels.anonymous,
      synonyms: ['ẩn danh', 'giấu tên', 'anonymous'],
    },
  ],
  onChoice(turn, choice) {
    const { draft } = turn;
    if (choice !== 'named' && choice !== 'sealed' && choice !== 'anonymous') return 'stay';
    if (choice !== draft.identity) unmarkAnswered(draft, 'phone', 'name', 'consent');
    draft.identity = choice;
    if (choice !== 'named') draft.contact = undefined;
    if (choice === 'anonymous') draft.consent = undefined;
    return 'next';
  },
  onContact(turn, phone, name) {
    unmarkAnswered(turn.draft, 'consent');
    takeSharedContact(turn, phone, name);
    return 'next';
  },
};

const phone: StepDef = {
  prompt: (turn) => ({ text: turn.t.phonePrompt, requestContact: true }),
  onText(turn, text) {
    if (!PHONE.test(text.trim())) {
      turn.say(turn.t.phoneInvalid, { requestContact: true });
      return 'stay';
    }
    turn.draft.contact = { ...turn.draft.contact, phone: text.trim() };
    return 'next';
  },
  onContact(turn, phoneNumber, name) {
    takeSharedContact(turn, phoneNumber, name);
    return 'next';
  },
};

const name: StepDef = {
  prompt: (turn) => ({ text: turn.t.namePrompt }),
  options: (turn) => [skipOption(turn)],
  onChoice(turn) {
    if (turn.draft.contact) delete turn.draft.contact.name;
    return 'next';
  },
  onText: (turn, text) =>
    freeText(turn, text, 120, (v) => (turn.draft.contact = { ...turn.draft.contact, name: v })),
};

const consent: StepDef = {
  prompt: async (turn) => {
    const code = turn.draft.organizationCode;
    const org = code ? await turn.deps.directory.findOrganization(code) : null;
    return { text: turn.t.consentPrompt(turn.draft.identity ?? 'named', org?.name) };
  },
  columns: 1,
  options: (turn) => [
    {
      value: 'agree',
      label: turn.t.consentLabels.agree,
      synonyms: ['đồng ý', 'có', 'ok', 'yes', 'agree', 'dong y'],
    },
    {
      value: 'decline',
      label: turn.t.consentLabels.decline,
      synonyms: ['không đồng ý', 'không', 'no', 'ko', 'disagree'],
    },
  ],
  onChoice(turn, choice) {
    const { draft } = turn;
    if (choice === 'agree') {
      draft.consent = true;
      return 'next';
    }
    if (choice !== 'decline') return 'stay';
    // Without consent nothing that reaches the person may be kept: the most private mode instead.
    draft.consent = false;
    draft.identity = draft.audience === 'staff' ? 'no_trace' : 'anonymous';
    draft.contact = undefined;
    turn.say(turn.t.consentDeclined(draft.audience));
    return 'next';
  },
};

const summary: StepDef = {
  prompt: async (turn) => {
    const { draft, t } = turn;
    const org = draft.organizationCode
      ? await turn.deps.directory.findOrganization(draft.organizationCode)
      : null;
    return {
      text: t.summaryPrompt({
        kind: draft.kind ? t.kindName(draft.kind) : '',
        text: draft.text ?? '',
        attachments: draft.attachments.length,
        unit: draft.unit?.name,
        organization: org?.name,
        occurredAt: draft.occurredAt,
        place: draft.place,
        involved: draft.involved,
        identity: draft.identity,
        contact: draft.contact,
        petition: draft.petition,
        audience: draft.audience,
        praise: draft.kind === 'praise',
      }),
    };
  },
  columns: 3,
  options: (turn) => [
    {
      value: 'confirm',
      label: turn.t.summaryLabels.confirm,
      synonyms: ['gửi', 'gửi đi', 'xác nhận', 'đồng ý', 'ok', 'send', 'confirm'],
    },
    { value: 'edit', label: turn.t.summaryLabels.edit, synonyms: ['sửa', 'sửa lại', 'chỉnh', 'edit'] },
    { value: 'cancel', label: turn.t.summaryLabels.cancel, synonyms: ['hủy', 'hủy bỏ', 'cancel'] },
  ],
  async onChoice(turn, choice): Promise<StepOutcome> {
    if (choice === 'confirm') await confirmDraft(turn);
    else if (choice === 'edit') await turn.goTo('edit');
    else if (choice === 'cancel') await cancelDraft(turn);
    return 'stay';
  },
};

const EDIT_STEPS: Readonly<Record<EditField, { step: StepId; reask: StepId[] }>> = {
  kind: { step: 'kind', reask: ['kind'] },
  staffKind: { step: 'staffKind', reask: ['staffKind'] },
  staffMode: { step: 'staffMode', reask: ['staffMode', 'consent'] },
  describe: { step: 'describe', reask: ['describe'] },
  attach: { step: 'attach', reask: ['attach'] },
  unit: { step: 'unit', reask: ['unit'] },
  when: { step: 'when', reask: ['when'] },
  where: { step: 'where', reask: ['where'] },
  involved: { step: 'involved', reask: ['involved'] },
  contact: { step: 'contact', reask: ['contact', 'phone', 'name', 'consent'] },
};

function editFields(draft: Draft): EditField[] {
  const praise = draft.kind === 'praise';
  return draft.audience === 'staff'
    ? ['staffKind', 'staffMode', 'describe', 'attach', 'unit', 'when', 'where', 'involved']
    : [
        'kind',
        'describe',
        'attach',
        'unit',
        ...(praise ? [] : (['when', 'where'] as const)),
        'involved',
        'contact',
      ];
}

const edit: StepDef = {
  prompt: (turn) => ({ text: turn.t.editPrompt }),
  columns: 2,
  options: (turn) => [
    ...editFields(turn.draft).map((f) => ({ value: f, label: turn.t.editLabels[f] })),
    { value: 'back', label: turn.t.editLabels.back, synonyms: ['quay lại', 'back', 'tóm tắt'] },
  ],
  async onChoice(turn, choice): Promise<StepOutcome> {
    if (choice === 'back') {
      await turn.goTo('summary');
      return 'stay';
    }
    const target = EDIT_STEPS[choice as EditField];
    if (!target) return 'stay';
    unmarkAnswered(turn.draft, ...target.reask);
    await turn.goTo(target.step);
    return 'stay';
  },
};

export const INTAKE_STEPS: Omit<StepRegistry, SideStepId> = {
  menu,
  kind,
  petition,
  staffCode,
  staffMode,
  staffKind,
  describe,
  attach,
  organization,
  unit,
  when,
  where,
  involved,
  contact,
  phone,
  name,
  consent,
  summary,
  edit,
};

/** Free text at a step with buttons is taken as a button only when it says exactly that. */
export const FREE_TEXT_MATCH_THRESHOLD = EXACT_MATCH;
