// Triage on a real database: a new case gets its suggestions stored by the intake worker (with the
// open case it duplicates); an officer's override goes through the lifecycle with audit events and
// changes the next training's prediction; the daily early warning flags a spike once.
import type { Job } from 'bullmq';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parseLocalDate, vietnamDayStart } from '../../src/calendar/local-date.js';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { loadCardTriageFacts } from '../../src/triage/card-triage-facts.js';
import { flagEarlyWarnings } from '../../src/triage/flag-early-warnings.js';
import { recordTriageChoice } from '../../src/triage/record-triage-choice.js';
import { forgetTriageModel, triageModelInForce } from '../../src/triage/triage-model-store.js';
import { DuplicateIndex, suggestTriage } from '../../src/triage/triage-model.js';
import { trainAndStoreTriageModel } from '../../src/triage/train-triage.js';
import { handleTriageInput } from '../../src/officer/triage-actions.js';
import { triageCardSection } from '../../src/officer/triage-card.js';
import { postCaseCards } from '../../src/officer/post-case-cards.js';
import { createIntakeHandler } from '../../workers/intake.handler.js';
import { changingDirectory } from '../../src/directory/directory-cache.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const NOW = new Date('2026-03-18T02:00:00Z');
let t: TestContext;
let receiver: string;
let leader: string;

beforeAll(async () => {
  t = await createTestContext({ clock: fixedClock(NOW) });
  receiver = (
    await createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Tiếp nhận',
      roles: [{ role: 'receiver' as never }],
    })
  ).id;
  leader = (
    await createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Lãnh đạo',
      roles: [{ role: 'leader' as never }],
    })
  ).id;
  await t.ctx.db.prisma.staff.update({ where: { id: leader }, data: { telegramUserId: '900001' } });
  forgetTriageModel();
});
afterAll(async () => {
  forgetTriageModel();
  await t.cleanup();
});

let n = 0;
async function newCase(text: string, kind = 'report') {
  const s = parseInput(ZSubmissionSchema, { submissionId: `triage-${n++}-case`, channel: 'web', kind, text });
  await submitSubmission(t.ctx, s);
  const made = (await createIntakeHandler(t.ctx)({ submissionId: s.submissionId }, {} as Job)) as {
    caseId: string;
  };
  return made.caseId;
}
const suggestionOf = (caseId: string) =>
  t.ctx.db.prisma.triageSuggestion.findUniqueOrThrow({ where: { caseId } });

describe('suggestions on a new case', () => {
  let first: string;

  it('are stored by the intake worker, with confidence and the words behind them', async () => {
    first = await newCase(
      'Tôi tố cáo bác sĩ khoa Ngoại nhận phong bì 2 triệu mới cho mổ, phòng 305 giường 12',
    );
    const s = await suggestionOf(first);
    expect(s).toMatchObject({ source: 'local', kind: 'denunciation', unitRole: 'kngoai' });
    const ngoai = await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code: 'ta-kngoai' } });
    expect(s.unitId).toBe(ngoai.id);
    expect(s.kindConfidence).toBeGreaterThan(0.5);
    expect((s.because as { kind: string[] }).kind.length).toBeGreaterThan(0);
  });

  it('name the open case the new one duplicates, across channels, and what they share', async () => {
    const again = await newCase('bs khoa ngoai nhan phong bi 2 trieu moi cho mo, phong 305 giuong 12');
    const s = await suggestionOf(again);
    const dupes = s.duplicates as { caseId: string; shared: string[] }[];
    expect(dupes[0]?.caseId).toBe(first);
    expect(dupes[0]!.shared).toEqual(expect.arrayContaining(['305']));
  });
});

