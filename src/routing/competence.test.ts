import { describe, expect, it } from 'vitest';
import { detectCompetence, type CompetenceInput } from './competence.js';

const UNITS = [
  { id: 'u-noi', name: 'Khoa Nội', active: true },
  { id: 'u-ngoai', name: 'Khoa Ngoại', active: true },
  { id: 'u-dd', name: 'Phòng Điều dưỡng', active: true },
  { id: 'u-bgd', name: 'Ban Giám đốc', active: true },
  { id: 'u-old', name: 'Khoa Nhi', active: false },
];
const CONTEXT = { organizationParentId: 'parent-org', units: UNITS };

const input = (over: Partial<CompetenceInput>): CompetenceInput => ({
  kind: 'complaint',
  description: '',
  involved: null,
  unitId: null,
  ...over,
});

describe('detectCompetence', () => {
  it('sends a case about the director to the managing body', () => {
    expect(
      detectCompetence(input({ description: 'Giám đốc trung tâm nhận tiền của bệnh nhân' }), CONTEXT),
    ).toEqual({
      level: 'managing_body',
      accusedUnitId: null,
      managingOrganizationId: 'parent-org',
      titles: ['giám đốc'],
      senderProtected: false,
    });
  });

  it('reads titles typed without diacritics and in the people-involved field', () => {
    const found = detectCompetence(
      input({ description: 'toi bi xuc pham', involved: 'pho giam doc Tran Van B' }),
      CONTEXT,
    );
    expect(found).toMatchObject({ level: 'managing_body', titles: ['phó giám đốc'] });
  });

  it('keeps "giám đốc" out of the titles when it only occurs inside "phó giám đốc"', () => {
    expect(detectCompetence(input({ description: 'Phó giám đốc quát mắng' }), CONTEXT)?.titles).toEqual([
      'phó giám đốc',
    ]);
    expect(
      detectCompetence(input({ description: 'Phó giám đốc và giám đốc đều biết' }), CONTEXT)?.titles,
    ).toEqual(['giám đốc', 'phó giám đốc']);
  });

  it('has no managing body to name when the organisation has no parent', () => {
    const found = detectCompetence(input({ description: 'Giám đốc vi phạm' }), {
      ...CONTEXT,
      organizationParentId: null,
    });
    expect(found).toMatchObject({ level: 'managing_body', managingOrganizationId: null });
  });

  it('keeps a case about the head of a unit at the organisation, naming that unit', () => {
    expect(detectCompetence(input({ description: 'Trưởng khoa Nội nhận phong bì' }), CONTEXT)).toEqual({
      level: 'organization',
      accusedUnitId: 'u-noi',
      managingOrganizationId: null,
      titles: ['trưởng khoa'],
      senderProtected: false,
    });
  });

  it('finds the unit a little after the title, and the closest one', () => {
    const found = detectCompetence(
      input({ description: 'Ông trưởng phòng của phòng điều dưỡng, không phải khoa Ngoại, đã vi phạm' }),
      CONTEXT,
    );
    expect(found?.accusedUnitId).toBe('u-dd');
  });

  it('falls back to the unit chosen by QR code when the text names none', () => {
    const found = detectCompetence(
      input({ description: 'trưởng khoa quát mắng người nhà', unitId: 'u-ngoai' }),
      CONTEXT,
    );
    expect(found).toMatchObject({ level: 'organization', accusedUnitId: 'u-ngoai' });
  });

  it('the text wins over the QR code: the sender scanned one unit and complains about another’s head', () => {
    const found = detectCompetence(input({ description: 'trưởng khoa Nội', unitId: 'u-ngoai' }), CONTEXT);
    expect(found?.accusedUnitId).toBe('u-noi');
  });

  it('ignores inactive units', () => {
    expect(detectCompetence(input({ description: 'trưởng khoa Nhi' }), CONTEXT)?.accusedUnitId).toBeNull();
  });

  it('names the Ban Giám đốc as the accused unit when the text does', () => {
    expect(detectCompetence(input({ description: 'Ban giám đốc che giấu sai phạm' }), CONTEXT)).toMatchObject(
      {
        level: 'managing_body',
        accusedUnitId: 'u-bgd',
      },
    );
  });

  it('the organisation level wins when both are named', () => {
    expect(
      detectCompetence(input({ description: 'Trưởng khoa Nội và giám đốc cùng bao che' }), CONTEXT)?.level,
    ).toBe('managing_body');
  });

  it('protects the sender of a denunciation', () => {
    expect(
      detectCompetence(input({ kind: 'denunciation', description: 'Trưởng khoa Nội' }), CONTEXT)
        ?.senderProtected,
    ).toBe(true);
  });

  it.each(['feedback', 'petition', 'praise'] as const)('does not apply to %s', (kind) => {
    expect(
      detectCompetence(input({ kind, description: 'Cảm ơn giám đốc và trưởng khoa' }), CONTEXT),
    ).toBeNull();
  });

  it('does not take the addressee for the accused', () => {
    for (const description of [
      'Kính gửi Ban Giám đốc, nhân viên thu ngân thu sai tiền',
      'Đề nghị giám đốc xem xét thái độ của bảo vệ',
      'Tôi đã báo trưởng khoa nhưng không ai giải quyết',
      'Tôi mong ban giám đốc chấn chỉnh',
      'kinh gui giam doc',
    ]) {
      expect(detectCompetence(input({ kind: 'report', description }), CONTEXT), description).toBeNull();
    }
  });

  it('still finds the accused beside an addressee', () => {
    const found = detectCompetence(
      input({ description: 'Kính gửi Ban Giám đốc: trưởng khoa Ngoại đòi tiền bệnh nhân' }),
      CONTEXT,
    );
    expect(found).toMatchObject({ level: 'organization', accusedUnitId: 'u-ngoai', titles: ['trưởng khoa'] });
  });

  it('finds nothing in an ordinary complaint', () => {
    expect(
      detectCompetence(input({ description: 'Điều dưỡng tiêm đau, nói trống không' }), CONTEXT),
    ).toBeNull();
  });

  it('accepts other title lists', () => {
    const found = detectCompetence(input({ description: 'hiệu trưởng' }), {
      ...CONTEXT,
      organizationTitles: ['hiệu trưởng'],
    });
    expect(found?.level).toBe('managing_body');
  });
});
