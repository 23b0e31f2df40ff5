// An administrator adds a unit (khoa, phòng, trạm…) to an organisation.
import { createUnit, type CreateUnitInput } from '../../directory/create-organization.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

const KINDS = 'board, office, department, station, clinic, union, other';

export const unitCreateCommand: CliCommand = {
  name: 'unit:create',
  usage: `langnghe unit:create --org <orgCode> --code <unitCode> --name <name> [--name-en <English name>] --kind <kind> [--hotline <number> …]\n  kinds: ${KINDS}\n  The unit code goes into QR codes: short, letters, digits and "-", unique across the installation.`,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      'name-en': { type: 'string' },
      kind: { type: 'string' },
      hotline: { type: 'string', multiple: true },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.org || !values.code || !values.name || !values.kind) {
      throw new UsageError('Cần --org, --code, --name và --kind.');
    }
    const unit = await withDirectoryContext((ctx) =>
      createUnit(ctx, {
        organizationCode: values.org!,
        code: values.code!,
        name: values.name!,
        ...(values['name-en'] ? { nameEn: values['name-en'] } : {}),
        kind: values.kind as CreateUnitInput['kind'],
        hotlineNumbers: values.hotline ?? [],
      }),
    );
    console.log(`Đã tạo ${unit.name} (${unit.code}).`);
  },
};
