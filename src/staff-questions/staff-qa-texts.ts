// What the board reads in Telegram about a collection (/hoids): pure formatting.
import { formatVietnameseDate } from '../calendar/local-date.js';
import type { CollectionView } from './collection-view.js';
import type { DuplicateCluster } from './suggest-duplicates.js';
import {
  COLLECTION_STATE_LABELS,
  formatGroupNumber,
  formatQuestionRef,
  type CollectionState,
} from './staff-qa-rules.js';

const BUDGET = 3800;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function formatCollectionOverview(
  view: CollectionView,
  state: CollectionState,
  suggestions: DuplicateCluster[],
): string {
  const lines: string[] = [
    `📋 Đợt ${view.number}: ${view.topic}`,
    `${formatVietnameseDate(view.opensOn)} – ${formatVietnameseDate(view.closesOn)}, ${COLLECTION_STATE_LABELS[state]}${view.publishedAt ? ', đã công bố' : ''}. ${view.questionCount} câu hỏi, ${view.groups.length} nhóm.`,
  ];
  if (view.groups.length) {
    lines.push('', 'Nhóm:');
    for (const g of view.groups) {
      const who = g.answer ? '✅ đã trả lời' : g.assignee ? `⏳ giao ${g.assignee}` : '❔ chưa giao';
      lines.push(`${formatGroupNumber(g.number)} (${g.questionCount} câu) ${who}: ${clip(g.wording, 160)}`);
    }
  }
  if (view.ungrouped.length) {
    lines.push('', 'Chưa gộp:');
    for (const q of view.ungrouped) lines.push(`${formatQuestionRef(q.ref)}: ${clip(q.text, 160)}`);
  }
  if (suggestions.length) {
    lines.push('', 'Có thể trùng nhau (gợi ý, hãy kiểm tra):');
    for (const s of suggestions) {
      const groups = s.keys.filter((k) => k.startsWith('N'));
      const refs = s.keys.filter((k) => !k.startsWith('N'));
      const into = groups.length === 1 ? `${groups[0]} ` : '';
      lines.push(`${s.keys.join(', ')} (${s.similarity}) → /hoigop ${into}${refs.join(' ')}`);
    }
  }
  lines.push('', 'Gộp: /hoigop · Giao: /hoigiao · Trả lời: /hoitraloi · Công bố: /hoicongbo');
  let out = lines.join('\n');
  if (out.length > BUDGET)
    out = `${out.slice(0, BUDGET)}\n… (còn nữa: in phụ lục bằng langnghe staffqa:annex)`;
  return out;
}
