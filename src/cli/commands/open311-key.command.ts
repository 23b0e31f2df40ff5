// An administrator gives an Open311 client (a city portal, FixMyStreet…) its api_key. The key is
// printed once and stored only as its SHA-256: a lost key is replaced, never recovered.
import { randomBytes } from 'node:crypto';
import { hashOpen311Key } from '../../open311/open311.routes.js';
import { insertOpen311Client, listOpen311Clients } from '../../open311/open311.repository.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const open311KeyCommand: CliCommand = {
  name: 'open311:key',
  usage: 'langnghe open311:key "<client name>" | langnghe open311:key --list',
  async run(args) {
    const { positionals, values } = parseCliArgs(args, { list: { type: 'boolean' } });
    const { db, close } = await openCliDatabase();
    try {
      if (values.list) {
        for (const c of await listOpen311Clients(db.prisma)) {
          console.log(
            `${c.id}  ${c.createdAt.toISOString()}  ${c.revokedAt ? 'đã thu hồi' : 'đang dùng'}  ${c.name}`,
          );
        }
        return;
      }
      const name = positionals.join(' ').trim();
      if (!name || name.length > 120)
        throw new UsageError('Cần tên của hệ thống kết nối (tối đa 120 ký tự).');
      const key = randomBytes(32).toString('base64url');
      const client = await insertOpen311Client(db.prisma, { name, keyHash: hashOpen311Key(key) });
      console.log(
        [
          `Đã tạo khóa Open311 cho "${name}" (${client.id}).`,
          `api_key: ${key}`,
          'Khóa chỉ hiện một lần: hãy lưu lại ngay.',
        ].join('\n'),
      );
    } finally {
      await close();
    }
  },
};
