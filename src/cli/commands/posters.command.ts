// `langnghe posters --org <code> [--out <dir>] [--url <address>]`: one A4 poster PDF per active unit
// of an organisation, for printing. Runs without the HTTP server, so the address the QR codes hold
// must be known (PUBLIC_URL or --url): a poster with a localhost address on a wall helps no one.
// An address a phone outside cannot reach (127.0.0.1, a private range, an intranet name) is refused
// too, unless `--allow-local` asks for trial prints: then a loud warning, and each poster says
// across its top that it is not for posting.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zaloOaLink, zaloUnitKeyword } from '../../../bots/zalo/zalo-link.js';
import { findOrganizationWithActiveUnits } from '../../posters/poster.repository.js';
import { nonPublicReason } from '../../posters/public-address.js';
import { renderUnitPoster } from '../../posters/render-unit-poster.js';
import { loadConfig } from '../../config/config.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const postersCommand: CliCommand = {
  name: 'posters',
  usage: 'langnghe posters --org <code> [--out <dir>] [--url <public address>] [--allow-local]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string' },
      'allow-local': { type: 'boolean' },
    });
    if (!values.org || positionals.length) throw new UsageError('Cần --org <mã đơn vị>.');
    // The address first: a refusal needs no database.
    const config = loadConfig();
    const base = (values.url ?? config.publicUrl)?.replace(/\/+$/, '');
    if (!base) {
      throw new UsageError(
        'Chưa biết địa chỉ công khai của hệ thống để in vào mã QR: đặt PUBLIC_URL hoặc dùng --url https://…',
      );
    }
    if (!/^https?:\/\/[^\s/]+/.test(base)) throw new UsageError(`Địa chỉ không hợp lệ: "${base}".`);
    const allowLocal = values['allow-local'] === true;
    const notPublic = nonPublicReason(base);
    if (notPublic && !allowLocal) {
      throw new UsageError(
        `Không in áp phích: ${base} không phải địa chỉ công khai (${notPublic}); điện thoại của người bệnh ` +
          'không mở được mã QR. Đặt PUBLIC_URL hoặc dùng --url https://… (chỉ để in thử: --allow-local).',
      );
    }
    if (notPublic) {
      console.error(
        [
          '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
          `!!! CẢNH BÁO: mã QR chứa địa chỉ nội bộ ${base} (${notPublic}).`,
          '!!! Đây là BẢN IN THỬ: KHÔNG niêm yết. Mỗi áp phích có dòng chữ đỏ báo điều này.',
          '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        ].join('\n'),
      );
    }
    const { db, close } = await openCliDatabase();
    try {
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
          allowLocal,
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
