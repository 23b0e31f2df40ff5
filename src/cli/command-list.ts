// Every `langnghe` command, in the order help lists them, each behind a dynamic import: a command
// loads its own module and what that imports, not the modules of the other forty (starting the
// command line used to import them all, seconds before anything ran; docs/decisions/0043). The
// one-line summary is stated here, not in the command's module, so that help loads no command at
// all (docs/decisions/0068). The name is the key the command line matches; command-list.test.ts
// checks that it is the command's own name and that no command module is left out.
import type { CliCommand } from './cli-command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

export const COMMAND_LIST: readonly CommandEntry[] = [
  {
    name: 'calendar',
    summary: 'List the days off and swapped working days of a year',
    load: async () => (await import('./commands/calendar.command.js')).calendarCommand,
  },
  {
    name: 'due',
    summary: 'Print the due date of a clock started on a date, and how it was counted',
    load: async () => (await import('./commands/due.command.js')).dueCommand,
  },
  {
    name: 'rules',
    summary: 'List the time limits in force (today, or on --on <date>)',
    load: async () => (await import('./commands/rules.command.js')).rulesCommand,
  },
  {
    name: 'calendar:load',
    summary: 'Load days off and swapped working days from a JSON file (national, or --org)',
    load: async () => (await import('./commands/calendar-load.command.js')).calendarLoadCommand,
  },
  {
    name: 'seed',
    summary: 'Load the sample organisations and units (safe to run again)',
    load: async () => (await import('./commands/seed.command.js')).seedCommand,
  },
  {
    name: 'staff-code',
    summary: 'Issue a new staff access code for internal feedback (revokes the previous one)',
    load: async () => (await import('./commands/staff-code.command.js')).staffCodeCommand,
  },
  {
    name: 'org:create',
    summary: 'Add an organisation (optionally under its managing body)',
    load: async () => (await import('./commands/org-create.command.js')).orgCreateCommand,
  },
  {
    name: 'unit:create',
    summary: 'Add a unit (department, office, station…) to an organisation',
    load: async () => (await import('./commands/unit-create.command.js')).unitCreateCommand,
  },
  {
    name: 'staff:create',
    summary: 'Add a staff member with roles (role, or role@unitCode for one unit)',
    load: async () => (await import('./commands/staff-create.command.js')).staffCreateCommand,
  },
  {
    name: 'staff:role',
    summary: 'Grant (--add) or withdraw (--remove) roles of a staff member',
    load: async () => (await import('./commands/staff-role.command.js')).staffRoleCommand,
  },
  {
    name: 'staff:invite',
    summary: 'Issue a one-time invite code that binds a staff member’s Telegram account',
    load: async () => (await import('./commands/staff-invite.command.js')).staffInviteCommand,
  },
  {
    name: 'staff:deactivate',
    summary: 'Deactivate a staff member (history kept; they can no longer act)',
    load: async () => (await import('./commands/staff-deactivate.command.js')).staffDeactivateCommand,
  },
  {
    name: 'directory:list',
    summary: 'List organisations, units, staff and roles (as a tree)',
    load: async () => (await import('./commands/directory-list.command.js')).directoryListCommand,
  },
  {
    name: 'routing:add',
    summary: 'Add a routing rule: kind, category and keywords → unit',
    load: async () => (await import('./commands/routing-rule.command.js')).routingAddCommand,
  },
  {
    name: 'routing:list',
    summary: 'List the routing rules of an organisation, in the order they are tried',
    load: async () => (await import('./commands/routing-rule.command.js')).routingListCommand,
  },
  {
    name: 'duty:set',
    summary: 'Put a hotline officer on duty for a period',
    load: async () => (await import('./commands/duty-set.command.js')).dutySetCommand,
  },
  {
    name: 'duty:list',
    summary: 'Show who is on hotline duty now and the roster ahead',
    load: async () => (await import('./commands/duty-set.command.js')).dutyListCommand,
  },
  {
    name: 'db:migrate',
    summary: 'Apply pending database migrations (the app also does this at start)',
    load: async () => (await import('./commands/db-migrate.command.js')).dbMigrateCommand,
  },
  {
    name: 'letters',
    summary: 'List issued letters (register number, kind, case, status, signer, dates)',
    load: async () => (await import('./commands/letters.command.js')).lettersCommand,
  },
  {
    name: 'letters:certificate',
    summary: "Load, show or remove an organisation's signing certificate (PKCS#12) for letters",
    load: async () => (await import('./commands/letters-certificate.command.js')).lettersCertificateCommand,
  },
  {
    name: 'zalo:token',
    summary: 'Store the Zalo OA token pair from a refresh token (Zalo developer console)',
    load: async () => (await import('./commands/zalo-token.command.js')).zaloTokenCommand,
  },
  {
    name: 'open311:key',
    summary: 'Create an Open311 api_key for a client (shown once), or --list the clients',
    load: async () => (await import('./commands/open311-key.command.js')).open311KeyCommand,
  },
  {
    name: 'webhook:add',
    summary: 'Register an outbound event webhook for an organisation (signed, retried, logged)',
    load: async () => (await import('./commands/webhook.command.js')).webhookAddCommand,
  },
  {
    name: 'webhook:list',
    summary: 'List the registered event webhooks (of one organisation with --org)',
    load: async () => (await import('./commands/webhook.command.js')).webhookListCommand,
  },
  {
    name: 'webhook:remove',
    summary: 'Stop an event webhook (its delivery log is kept)',
    load: async () => (await import('./commands/webhook.command.js')).webhookRemoveCommand,
  },
  {
    name: 'webhook:log',
    summary: 'Show a webhook’s latest deliveries: event, attempts, last answer',
    load: async () => (await import('./commands/webhook.command.js')).webhookLogCommand,
  },
  {
    name: 'report',
    summary: 'Write an organisation’s periodic report (figures, charts) as XLSX, PDF or CSV',
    load: async () => (await import('./commands/report.command.js')).reportCommand,
  },
  {
    name: 'export:portal',
    summary: 'Export an organisation’s cases for the provincial portal (versioned JSONL)',
    load: async () => (await import('./commands/export-portal.command.js')).exportPortalCommand,
  },
  {
    name: 'posters',
    summary: 'Write the QR poster (A4 PDF) of every active unit of an organisation',
    load: async () => (await import('./commands/posters.command.js')).postersCommand,
  },
  {
    name: 'intake:stuck',
    summary: 'List acknowledged submissions that are not cases yet (stuck or failed); --retry the failed',
    load: async () => (await import('./commands/intake-stuck.command.js')).intakeStuckCommand,
  },
  {
    name: 'backup',
    summary: 'Back up the database and stored files to one file (the key is kept apart)',
    load: async () => (await import('./commands/backup.command.js')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'Restore a backup into an empty database (checks the encryption key first)',
    load: async () => (await import('./commands/restore.command.js')).restoreCommand,
  },
  {
    name: 'triage:train',
    summary:
      'Retrain the triage model from the corpus and officers’ confirmed choices; print held-out figures',
    load: async () => (await import('./commands/triage-train.command.js')).triageTrainCommand,
  },
  {
    name: 'reception:add',
    summary: 'Post a citizen-reception session (once, weekly or monthly)',
    load: async () => (await import('./commands/reception.command.js')).receptionAddCommand,
  },
  {
    name: 'reception:list',
    summary: 'List the posted citizen-reception sessions and their coming dates',
    load: async () => (await import('./commands/reception.command.js')).receptionListCommand,
  },
  {
    name: 'reception:cancel',
    summary: 'Cancel a citizen-reception session; its bookings are cancelled and the people told',
    load: async () => (await import('./commands/reception.command.js')).receptionCancelCommand,
  },
  {
    name: 'reception:log',
    summary: 'Log a visit to the reception place (sổ tiếp công dân): each content becomes an in-person case',
    load: async () => (await import('./commands/reception-register.command.js')).receptionLogCommand,
  },
  {
    name: 'reception:register',
    summary: 'Print the reception register (sổ tiếp công dân) of a period as PDF or XLSX',
    load: async () => (await import('./commands/reception-register.command.js')).receptionRegisterCommand,
  },
  {
    name: 'staffqa:open',
    summary: 'Open a call for staff questions before the staff conference',
    load: async () => (await import('./commands/staff-qa.command.js')).staffQaOpenCommand,
  },
  {
    name: 'staffqa:annex',
    summary: 'Write the staff Q&A annex of a call (PDF) for the staff conference',
    load: async () => (await import('./commands/staff-qa.command.js')).staffQaAnnexCommand,
  },
  {
    name: 'report:schedule',
    summary: 'Add, list or remove the periodic reports an organisation owes (due dates, recipients)',
    load: async () => (await import('./commands/report-schedule.command.js')).reportScheduleCommand,
  },
  {
    name: 'export',
    summary:
      'Export an organisation’s cases or case events for inspection (CSV or JSONL, no identities, no free text)',
    load: async () => (await import('./commands/export.command.js')).exportCommand,
  },
  {
    name: 'console:link',
    summary: 'Print a one-time sign-in link to the web console for a staff member',
    load: async () => (await import('./commands/console-link.command.js')).consoleLinkCommand,
  },
];
