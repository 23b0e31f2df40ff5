import { trainAndStoreTriageModel } from '../../triage/train-triage.js';
import { type CliCommand } from '../cli-command.js';
import { openCliDatabase } from '../cli-context.js';

const f = (v: number) => v.toFixed(3);

export const triageTrainCommand: CliCommand = {
  name: 'triage:train',
  usage: 'langnghe triage:train',
  async run() {
    const cli = await openCliDatabase();
    try {
      const r = await trainAndStoreTriageModel(cli.db.prisma, new Date());
      const m = r.metrics;
      console.log(
        `Đã huấn luyện mô hình phân loại ${r.id}: ${r.corpus} mẫu kho ngữ liệu + ${r.officerChoices} hồ sơ cán bộ đã xác nhận.`,
      );
      console.log(`Kiểm tra trên ${m.heldOut} mẫu giữ lại (không dùng để huấn luyện):`);
      console.log(`  loại       accuracy ${f(m.kind.accuracy)}  macro-F1 ${f(m.kind.macroF1)}`);
      console.log(`  khoa/phòng accuracy ${f(m.unit.accuracy)}  macro-F1 ${f(m.unit.macroF1)}`);
      console.log(`  khẩn       precision ${f(m.urgency.precision)}  recall ${f(m.urgency.recall)}`);
      console.log(`  trùng lặp  precision ${f(m.duplicates.precision)}  recall ${f(m.duplicates.recall)}`);
    } finally {
      await cli.close();
    }
  },
};
