import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger', () => {
  it('redacts personal data wherever it sits', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        caseId: 'c1',
        contact: { name: 'Lê Thị Mai', phone: '0912345678' },
        text: 'bác sĩ quát mắng',
        nested: { job: { phone: '0987' } },
      },
      'received',
    );
    const out = lines.join('');
    expect(out).toContain('c1');
    for (const secret of ['Lê Thị Mai', '0912345678', 'bác sĩ', '0987']) expect(out).not.toContain(secret);
  });
});
