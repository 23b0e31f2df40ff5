// In-memory stand-ins for everything the dialog needs, so that it can be exercised without Redis,
// a database or any channel. Channel adapters may use them for their own unit tests.
import { parseLocalDate } from '../../calendar/local-date.js';
import { generateTrackingCode } from '../../cases/tracking-code.js';
import type { CaseStatus } from '../../cases/case-vocabulary.js';
import { fixedClock } from '../../core/clock.js';
import { resolveAttachmentType } from '../../intake/attachment-policy.js';
import { ZChannelSubmissionSchema, type ChannelSubmission } from '../../intake/channel-submission.schema.js';
import type { DialogAttachment, DialogDeps, DialogReceipt, TrackedCase } from '../dialog-deps.js';
import type { ConversationRef } from '../dialog-types.js';
import { createMemoryDraftStore, type MemoryDraftStore } from './memory-draft.store.js';

const ORGANIZATIONS = [
  {
    code: 'ttyt-thuan-an',
    name: 'Trung tâm Y tế khu vực Thuận An',
    units: [
      { code: 'ta-kkb', name: 'Khoa Khám bệnh', nameEn: 'Outpatient Department' },
      { code: 'ta-kcc', name: 'Khoa Cấp cứu', nameEn: 'Emergency Department' },
      { code: 'ta-knhi', name: 'Khoa Nhi', nameEn: 'Paediatrics' },
      { code: 'ta-ksan', name: 'Khoa Sản', nameEn: 'Obstetrics' },
      { code: 'ta-dd', name: 'Phòng Điều dưỡng' },
    ],
    hotlines: [
      { name: 'Trung tâm Y tế khu vực Thuận An', numbers: ['0900 000 200'] },
      { name: 'Sở Y tế TP.HCM', numbers: ['0900 000 100'] },
      { name: 'Đường dây nóng Bộ Y tế', numbers: ['1900 9095'] },
    ],
  },
  {
    code: 'ttyt-hoai-nhon',
    name: 'Trung tâm Y tế Hoài Nhơn',
    units: [{ code: 'hn-knhi', name: 'Khoa Nhi' }],
    hotlines: [{ name: 'Trung tâm Y tế Hoài Nhơn', numbers: ['0900 000 300'] }],
  },
];

export const FAKE_STAFF_CODE = 'ABCD-EFGH-JKMN';
export const FAKE_DUE_ON = parseLocalDate('2026-03-16');

export interface FakeCase extends TrackedCase {
  secret?: string;
  sender?: ConversationRef;
  satisfaction?: number;
  satisfactionComment?: string;
}

export interface FakeDialogDeps extends DialogDeps {
  drafts: MemoryDraftStore;
  clock: ReturnType<typeof fixedClock>;
  submissions: ChannelSubmission[];
  storedFiles: (DialogAttachment & { submissionId: string })[];
  scheduledReminders: { draftId: string; at: Date }[];
  cases: Map<string, FakeCase>;
  reopens: { code: string; reason: string }[];
}

