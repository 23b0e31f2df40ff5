// The administration pages (/console/quan-tri/…) and the queue board (/console/hang-doi). Every
// change goes through the same use case as the CLI, with the signed-in staff member as the actor:
// the use case validates (same zod schema), refuses non-administrators, audits and refreshes the
// directory cache. A refused form comes back with its values and the message beside the field
// (422, or 409 for a clash); a saved one redirects (303) to its section with a notice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import {
  listOrganizationCalendarDays,
  removeCalendarDay,
  setCalendarDays,
} from '../../calendar/calendar-days.service.js';
import type { CaseKind } from '../../cases/case-vocabulary.js';
import { AppError } from '../../core/app-error.js';
import { createUnit } from '../../directory/create-organization.js';
import {
  createStaff,
  deactivateStaff,
  grantStaffRole,
  revokeStaffRole,
} from '../../directory/create-staff.js';
import {
  NOT_AN_ADMINISTRATOR,
  administeredOrganizationIds,
  listDirectoryEvents,
  type DirectoryActor,
} from '../../directory/directory-audit.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import { linkUnitGroup, unlinkUnitGroup } from '../../directory/link-unit-group.js';
import { listDirectoryTree, type DirectoryOrganization } from '../../directory/list-directory.js';
import { parseDeadlinePolicy } from '../../directory/organization-settings.js';
import { findStaff } from '../../directory/resolve-staff.js';
import { issueStaffInvite } from '../../directory/staff-invite.js';
import { parseStaffRoleSpec } from '../../directory/staff-role-spec.js';
import { changeOrganizationSettings, updateOrganization } from '../../directory/update-organization.js';
import { DUTY_OFFICER_ROLE } from '../../hotline/hotline-roles.js';
import { listDutyShifts, removeDutyShift, setDutyShift } from '../../hotline/duty-roster.js';
import {
  createRoutingRule,
  listOrganizationRoutingRules,
  switchRoutingRule,
} from '../../routing/routing-rules.service.js';
import type { Html } from '../../web/html.js';
import { actorOf, type ConsoleActor } from '../console-actor.js';
import { consoleErrorReply } from '../console-errors.js';
import { consolePage } from '../console-layout.js';
import { formStateFromError, optionalNumber, splitList, type FormState } from './admin-form.js';
import {
  ADMIN_NOTICES,
  ADMIN_SECTIONS,
  ADMIN_SECTION_PATHS,
  adminTexts,
  type AdminNotice,
  type AdminSection,
} from './admin-texts.js';
import {
  ADMIN_ROOT,
  organizationPath,
  renderAdminIndex,
  renderCalendarSection,
  renderInfoSection,
  renderLogSection,
  renderOrganizationFrame,
  renderRosterSection,
  renderRoutingSection,
  renderStaffSection,
  renderUnitsSection,
} from './admin-views.js';
import { registerQueueBoard } from './queue-board.js';

const HTML = 'text/html; charset=utf-8';
const ROSTER_DAYS = 14;

type Body = Record<string, string>;
const ZFormBody = z.record(z.string(), z.string()).catch({});
const bodyOf = (request: FastifyRequest): Body => ZFormBody.parse(request.body ?? {});

const SECTION_BY_PATH = new Map(ADMIN_SECTIONS.map((s) => [ADMIN_SECTION_PATHS[s], s] as const));

interface AdminOrg {
  id: string;
  code: string;
  name: string;
  node: DirectoryOrganization;
  settings: unknown;
}

function staffActor(actor: ConsoleActor): DirectoryActor {
  return { type: 'staff', staffId: actor.staffId };
}

/** The organisation of the URL, when the signed-in staff member administers it; else 403/404. */
async function administeredOrganization(
  ctx: AppContext,
  actor: ConsoleActor,
  code: string,
): Promise<AdminOrg> {
  const org = await findOrganizationByCode(ctx.db.prisma, code);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${code}".`);
  const ids = await administeredOrganizationIds(ctx, actor.staffId);
  if (!ids.includes(org.id)) throw new AppError('forbidden', NOT_AN_ADMINISTRATOR);
  const [node] = await listDirectoryTree(ctx, { organizationCode: org.code });
  return { id: org.id, code: org.code, name: org.name, node: node!, settings: org.settings };
}

