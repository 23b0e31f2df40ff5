// `langnghe reception:log`: the officer logs a visit to the reception place (sổ tiếp công dân), each
// content a case of its own kind; `langnghe reception:register`: the register of a period as PDF or
// XLSX. Arguments are checked by zod here and by the use case's schema.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CASE_KINDS, CASE_KIND_LABELS, ZCaseKindSchema } from '../../cases/case-vocabulary.js';
import { formatVietnameseDate, parseUserDate } from '../../calendar/local-date.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import { AppError } from '../../core/app-error.js';
import {
  REGISTER_FORMATS,
  RECEPTION_HANDLINGS,
  logReceptionVisit,
  printReceptionRegister,
} from '../../reception-register/index.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withAppContext } from '../app-cli.js';
import { openCliDatabase } from '../cli-context.js';
import { systemClock } from '../../core/clock.js';
import { loadOrCreateEncryptionKey } from '../../core/data-dir.js';
import { createSealedBox } from '../../core/sealed-box.js';

/** "complaint:Nội dung…" or "complaint@unit-code:Nội dung…": one content of the visit. */
const ZContentArgSchema = z
  .string()
  .regex(/^[a-z_]+(@[A-Za-z0-9-]+)?:[\s\S]+$/, 'cần dạng <loại>[@<mã khoa>]:<nội dung>')
  .transform((s) => {
    const colon = s.indexOf(':');
    const [kind, unitCode] = s.slice(0, colon).split('@') as [string, string | undefined];
    return { kind, ...(unitCode ? { unitCode } : {}), text: s.slice(colon + 1) };
  })
  .pipe(z.object({ kind: ZCaseKindSchema, unitCode: z.string().optional(), text: z.string() }));

async function organizationIdOf(
  ctx: { db: { prisma: Parameters<typeof findOrganizationByCode>[0] } },
  code: string,
) {
  const org = await findOrganizationByCode(ctx.db.prisma, code);
  if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${code}".`);
  return org.id;
}

export const receptionLogCommand: CliCommand = {
  name: 'reception:log',
  usage:
    'langnghe reception:log --org <orgCode> --officer <staffId> --name <visitor> [--id-number <CCCD>]\n' +
    '  [--address <text>] [--phone <number>] --summary <text> --handling <' +
    RECEPTION_HANDLINGS.join('|') +
    '>\n' +
    '  --content <kind>[@<unitCode>]:<text> [--content …] [--petition-date <dd/mm/yyyy>]\n' +
    '  [--at <YYYY-MM-DDTHH:mm, Vietnam time>] [--prior-body <text>] [--booking <reference or case code>]\n' +
    '  [--key <visit key, to resend safely>]\n' +
    `  kind: ${CASE_KINDS.join(', ')}`,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      officer: { type: 'string' },
      name: { type: 'string' },
      'id-number': { type: 'string' },
      address: { type: 'string' },
      phone: { type: 'string' },
      summary: { type: 'string' },
      handling: { type: 'string' },
      content: { type: 'string', multiple: true },
      'petition-date': { type: 'string' },
      at: { type: 'string' },
      'prior-body': { type: 'string' },
      booking: { type: 'string' },
      key: { type: 'string' },
    } as const);
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.officer || !values.name || !values.summary || !values.handling) {
      throw new UsageError('Cần --org, --officer, --name, --summary và --handling.');
    }
    const contents = (values.content ?? []).map((c, i) => {
      const parsed = ZContentArgSchema.safeParse(c);
      if (!parsed.success) {
        throw new UsageError(`--content thứ ${i + 1}: ${parsed.error.issues[0]?.message ?? 'không hợp lệ'}.`);
      }
      return parsed.data;
    });
    let visitedAt: Date | undefined;
    if (values.at) {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(values.at);
      if (!m) throw new UsageError(`--at không hợp lệ: "${values.at}" (cần YYYY-MM-DDTHH:mm).`);
      visitedAt = new Date(`${m[1]}T${m[2]}:${m[3]}:00+07:00`);
    }
    const logged = await withAppContext(async (ctx) =>
      logReceptionVisit(ctx, {
        organizationId: await organizationIdOf(ctx, values.org!),
        officerStaffId: values.officer!,
        visitKey: values.key ?? `cli-${randomBytes(9).toString('base64url')}`,
        ...(visitedAt ? { visitedAt } : {}),
        visitor: {
          name: values.name!,
          ...(values['id-number'] ? { idNumber: values['id-number'] } : {}),
          ...(values.address ? { address: values.address } : {}),
          ...(values.phone ? { phone: values.phone } : {}),
        },
        summary: values.summary!,
        handling: values.handling as (typeof RECEPTION_HANDLINGS)[number],
        contents,
        ...(values['petition-date'] ? { petitionDate: parseUserDate(values['petition-date']) } : {}),
        ...(values['prior-body'] ? { priorBody: values['prior-body'] } : {}),
        ...(values.booking ? { bookingReference: values.booking } : {}),
      }),
    ).catch((err: unknown) => {
      if (err instanceof AppError && (err.code === 'validation' || err.code === 'forbidden')) {
        throw new UsageError(err.message);
      }
      throw err;
    });
    console.log(
      [
        `Đã ghi sổ tiếp công dân${logged.duplicate ? ' (lượt tiếp đã ghi trước đó)' : ''}: ${logged.cases.length} hồ sơ.`,
        ...logged.cases.map(
          (c) =>
            `  ${c.code}  ${CASE_KIND_LABELS[c.kind].vi}` +
            (c.petitionReceivedOn ? `  · đơn ngày ${formatVietnameseDate(c.petitionReceivedOn)}` : '') +
            (c.dueOn ? `  · hạn ${formatVietnameseDate(c.dueOn)}` : ''),
        ),
      ].join('\n'),
    );
  },
};

export const receptionRegisterCommand: CliCommand = {
  name: 'reception:register',
  usage:
    'langnghe reception:register --org <orgCode> --from <dd/mm/yyyy> --to <dd/mm/yyyy> --format <' +
    REGISTER_FORMATS.join('|') +
    '> [--out <dir>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.from || !values.to || !values.format) {
      throw new UsageError('Cần --org, --from, --to và --format.');
    }
    const format = z.enum(REGISTER_FORMATS).safeParse(values.format);
    if (!format.success) throw new UsageError(`--format phải là ${REGISTER_FORMATS.join(' hoặc ')}.`);
    let from, to;
    try {
      from = parseUserDate(values.from);
      to = parseUserDate(values.to);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // Only the database and the key: printing takes nothing in, so no Redis is needed.
    const { config, db, close } = await openCliDatabase();
    let printed;
    try {
      const key = config.encryptionKey ?? (await loadOrCreateEncryptionKey(config.dataDir)).key;
      const ctx = { db, clock: systemClock, sealedBox: createSealedBox(key) };
      printed = await printReceptionRegister(ctx, {
        organizationId: await organizationIdOf(ctx, values.org),
        from,
        to,
        format: format.data,
      });
    } finally {
      await close();
    }
    const dir = path.resolve(values.out ?? '.');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, printed.fileName);
    await writeFile(file, printed.bytes);
    console.log(`Đã in sổ tiếp công dân: ${printed.visits} lượt tiếp → ${file}`);
  },
};
