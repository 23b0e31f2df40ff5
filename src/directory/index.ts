// Organisations (a tree under their managing bodies), units, staff and their roles, invites that
// bind a Telegram account, and the Telegram group of each unit.
export * from './create-organization.js';
export * from './create-staff.js';
export * from './link-unit-group.js';
export * from './list-directory.js';
export * from './organization-settings.js';
export * from './resolve-staff.js';
export * from './staff-invite.js';
export * from './staff-member.js';
export * from './staff-role-spec.js';
export type { DirectoryContext } from './directory-context.js';
