// The console's case page, its actions, the identity panel, letters and the register. Registered
// in the console plugin's guarded scope, so each route runs behind the console guard (session +
// CSRF) and goes through the same use cases as the bot,
// so the same rules, scope and audit apply. A refused move comes back as the case page with the
// Vietnamese reason and status 403 (not allowed) or 422 (not possible as asked); the JSON API
// answers the same statuses with { error, message }.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { applyStaffCaseAction } from '../../cases/apply-staff-case-action.js';
import { addInternalNote, replyToSender } from '../../cases/case-messages.js';
import { OVERSIGHT_ONLY_MESSAGE, canViewCase, reachActs } from '../../cases/case-permissions.js';
import { loadCaseWithScope } from '../../cases/case-scope.service.js';
import { CASE_ACTION_LABELS, ZCaseActionSchema } from '../../cases/case-transitions.js';
import { revealSenderIdentity, type RevealedIdentity } from '../../cases/reveal-identity.js';
import { caseIdFromCode, viewCaseForStaff } from '../../cases/view-case-for-staff.js';
import { formatVietnameseDate, parseUserDate, toVietnamDate } from '../../calendar/local-date.js';
import { AppError, isAppError } from '../../core/app-error.js';
import { loadActiveStaff } from '../../directory/resolve-staff.js';
import { readStoredFile } from '../../files/file-store.js';
import { issueApologyWithNewDate } from '../../letters/apology-new-date.js';
import { draftLetter, returnLetter, sendDraftToSigners, signLetter } from '../../letters/issue-letter.js';
import { sendPetitionForm } from '../../letters/petition-form.js';
import { draftingRole } from '../../letters/letter-signers.js';
import { letterFileName, renderLetter } from '../../letters/letter-files.js';
import { findLetterById } from '../../letters/letter.repository.js';
import type { LetterKind } from '../../letters/letter-vocabulary.js';
import { recordTriageChoice } from '../../triage/record-triage-choice.js';
import { html } from '../../web/html.js';
import { actorOf, type ConsoleActor } from '../console-actor.js';
import { consolePage } from '../console-layout.js';
import { paramsOfForm, ZTextFormSchema } from './case-forms.js';
import { loadCasePage, type CasePageModel } from './case-page-model.js';
import {
  findAttachmentForConsole,
  findLetterForConsole,
  listRegisterLetters,
} from './case-page.repository.js';
import {
  casePath,
  REGISTER_PATH,
  renderCaseSection,
  renderRegister,
  type CasePageExtras,
} from './case-page-view.js';
import { CASE_TEXTS } from './case-texts.js';

const HTML = 'text/html; charset=utf-8';
/** Images shown inline; anything else (and SVG, which can carry script) is only downloaded. */
const INLINE_IMAGES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

const ZCodeParams = z.object({ code: z.string().min(1).max(40) });
const ZActionParams = ZCodeParams.extend({ action: ZCaseActionSchema });
const ZIdParams = z.object({ id: z.uuid() });
/** The triage form as posted; the values are checked by recordTriageChoice's own schema. */
const ZTriageFormSchema = z.looseObject({
  field: z.string().max(20).optional(),
  value: z.string().max(100).optional(),
});

/** The status a refusal is shown with: not allowed, not found, or not possible as asked. */
export function refusalStatus(err: AppError): 403 | 404 | 422 {
  switch (err.code) {
    case 'forbidden':
      return 403;
    case 'not_found':
    case 'malformed_code':
      return 404;
    case 'validation':
    case 'unprocessable':
    case 'illegal_transition':
    case 'conflict':
    case 'rate_limited':
    case 'unavailable':
    case 'internal':
      return 422;
    default: {
      const never: never = err.code;
      return never;
    }
  }
}

/** Only refusals a person can act on are pages; a fault stays a fault (500, logged). */
const isRefusal = (err: unknown): err is AppError =>
  isAppError(err) && !['rate_limited', 'unavailable', 'internal'].includes(err.code);

