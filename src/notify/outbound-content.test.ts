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

  it('keeps a path as a path', () => {
    const content = {
      text: 'Thư trả lời',
      file: { fileName: 'a.pdf', mimeType: 'application/pdf', path: '/srv/a.pdf' },
    };
    expect(fromStoredOutbound(toStoredOutbound(content))).toEqual(content);
  });

  it('refuses button values a channel cannot carry and files without content', () => {
    expect(() =>
      toStoredOutbound({ text: 't', buttons: [[{ label: 'x', value: 'không hợp lệ' }]] }),
    ).toThrow();
    expect(() => toStoredOutbound({ text: 't', file: { fileName: 'a', mimeType: 'text/plain' } })).toThrow();
    expect(() => fromStoredOutbound({ nope: true })).toThrow();
  });
});