describe('with a language model configured', () => {
  it('uses its valid answer, and falls back to the local model when it times out; only redacted text is sent', async () => {
    const bodies: string[] = [];
    let answer: ((res: ServerResponse) => void) | null = null;
    const held: ServerResponse[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        if (answer) answer(res);
        else held.push(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A generous limit where the server answers (a loaded machine is slow); a short one where it never does.
    const withLlm = (timeoutMs: number) => ({
      ...t.ctx,
      config: {
        ...t.ctx.config,
        triage: { ...t.ctx.config.triage, llm: { url, model: 'local', apiKey: undefined, timeoutMs } },
      },
    });
    try {
      answer = (res) =>
        res.end(
          JSON.stringify({
            choices: [
              {
                message: {
                  content:
                    '{"kind":"complaint","unit":"kcc","urgency":"urgent","confidence":0.8,"because":["cấp cứu"]}',
                },
              },
            ],
          }),
        );
      const s = parseInput(ZSubmissionSchema, {
        submissionId: 'triage-llm-case-1',
        channel: 'web',
        kind: 'report',
        text: 'Bác sĩ Trần Văn Khải ở cấp cứu bỏ mặc ba tôi, gọi 0912345678',
      });
      await submitSubmission(withLlm(10_000), s);
      const made = (await createIntakeHandler(withLlm(10_000))(
        { submissionId: s.submissionId },
        {} as Job,
      )) as {
        caseId: string;
      };
      expect(await suggestionOf(made.caseId)).toMatchObject({
        source: 'llm',
        kind: 'complaint',
        unitRole: 'kcc',
        urgency: 'urgent',
      });
      expect(bodies[0]).toContain('[họ tên]');
      for (const secret of ['Khải', '0912345678']) expect(bodies[0]).not.toContain(secret);

      answer = null; // never answers: the time limit passes
      const again = parseInput(ZSubmissionSchema, {
        submissionId: 'triage-llm-case-2',
        channel: 'web',
        kind: 'report',
        text: 'Xin cảm ơn các cô hộ sinh khoa Sản đã chăm sóc mẹ con tôi rất chu đáo',
      });
      await submitSubmission(withLlm(300), again);
      const second = (await createIntakeHandler(withLlm(300))(
        { submissionId: again.submissionId },
        {} as Job,
      )) as {
        caseId: string;
      };
      expect(await suggestionOf(second.caseId)).toMatchObject({ source: 'local', kind: 'praise' });
    } finally {
      for (const res of held) res.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the card', () => {
  it('of the intake job is built from what the job wrote, and reads the same as one built from the stored rows', async () => {
    // Bound as an invite binds it (staff.repository.ts): this process's cached card recipients go.
    await changingDirectory(
      t.ctx.db.prisma,
      t.ctx.db.prisma.staff.update({ where: { id: receiver }, data: { telegramUserId: '900002' } }),
    );
    // Reads of what the job itself writes: the case's clocks, its suggestion and choices.
    const reads: string[] = [];
    const counted = (model: 'clock' | 'triageSuggestion' | 'triageChoice') =>
      new Proxy(t.ctx.db.prisma[model], {
        get(target, key, receiver) {
          if (typeof key === 'string' && key.startsWith('find')) reads.push(`${model}.${key}`);
          return Reflect.get(target, key, receiver);
        },
      });
    const models = { clock: counted('clock'), triageSuggestion: counted('triageSuggestion') };
    const choices = counted('triageChoice');
    const prisma = new Proxy(t.ctx.db.prisma, {
      get: (target, key, receiver) =>
        key === 'triageChoice'
          ? choices
          : key in models
            ? models[key as keyof typeof models]
            : Reflect.get(target, key, receiver),
    });
    const s = parseInput(ZSubmissionSchema, {
      submissionId: `triage-${n++}-in-hand`,
      channel: 'web',
      kind: 'complaint',
      text: 'Khiếu nại: khoa Dược phát thuốc chậm, chờ 3 tiếng mới nhận được thuốc',
    });
    await submitSubmission(t.ctx, s);
    const { caseId } = (await createIntakeHandler({ ...t.ctx, db: { ...t.ctx.db, prisma } })(
      { submissionId: s.submissionId },
      {} as Job,
    )) as { caseId: string };
    expect(reads).toEqual([]);

    const cardOf = async (dedupeKey: string) =>
      (await t.ctx.db.prisma.notification.findUniqueOrThrow({ where: { dedupeKey } })).content as {
        text: string;
      };
    const posted = await cardOf(`case:${caseId}:card:staff:${receiver}`);
    expect(posted.text).toContain('🤖 Gợi ý phân loại');
    expect(posted.text).toContain('Hạn');
    await postCaseCards(t.ctx, caseId, { occasion: 'from-rows', headline: '🆕 Hồ sơ mới' });
    expect(await cardOf(`case:${caseId}:card:staff:${receiver}:from-rows`)).toEqual(posted);
  });

  it('shows the suggestion, and one tap on its button accepts it through the lifecycle', async () => {
    // Bound as an invite binds it (staff.repository.ts): this process's cached card recipients go.
    await changingDirectory(
      t.ctx.db.prisma,
      t.ctx.db.prisma.staff.update({ where: { id: receiver }, data: { telegramUserId: '900002' } }),
    );
    const caseId = await newCase('Xin cảm ơn các cô hộ sinh khoa Sản đã chăm sóc mẹ con tôi rất chu đáo');
    const cards = await t.ctx.db.prisma.notification.findMany({ where: { caseId } });
    const card = cards.map(
      (c) => c.content as { text: string; buttons?: { label: string; value: string }[][] },
    )[0]!;
    expect(card.text).toContain('🤖 Gợi ý phân loại');
    expect(card.text).toContain('• Loại: Khen ngợi');
    const accept = card.buttons!.flat().find((b) => b.label === '✓ Khen ngợi')!;
    const answer = await handleTriageInput(
      t.ctx,
      {
        conversation: { channel: 'telegram', conversationId: '900002' },
        event: { type: 'choice', value: accept.value },
        eventId: 'tg:1',
        receivedAt: NOW,
      },
      { inGroup: false },
    );
    expect(JSON.stringify(answer)).toContain('Đồng ý gợi ý Khen ngợi');
    expect(await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      kind: 'praise',
    });
    expect(await t.ctx.db.prisma.triageChoice.findFirstOrThrow({ where: { caseId } })).toMatchObject({
      field: 'kind',
      chosen: 'praise',
      accepted: true,
    });
    // Urgency: the case becomes urgent, audited, and the choice is recorded for training.
    const urgent = card.buttons!.flat().find((b) => b.label.endsWith('Khẩn') && !b.label.includes('Không'))!;
    await handleTriageInput(
      t.ctx,
      {
        conversation: { channel: 'telegram', conversationId: '900002' },
        event: { type: 'choice', value: urgent.value },
        eventId: 'tg:2',
        receivedAt: NOW,
      },
      { inGroup: false },
    );
    expect(
      await t.ctx.db.prisma.triageChoice.findFirstOrThrow({ where: { caseId, field: 'urgency' } }),
    ).toMatchObject({
      suggested: 'normal',
      chosen: 'urgent',
      accepted: false,
    });
    expect(await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      urgency: 'urgent',
    });
    expect(
      await t.ctx.db.prisma.caseEvent.findFirstOrThrow({ where: { caseId, action: 'set_urgency' } }),
    ).toMatchObject({ actorType: 'staff', data: { urgency: 'urgent', source: 'triage' } });
    // The refreshed card ticks the officer's choice, not the suggestion it overrode.
    const facts = (await loadCardTriageFacts(t.ctx, caseId))!;
    expect(facts).toMatchObject({ urgency: 'normal', chosenUrgency: 'urgent' });
    expect(
      triageCardSection(facts, 'X')
        .buttons.at(-1)!
        .map((b) => b.label),
    ).toEqual(['✓ Khẩn', 'Không khẩn']);
  });
});

describe('an officer’s choice', () => {
  it('is recorded with an audit event, moves the case through the lifecycle, and feeds the next training', async () => {
    const text = 'Nhà vệ sinh tầng 2 không có nước rửa tay, rất bẩn';
    const caseId = await newCase(text);
    const s = await suggestionOf(caseId);
    expect(s.unitRole).not.toBe('knhi');
    const nhi = await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knhi' } });

    const unitChoice = await recordTriageChoice(t.ctx, {
      caseId,
      staffId: receiver,
      choice: { field: 'unit', value: nhi.id },
    });
    expect(unitChoice).toEqual({ accepted: false, moved: true });
    const kindChoice = await recordTriageChoice(t.ctx, {
      caseId,
      staffId: receiver,
      choice: { field: 'kind', value: 'feedback' },
    });
    expect(kindChoice.moved).toBe(true);
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ unitId: nhi.id, kind: 'feedback' });
    const actions = (
      await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['assign', 'reclassify', 'triage_choice']));
    const choices = await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId, action: 'triage_choice' } });
    expect(choices.map((e) => e.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'unit', chosen: 'knhi', accepted: false })]),
    );
    // Pressed again: recorded again, no second move.
    expect(
      await recordTriageChoice(t.ctx, {
        caseId,
        staffId: receiver,
        choice: { field: 'kind', value: 'feedback' },
      }),
    ).toMatchObject({ moved: false });
    await expect(
      recordTriageChoice(t.ctx, { caseId, staffId: receiver, choice: { field: 'kind', value: 'gossip' } }),
    ).rejects.toThrow('Lựa chọn không hợp lệ.');

    const trained = await trainAndStoreTriageModel(t.ctx.db.prisma, NOW);
    expect(trained.officerChoices).toBe(2); // this case, and the card test's
    expect(trained.metrics.kind.accuracy).toBeGreaterThan(0.85);
    forgetTriageModel();
    const model = await triageModelInForce(t.ctx);
    expect(model.trainedAt).toBe(NOW.toISOString());
    expect(suggestTriage(model, text, new DuplicateIndex()).unit.value).toBe('knhi');
  });
});

