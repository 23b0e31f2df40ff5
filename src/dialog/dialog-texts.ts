// Every sentence the dialog says, by language. Vietnamese is written first (dialog-texts.vi.ts) and
// English follows it (dialog-texts.en.ts); both implement this interface, so a missing sentence is
// a type error, not a blank message.
import type { LocalDate } from '../calendar/local-date.js';
import type { CaseKind, CaseStatus } from '../cases/case-vocabulary.js';
import type { AttachmentRefusal } from '../intake/attachment-policy.js';
import type { FollowUpRefusal, TrackedCase } from './dialog-deps.js';
import type { IdentityMode, PetitionDocumentOption } from './dialog-draft.js';
import type { Locale, Outbound } from './dialog-types.js';
import type {
  BookingChangeRefusal,
  BookingView,
  FreeSlot,
  ReceptionOffer,
} from '../reception/reception-booking-types.js';

export type MenuChoice =
  'report' | 'petition' | 'complaint' | 'denunciation' | 'praise' | 'staff' | 'track' | 'booking' | 'hotline';

/** What the booking side flow says (citizen reception, src/reception). */
export interface ReceptionTexts {
  /** One line per occurrence on its button; `full` marks one with no place left. */
  offerLabel(offer: ReceptionOffer): string;
  sessionPrompt(caseCode: string | undefined): string;
  noSessions(hotline: string | undefined): string;
  slotPrompt(offer: ReceptionOffer): string;
  full(next: FreeSlot | null): string;
  nextFreeLabel(next: FreeSlot): string;
  gone: string;
  limit(max: number): string;
  namePrompt: string;
  phonePrompt: string;
  consentPrompt(organization: string | undefined): string;
  declined: string;
  confirmed(booking: BookingView): string;
  moved(booking: BookingView): string;
  cancelLabel: string;
  moveLabel: string;
  cancelConfirmPrompt(booking: BookingView): string;
  cancelYesLabel: string;
  cancelled(booking: BookingView): string;
  refused(reason: BookingChangeRefusal): string;
  mine(bookings: BookingView[]): string;
  meetAboutCase: string;
  sessionCancelled(reference: string, date: LocalDate, slot: string, receiver: string): string;
  bookFromCaseLabel: string;
  caseNotLinked(code: string): string;
  reminder(booking: BookingView): Outbound;
}

export interface SummaryFields {
  kind: string;
  text: string;
  attachments: number;
  unit: string | undefined;
  organization: string | undefined;
  occurredAt: string | undefined;
  place: string | undefined;
  involved: string | undefined;
  identity: IdentityMode | undefined;
  contact: { name?: string | undefined; phone?: string | undefined } | undefined;
  petition: PetitionDocumentOption | undefined;
  audience: 'citizen' | 'staff';
  praise: boolean;
}

export interface ReceiptFields {
  code: string;
  kind: CaseKind;
  audience: 'citizen' | 'staff';
  unit: string | null;
  organization: string;
  dueOn: LocalDate | null;
  identity: IdentityMode;
  followUpSecret: string | undefined;
  petition: PetitionDocumentOption | undefined;
}

export interface HotlineEntry {
  name: string;
  numbers: string[];
}

export type EditField =
  | 'kind'
  | 'staffKind'
  | 'staffMode'
  | 'describe'
  | 'attach'
  | 'unit'
  | 'when'
  | 'where'
  | 'involved'
  | 'contact';

export interface DialogTexts {
  locale: Locale;
  kindName(kind: CaseKind): string;
  statusName(status: CaseStatus): string;
  formatDate(date: LocalDate): string;

