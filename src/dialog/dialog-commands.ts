// Commands, and button values that work at any step. Vietnamese names without diacritics first
// (/huy, /quaylai, /tracuu), English aliases beside them.
import type { Label } from '../cases/case-vocabulary.js';
import { hasIntakeContent } from './dialog-draft.js';
import { isIntakeStep, previousStep } from './dialog-flow.js';
import { parseStartPayload } from './deep-link.js';
import { parseSatisfactionValue } from './satisfaction-question.js';
import type { Turn } from './dialog-turn.js';
import { answerSatisfaction, askReopenReason, showHotlines, startTracking } from './side-flows.js';
import { cancelDraft } from './submit-draft.js';
import { startStaffQuestion } from './staff-question-flow.js';
import { runBookingChoice, showMyBookings, startBookingForCase } from './booking-flow.js';

const ALIASES: Readonly<Record<string, string>> = {
  cancel: 'huy',
  back: 'quaylai',
  track: 'tracuu',
  trogiup: 'help',
  english: 'en',
  tiengviet: 'vi',
  vietnamese: 'vi',
  duongdaynong: 'hotline',
  question: 'cauhoi',
  book: 'datlich',
  gaptructiep: 'datlich',
  hengap: 'datlich',
  mybookings: 'lichhen',
  movebooking: 'doilich',
  cancelbooking: 'huylich',
};

/**
 * The citizen commands offered in the messenger's command menu: the Vietnamese name for the
 * Vietnamese menu, the English alias for the English one (both work in either language).
 */
