// Officers' staff-question commands (/hoimo, /hoids, /hoigop, /hoigiao, /hoitraloi, /hoicongbo),
// channel-neutral, kept apart from the case commands like the letters are. Their syntax, aliases
// and roles are entries of officer-command-registry.ts (STAFF_QA_COMMANDS); the services check the
// roles again (src/staff-questions/staff-qa-permissions.ts).
import type { AppContext } from '../app-context.js';
import { toVietnamDate, formatVietnameseDate } from '../calendar/local-date.js';
import type { InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import { answerPrivateStaffCommand } from './private-staff-command.js';
import type { StaffMember } from '../directory/staff-member.js';
import { answerQuestionGroup } from '../staff-questions/answer-question-group.js';
import { assignQuestionGroup } from '../staff-questions/assign-question-group.js';
import { loadCollectionView } from '../staff-questions/collection-view.js';
import { groupStaffQuestions } from '../staff-questions/group-questions.js';
import { openStaffQaCollection } from '../staff-questions/open-collection.js';
import { publishStaffAnswers } from '../staff-questions/publish-staff-answers.js';
import { collectionOf, requireOrganiser } from '../staff-questions/staff-qa-context.js';
import { mayAnswerStaffQa, mayOrganiseStaffQa } from '../staff-questions/staff-qa-permissions.js';
import { collectionState, formatGroupNumber, formatQuestionRef } from '../staff-questions/staff-qa-rules.js';
import { formatCollectionOverview } from '../staff-questions/staff-qa-texts.js';
import { suggestDuplicateClusters } from '../staff-questions/suggest-duplicates.js';
import { fromDbDate } from '../calendar/local-date.js';
import type { StaffQaRequest } from './staff-qa-args.js';
import { findStaffQaCommand } from './officer-command-registry.js';

/**
 * The bot router's hook: a staff-question command → its answer; undefined when the input is not one,
 * or comes from someone who is not staff in a private chat (the citizen dialog answers that).
 */
export function handleStaffQaInput(
  ctx: AppContext,
  env: InboundEnvelope,
  options: { inGroup: boolean },
): Promise<Outbound[] | undefined> {
  return answerPrivateStaffCommand(ctx, env, options, {
    find: findStaffQaCommand,
    privateOnly: 'Các lệnh hỏi đáp hội nghị chỉ dùng trong tin nhắn riêng với bot.',
    run: (staff, request) => runStaffQaRequest(ctx, staff, request),
  });
}

export async function runStaffQaRequest(
  ctx: AppContext,
  staff: StaffMember,
  request: StaffQaRequest,
): Promise<string> {
  switch (request.type) {
    case 'qa_open': {
      const c = await openStaffQaCollection(ctx, {
        actor: staff,
        topic: request.topic,
        opensOn: request.opensOn,
        closesOn: request.closesOn,
      });
      return [
        `✅ Đã mở đợt ${c.number}: ${c.topic} (${formatVietnameseDate(request.opensOn)} – ${formatVietnameseDate(request.closesOn)}).`,
        'Viên chức gửi câu hỏi qua bot bằng lệnh /cauhoi và mã truy cập góp ý nội bộ.',
      ].join('\n');
    }
    case 'qa_list': {
      if (!mayOrganiseStaffQa(staff) && !mayAnswerStaffQa(staff)) requireOrganiser(staff);
      const collection = await collectionOf(ctx, staff.organizationId, request.collection);
      const view = await loadCollectionView(ctx, collection);
      const state = collectionState(
        { opensOn: fromDbDate(collection.opensOn), closesOn: fromDbDate(collection.closesOn) },
        toVietnamDate(ctx.clock.now()),
      );
      const items = [
        ...view.groups.map((g) => ({ key: formatGroupNumber(g.number), text: g.wording })),
        ...view.ungrouped.map((q) => ({ key: formatQuestionRef(q.ref), text: q.text })),
      ];
      // Only suggestions that would merge something not yet grouped.
      const suggestions = suggestDuplicateClusters(items, ctx.config.triage.duplicateThreshold).filter((s) =>
        s.keys.some((k) => k.startsWith('CH-')),
      );
      return formatCollectionOverview(view, state, suggestions);
    }
    case 'qa_group': {
      const g = await groupStaffQuestions(ctx, {
        actor: staff,
        refs: request.refs,
        ...(request.into !== undefined ? { into: request.into } : {}),
        ...(request.wording ? { wording: request.wording } : {}),
      });
      return `✅ Nhóm ${formatGroupNumber(g.number)} (${g.moved} câu hỏi vừa gộp): ${g.wording}\nGiao trả lời: /hoigiao ${formatGroupNumber(g.number)} <họ tên lãnh đạo>`;
    }
    case 'qa_assign': {
      const a = await assignQuestionGroup(ctx, {
        actor: staff,
        group: request.group,
        leaderName: request.leaderName,
      });
      return `✅ Đã giao nhóm ${formatGroupNumber(a.number)} cho ${a.leaderName}${a.told ? '; đã nhắn cho lãnh đạo.' : ' (lãnh đạo chưa tham gia bot, hãy báo trực tiếp).'}`;
    }
    case 'qa_answer': {
      const a = await answerQuestionGroup(ctx, {
        actor: staff,
        group: request.group,
        answer: request.answer,
      });
      return `✅ Đã ${a.replaced ? 'sửa' : 'ghi'} câu trả lời nhóm ${formatGroupNumber(a.number)}. Ban tổ chức công bố bằng /hoicongbo.`;
    }
    case 'qa_publish': {
      const p = await publishStaffAnswers(ctx, {
        actor: staff,
        ...(request.collection !== undefined ? { collectionNumber: request.collection } : {}),
      });
      return `📢 Đã công bố ${p.answered} câu trả lời${p.unanswered ? ` (${p.unanswered} nhóm chưa trả lời chưa được công bố)` : ''}; đã gửi ${p.groupsTold} nhóm khoa/phòng. Viên chức xem trên trang /hoi-dap bằng mã truy cập góp ý nội bộ.`;
    }
    default: {
      const never: never = request;
      return never;
    }
  }
}