async function sectionBody(
  ctx: AppContext,
  actor: ConsoleActor,
  org: AdminOrg,
  section: AdminSection,
  state?: FormState,
  invite?: { code: string; fullName: string; expiresAt: Date },
): Promise<Html> {
  switch (section) {
    case 'info': {
      const settings = (org.settings ?? {}) as Record<string, unknown>;
      return renderInfoSection(
        actor,
        {
          code: org.code,
          name: org.node.name,
          place: org.node.place,
          hotlineNumbers: org.node.hotlineNumbers,
          deadlinePolicy: parseDeadlinePolicy(org.settings).policy,
          letterSymbol: typeof settings.letterSymbol === 'string' ? settings.letterSymbol : '',
        },
        state,
      );
    }
    case 'units':
      return renderUnitsSection(actor, { code: org.code, units: org.node.units }, state);
    case 'staff':
      return renderStaffSection(
        actor,
        { code: org.code, staff: org.node.staff, units: org.node.units },
        state,
        invite,
      );
    case 'roster': {
      const from = ctx.clock.now();
      const shifts = await listDutyShifts(
        ctx,
        org.id,
        from,
        new Date(from.getTime() + ROSTER_DAYS * 86_400_000),
      );
      const officers = org.node.staff
        .filter((s) => s.active && s.roles.some((r) => r.role === DUTY_OFFICER_ROLE))
        .map((s) => ({ id: s.id, fullName: s.fullName }));
      return renderRosterSection(actor, { code: org.code, shifts, officers }, state);
    }
    case 'routing': {
      const rules = await listOrganizationRoutingRules(ctx, org.code);
      return renderRoutingSection(actor, { code: org.code, rules, units: org.node.units }, state);
    }
    case 'calendar': {
      const days = await listOrganizationCalendarDays(ctx, org.id);
      return renderCalendarSection(actor, { code: org.code, days }, state);
    }
    case 'log': {
      const events = await listDirectoryEvents(ctx.db.prisma, { organizationId: org.id, take: 100 });
      const names = new Map(org.node.staff.map((s) => [s.id, s.fullName]));
      return renderLogSection(
        actor,
        events.map((e) => ({
          action: e.action,
          at: e.createdAt,
          by: e.actorStaffId ? (names.get(e.actorStaffId) ?? e.actorStaffId) : null,
        })),
      );
    }
    default: {
      const unreachable: never = section;
      throw new Error(`unknown section ${String(unreachable)}`);
    }
  }
}

async function sendSection(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  org: AdminOrg,
  section: AdminSection,
  opts: {
    state?: FormState;
    notice?: AdminNotice;
    invite?: { code: string; fullName: string; expiresAt: Date };
  } = {},
): Promise<FastifyReply> {
  const actor = actorOf(request);
  const t = adminTexts(actor.lang);
  const body = await sectionBody(ctx, actor, org, section, opts.state, opts.invite);
  return reply
    .status(opts.state?.status ?? 200)
    .type(HTML)
    .send(
      consolePage({
        title: `${t.sections[section]} — ${org.name}`,
        actor,
        nav: 'admin',
        body: renderOrganizationFrame({
          actor,
          org,
          section,
          ...(opts.notice ? { notice: opts.notice } : {}),
          body,
        }),
      }),
    );
}

/**
 * One form post: run the change; on success 303 to the section with a notice, on a refusal of
 * what was typed the section again with the values and errors.
 */
