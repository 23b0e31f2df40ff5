// An administrator adds an organisation, under its managing body when it has one.
import { createOrganization, type CreateOrganizationInput } from '../../directory/create-organization.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

const KINDS = 'health_department, hospital, health_centre, ward_committee, other';

export const orgCreateCommand: CliCommand = {
  name: 'org:create',
  usage: `langnghe org:create --code <code> --name <name> --kind <kind> [--parent <code>] [--place <place>] [--hotline <number> …]\n  kinds: ${KINDS}`,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      code: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      parent: { type: 'string' },
      place: { type: 'string' },
      hotline: { type: 'string', multiple: true },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    if (!values.code || !values.name || !values.kind) throw new UsageError('Cần --code, --name và --kind.');
    const org = await withDirectoryContext((ctx) =>
      createOrganization(ctx, {
        code: values.code!,
        name: values.name!,
        kind: values.kind as CreateOrganizationInput['kind'],
        ...(values.parent ? { parentCode: values.parent } : {}),
        ...(values.place ? { place: values.place } : {}),
        hotlineNumbers: values.hotline ?? [],
      }),
    );
    console.log(`Đã tạo đơn vị ${org.name} (${org.code}), mã định danh ${org.id}.`);
  },
};
