// An administrator adds and lists the routing rules of an organisation.
import { CASE_KINDS } from '../../cases/case-vocabulary.js';
import {
  createRoutingRule,
  listOrganizationRoutingRules,
  type CreateRoutingRuleInput,
} from '../../routing/routing-rules.service.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

export const routingAddCommand: CliCommand = {
  name: 'routing:add',
  usage:
    'langnghe routing:add --org <orgCode> --unit <unitCode> [--kind <kind>] [--category <name>] [--keyword <word> …] [--priority <n, default 100>]\n' +
    `  kinds: ${CASE_KINDS.join(', ')}\n` +
    '  Lower priority numbers are tried first; keywords match whole words, with or without diacritics.',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      unit: { type: 'string' },
      kind: { type: 'string' },
      category: { type: 'string' },
      keyword: { type: 'string', multiple: true },
      priority: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.unit) throw new UsageError('Cần --org và --unit.');
    const priority = values.priority === undefined ? undefined : Number(values.priority);
    if (priority !== undefined && !Number.isInteger(priority))
      throw new UsageError('--priority phải là số nguyên.');
    const rule = await withDirectoryContext((ctx) =>
      createRoutingRule(ctx, {
        organizationCode: values.org!,
        unitCode: values.unit!,
        ...(priority !== undefined ? { priority } : {}),
        ...(values.kind ? { kind: values.kind as CreateRoutingRuleInput['kind'] } : {}),
        ...(values.category ? { category: values.category } : {}),
        keywords: values.keyword ?? [],
      }),
    );
    console.log(`Đã thêm quy tắc phân luồng ${rule.id} (ưu tiên ${rule.priority}).`);
  },
};

export const routingListCommand: CliCommand = {
  name: 'routing:list',
  usage: 'langnghe routing:list --org <orgCode>',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { org: { type: 'string' } });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org) throw new UsageError('Cần --org.');
    const rules = await withDirectoryContext((ctx) => listOrganizationRoutingRules(ctx, values.org!));
    if (!rules.length) {
      console.log('Chưa có quy tắc nào: hồ sơ không chọn khoa/phòng sẽ chờ cán bộ tiếp nhận phân loại.');
      return;
    }
    for (const r of rules) {
      const criteria = [
        r.kind ? `loại ${r.kind}` : null,
        r.category ? `nhóm "${r.category}"` : null,
        r.keywords.length ? `từ khóa: ${r.keywords.join(', ')}` : null,
      ]
        .filter(Boolean)
        .join('; ');
      console.log(
        `${String(r.priority).padStart(5)}  ${r.unit.code.padEnd(12)} ${criteria || 'mọi hồ sơ'}${r.active ? '' : ' (tắt)'}  [${r.id}]`,
      );
    }
  },
};
