// `langnghe letters:certificate`: an administrator loads the organisation's PKCS#12 (its CA's
// signing certificate) so signed letters carry a PAdES digital signature, shows what is loaded,
// or removes it (letters are then signed by the printed block only). Decision 0052.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatVietnameseDate, toVietnamDate } from '../../calendar/local-date.js';
import { readNamedSecret } from '../../config/config.js';
import { systemClock } from '../../core/clock.js';
import { loadOrCreateEncryptionKey } from '../../core/data-dir.js';
import { createSealedBox } from '../../core/sealed-box.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import {
  describeLetterCertificate,
  removeLetterCertificate,
  setLetterCertificate,
  type CertificateSummary,
} from '../../letters/letter-certificate.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { openCliDatabase } from '../cli-context.js';
import { parseCliArgs } from '../cli-options.js';

const ZArgsSchema = z
  .object({
    org: z.string().min(1, 'cần --org <mã đơn vị>'),
    p12: z.string().min(1, '--p12 cần đường dẫn tệp').optional(),
    'passphrase-env': z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, '--passphrase-env cần tên một biến môi trường')
      .optional(),
    remove: z.boolean().optional(),
  })
  .refine((a) => !(a.remove && a.p12), { message: 'Dùng --p12 hoặc --remove, không dùng cả hai.' })
  .refine((a) => !a['passphrase-env'] || a.p12, { message: '--passphrase-env chỉ dùng cùng --p12.' });

const day = (d: Date) => formatVietnameseDate(toVietnamDate(d));

function describe(c: CertificateSummary, now: Date): string[] {
  const daysLeft = Math.floor((c.notAfter.getTime() - now.getTime()) / (24 * 3600_000));
  return [
    `  Chủ thể:      ${c.subject}`,
    `  Cấp bởi:      ${c.issuer}`,
    `  Số sê-ri:     ${c.serialNumber}`,
    `  Hiệu lực:     ${day(c.notBefore)} – ${day(c.notAfter)} (${daysLeft >= 0 ? `còn ${daysLeft} ngày` : 'đã hết hạn'})`,
    `  SHA-256:      ${c.fingerprint}`,
  ];
}

export const lettersCertificateCommand: CliCommand = {
  name: 'letters:certificate',
  usage:
    'langnghe letters:certificate --org <orgCode> [--p12 <file.p12> [--passphrase-env <VAR>] | --remove]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      p12: { type: 'string' },
      'passphrase-env': { type: 'string' },
      remove: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    const parsed = ZArgsSchema.safeParse(values);
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    const input = parsed.data;
    // The passphrase is read from the environment, never from the command line (shell history,
    // the process list).
    const envName = input['passphrase-env'];
    const passphrase = envName ? readNamedSecret(envName) : '';
    if (passphrase === undefined) throw new UsageError(`Biến môi trường ${envName} chưa được đặt.`);
    let p12: Buffer | undefined;
    if (input.p12) {
      try {
        p12 = await readFile(input.p12);
      } catch {
        throw new UsageError(`Không đọc được tệp "${input.p12}".`);
      }
    }
    const { config, db, close } = await openCliDatabase();
    try {
      const org = await findOrganizationByCode(db.prisma, input.org);
      if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${input.org}".`);
      const now = systemClock.now();
      if (p12) {
        const key = config.encryptionKey ?? (await loadOrCreateEncryptionKey(config.dataDir)).key;
        const ctx = { db, clock: systemClock, sealedBox: createSealedBox(key) };
        const summary = await setLetterCertificate(ctx, { organizationId: org.id, p12, passphrase });
        console.log(
          [
            `Đã nạp chứng thư số của ${org.name}: thư được ký từ nay mang chữ ký số (PAdES) bên cạnh khối chữ ký in.`,
            ...describe(summary, now),
          ].join('\n'),
        );
      } else if (input.remove) {
        const removed = await removeLetterCertificate({ db }, org.id);
        console.log(
          removed
            ? `Đã gỡ chứng thư số của ${org.name}: thư được ký từ nay chỉ có khối chữ ký in.`
            : `${org.name} chưa nạp chứng thư số; không có gì để gỡ.`,
        );
      } else {
        const current = await describeLetterCertificate({ db }, org.id);
        console.log(
          current
            ? [
                `Chứng thư số của ${org.name} (nạp ngày ${day(current.updatedAt)}):`,
                ...describe(current, now),
              ].join('\n')
            : `${org.name} chưa nạp chứng thư số: thư được ký chỉ có khối chữ ký in.`,
        );
      }
    } finally {
      await close();
    }
  },
};