  welcome(place: { unit?: string | undefined; organization?: string | undefined }): string;
  menuPrompt: string;
  menuLabels: Record<MenuChoice, string>;
  /** Words people type for each menu choice, besides the label (without diacritics is fine). */
  menuSynonyms: Record<MenuChoice | 'feedback', readonly string[]>;
  switchLanguageLabel: string;
  kindPrompt: string;
  textKeptAskKind: string;
  notUnderstood: string;
  ambiguous(labels: string[]): string;
  staleButton: string;
  unitFromLink(unit: string, organization: string): string;
  unknownUnitLink: string;
  resumePrompt: string;
  continueLabel: string;
  restartLabel: string;

  petitionInfo(kind: 'complaint' | 'denunciation'): string;
  petitionLabels: Record<PetitionDocumentOption, string>;
  receptionDirections(organization: string, desk: string | undefined): string;

  staffCodePrompt: string;
  staffCodeWrong(remaining: number): string;
  staffCodeLocked: string;
  staffCodeAccepted(organization: string): string;
  staffModePrompt: string;
  staffModeLabels: { sealed: string; no_trace: string };
  staffKindPrompt: string;

  describePrompt(kind: CaseKind | undefined, audience: 'citizen' | 'staff'): string;
  describeTooShort: string;
  describeTooLong(max: number): string;
  describeAppended: string;

  attachPrompt(count: number, max: number, maxMb: number): string;
  attachLabels: { done: string; none: string; clear: string };
  fileStored(name: string, sizeBytes: number, count: number): string;
  fileRefused(reason: AttachmentRefusal | 'too_many', maxMb: number, max: number): string;
  attachmentsCleared: string;
  fileNotHere: string;
  stickerReceived: string;
  locationNotHere: string;

  organizationPrompt: string;
  unitPrompt(organization: string | undefined): string;
  unitSkipLabel: string;
  unitNotFound: string;

  whenPrompt: string;
  whenLabels: { today: string; yesterday: string };
  wherePrompt: string;
  locationText(latitude: number, longitude: number): string;
  involvedPrompt(kind: CaseKind | undefined, audience: 'citizen' | 'staff'): string;
  involvedSkipLabel(kind: CaseKind | undefined): string;
  skipLabel: string;
  skipSynonyms: readonly string[];
  tooLong(max: number): string;

  contactPrompt(kind: CaseKind | undefined): string;
  contactLabels: { named: string; sealed: string; anonymous: string };
  /** With a share button (Telegram). */
  phonePrompt: string;
  /** Where there is no share button (Zalo, web chat): type the number. */
  phoneInvalid: string;
  namePrompt: string;
  consentPrompt(identity: IdentityMode, organization: string | undefined): string;
  consentLabels: { agree: string; decline: string };
  consentDeclined(audience: 'citizen' | 'staff'): string;

  summaryPrompt(fields: SummaryFields): string;
  summaryLabels: { confirm: string; edit: string; cancel: string };
  editPrompt: string;
  editLabels: Record<EditField, string> & { back: string };
  missingText: string;

  receipt(fields: ReceiptFields): string;
  submitFailed(reason: string | undefined): string;
  alreadySubmitted(code: string): string;
  nothingToConfirm: string;

  cancelled: string;
  nothingToCancel: string;
  backAtStart: string;
  help: string;
  unknownCommand: string;
  languageSwitched: string;
  hotlines(entries: HotlineEntry[]): string;

  trackCodePrompt: string;
  trackCodeError(reason: 'malformed' | 'checksum'): string;
  trackNotFound(code: string): string;
  trackStatus(view: TrackedCase): string;
  trackSecretPrompt: string;
  trackSecretWrong(remaining: number): string;
  trackSecretLocked: string;
  trackPending(code: string): string;

  satisfactionQuestion(code: string): string;
  satisfactionLabels: Record<1 | 2 | 3 | 4 | 5, string>;
  satisfactionRecorded(score: number, canReopen: boolean): string;
  satisfactionCommentThanks: string;
  followUpRefused(reason: FollowUpRefusal): string;
  reopenLabel: string;
  reopenPrompt: string;
  reopenDone(code: string): string;

  reminder: string;
  reception: ReceptionTexts;
  backToDraft: string;
}
