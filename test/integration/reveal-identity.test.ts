// Revealing a sender's identity on a real database: who may, the audit it leaves, and refusals that
// leave nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revealSenderIdentity } from '../../src/cases/reveal-identity.js';
import { redactedCaseView } from '../../src/cases/redacted-case-view.js';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { ZChannelSubmissionSchema } from '../../src/intake/channel-submission.schema.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitChannelSubmission, submitSubmission } from '../../src/intake/submit-submission.js';
import { routeCase } from '../../src/routing/route-case.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestContext;
const staff: Record<string, string> = {};
const REASON = 'Cần gọi lại người gửi để xác minh thời điểm sự việc';

beforeAll(async () => {
  t = await createTestContext({ clock });
  const mk = async (
    key: string,
    organizationCode: string,
    roles: { role: 'leader' | 'receiver' | 'unit_head' | 'handler'; unitCode?: string }[],
  ) => {
    staff[key] = (await createStaff(t.ctx, { organizationCode, fullName: key, roles })).id;
  };
  await mk('leader', 'ttyt-thuan-an', [{ role: 'leader' }]);
  await mk('receiver', 'ttyt-thuan-an', [{ role: 'receiver' }]);
  await mk('headNoiAndLeader', 'ttyt-thuan-an', [
    { role: 'unit_head', unitCode: 'ta-knoi' },
    { role: 'leader' },
  ]);
  await mk('otherLeader', 'ttyt-hoai-nhon', [{ role: 'leader' }]);
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
async function namedCase(
  kind = 'report',
  unitCode = 'ta-knoi',
  text = 'Điều dưỡng nói trống không với mẹ tôi',
) {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `rv-${Date.now()}-${n++}`,
    channel: 'web',
    kind,
    text,
    unitCode,
    contact: { name: 'Nguyễn Thị Hoa', phone: '0903 123 456' },
  });
  await submitSubmission(t.ctx, s);
  return (await processSubmission(t.ctx, s.submissionId)).caseId;
}

async function channelCase(identityMode: 'sealed' | 'no_trace' | 'anonymous') {
  const s = parseInput(ZChannelSubmissionSchema, {
    submissionId: `rv-${Date.now()}-${n++}`,
    channel: 'telegram',
    kind: 'feedback',
    audience: identityMode === 'anonymous' ? 'citizen' : 'staff',
    identityMode,
    text: 'Góp ý về cách phân ca trực',
    organizationCode: 'ttyt-thuan-an',
    ...(identityMode === 'sealed' ? { replyTo: { channel: 'telegram', conversationId: '555' } } : {}),
  });
  await submitChannelSubmission(t.ctx, s);
  return (await processSubmission(t.ctx, s.submissionId)).caseId;
}

const trail = async (caseId: string) => ({
  logs: await t.ctx.db.prisma.accessLog.findMany({ where: { caseId } }),
  events: await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId, action: 'reveal_identity' } }),
});

describe('revealSenderIdentity', () => {
  it('shows a leader the contact and records the access log and the audit event', async () => {
    const id = await namedCase();
    const revealed = await revealSenderIdentity(t.ctx, {
      caseId: id,
      staffId: staff.leader!,
      reason: REASON,
    });
    expect(revealed).toMatchObject({
      caseId: id,
      role: 'leader',
      contact: { name: 'Nguyễn Thị Hoa', phone: '0903 123 456' },
    });
    const { logs, events } = await trail(id);
    expect(logs).toEqual([
      expect.objectContaining({ staffId: staff.leader, reason: REASON, id: revealed.accessLogId }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: 'staff',
      actorStaffId: staff.leader,
      actorRole: 'leader',
      reason: REASON,
    });
    expect(JSON.stringify(events[0])).not.toMatch(/Hoa|0903/);
  });

  it('refuses roles outside the policy, then follows the organisation’s own policy', async () => {
    const id = await namedCase();
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.receiver!, reason: REASON }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'role_not_allowed' },
      message: 'Theo quy định của đơn vị, chỉ Lãnh đạo mới được xem danh tính người gửi.',
    });
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    await t.ctx.db.prisma.organization.update({
      where: { id: org.id },
      data: { settings: { identityRevealRoles: ['receiver'] } },
    });
    try {
      await expect(
        revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.receiver!, reason: REASON }),
      ).resolves.toMatchObject({
        role: 'receiver',
      });
      await expect(
        revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.leader!, reason: REASON }),
      ).rejects.toMatchObject({
        details: { reason: 'role_not_allowed' },
      });
    } finally {
      await t.ctx.db.prisma.organization.update({ where: { id: org.id }, data: { settings: {} } });
    }
  });

  it('needs a reason', async () => {
    const id = await namedCase();
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.leader!, reason: '  ' }),
    ).rejects.toMatchObject({
      details: { reason: 'reason_required' },
    });
    expect(await trail(id)).toEqual({ logs: [], events: [] });
  });

  it.each(['sealed', 'no_trace'] as const)(
    'never reveals a %s staff sender, and writes nothing',
    async (mode) => {
      const id = await channelCase(mode);
      await expect(
        revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.leader!, reason: REASON }),
      ).rejects.toMatchObject({
        details: { reason: 'not_revealable' },
      });
      expect(await trail(id)).toEqual({ logs: [], events: [] });
    },
  );

  it('says there is nothing to reveal for an anonymous sender', async () => {
    const id = await channelCase('anonymous');
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.leader!, reason: REASON }),
    ).rejects.toMatchObject({
      details: { reason: 'no_identity' },
    });
  });

  it('refuses a leader of another organisation', async () => {
    const id = await namedCase();
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.otherLeader!, reason: REASON }),
    ).rejects.toMatchObject({
      details: { reason: 'out_of_scope' },
    });
  });

  it('never reveals a denunciator to someone of the accused unit, even a leader', async () => {
    const id = await namedCase('denunciation', 'ta-knoi', 'Bác sĩ khoa Nội nhận tiền của người bệnh');
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.headNoiAndLeader!, reason: REASON }),
    ).rejects.toMatchObject({ details: { reason: 'accused_unit' } });
    expect(await trail(id)).toEqual({ logs: [], events: [] });
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.leader!, reason: REASON }),
    ).resolves.toBeTruthy();
  });

  it('never reveals a denunciator of the director to anyone in the organisation', async () => {
    const id = await namedCase(
      'denunciation',
      'ta-kkb',
      'Giám đốc trung tâm nhận hối lộ khi mua sắm thiết bị',
    );
    await routeCase(t.ctx, id);
    await expect(
      revealSenderIdentity(t.ctx, { caseId: id, staffId: staff.leader!, reason: REASON }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('hands cards a redacted view without identity', async () => {
    const id = await namedCase('report', 'ta-knoi', 'Gọi lại cho tôi số 0912 345 678');
    const row = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    const view = redactedCaseView(row);
    expect(view.description).toBe('Gọi lại cho tôi số [số điện thoại]');
    expect(JSON.stringify(view)).not.toMatch(/Hoa|0903|0912/);
  });

  it('gives the one who may reveal the personal data typed in the description, in clear', async () => {
    const id = await namedCase(
      'report',
      'ta-knoi',
      'Gọi lại cho tôi số 0912 345 678, email hoa.nt@gmail.com',
    );
    const revealed = await revealSenderIdentity(t.ctx, {
      caseId: id,
      staffId: staff.leader!,
      reason: REASON,
    });
    expect(revealed.typed).toEqual([
      { kind: 'phone', text: '0912 345 678' },
      { kind: 'email', text: 'hoa.nt@gmail.com' },
    ]);
  });
});
