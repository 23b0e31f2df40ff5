import { describe, expect, it } from 'vitest';
import { escapeXml, renderOpen311 } from './open311-format.js';
import { open311Status, submissionFromOpen311 } from './open311-mapping.js';

describe('Open311 answers', () => {
  it('renders the spec’s XML: one root, an element per item, every text escaped', () => {
    const out = renderOpen311('xml', 'service_requests', [
      { service_request_id: 'a', status_notes: 'A & B <c> "d"\u0001', expected_datetime: undefined },
    ]);
    expect(out.type).toBe('text/xml; charset=utf-8');
    expect(out.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><service_requests><request><service_request_id>a</service_request_id><status_notes>A &amp; B &lt;c&gt; &quot;d&quot;</status_notes></request></service_requests>',
    );
    expect(escapeXml("it's")).toBe('it&apos;s');
    expect(renderOpen311('json', 'services', [{ a: 1 }]).text).toBe('[{"a":1}]');
  });

  it('maps statuses to open/closed and a POST to the public submission shape', () => {
    expect(open311Status('in_progress')).toBe('open');
    expect(['resolved', 'closed', 'refused', 'forwarded'].map((s) => open311Status(s as never))).toEqual([
      'closed',
      'closed',
      'closed',
      'closed',
    ]);
    const anonymous = submissionFromOpen311('client-1', {
      service_code: 'report',
      description: 'Không có nước',
      lat: '10.9',
      long: '106.7',
      'attribute[unit]': 'ta-kkb',
    });
    expect(anonymous).toMatchObject({
      channel: 'api',
      kind: 'report',
      unitCode: 'ta-kkb',
      place: '(10.9, 106.7)',
      anonymous: true,
    });
    expect(anonymous.submissionId).toMatch(/^o311-[A-Za-z0-9_-]{40}$/);
    // The same fields from another client are another submission; from the same client, the same.
    expect(
      submissionFromOpen311('client-2', { service_code: 'report', description: 'Không có nước' })
        .submissionId,
    ).not.toBe(
      submissionFromOpen311('client-1', { service_code: 'report', description: 'Không có nước' })
        .submissionId,
    );
    expect(submissionFromOpen311('c', { email: 'a@b.vn', first_name: 'Lan' })).toMatchObject({
      contact: { name: 'Lan', email: 'a@b.vn' },
      anonymous: false,
    });
  });
});
