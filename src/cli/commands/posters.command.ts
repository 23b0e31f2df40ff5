// `langnghe posters --org <code> [--out <dir>] [--url <address>]`: one A4 poster PDF per active unit
// of an organisation, for printing. Runs without the HTTP server, so the address the QR codes hold
// must be known (PUBLIC_URL or --url): a poster with a localhost address on a wall helps no one.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zaloOaLink, zaloUnitKeyword } from '../../../bots/zalo/zalo-link.js';
import { findOrganizationWithActiveUnits } from '../../posters/poster.repository.js';
import { renderUnitPoster } from '../../posters/render-unit-poster.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const postersCommand: CliCommand = {
  name: 'posters',
  summary: 'Write the QR poster (A4 PDF) of every active unit of an organisation',
  usage: 'langnghe posters --org <code> [--out <dir>] [--url <public address>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string' },
    });
    if (!values.org || positionals.length) throw new UsageError('Cần --org <mã đơn vị>.');
    const { config, db, close } = await openCliDatabase();
    try {
      const base = (values.url ?? config.publicUrl)?.replace(/\/+$/, '');
      if (!base) {
        throw new UsageError(
          'Chưa biết địa chỉ công khai của hệ thống để in vào mã QR: đặt PUBLIC_URL hoặc dùng --url https://…',
        );
      }
      if (!/^https?:\/\/[^\s/]+/.test(base)) throw new UsageError(`Địa chỉ không hợp lệ: "${base}".`);
      const org = await findOrganizationWithActiveUnits(db.prisma, values.org);
      if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${values.org}".`);
      if (!org.units.length) throw new UsageError(`${org.name} chưa có khoa/phòng nào đang hoạt động.`);
      const outDir = path.resolve(values.out ?? `posters-${org.code}`);
      await mkdir(outDir, { recursive: true });
      const ctx = { db, config: { ...config, publicUrl: base } };
      const files: string[] = [];
      for (const [i, unit] of org.units.entries()) {
        const poster = await renderUnitPoster(ctx, unit.code, {
          baseUrl: base,
          zaloLink: zaloOaLink,
          zaloKeyword: zaloUnitKeyword,
        });
        const file = path.join(outDir, `poster-${poster.unitCode}.pdf`);
        await writeFile(file, poster.pdf);
        files.push(file);
        console.log(`[${i + 1}/${org.units.length}] ${unit.name} (${unit.code}) → ${file}`);
      }
      console.log(`Đã tạo ${files.length} áp phích cho ${org.name} trong ${outDir}.`);
    } finally {
      await close();
    }
  },
};