describe('early warning', () => {
  it('flags a spike of one kind about one unit once, to the leaders, with its cases', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const kduoc = await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code: 'ta-kduoc' } });
    const today = parseLocalDate('2026-03-18');
    // Test set-up only: one report a week about the pharmacy for eight weeks, then six in two days.
    const days = [...Array.from({ length: 8 }, (_, w) => -7 * (w + 1)), 0, 0, 0, -1, -1, -1];
    await t.ctx.db.prisma.case.createMany({
      data: days.map((d, i) => ({
        code: `EW${String(i).padStart(2, '0')}-XYZ-ABC`,
        organizationId: org.id,
        unitId: kduoc.id,
        kind: 'report' as const,
        channel: 'web' as const,
        identityMode: 'anonymous' as const,
        description: 'Quầy thuốc hết thuốc bảo hiểm',
        receivedAt: new Date(vietnamDayStart(addDays(today, d)).getTime() + 3 * 3600_000),
      })),
    });

    // The other tests' cases (received today, most not routed) may make a spike of their own.
    expect((await flagEarlyWarnings(t.ctx, today)).flagged).toBeGreaterThanOrEqual(1);
    const warnings = await t.ctx.db.prisma.earlyWarning.findMany({ where: { unitKey: kduoc.id } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ organizationId: org.id, kind: 'report', count: 6 });
    const sent = await t.ctx.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `early-warning:${warnings[0]!.id}:` } },
    });
    expect(sent).toHaveLength(1); // the one leader with Telegram; Khoa Dược has no group or head here
    expect(JSON.stringify(sent[0]!.content)).toContain('EW08-XYZ-ABC');
    expect(JSON.stringify(sent[0]!.content)).toContain('6 hồ sơ phản ánh về Khoa Dược');

    const stored = await t.ctx.db.prisma.earlyWarning.count();
    expect(await flagEarlyWarnings(t.ctx, today)).toMatchObject({ flagged: 0, messages: 0 });
    expect(await t.ctx.db.prisma.earlyWarning.count()).toBe(stored);
  });

  it('flags nothing when cases come at the usual rate', async () => {
    expect(await flagEarlyWarnings(t.ctx, parseLocalDate('2026-03-05'))).toMatchObject({ flagged: 0 });
  });
});