export function createFakeDialogDeps(
  options: { defaultOrganizationCode?: string | null } = {},
): FakeDialogDeps {
  let draftCounter = 0;
  let fileCounter = 0;
  const submissions: ChannelSubmission[] = [];
  const receipts = new Map<string, DialogReceipt>();
  const storedFiles: FakeDialogDeps['storedFiles'] = [];
  const reminders: FakeDialogDeps['scheduledReminders'] = [];
  const cases = new Map<string, FakeCase>();
  const reopens: FakeDialogDeps['reopens'] = [];
  const defaultOrg =
    options.defaultOrganizationCode === null
      ? undefined
      : (options.defaultOrganizationCode ?? 'ttyt-thuan-an');
  const org = (code: string) => ORGANIZATIONS.find((o) => o.code === code);
  const isSender = (c: FakeCase, conversation: ConversationRef) =>
    !!c.sender &&
    c.sender.channel === conversation.channel &&
    c.sender.conversationId === conversation.conversationId;

  return {
    drafts: createMemoryDraftStore(),
    clock: fixedClock(new Date('2026-03-02T02:00:00Z')),
    ids: {
      newDraftId: () => `draft${String(++draftCounter).padStart(4, '0')}`,
      newFollowUpSecret: () => 'SECR-ETAB-CDEF',
    },
    directory: {
      defaultOrganizationCode: () => defaultOrg,
      async findUnit(code) {
        for (const o of ORGANIZATIONS) {
          const u = o.units.find((x) => x.code === code);
          if (u) return { ...u, organizationCode: o.code, organizationName: o.name };
        }
        return null;
      },
      listUnits: async (code) => org(code)?.units ?? [],
      listOrganizations: async () => ORGANIZATIONS.map(({ code, name }) => ({ code, name })),
      async findOrganization(code) {
        const o = org(code);
        return o ? { code: o.code, name: o.name, hotlines: o.hotlines } : null;
      },
    },
    files: {
      async store({ submissionId, file }) {
        const bytes = await file.download();
        const type = resolveAttachmentType({
          bytes,
          mimeType: file.mimeType,
          fileName: file.fileName,
          fallbackType:
            file.kind === 'photo' ? 'image/jpeg' : file.kind === 'voice' ? 'audio/ogg' : undefined,
        });
        if (!type.ok) return type;
        const attachment = {
          id: `00000000-0000-4000-8000-${String(++fileCounter).padStart(12, '0')}`,
          fileName: file.fileName ?? `file-${fileCounter}`,
          mimeType: type.mimeType,
          sizeBytes: bytes.length,
        };
        storedFiles.push({ ...attachment, submissionId });
        return { ok: true, attachment };
      },
      async discard(submissionId) {
        for (let i = storedFiles.length - 1; i >= 0; i--)
          if (storedFiles[i]!.submissionId === submissionId) storedFiles.splice(i, 1);
      },
    },
    intake: {
      async submit(input) {
        const s = ZChannelSubmissionSchema.parse(input);
        const before = receipts.get(s.submissionId);
        if (before) return { ...before, duplicate: true };
        submissions.push(s);
        const o = org(s.organizationCode ?? defaultOrg ?? '')!;
        const receipt: DialogReceipt = {
          code: generateTrackingCode(),
          duplicate: false,
          organizationName: o.name,
          unitName: o.units.find((u) => u.code === s.unitCode)?.name ?? null,
          dueOn: FAKE_DUE_ON,
        };
        receipts.set(s.submissionId, receipt);
        cases.set(receipt.code, {
          code: receipt.code,
          kind: s.kind,
          status: 'received',
          organizationName: o.name,
          unitName: receipt.unitName,
          dueOn: FAKE_DUE_ON,
          replies: [],
          isSender: false,
          canRate: false,
          ...(s.followUpSecret ? { secret: s.followUpSecret } : {}),
          ...(s.replyTo ? { sender: { ...s.replyTo } } : {}),
        });
        return receipt;
      },
    },
    tracking: {
      async track({ code, secret, conversation }) {
        const c = cases.get(code);
        if (!c) return { found: false };
        const sender = isSender(c, conversation);
        const open =
          !c.secret || sender || secret?.replace(/[-\s]/g, '').toUpperCase() === c.secret.replace(/-/g, '');
        return {
          found: true,
          secretRejected: !!secret && !open,
          case: {
            ...c,
            replies: open ? c.replies : null,
            isSender: sender,
            canRate: sender && c.status === 'resolved' && c.satisfaction === undefined,
          },
        };
      },
    },
    staffAccess: {
      async verify(code) {
        return code.replace(/[-\s]/g, '').toUpperCase() === FAKE_STAFF_CODE.replace(/-/g, '')
          ? { organizationCode: 'ttyt-thuan-an', organizationName: 'Trung tâm Y tế khu vực Thuận An' }
          : null;
      },
    },
    followUp: {
      async recordSatisfaction({ code, score, comment, conversation }) {
        const c = cases.get(code);
        if (!c) return { ok: false, reason: 'not_found' };
        if (!isSender(c, conversation)) return { ok: false, reason: 'not_sender' };
        if (c.status !== 'resolved' && c.status !== 'closed') return { ok: false, reason: 'not_resolved' };
        c.satisfaction = score;
        if (comment !== undefined) c.satisfactionComment = comment;
        return { ok: true, canReopen: c.status === 'resolved' };
      },
      async requestReopen({ code, reason, conversation }) {
        const c = cases.get(code);
        if (!c) return { ok: false, reason: 'not_found' };
        if (!isSender(c, conversation)) return { ok: false, reason: 'not_sender' };
        reopens.push({ code, reason });
        c.status = 'in_progress' satisfies CaseStatus;
        return { ok: true };
      },
    },
    reminders: {
      async schedule(input) {
        reminders.push(input);
      },
    },
    // No reception sessions: the booking flow says so (its own tests run on the real service).
    reception: {
      listOffers: async () => [],
      freeSlots: async () => [],
      book: async () => ({ ok: false, reason: 'gone' }),
      move: async () => ({ ok: false, reason: 'not_found' }),
      cancel: async () => ({ ok: false, reason: 'not_found' }),
      listMine: async () => [],
    },
    submissions,
    storedFiles,
    scheduledReminders: reminders,
    cases,
    reopens,
  };
}
