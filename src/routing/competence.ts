// The competence rule (DOMAIN.md §2.5, Luật Tố cáo Điều 18, Luật Khiếu nại): the head of a body
// decides complaints and denunciations about its staff; those about the head or a deputy go one
// level up. Two levels follow in this product:
// - about the head or a deputy of a unit (trưởng/phó khoa, phòng, trạm…): the organisation's
//   leadership decides, never that unit itself;
// - about the head or a deputy of the organisation (giám đốc, phó giám đốc, chủ tịch…): the
//   managing body (the parent organisation) decides.
// Detection is by titles in the description and the "people involved" field, without diacritics,
// on kinds that accuse someone, skipping titles the sender addresses ("Kính gửi Ban Giám đốc").
// It is a suggestion with its reason recorded; an officer may re-route (reroute-case.ts). Pure.
import type { CaseKind } from '../cases/case-vocabulary.js';
import type { CompetenceReferral } from '../cases/case-scope.js';
import { phraseIndices, tokenize, type Word } from './fold-text.js';

export const ORGANIZATION_HEAD_TITLES: readonly string[] = [
  'giám đốc',
  'phó giám đốc',
  'ban giám đốc',
  'thủ trưởng',
  'chủ tịch',
  'phó chủ tịch',
  'viện trưởng',
  'phó viện trưởng',
];

export const UNIT_HEAD_TITLES: readonly string[] = [
  'trưởng khoa',
  'phó khoa',
  'phó trưởng khoa',
  'trưởng phòng',
  'phó phòng',
  'phó trưởng phòng',
  'trưởng trạm',
  'trạm trưởng',
  'phó trạm',
  'trưởng ban',
  'phó trưởng ban',
  'phó ban',
];

/** Kinds that accuse someone; feedback, petitions and praise mention leaders without accusing them. */
export const DEFAULT_COMPETENCE_KINDS: readonly CaseKind[] = ['complaint', 'denunciation', 'report'];

/** How many words after a title a unit's name may start and still read as "the head of that unit". */
const UNIT_NAME_WINDOW = 4;

export interface CompetenceInput {
  kind: CaseKind;
  description: string;
  involved: string | null;
  /** The unit chosen when sending (QR code), if any. */
  unitId: string | null;
}

export interface CompetenceContext {
  organizationParentId: string | null;
  units: readonly { id: string; name: string; active: boolean }[];
  kinds?: readonly CaseKind[];
  organizationTitles?: readonly string[];
  unitTitles?: readonly string[];
}

export function detectCompetence(
  input: CompetenceInput,
  context: CompetenceContext,
): CompetenceReferral | null {
  if (!(context.kinds ?? DEFAULT_COMPETENCE_KINDS).includes(input.kind)) return null;
  const text = tokenize([input.description, input.involved ?? ''].join(' \n '));
  const orgTitles = accusedTitles(text, context.organizationTitles ?? ORGANIZATION_HEAD_TITLES);
  const unitTitles = accusedTitles(text, context.unitTitles ?? UNIT_HEAD_TITLES);
  if (orgTitles.length === 0 && unitTitles.length === 0) return null;

  const senderProtected = input.kind === 'denunciation';
  if (orgTitles.length > 0) {
    return {
      level: 'managing_body',
      accusedUnitId: unitNamedAfter(text, orgTitles, context.units),
      managingOrganizationId: context.organizationParentId,
      titles: orgTitles,
      senderProtected,
    };
  }
  return {
    level: 'organization',
    accusedUnitId: unitNamedAfter(text, unitTitles, context.units) ?? input.unitId,
    managingOrganizationId: null,
    titles: unitTitles,
    senderProtected,
  };
}

/**
 * Words that make a title the addressee, not the person complained about: "Kính gửi Ban Giám đốc",
 * "đề nghị giám đốc xem xét", "đã báo trưởng khoa". Each must end right before the title.
 */
export const ADDRESSING_CUES: readonly string[] = [
  'gửi',
  'gửi tới',
  'gửi đến',
  'gửi lên',
  'trình',
  'trình lên',
  'đề nghị',
  'kiến nghị',
  'mong',
  'xin',
  'nhờ',
  'báo',
  'báo lên',
  'báo cáo',
  'báo cáo lên',
  'phản ánh lên',
  'phản ánh với',
  'phản ánh tới',
  'gặp',
  'cảm ơn',
  'yêu cầu',
];

const CUE_WORDS = ADDRESSING_CUES.map(tokenize);

function addressedAt(text: readonly Word[], at: number): boolean {
  return CUE_WORDS.some(
    (cue) => at >= cue.length && phraseIndices(text.slice(at - cue.length, at), cue).length > 0,
  );
}

/**
 * The titles a case is about, as written in the list: occurrences addressed to someone are left
 * out, and so are those inside a longer title found ("giám đốc" within "phó giám đốc").
 */
function accusedTitles(text: readonly Word[], titles: readonly string[]): string[] {
  const all = titles.map((title) => {
    const words = tokenize(title);
    return { title, length: words.length, at: phraseIndices(text, words) };
  });
  const inLonger = (a: (typeof all)[number], at: number) =>
    all.some((b) => b.length > a.length && b.at.some((bt) => bt <= at && at + a.length <= bt + b.length));
  return all.filter((a) => a.at.some((at) => !addressedAt(text, at) && !inLonger(a, at))).map((a) => a.title);
}

/** The unit whose name follows a title most closely ("trưởng khoa Nội" → Khoa Nội), if any. */
function unitNamedAfter(
  text: readonly Word[],
  titles: readonly string[],
  units: CompetenceContext['units'],
): string | null {
  let best: { id: string; distance: number } | null = null;
  const names = units.filter((u) => u.active).map((u) => ({ id: u.id, words: tokenize(u.name) }));
  for (const title of titles) {
    const words = tokenize(title);
    for (const at of phraseIndices(text, words)) {
      for (const unit of names) {
        for (const unitAt of phraseIndices(text, unit.words)) {
          const distance = unitAt - at;
          if (distance < 0 || distance > words.length + UNIT_NAME_WINDOW) continue;
          if (!best || distance < best.distance) best = { id: unit.id, distance };
        }
      }
    }
  }
  return best?.id ?? null;
}