export const CITIZEN_MENU: readonly { vi: string; en: string; description: Label }[] = [
  {
    vi: 'start',
    en: 'start',
    description: { vi: 'Gửi ý kiến, phản ánh', en: 'Send feedback or a complaint' },
  },
  { vi: 'tracuu', en: 'track', description: { vi: 'Tra cứu hồ sơ bằng mã', en: 'Track a case by its code' } },
  { vi: 'quaylai', en: 'back', description: { vi: 'Quay lại bước trước', en: 'Go back one step' } },
  { vi: 'huy', en: 'cancel', description: { vi: 'Hủy ý kiến đang soạn', en: 'Cancel the draft' } },
  {
    vi: 'datlich',
    en: 'book',
    description: { vi: 'Đặt lịch gặp trực tiếp (tiếp công dân)', en: 'Book an in-person meeting' },
  },
  { vi: 'lichhen', en: 'mybookings', description: { vi: 'Lịch hẹn của tôi', en: 'My bookings' } },
  { vi: 'duongdaynong', en: 'hotline', description: { vi: 'Số đường dây nóng', en: 'Hotline numbers' } },
  {
    vi: 'cauhoi',
    en: 'question',
    description: { vi: 'Viên chức đặt câu hỏi cho hội nghị', en: 'Staff: ask a question for the conference' },
  },
  { vi: 'trogiup', en: 'help', description: { vi: 'Các lệnh', en: 'The commands' } },
  // Each language's menu offers the other language, in that language's own words.
  { vi: 'english', en: 'tiengviet', description: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' } },
];

export async function runCommand(turn: Turn, rawName: string, args: string): Promise<void> {
  const command = ALIASES[rawName] ?? rawName;
  switch (command) {
    case 'start':
      return start(turn, args);
    case 'huy':
      return cancel(turn);
    case 'quaylai':
      return back(turn);
    case 'tracuu':
      return startTracking(turn, args);
    case 'menu':
      turn.draft.step = 'menu';
      return turn.prompt();
    case 'help':
      turn.say(turn.t.help);
      return;
    case 'en':
    case 'vi':
      turn.draft.locale = command;
      return turn.prompt(turn.t.languageSwitched);
    case 'hotline':
      return showHotlines(turn);
    case 'cauhoi':
      return startStaffQuestion(turn, args);
    case 'datlich':
      return startBookingForCase(turn, args);
    case 'lichhen':
      return showMyBookings(turn);
    // With the reference from the confirmation: the same as its buttons.
    case 'doilich':
    case 'huylich': {
      const reference = args.trim().toUpperCase();
      if (!/^LH-[2-9A-Z]{6}$/.test(reference)) return showMyBookings(turn);
      await runBookingChoice(turn, `${command === 'doilich' ? 'bkm' : 'bkc'}:${reference}`);
      return;
    }
    default:
      turn.say(turn.t.unknownCommand);
  }
}

async function start(turn: Turn, args: string): Promise<void> {
  const payload = parseStartPayload(args);
  if (payload.type === 'track') return startTracking(turn, payload.code);
  const { deps } = turn;
  const inProgress = hasIntakeContent(turn.draft) && isIntakeStep(turn.draft.step);

  if (payload.type === 'unit') {
    const unit = await deps.directory.findUnit(payload.unitCode);
    if (!inProgress) turn.resetDraft({ lastSubmission: turn.draft.lastSubmission });
    const { draft, t } = turn;
    // Staff feedback stays within the organisation whose access code was given.
    const fits =
      unit &&
      !(
        draft.audience === 'staff' &&
        draft.organizationCode &&
        draft.organizationCode !== unit.organizationCode
      );
    if (unit && fits) {
      draft.organizationCode = unit.organizationCode;
      draft.unit = { code: unit.code, name: unit.name };
      draft.unitFromLink = true;
      if (!draft.answered.includes('unit')) draft.answered.push('unit');
    }
    const intro = unit && fits ? t.unitFromLink(unit.name, unit.organizationName) : t.unknownUnitLink;
    if (inProgress) return turn.prompt(intro);
    return turn.prompt(
      unit && fits
        ? t.welcome({ unit: unit.name, organization: unit.organizationName })
        : `${intro}\n\n${t.welcome({})}`,
    );
  }

  if (inProgress) {
    turn.say(turn.t.resumePrompt, {
      buttons: [
        [
          { label: turn.t.continueLabel, value: 'resume' },
          { label: turn.t.restartLabel, value: 'restart' },
        ],
      ],
    });
    return;
  }
  turn.resetDraft({ lastSubmission: turn.draft.lastSubmission });
  const code = turn.draft.organizationCode;
  const org = code ? await deps.directory.findOrganization(code) : null;
  return turn.prompt(turn.t.welcome({ organization: org?.name }));
}

async function cancel(turn: Turn): Promise<void> {
  if (!isIntakeStep(turn.draft.step)) return turn.endSideFlow();
  if (!hasIntakeContent(turn.draft) && !turn.draft.attachments.length) {
    turn.say(turn.t.nothingToCancel);
    turn.draft.step = 'menu';
    return turn.prompt();
  }
  return cancelDraft(turn);
}

async function back(turn: Turn): Promise<void> {
  const { draft } = turn;
  if (!isIntakeStep(draft.step)) return turn.endSideFlow();
  const previous = previousStep(draft);
  if (!previous) return turn.prompt(turn.t.backAtStart);
  // The steps passed stay answered: once this one is answered again, the flow resumes where the
  // person was instead of asking everything in between a second time.
  draft.step = previous;
  return turn.prompt();
}

/** Button values that are not tied to a step. Returns false when the value is not one of them. */
export async function runGlobalChoice(turn: Turn, value: string): Promise<boolean> {
  const satisfaction = parseSatisfactionValue(value);
  if (satisfaction) {
    await answerSatisfaction(turn, satisfaction.code, satisfaction.score);
    return true;
  }
  if (value.startsWith('reopen:')) {
    await askReopenReason(turn, value.slice('reopen:'.length));
    return true;
  }
  if (await runBookingChoice(turn, value)) return true;
  if (value === 'resume') {
    await turn.prompt(turn.t.backToDraft);
    return true;
  }
  if (value === 'restart') {
    if (turn.draft.attachments.length) await turn.deps.files.discard(turn.submissionId);
    turn.resetDraft({ lastSubmission: turn.draft.lastSubmission });
    await turn.prompt();
    return true;
  }
  if (value === 'lang:en' || value === 'lang:vi') {
    turn.draft.locale = value === 'lang:en' ? 'en' : 'vi';
    await turn.prompt(turn.t.languageSwitched);
    return true;
  }
  return false;
}