function formRoute(
  app: FastifyInstance,
  ctx: AppContext,
  url: string,
  spec: {
    section: AdminSection;
    form: string;
    fields: readonly string[];
    aliases?: Readonly<Record<string, string>>;
    run: (input: {
      org: AdminOrg;
      body: Body;
      params: Record<string, string>;
      actor: DirectoryActor;
    }) => Promise<AdminNotice>;
  },
): void {
  app.post(
    `${ADMIN_ROOT}/to-chuc/:code/${ADMIN_SECTION_PATHS[spec.section]}${url}`,
    async (request, reply) => {
      const actor = actorOf(request);
      const params = request.params as Record<string, string>;
      const org = await administeredOrganization(ctx, actor, params.code ?? '');
      const body = bodyOf(request);
      let notice: AdminNotice;
      try {
        notice = await spec.run({ org, body, params, actor: staffActor(actor) });
      } catch (err) {
        const state = formStateFromError(err, spec.form, body, spec.fields, spec.aliases);
        if (!state) throw err;
        // Show what is stored now, with the typed values in the refused form.
        return sendSection(
          ctx,
          request,
          reply,
          await administeredOrganization(ctx, actor, org.code),
          spec.section,
          {
            state,
          },
        );
      }
      return reply.redirect(`${organizationPath(org.code, spec.section)}?ok=${notice}`, 303);
    },
  );
}

function roleSpecs(text: string | undefined) {
  return splitList(text).map((item) => {
    const parsed = parseStaffRoleSpec(item);
    if (!parsed.ok) {
      throw new AppError('validation', parsed.message, {
        issues: [{ field: 'roles', message: parsed.message }],
      });
    }
    return parsed.spec;
  });
}

