import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_TRANSITIONS, actorMayTake } from '../cases/case-transitions.js';
import { ROLES, type Role } from '../cases/case-vocabulary.js';
import { CITIZEN_MENU } from '../dialog/dialog-commands.js';
import { promptOfTemplate } from './button-prompt.js';
import {
  MENU_COMMAND_PATTERN,
  MENU_DESCRIPTION_LIMIT,
  publicCommandMenus,
  staffCommandMenus,
} from './command-menus.js';
import {
  ALL_OFFICER_COMMANDS,
  CASE_COMMANDS,
  buttonTemplate,
  commandForButton,
  mayUseCommand,
  officerHelp,
  rolesOfCommand,
} from './officer-command-registry.js';
import { officerCommandOf, parseOfficerCommand } from './officer-commands.js';

const helpLine = (roles: Role[], name: string) =>
  officerHelp(roles)
    .split('\n')
    .find((l) => l.startsWith(`/${name} `) || l === `/${name}`);

describe('officer command registry', () => {
  it('gives every command a usage, a description in both languages and names Telegram accepts', () => {
    const names = new Set<string>();
    for (const c of ALL_OFFICER_COMMANDS) {
      expect(c.usage.startsWith(`/${c.name}`), c.name).toBe(true);
      for (const text of [c.description.vi, c.description.en]) {
        expect(text.trim().length, c.name).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(MENU_DESCRIPTION_LIMIT);
      }
      expect(c.aliases.length, c.name).toBeGreaterThan(0);
      for (const name of [c.name, ...c.aliases]) {
        expect(name).toMatch(MENU_COMMAND_PATTERN);
        expect(names.has(name), `${name} is used twice`).toBe(false);
        names.add(name);
      }
      for (const form of c.forms ?? []) expect(form.usage.startsWith(`/${c.name} `)).toBe(true);
    }
    for (const c of CITIZEN_MENU) {
      expect(c.vi).toMatch(MENU_COMMAND_PATTERN);
      expect(c.en).toMatch(MENU_COMMAND_PATTERN);
    }
  });

  it('answers wrong arguments with the command’s own syntax line', () => {
    for (const c of CASE_COMMANDS) {
      const parsed = parseOfficerCommand(c.name, '');
      if (!parsed.ok) expect(parsed.message).toContain(c.usage);
    }
    expect(officerCommandOf('ACCEPT')).toBe('thuly');
  });

  it('lets a case action’s command be used by exactly the roles the transition table allows', () => {
    for (const c of CASE_COMMANDS) {
      if (!('action' in c) || !c.action) continue;
      const rule = CASE_TRANSITIONS[c.action];
      for (const role of ROLES) {
        const anyKind = actorMayTake(rule, role) || !!rule.extraActorsByKind?.actors.includes(role);
        expect(mayUseCommand(c, [role]), `${c.name} for ${role}`).toBe(anyKind);
        expect(rolesOfCommand(c).roles.includes(role), `${c.name} for ${role}`).toBe(
          actorMayTake(rule, role),
        );
      }
    }
  });

  it('shows each role its commands; a command some kinds only allow says which kinds', () => {
    expect(helpLine(['handler'], 'thuly')).toMatch(/chỉ với hồ sơ góp ý, phản ánh, kiến nghị, khen ngợi/);
    expect(helpLine(['receiver'], 'thuly')).not.toMatch(/chỉ với/);
    expect(helpLine(['handler'], 'chuyen')).toBeUndefined();
    expect(helpLine(['receiver'], 'chuyen')).toBeDefined();
    expect(helpLine(['inspector'], 'ghichu')).toBeUndefined();
    expect(helpLine(['handler'], 'danhtinh')).toBeUndefined();
    expect(helpLine(['leader'], 'danhtinh')).toBeDefined();
    // The organisation's policy decides who may reveal an identity.
    expect(officerHelp(['unit_head'], { identityRevealRoles: ['unit_head'] })).toMatch(/\/danhtinh/);
    // Forms of /truc with their own roles.
    expect(officerHelp(['hotline'])).toMatch(/\/truc nhan/);
    expect(officerHelp(['handler'])).not.toMatch(/\/truc nhan/);
    expect(officerHelp(['leader'])).toMatch(/\/truc <từ> \| <đến>/);
  });

  it('asks a card button for the words of the command performing its action', () => {
    for (const action of [...CASE_ACTIONS, 'reply', 'view'] as const) {
      const template = buttonTemplate(action);
      const command = commandForButton(action);
      if (!template) continue;
      expect(template.replace('{code}', '<mã hồ sơ>')).toBe(command!.usage);
      const prompt = promptOfTemplate(template);
      expect(prompt?.command).toBe(command!.name);
      expect(`/${command!.name} <mã hồ sơ> ${prompt!.rest}`).toBe(command!.usage);
    }
    expect(buttonTemplate('pause')).toBe('/tamdung {code} <lý do>');
    expect(buttonTemplate('reply')).toBe('/traloi {code} <nội dung trả lời người gửi>');
    // Buttons that act at once, or list the grounds first, ask for nothing.
    for (const action of ['accept', 'start', 'resume', 'refuse', 'view'] as const) {
      expect(buttonTemplate(action)).toBeUndefined();
    }
    // Every action a button may ask words for has a command.
    for (const action of [
      'forward',
      'guide',
      'merge',
      'assign',
      'resolve',
      'reopen',
      'pause',
      'extend',
      'note',
    ] as const) {
      expect(buttonTemplate(action), action).toBeDefined();
    }
  });
});

describe('command menus', () => {
  it('publishes citizen commands everywhere and group commands in groups, in Vietnamese and English', () => {
    const menus = publicCommandMenus();
    const of = (type: string, locale: string) =>
      menus.find((m) => m.audience.type === type && m.locale === locale)!.commands.map((c) => c.command);
    expect(of('everyone', 'vi')).toEqual(expect.arrayContaining(['start', 'tracuu', 'huy', 'quaylai']));
    expect(of('everyone', 'en')).toEqual(expect.arrayContaining(['start', 'track', 'cancel', 'back']));
    expect(of('groups', 'vi')).toEqual(expect.arrayContaining(['thuly', 'giaiquyet', 'ganphong']));
    expect(of('groups', 'vi')).not.toContain('danhtinh');
    expect(of('groups', 'en')).toEqual(expect.arrayContaining(['accept', 'resolve', 'linkgroup']));
    for (const menu of menus) {
      expect(menu.commands.length).toBeLessThanOrEqual(100);
      for (const c of menu.commands) {
        expect(c.command).toMatch(MENU_COMMAND_PATTERN);
        expect(c.description.length).toBeLessThanOrEqual(MENU_DESCRIPTION_LIMIT);
      }
    }
  });

  it('gives a staff member’s private chat the commands of their roles after the citizen ones', () => {
    const [vi, en] = staffCommandMenus('42', ['handler']);
    const names = vi!.commands.map((c) => c.command);
    expect(vi!.audience).toEqual({ type: 'chat', chatId: '42' });
    expect(names).toEqual(expect.arrayContaining(['start', 'tracuu', 'thuly', 'giaiquyet', 'thu']));
    expect(names).not.toContain('chuyen');
    expect(names.filter((n) => n === 'trogiup')).toHaveLength(1);
    expect(en!.locale).toBe('en');
    expect(en!.commands.map((c) => c.command)).toContain('resolve');
  });
});
