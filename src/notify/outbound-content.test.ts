import { describe, expect, it } from 'vitest';
import { fromStoredOutbound, toStoredOutbound } from './outbound-content.js';

describe('stored Outbound', () => {
  it('round-trips text, buttons, contact request and file bytes through JSON', () => {
    const content = {
      text: 'Phiếu tiếp nhận',
      buttons: [[{ label: 'Hài lòng', value: 'rate:5' }]],
      requestContact: true,
      file: { fileName: 'phieu.pdf', mimeType: 'application/pdf', bytes: Buffer.from([0, 1, 2, 255]) },
    };
    const json = JSON.parse(JSON.stringify(toStoredOutbound(content)));
    expect(json.file.bytesBase64).toBe('AAEC/w==');
    expect(fromStoredOutbound(json)).toEqual(content);
  });

  it('keeps a file store key as a key', () => {
    const content = {
      text: 'Thư trả lời',
      file: { fileName: 'a.pdf', mimeType: 'application/pdf', key: 'files/letters/a.pdf' },
    };
    expect(fromStoredOutbound(toStoredOutbound(content))).toEqual(content);
  });

  it('reads the absolute path an older row stored as the key under DATA_DIR', () => {
    const stored = {
      text: 'Thư trả lời',
      file: { fileName: 'a.pdf', mimeType: 'application/pdf', path: '/srv/files/data/files/letters/a.pdf' },
    };
    expect(fromStoredOutbound(stored).file).toEqual({
      fileName: 'a.pdf',
      mimeType: 'application/pdf',
      key: 'files/letters/a.pdf',
    });
    expect(() =>
      fromStoredOutbound({ text: 't', file: { fileName: 'a', mimeType: 'text/plain', path: '/etc/passwd' } }),
    ).toThrow();
  });

  it('refuses button values a channel cannot carry and files without content', () => {
    expect(() =>
      toStoredOutbound({ text: 't', buttons: [[{ label: 'x', value: 'không hợp lệ' }]] }),
    ).toThrow();
    expect(() => toStoredOutbound({ text: 't', file: { fileName: 'a', mimeType: 'text/plain' } })).toThrow();
    expect(() => fromStoredOutbound({ nope: true })).toThrow();
  });
});