export function registerConsoleAdminRoutes(root: FastifyInstance, ctx: AppContext): void {
  void root.register(async (app) => {
    // Administrators only: someone without an organisation-wide admin role gets 403 on every page.
    // It answers itself rather than throwing: bull-board's routes have their own error handler.
    app.addHook('preHandler', async (request, reply) => {
      const actor = actorOf(request);
      const ids = await administeredOrganizationIds(ctx, actor.staffId);
      if (!ids.length) {
        return consoleErrorReply(
          request,
          reply,
          actor.lang,
          403,
          adminTexts(actor.lang).notAdmin,
          'forbidden',
        );
      }
    });

    await registerQueueBoard(app, ctx);

    app.get(ADMIN_ROOT, async (request, reply) => {
      const actor = actorOf(request);
      const ids = new Set(await administeredOrganizationIds(ctx, actor.staffId));
      const flat: DirectoryOrganization[] = [];
      const walk = (nodes: DirectoryOrganization[]) =>
        nodes.forEach((n) => {
          flat.push(n);
          walk(n.children);
        });
      walk(await listDirectoryTree(ctx));
      const byId = new Map(flat.map((o) => [o.id, o]));
      const orgs = flat
        .filter((o) => ids.has(o.id))
        .map((o) => ({
          code: o.code,
          name: o.name,
          parentName: o.parentId ? (byId.get(o.parentId)?.name ?? null) : null,
        }));
      return reply.type(HTML).send(
        consolePage({
          title: adminTexts(actor.lang).title,
          actor,
          nav: 'admin',
          body: renderAdminIndex(actor, orgs),
        }),
      );
    });

    app.get(`${ADMIN_ROOT}/to-chuc/:code`, async (request, reply) => {
      const { code } = request.params as { code: string };
      return reply.redirect(organizationPath(code), 303);
    });

    app.get(`${ADMIN_ROOT}/to-chuc/:code/:section`, async (request, reply) => {
      const actor = actorOf(request);
      const { code, section: path } = request.params as { code: string; section: string };
      const section = SECTION_BY_PATH.get(path);
      if (!section) throw new AppError('not_found', 'Không có mục quản trị này.');
      const org = await administeredOrganization(ctx, actor, code);
      const ok = (request.query as Record<string, unknown>).ok;
      const notice = (ADMIN_NOTICES as readonly unknown[]).includes(ok) ? (ok as AdminNotice) : undefined;
      return sendSection(ctx, request, reply, org, section, notice ? { notice } : {});
    });

    // Details and settings.
    formRoute(app, ctx, '/sua', {
      section: 'info',
      form: 'info',
      fields: ['name', 'place', 'hotlineNumbers'],
      async run({ org, body, actor }) {
        await updateOrganization(
          ctx,
          {
            organizationCode: org.code,
            name: body.name ?? '',
            place: body.place ?? '',
            hotlineNumbers: splitList(body.hotlineNumbers),
          },
          actor,
        );
        return 'info_saved';
      },
    });
    formRoute(app, ctx, '/cai-dat', {
      section: 'info',
      form: 'settings',
      fields: [
        'dueSoonWorkingDays',
        'remindAt',
        'apologyPrompt',
        'escalationUnitHead',
        'escalationLeaders',
        'letterSymbol',
      ],
      aliases: { escalationLadder: 'escalationUnitHead' },
      async run({ org, body, actor }) {
        const ladder = (['unit_head', 'leaders'] as const).flatMap((level) => {
          const days = optionalNumber(
            level === 'unit_head' ? body.escalationUnitHead : body.escalationLeaders,
          );
          return days === undefined ? [] : [{ level, afterOverdueWorkingDays: days }];
        });
        const symbol = (body.letterSymbol ?? '').trim();
        const { changed } = await changeOrganizationSettings(
          ctx,
          {
            organizationCode: org.code,
            deadlineReminders: {
              dueSoonWorkingDays: splitList(body.dueSoonWorkingDays).map(Number),
              remindAt: (body.remindAt ?? '').trim(),
              apologyPrompt: body.apologyPrompt === 'on',
            },
            escalationLadder: ladder,
            letterSymbol: symbol === '' ? null : symbol,
          },
          actor,
        );
        return changed.length ? 'settings_saved' : 'nothing_changed';
      },
    });

    // Units and their Telegram groups.
    formRoute(app, ctx, '', {
      section: 'units',
      form: 'unit',
      fields: ['code', 'name', 'nameEn', 'kind', 'hotlineNumbers'],
      async run({ org, body, actor }) {
        const nameEn = (body.nameEn ?? '').trim();
        await createUnit(
          ctx,
          {
            organizationCode: org.code,
            code: body.code ?? '',
            name: body.name ?? '',
            ...(nameEn ? { nameEn } : {}),
            kind: (body.kind ?? '') as 'department',
            hotlineNumbers: splitList(body.hotlineNumbers),
          },
          actor,
        );
        return 'unit_created';
      },
    });
    formRoute(app, ctx, '/:unitCode/nhom', {
      section: 'units',
      form: 'group',
      fields: ['chatId'],
      async run({ body, params, actor }) {
        if (actor.type !== 'staff') throw new Error('console actor is staff');
        await linkUnitGroup(ctx, {
          unitCode: params.unitCode ?? '',
          chatId: body.chatId ?? '',
          byStaffId: actor.staffId,
        });
        return 'group_linked';
      },
    });
    formRoute(app, ctx, '/:unitCode/bo-nhom', {
      section: 'units',
      form: 'group',
      fields: [],
      async run({ params, actor }) {
        await unlinkUnitGroup(ctx, { unitCode: params.unitCode ?? '' }, actor);
        return 'group_unlinked';
      },
    });

    // Staff, roles, invites.
    formRoute(app, ctx, '', {
      section: 'staff',
      form: 'staff',
      fields: ['fullName', 'title', 'roles'],
      async run({ org, body, actor }) {
        const title = (body.title ?? '').trim();
        await createStaff(
          ctx,
          {
            organizationCode: org.code,
            fullName: body.fullName ?? '',
            ...(title ? { title } : {}),
            roles: roleSpecs(body.roles),
          },
          actor,
        );
        return 'staff_created';
      },
    });
    formRoute(app, ctx, '/:staffId/vai-tro', {
      section: 'staff',
      form: 'staffRow',
      fields: [],
      async run({ body, params, actor }) {
        await grantStaffRole(
          ctx,
          { staffId: params.staffId ?? '', role: body.role as never, unitCode: body.unitCode || null },
          actor,
        );
        return 'role_granted';
      },
    });
    formRoute(app, ctx, '/:staffId/thu-hoi', {
      section: 'staff',
      form: 'staffRow',
      fields: [],
      async run({ body, params, actor }) {
        await revokeStaffRole(
          ctx,
          { staffId: params.staffId ?? '', role: body.role as never, unitCode: body.unitCode || null },
          actor,
        );
        return 'role_revoked';
      },
    });
    formRoute(app, ctx, '/:staffId/ngung', {
      section: 'staff',
      form: 'staffRow',
      fields: [],
      async run({ params, actor }) {
        await deactivateStaff(ctx, { staffId: params.staffId ?? '' }, actor);
        return 'staff_deactivated';
      },
    });
    // The invite code is shown once, in this answer: never in a redirect's URL (history, logs).
    app.post(
      `${ADMIN_ROOT}/to-chuc/:code/${ADMIN_SECTION_PATHS.staff}/:staffId/ma-moi`,
      async (request, reply) => {
        const actor = actorOf(request);
        const { code, staffId } = request.params as { code: string; staffId: string };
        const org = await administeredOrganization(ctx, actor, code);
        const staff = await findStaff(ctx, staffId);
        if (!staff || staff.organizationId !== org.id)
          throw new AppError('not_found', 'Không tìm thấy cán bộ.');
        const issued = await issueStaffInvite(ctx, { staffId: staff.id }, staffActor(actor));
        return sendSection(ctx, request, reply, org, 'staff', {
          invite: { code: issued.code, fullName: staff.fullName, expiresAt: issued.expiresAt },
        });
      },
    );

    // Hotline duty roster.
    formRoute(app, ctx, '', {
      section: 'roster',
      form: 'shift',
      fields: ['staffId', 'startsAt', 'endsAt'],
      async run({ org, body, actor }) {
        if (actor.type !== 'staff') throw new Error('console actor is staff');
        await setDutyShift(ctx, {
          organizationId: org.id,
          staffId: body.staffId ?? '',
          startsAt: body.startsAt ?? '',
          endsAt: body.endsAt ?? '',
          byStaffId: actor.staffId,
        });
        return 'shift_set';
      },
    });
    formRoute(app, ctx, '/:shiftId/xoa', {
      section: 'roster',
      form: 'shift',
      fields: [],
      async run({ params, actor }) {
        if (actor.type !== 'staff') throw new Error('console actor is staff');
        await removeDutyShift(ctx, { shiftId: params.shiftId ?? '', byStaffId: actor.staffId });
        return 'shift_removed';
      },
    });

    // Routing rules.
    formRoute(app, ctx, '', {
      section: 'routing',
      form: 'rule',
      fields: ['unitCode', 'kind', 'category', 'keywords', 'priority'],
      async run({ org, body, actor }) {
        const priority = optionalNumber(body.priority);
        const category = (body.category ?? '').trim();
        await createRoutingRule(
          ctx,
          {
            organizationCode: org.code,
            unitCode: body.unitCode ?? '',
            ...(priority !== undefined ? { priority } : {}),
            ...(body.kind ? { kind: body.kind as CaseKind } : {}),
            ...(category ? { category } : {}),
            keywords: splitList(body.keywords),
          },
          actor,
        );
        return 'rule_created';
      },
    });
    formRoute(app, ctx, '/:ruleId/bat-tat', {
      section: 'routing',
      form: 'rule',
      fields: [],
      async run({ body, params, actor }) {
        await switchRoutingRule(ctx, { ruleId: params.ruleId ?? '', active: body.active === 'on' }, actor);
        return 'rule_switched';
      },
    });

    // The organisation's own calendar days.
    formRoute(app, ctx, '', {
      section: 'calendar',
      form: 'day',
      fields: ['date', 'type', 'name', 'source'],
      async run({ org, body, actor }) {
        await setCalendarDays(
          ctx,
          {
            organizationCode: org.code,
            days: [
              {
                date: (body.date ?? '').trim(),
                type: (body.type ?? '') as 'day_off',
                name: body.name ?? '',
                source: body.source ?? '',
              },
            ],
          },
          actor,
        );
        return 'day_set';
      },
    });
    formRoute(app, ctx, '/:dayId/xoa', {
      section: 'calendar',
      form: 'day',
      fields: [],
      async run({ params, actor }) {
        await removeCalendarDay(ctx, { dayId: params.dayId ?? '' }, actor);
        return 'day_removed';
      },
    });
  });
}
