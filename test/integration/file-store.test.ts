// The file store on a real database (decision 0021): an attachment's bytes stored once however
// often they are sent, removed with the last draft holding them; files an older version left under
// DATA_DIR read from the disk, copied into the database once, and then readable — and deliverable
// from an older outbox row — by a process with another DATA_DIR.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.js';
import type { Outbound } from '../../src/dialog/dialog-types.js';
import { importDataDirFiles, readStoredFile } from '../../src/files/file-store.js';
import { discardDraftAttachments, storeAttachment } from '../../src/intake/store-attachment.js';
import { createChannelSenders, type ChannelSender } from '../../src/notify/channel-sender.js';
import { deliverNotification, type DeliveryDeps } from '../../src/notify/deliver-notification.js';
import { createRecipientPacer } from '../../src/notify/recipient-pacer.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`ảnh ${randomUUID()}`)]);
let t: TestContext;
let dataDir: string;
let otherDataDir: string;
/** The same app as another process sees it: same database, its own (empty) DATA_DIR. */
let other: AppContext;
const sent: Outbound[] = [];
let deps: DeliveryDeps;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-files-'));
  otherDataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-files-other-'));
  t = await createTestContext({ seed: false, env: { DATA_DIR: dataDir } });
  other = { ...t.ctx, config: { ...t.ctx.config, dataDir: otherDataDir } };
  const recording: ChannelSender = {
    channel: 'web',
    paceMs: () => 0,
    async send(_recipient, content) {
      sent.push(content);
      return { channelMessageId: String(sent.length) };
    },
  };
  deps = { senders: createChannelSenders([recording]), pacer: createRecipientPacer(t.redis, t.prefix) };
});
afterAll(async () => {
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  await rm(otherDataDir, { recursive: true, force: true });
});

const rowsOf = (key: string) => t.ctx.db.prisma.storedFile.count({ where: { key } });

describe('file store', () => {
  it('stores the same attachment once, and removes it with the last draft that holds it', async () => {
    const sha256 = createHash('sha256').update(JPEG).digest('hex');
    const key = `files/${sha256}`;
    const store = (submissionId: string) =>
      storeAttachment(t.ctx, { submissionId, bytes: JPEG, fileName: 'anh.jpg', fallbackName: 'anh.jpg' });
    const [a, b] = [`sub-${randomUUID()}`, `sub-${randomUUID()}`];
    const [first, second] = await Promise.all([store(a), store(b)]);
    expect(first.ok && second.ok).toBe(true);
    expect(await rowsOf(key)).toBe(1);
    const row = await t.ctx.db.prisma.storedFile.findUniqueOrThrow({ where: { key } });
    expect(row).toMatchObject({ sha256, sizeBytes: JPEG.length, mimeType: 'image/jpeg' });
    expect(await readStoredFile(other, key)).toEqual(JPEG);

    await discardDraftAttachments(t.ctx, a);
    expect(await readStoredFile(other, key)).toEqual(JPEG);
    await discardDraftAttachments(t.ctx, b);
    expect(await rowsOf(key)).toBe(0);
    expect(await readStoredFile(t.ctx, key)).toBeNull();
  });

  it('reads an older file from DATA_DIR, copies it in once at start-up, then every process reads it', async () => {
    const letterKey = `files/letters/${randomUUID()}.pdf`;
    const letter = Buffer.from('%PDF-1.4 thư xin lỗi');
    const photo = Buffer.from('ảnh cũ');
    const photoKey = `files/${createHash('sha256').update(photo).digest('hex')}`;
    await mkdir(path.join(dataDir, 'files', 'letters'), { recursive: true });
    await writeFile(path.join(dataDir, letterKey), letter);
    await writeFile(path.join(dataDir, photoKey), photo);
    // Half of an old atomic write: never a file.
    await writeFile(path.join(dataDir, 'files', 'letters', 'x.pdf.a1b2c3.tmp'), 'half');

    expect(await readStoredFile(t.ctx, letterKey)).toEqual(letter);
    expect(await readStoredFile(other, letterKey)).toBeNull();

    expect(await importDataDirFiles(t.ctx)).toBe(2);
    expect(await importDataDirFiles(t.ctx)).toBe(0);
    expect(await t.ctx.db.prisma.storedFile.count({ where: { key: { endsWith: '.tmp' } } })).toBe(0);
    expect(await readStoredFile(other, letterKey)).toEqual(letter);
    expect(await readStoredFile(other, photoKey)).toEqual(photo);
    const row = await t.ctx.db.prisma.storedFile.findUniqueOrThrow({ where: { key: letterKey } });
    expect(row).toMatchObject({ mimeType: 'application/pdf', sizeBytes: letter.length });

    // An outbox row from before names the file by its absolute path on the first process's disk:
    // a worker with another DATA_DIR sends it from the database.
    const { id } = await t.ctx.db.prisma.notification.create({
      data: {
        channel: 'web',
        recipientCiphertext: Uint8Array.from(
          t.ctx.sealedBox.sealJson({ channel: 'web', conversationId: 'a'.repeat(43) }),
        ),
        content: {
          text: 'Thư của bạn',
          file: { fileName: 'thu.pdf', mimeType: 'application/pdf', path: path.join(dataDir, letterKey) },
        },
        dedupeKey: `legacy-${randomUUID()}`,
      },
    });
    expect(await deliverNotification(other, deps, id)).toMatchObject({ outcome: 'sent' });
    expect(sent.at(-1)!.file).toEqual({ fileName: 'thu.pdf', mimeType: 'application/pdf', bytes: letter });
  });

  it('retries a notification whose file is nowhere yet, keeping it pending', async () => {
    const { id } = await t.ctx.db.prisma.notification.create({
      data: {
        channel: 'web',
        recipientCiphertext: Uint8Array.from(
          t.ctx.sealedBox.sealJson({ channel: 'web', conversationId: 'b'.repeat(43) }),
        ),
        content: {
          text: 'Thư của bạn',
          file: {
            fileName: 'thu.pdf',
            mimeType: 'application/pdf',
            key: `files/letters/${randomUUID()}.pdf`,
          },
        },
        dedupeKey: `missing-${randomUUID()}`,
      },
    });
    await expect(deliverNotification(other, deps, id)).rejects.toMatchObject({ code: 'unavailable' });
    const row = await t.ctx.db.prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('pending');
    expect(row.lastError).toMatch(/not found/);
  });
});
