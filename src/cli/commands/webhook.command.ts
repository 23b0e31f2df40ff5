// `langnghe webhook:add|list|remove|log`: an organisation's outbound event webhooks (src/feeds,
// decision 0034). The signing secret is printed once at creation and kept sealed.
import { loadOrCreateEncryptionKey } from '../../core/data-dir.js';
import { createSealedBox } from '../../core/sealed-box.js';
import { isAppError } from '../../core/app-error.js';
import { FEED_EVENT_TYPES } from '../../feeds/feed-events.js';
import { findWebhook, listDeliveries, listWebhooks, removeWebhook } from '../../feeds/feed.repository.js';
import { registerWebhook } from '../../feeds/register-webhook.js';
import { findOrganizationByCode } from '../../intake/intake.repository.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const webhookAddCommand: CliCommand = {
  name: 'webhook:add',
  usage: `langnghe webhook:add --org <code> --url <https://…> [--events ${FEED_EVENT_TYPES.join(',')}] [--secret <s>]`,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      url: { type: 'string' },
      events: { type: 'string' },
      secret: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.url) throw new UsageError('Cần --org và --url.');
    const { config, db, close } = await openCliDatabase();
    try {
      const key = config.encryptionKey ?? (await loadOrCreateEncryptionKey(config.dataDir)).key;
      const hook = await registerWebhook(
        { db: db.prisma, sealedBox: createSealedBox(key) },
        {
          organizationCode: values.org,
          url: values.url,
          ...(values.events ? { events: values.events.split(',').map((e) => e.trim()) as never } : {}),
          ...(values.secret ? { secret: values.secret } : {}),
        },
      );
      console.log(
        [
          `Đã đăng ký webhook ${hook.id} cho ${values.org}: ${hook.events.join(', ')}.`,
          `Khóa ký (chỉ hiện một lần): ${hook.secret}`,
          'Mỗi lần gửi có X-LangNghe-Signature: t=<giây>,v1=<HMAC-SHA256 của "<t>.<nội dung>">.',
        ].join('\n'),
      );
    } catch (err) {
      if (isAppError(err)) throw new UsageError(err.message);
      throw err;
    } finally {
      await close();
    }
  },
};

export const webhookListCommand: CliCommand = {
  name: 'webhook:list',
  usage: 'langnghe webhook:list [--org <code>]',
  async run(args) {
    const { values } = parseCliArgs(args, { org: { type: 'string' } });
    const { db, close } = await openCliDatabase();
    try {
      const org = values.org ? await findOrganizationByCode(db.prisma, values.org) : undefined;
      if (values.org && !org) throw new UsageError(`Không tìm thấy đơn vị có mã "${values.org}".`);
      const hooks = await listWebhooks(db.prisma, org?.id);
      if (hooks.length === 0) console.log('Chưa có webhook nào.');
      for (const h of hooks)
        console.log(`${h.id}  ${h.createdAt.toISOString()}  ${h.events.join(',')}  ${h.url}`);
    } finally {
      await close();
    }
  },
};

export const webhookRemoveCommand: CliCommand = {
  name: 'webhook:remove',
  usage: 'langnghe webhook:remove <webhook-id>',
  async run(args) {
    const { positionals } = parseCliArgs(args, {});
    const [id, extra] = positionals;
    if (!id || extra || !/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError('Cần đúng một mã webhook.');
    const { db, close } = await openCliDatabase();
    try {
      const removed = await removeWebhook(db.prisma, id, new Date());
      console.log(removed ? `Đã dừng webhook ${id}.` : `Không có webhook đang chạy với mã ${id}.`);
    } finally {
      await close();
    }
  },
};

export const webhookLogCommand: CliCommand = {
  name: 'webhook:log',
  usage: 'langnghe webhook:log <webhook-id> [--limit 50]',
  async run(args) {
    const { positionals, values } = parseCliArgs(args, { limit: { type: 'string' } });
    const [id, extra] = positionals;
    if (!id || extra || !/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError('Cần đúng một mã webhook.');
    const limit = Number(values.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new UsageError('--limit phải từ 1 đến 1000.');
    const { db, close } = await openCliDatabase();
    try {
      if (!(await findWebhook(db.prisma, id))) throw new UsageError(`Không có webhook với mã ${id}.`);
      const deliveries = await listDeliveries(db.prisma, id, limit);
      if (deliveries.length === 0) console.log('Chưa có lần gửi nào.');
      for (const d of deliveries) {
        console.log(
          [
            d.createdAt.toISOString(),
            `case ${d.caseId} #${d.sequence}`,
            d.status === 'delivered' ? `đã gửi ${d.deliveredAt?.toISOString()}` : 'đang chờ',
            `${d.attempts} lần`,
            d.lastError ? `lỗi cuối: ${d.lastError}` : d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '',
          ]
            .filter(Boolean)
            .join('  '),
        );
      }
    } finally {
      await close();
    }
  },
};