function parse<T>(schema: z.ZodType<T>, value: unknown, lang: ConsoleActor['lang']): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', CASE_TEXTS[lang].notFoundTitle);
  return parsed.data;
}

export function registerConsoleCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  {
    const scope = app;

    const sendPage = async (
      reply: FastifyReply,
      actor: ConsoleActor,
      caseId: string,
      status: number,
      extras: CasePageExtras,
    ) => {
      const model = await loadCasePage(ctx, { staffId: actor.staffId, caseId, lang: actor.lang });
      return reply
        .status(status)
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(
          consolePage({
            title: CASE_TEXTS[actor.lang].pageTitle(model.view.code),
            actor,
            body: renderCaseSection(model, actor, extras),
          }),
        );
    };

    // Letters and attachments carry the sender's name and signature: oversight reads the redacted
    // case only (decision 0069).
    const requireWorkingReach = async (staffId: string, caseId: string) => {
      const seen = await viewCaseForStaff(ctx, { staffId, caseId });
      if (!reachActs(seen.reach)) throw new AppError('forbidden', OVERSIGHT_ONLY_MESSAGE);
    };

    const sendRefusal = (reply: FastifyReply, actor: ConsoleActor, err: AppError) => {
      const t = CASE_TEXTS[actor.lang];
      const status = refusalStatus(err);
      const title = status === 403 ? t.forbiddenTitle : status === 404 ? t.notFoundTitle : t.refused;
      return reply
        .status(status)
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(
          consolePage({
            title,
            actor,
            body: html`<h1>${title}</h1>
              <p role="alert">${err.message}</p>
              <p><a href="/console">${t.back}</a></p>`,
          }),
        );
    };

    /** A GET or a move whose refusal (not allowed, not found) is the bare refusal page. */
    const refusing =
      (handler: (request: FastifyRequest, reply: FastifyReply, actor: ConsoleActor) => Promise<unknown>) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = actorOf(request);
        try {
          return await handler(request, reply, actor);
        } catch (err) {
          if (isRefusal(err)) return sendRefusal(reply, actor, err);
          throw err;
        }
      };

    /**
     * Runs a move on a case; on success 303 back to the case page, on a refusal the case page with
     * the reason (or a bare refusal page when the case itself is out of reach).
     */
    const move = async (
      request: FastifyRequest,
      reply: FastifyReply,
      run: (actor: ConsoleActor, caseId: string) => Promise<string | void>,
      /** Answers instead of the redirect (the reveal shows the page itself). */
      answer?: (actor: ConsoleActor, caseId: string) => Promise<FastifyReply>,
    ) => {
      const actor = actorOf(request);
      let caseId: string | undefined;
      try {
        const { code } = parse(ZCodeParams, request.params, actor.lang);
        caseId = await caseIdFromCode(ctx, code);
        const done = (await run(actor, caseId)) ?? CASE_TEXTS[actor.lang].done;
        if (answer) return await answer(actor, caseId);
        return reply.redirect(`${casePath(code)}?ok=${encodeURIComponent(done)}`, 303);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        if (caseId && err.code !== 'forbidden') {
          return sendPage(reply, actor, caseId, refusalStatus(err), { error: err.message }).catch((again) => {
            if (isRefusal(again)) return sendRefusal(reply, actor, again);
            throw again;
          });
        }
        if (caseId) {
          // Refused for this move but the case may still be in reach (a handler trying to refuse).
          const inReach = await viewCaseForStaff(ctx, { staffId: actor.staffId, caseId }).then(
            () => true,
            () => false,
          );
          if (inReach) return sendPage(reply, actor, caseId, 403, { error: err.message });
        }
        return sendRefusal(reply, actor, err);
      }
    };

    scope.get(
      '/console/ho-so/:code',
      refusing(async (request, reply, actor) => {
        const { code } = parse(ZCodeParams, request.params, actor.lang);
        const caseId = await caseIdFromCode(ctx, code);
        const ok = z.object({ ok: z.string().max(200).optional() }).safeParse(request.query);
        return await sendPage(
          reply,
          actor,
          caseId,
          200,
          ok.success && ok.data.ok ? { done: ok.data.ok } : {},
        );
      }),
    );

    scope.get('/console/api/ho-so/:code', async (request, reply) => {
      const actor = actorOf(request);
      try {
        const { code } = parse(ZCodeParams, request.params, actor.lang);
        const caseId = await caseIdFromCode(ctx, code);
        const model = await loadCasePage(ctx, { staffId: actor.staffId, caseId, lang: actor.lang });
        return reply.header('cache-control', 'no-store').send(caseJson(model));
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return (
          reply
            .status(refusalStatus(err))
            .header('cache-control', 'no-store')
            // The console's error shape (console-errors.ts), with the refusal's reason code.
            .send({
              error: {
                code: err.code,
                message: err.message,
                ...(err.details?.reason ? { reason: err.details.reason } : {}),
              },
            })
        );
      }
    });

    scope.post('/console/ho-so/:code/thao-tac/:action', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const { action } = parse(ZActionParams, request.params, actor.lang);
        const params = paramsOfForm(request.body, actor.lang);
        if (params.masterCaseId) params.masterCaseId = await caseIdFromCode(ctx, params.masterCaseId);
        if (action === 'note') {
          await addInternalNote(ctx, { caseId, staffId: actor.staffId, text: params.text ?? '' });
        } else {
          await applyStaffCaseAction(ctx, { caseId, staffId: actor.staffId, action, params });
        }
        return `${CASE_ACTION_LABELS[action][actor.lang]}: ${CASE_TEXTS[actor.lang].done}`;
      }),
    );

    scope.post('/console/ho-so/:code/ghi-chu', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const form = parse(ZTextFormSchema, request.body ?? {}, actor.lang);
        await addInternalNote(ctx, { caseId, staffId: actor.staffId, text: form.text ?? '' });
        return `${CASE_ACTION_LABELS.note[actor.lang]}: ${CASE_TEXTS[actor.lang].done}`;
      }),
    );

    scope.post('/console/ho-so/:code/tra-loi', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const form = parse(ZTextFormSchema, request.body ?? {}, actor.lang);
        await replyToSender(ctx, { caseId, staffId: actor.staffId, text: form.text ?? '' });
        return `${CASE_TEXTS[actor.lang].reply}: ${CASE_TEXTS[actor.lang].done}`;
      }),
    );

    scope.post('/console/ho-so/:code/thu', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const form = parse(ZTextFormSchema, request.body ?? {}, actor.lang);
        const kind = z.enum(['thank_you', 'apology']).safeParse(form.kind);
        if (!kind.success)
          throw new AppError('validation', CASE_TEXTS[actor.lang].invalidChoice(form.kind ?? ''));
        const drafted = await draftLetter(ctx, {
          caseId,
          staffId: actor.staffId,
          kind: kind.data,
          ...(form.note ? { note: form.note } : {}),
        });
        return CASE_TEXTS[actor.lang].sentToSigners(drafted.signers.join(', '));
      }),
    );

    // The triage card's buttons (urgency, the suggested kind or unit) through the same use case;
    // recordTriageChoice reads the choice with its own zod schema and checks the role.
    scope.post('/console/ho-so/:code/phan-loai', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const t = CASE_TEXTS[actor.lang];
        const form = parse(ZTriageFormSchema, request.body ?? {}, actor.lang);
        const choice = { field: form.field, value: form.value };
        await recordTriageChoice(ctx, { caseId, staffId: actor.staffId, choice });
        const what =
          form.field === 'urgency' && (form.value === 'urgent' || form.value === 'normal')
            ? `${t.urgencyNow} — ${t.urgencyLabels[form.value]}`
            : form.field === 'kind'
              ? t.suggestedKind
              : t.suggestedUnit;
        return t.triageSaved(what);
      }),
    );

    // /maudon: the pre-filled đơn to the sender of a complaint or denunciation.
    scope.post('/console/ho-so/:code/mau-don', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const t = CASE_TEXTS[actor.lang];
        const sent = await sendPetitionForm(ctx, { caseId, staffId: actor.staffId });
        return sent.delivery === 'sender' ? t.petitionSent : t.petitionStored;
      }),
    );

    // /xinloi: the governing clock's new date (once) and the apology, signed at once.
    scope.post('/console/ho-so/:code/hen-ngay-moi', (request, reply) =>
      move(request, reply, async (actor, caseId) => {
        const form = parse(ZTextFormSchema, request.body ?? {}, actor.lang);
        const done = await issueApologyWithNewDate(ctx, {
          caseId,
          staffId: actor.staffId,
          newDate: parseUserDate(form.newDate ?? ''),
          reason: form.reason ?? '',
        });
        return CASE_TEXTS[actor.lang].newDateDone(
          formatVietnameseDate(done.previousDueOn),
          formatVietnameseDate(done.newDueOn),
          done.numberText,
        );
      }),
    );

    // The reveal answers with the page itself (200): the contact must never travel in a redirect's
    // URL, a cache or htmx's history; the form is not boosted and the answer is no-store.
    scope.post('/console/ho-so/:code/danh-tinh', (request, reply) => {
      let revealed: RevealedIdentity | undefined;
      return move(
        request,
        reply,
        async (actor, caseId) => {
          const form = parse(ZTextFormSchema, request.body ?? {}, actor.lang);
          revealed = await revealSenderIdentity(ctx, {
            caseId,
            staffId: actor.staffId,
            reason: form.reason ?? '',
          });
        },
        (actor, caseId) => sendPage(reply, actor, caseId, 200, { ...(revealed ? { revealed } : {}) }),
      );
    });

    /** A move on a letter: refused as the letter's case page with the reason, once the letter is found. */
    const letterMove = (run: (actor: ConsoleActor, letterId: string) => Promise<string>) =>
      refusing(async (request, reply, actor) => {
        const { id } = parse(ZIdParams, request.params, actor.lang);
        const letter = await findLetterForConsole(ctx.db.prisma, id);
        if (!letter) throw new AppError('not_found', 'Không tìm thấy thư.');
        try {
          const done = await run(actor, id);
          return reply.redirect(`${casePath(letter.case.code)}?ok=${encodeURIComponent(done)}`, 303);
        } catch (err) {
          if (!isRefusal(err)) throw err;
          return await sendPage(reply, actor, letter.caseId, refusalStatus(err), { error: err.message });
        }
      });

    scope.post(
      '/console/thu/:id/ky',
      letterMove(async (actor, letterId) => {
        const signed = await signLetter(ctx, { letterId, staffId: actor.staffId });
        return `${CASE_TEXTS[actor.lang].sign}: ${signed.numberText}`;
      }),
    );

    // "↩️ Trả lại": the draft goes back to its drafter unsigned (returnLetter tells them).
    scope.post(
      '/console/thu/:id/tra-lai',
      letterMove(async (actor, letterId) => {
        await returnLetter(ctx, { letterId, staffId: actor.staffId });
        return CASE_TEXTS[actor.lang].returned;
      }),
    );

    scope.post(
      '/console/thu/:id/gui-ky',
      letterMove(async (actor, letterId) => {
        const letter = (await findLetterById(ctx.db.prisma, letterId))!;
        const staff = await loadActiveStaff(ctx, actor.staffId);
        // Only someone who may draft the case's letters sends a draft on (same check as drafting).
        const { scope: caseScope } = await loadCaseWithScope(ctx, letter.caseId);
        if (!draftingRole(staff, caseScope)) {
          throw new AppError(
            'forbidden',
            'Chỉ cán bộ xử lý, trưởng khoa/phòng hoặc lãnh đạo phụ trách hồ sơ mới được soạn thư.',
          );
        }
        if (letter.status !== 'draft')
          throw new AppError('unprocessable', 'Thư đã được ký; không còn là dự thảo.');
        const signers = await sendDraftToSigners(
          ctx,
          letterId,
          caseScope,
          staff.fullName,
          `console:${ctx.clock.now().getTime()}`,
        );
        return CASE_TEXTS[actor.lang].sentToSigners(signers.join(', '));
      }),
    );

    scope.get(
      '/console/thu/:id/pdf',
      refusing(async (request, reply, actor) => {
        const { id } = parse(ZIdParams, request.params, actor.lang);
        const letter = await findLetterById(ctx.db.prisma, id);
        if (!letter) throw new AppError('not_found', 'Không tìm thấy thư.');
        await requireWorkingReach(actor.staffId, letter.caseId);
        const draft = letter.status === 'draft' || letter.status === 'approved';
        const stored = !draft && letter.filePath ? await readStoredFile(ctx, letter.filePath) : null;
        const bytes = stored ?? (await renderLetter(ctx, letter, { draft }));
        const name = letterFileName({
          kind: letter.kind as LetterKind,
          number: letter.number,
          caseCode: letter.case.code,
        });
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `inline; filename="${draft ? 'du-thao-' : ''}${name}"`)
          .type('application/pdf')
          .send(bytes);
      }),
    );

    scope.get(
      '/console/tep/:id',
      refusing(async (request, reply, actor) => {
        const { id } = parse(ZIdParams, request.params, actor.lang);
        const file = await findAttachmentForConsole(ctx.db.prisma, id);
        if (!file?.caseId) throw new AppError('not_found', 'Không tìm thấy tệp.');
        await requireWorkingReach(actor.staffId, file.caseId);
        const bytes = await readStoredFile(ctx, file.storagePath);
        if (!bytes) throw new AppError('not_found', 'Không tìm thấy tệp.');
        const download =
          'tai' in ((request.query as object | undefined) ?? {}) || !INLINE_IMAGES.includes(file.mimeType);
        return reply
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .type(
            download && !INLINE_IMAGES.includes(file.mimeType) ? 'application/octet-stream' : file.mimeType,
          )
          .send(bytes);
      }),
    );

    scope.get(REGISTER_PATH, async (request, reply) => {
      const actor = actorOf(request);
      const staff = await loadActiveStaff(ctx, actor.staffId);
      const thisYear = Number(toVietnamDate(ctx.clock.now()).slice(0, 4));
      const q = z
        .object({ nam: z.coerce.number().int().min(2000).max(2100).optional() })
        .safeParse(request.query);
      const year = (q.success && q.data.nam) || thisYear;
      const rows = await listRegisterLetters(ctx.db.prisma, staff.organizationId, year);
      // Only letters of cases this person may see: the register is not a way around the scope.
      const visible = [];
      for (const r of rows) {
        const { scope: caseScope } = await loadCaseWithScope(ctx, r.caseId);
        if (canViewCase(staff, caseScope))
          visible.push({ ...r, kind: r.kind as LetterKind, caseCode: r.case.code });
      }
      return reply
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(
          consolePage({
            title: CASE_TEXTS[actor.lang].registerTitle(year),
            actor,
            nav: 'letters',
            body: renderRegister(visible, year, actor.lang),
          }),
        );
    });
  }
}

/** The case page as JSON: what the page shows, nothing more (no identity, no staff names). */
export function caseJson(model: CasePageModel) {
  return {
    case: model.view,
    role: model.role,
    actions: model.actions,
    canReply: model.canReply,
    revealOffered: model.reveal.offered,
    unit: model.row.unit,
    governing: model.governing,
    clocks: model.clocks,
    routing: model.routing,
    mergedInto: model.row.duplicateOf?.code ?? null,
    merged: model.row.duplicates.filter((d) => d.status === 'merged').map((d) => d.code),
    attachments: model.row.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mimeType: a.mimeType,
      sizeBytes: a.sizeBytes,
    })),
    letters: model.letters,
    timeline: model.timeline,
  };
}
