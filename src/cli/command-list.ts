// Every `langnghe` command, in the order help lists them, each behind a dynamic import: a command
// loads its own module and what that imports, not the modules of the other thirty (starting the
// command line used to import them all, seconds before anything ran; docs/decisions/0043). The
// name is the key the command line matches; command-list.test.ts checks that it is the command's
// own name and that no command module is left out.
import type { CliCommand } from './cli-command.js';

export const COMMAND_LIST: ReadonlyArray<readonly [name: string, load: () => Promise<CliCommand>]> = [
  ['calendar', async () => (await import('./commands/calendar.command.js')).calendarCommand],
  ['due', async () => (await import('./commands/due.command.js')).dueCommand],
  ['rules', async () => (await import('./commands/rules.command.js')).rulesCommand],
  ['calendar:load', async () => (await import('./commands/calendar-load.command.js')).calendarLoadCommand],
  ['seed', async () => (await import('./commands/seed.command.js')).seedCommand],
  ['staff-code', async () => (await import('./commands/staff-code.command.js')).staffCodeCommand],
  ['org:create', async () => (await import('./commands/org-create.command.js')).orgCreateCommand],
  ['unit:create', async () => (await import('./commands/unit-create.command.js')).unitCreateCommand],
  ['staff:create', async () => (await import('./commands/staff-create.command.js')).staffCreateCommand],
  ['staff:role', async () => (await import('./commands/staff-role.command.js')).staffRoleCommand],
  ['staff:invite', async () => (await import('./commands/staff-invite.command.js')).staffInviteCommand],
  [
    'staff:deactivate',
    async () => (await import('./commands/staff-deactivate.command.js')).staffDeactivateCommand,
  ],
  ['directory:list', async () => (await import('./commands/directory-list.command.js')).directoryListCommand],
  ['routing:add', async () => (await import('./commands/routing-rule.command.js')).routingAddCommand],
  ['routing:list', async () => (await import('./commands/routing-rule.command.js')).routingListCommand],
  ['duty:set', async () => (await import('./commands/duty-set.command.js')).dutySetCommand],
  ['duty:list', async () => (await import('./commands/duty-set.command.js')).dutyListCommand],
  ['db:migrate', async () => (await import('./commands/db-migrate.command.js')).dbMigrateCommand],
  ['letters', async () => (await import('./commands/letters.command.js')).lettersCommand],
  [
    'letters:certificate',
    async () => (await import('./commands/letters-certificate.command.js')).lettersCertificateCommand,
  ],
  ['zalo:token', async () => (await import('./commands/zalo-token.command.js')).zaloTokenCommand],
  ['open311:key', async () => (await import('./commands/open311-key.command.js')).open311KeyCommand],
  ['webhook:add', async () => (await import('./commands/webhook.command.js')).webhookAddCommand],
  ['webhook:list', async () => (await import('./commands/webhook.command.js')).webhookListCommand],
  ['webhook:remove', async () => (await import('./commands/webhook.command.js')).webhookRemoveCommand],
  ['webhook:log', async () => (await import('./commands/webhook.command.js')).webhookLogCommand],
  ['report', async () => (await import('./commands/report.command.js')).reportCommand],
  ['export:portal', async () => (await import('./commands/export-portal.command.js')).exportPortalCommand],
  ['posters', async () => (await import('./commands/posters.command.js')).postersCommand],
  ['intake:stuck', async () => (await import('./commands/intake-stuck.command.js')).intakeStuckCommand],
  ['backup', async () => (await import('./commands/backup.command.js')).backupCommand],
  ['restore', async () => (await import('./commands/restore.command.js')).restoreCommand],
  ['triage:train', async () => (await import('./commands/triage-train.command.js')).triageTrainCommand],
  ['reception:add', async () => (await import('./commands/reception.command.js')).receptionAddCommand],
  ['reception:list', async () => (await import('./commands/reception.command.js')).receptionListCommand],
  ['reception:cancel', async () => (await import('./commands/reception.command.js')).receptionCancelCommand],
  [
    'reception:log',
    async () => (await import('./commands/reception-register.command.js')).receptionLogCommand,
  ],
  [
    'reception:register',
    async () => (await import('./commands/reception-register.command.js')).receptionRegisterCommand,
  ],
  ['staffqa:open', async () => (await import('./commands/staff-qa.command.js')).staffQaOpenCommand],
  ['staffqa:annex', async () => (await import('./commands/staff-qa.command.js')).staffQaAnnexCommand],
  [
    'report:schedule',
    async () => (await import('./commands/report-schedule.command.js')).reportScheduleCommand,
  ],
  ['export', async () => (await import('./commands/export.command.js')).exportCommand],
  ['console:link', async () => (await import('./commands/console-link.command.js')).consoleLinkCommand],
];
