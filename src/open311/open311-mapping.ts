// How Lắng Nghe's vocabulary maps onto GeoReport v2 (decision 0033). Pure.
//
// - A service is a case kind (service_code = the kind: `report`, `praise`…); the receiving
//   department is the service's `unit` attribute (a singlevaluelist of the jurisdiction's units),
//   and the jurisdiction_id is the organisation code (DEFAULT_ORG_CODE when absent). Kinds × units
//   as services would list hundreds of near-identical services and change whenever a unit does.
// - POST requests becomes the same Submission as POST /api/submissions (channel `api`):
//   description → text, attribute[unit] → unitCode, address_string (and lat/long) → place,
//   email/phone/first_name/last_name → contact (none: anonymous). media_url is not fetched: the
//   server would fetch any address a client names; attach files through a chat door instead.
// - A request's status is `open` while the case is being handled and `closed` once it is answered
//   or leaves the organisation's hands; status_notes is the public tracking view's status line.
import { createHash } from 'node:crypto';
import {
  CASE_KINDS,
  CASE_KIND_LABELS,
  CASE_STATUSES,
  type CaseKind,
  type CaseStatus,
} from '../cases/case-vocabulary.js';
import type { SubmissionInput } from '../intake/submission.schema.js';
import type { Open311Object } from './open311-format.js';

/** Statuses in which the organisation still owes an answer. */
const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(['received', 'accepted', 'assigned', 'in_progress']);

export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return OPEN_STATUSES.has(status) ? 'open' : 'closed';
}

/** Statuses that count as `status=open` / `status=closed` in a GET requests filter. */
export function statusesFor(filter: 'open' | 'closed'): CaseStatus[] {
  return CASE_STATUSES.filter((s) => open311Status(s) === filter);
}

const DESCRIPTIONS: Readonly<Record<CaseKind, string>> = {
  feedback: 'Góp ý để đơn vị làm tốt hơn.',
  report: 'Phản ánh việc đã xảy ra: thái độ phục vụ, thời gian chờ, cơ sở vật chất…',
  petition: 'Kiến nghị đơn vị thay đổi hoặc làm một việc.',
  complaint:
    'Khiếu nại một quyết định hay hành vi ảnh hưởng đến quyền lợi của chính bạn; cần đơn có chữ ký để được thụ lý.',
  denunciation: 'Tố cáo hành vi vi phạm pháp luật; cần đơn có chữ ký để được giải quyết theo Luật Tố cáo.',
  praise: 'Khen ngợi, cảm ơn nhân viên hoặc khoa/phòng.',
};

export function serviceList(): Open311Object[] {
  return CASE_KINDS.map((kind) => ({
    service_code: kind,
    service_name: CASE_KIND_LABELS[kind].vi,
    description: DESCRIPTIONS[kind],
    metadata: true,
    type: 'realtime',
    keywords: kind,
    group: 'y-te',
  }));
}

export function isServiceCode(code: string): code is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(code);
}

export function serviceDefinition(kind: CaseKind, units: { code: string; name: string }[]): Open311Object {
  return {
    service_code: kind,
    attributes: [
      {
        variable: true,
        code: 'unit',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Mã khoa/phòng nhận ý kiến; để trống nếu không rõ.',
        order: 1,
        description: 'Khoa/phòng',
        values: units.map((u) => ({ key: u.code, name: u.name })),
      },
      {
        variable: true,
        code: 'occurred_at',
        datatype: 'string',
        required: false,
        datatype_description: 'Ví dụ: sáng 3/12, khoảng 9 giờ.',
        order: 2,
        description: 'Thời điểm xảy ra',
      },
    ],
  };
}

/** The POST fields this server reads (form-encoded, as the spec sends them). */
export interface Open311PostFields {
  service_code?: string;
  jurisdiction_id?: string;
  description?: string;
  address_string?: string;
  lat?: string;
  long?: string;
  email?: string;
  phone?: string;
  first_name?: string;
  last_name?: string;
  'attribute[unit]'?: string;
  'attribute[occurred_at]'?: string;
}

/**
 * The Submission a POST becomes. Its id is a digest of the client and the fields: a client sending
 * the same request again (a timeout, a retry) gets the same token, never a second case.
 */
export function submissionFromOpen311(clientId: string, f: Open311PostFields): SubmissionInput {
  const name = [f.first_name, f.last_name]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  const contact = {
    ...(name ? { name } : {}),
    ...(f.phone?.trim() ? { phone: f.phone } : {}),
    ...(f.email?.trim() ? { email: f.email } : {}),
  };
  const named = Object.keys(contact).length > 0;
  const coordinates = f.lat && f.long ? `(${f.lat}, ${f.long})` : undefined;
  const place = [f.address_string?.trim(), coordinates].filter(Boolean).join(' ');
  const digest = createHash('sha256')
    .update(JSON.stringify([clientId, Object.entries(f).sort(([a], [b]) => (a < b ? -1 : 1))]))
    .digest('base64url')
    .slice(0, 40);
  return {
    submissionId: `o311-${digest}`,
    channel: 'api',
    kind: (f.service_code ?? '') as CaseKind,
    text: f.description ?? '',
    ...(f['attribute[unit]']?.trim() ? { unitCode: f['attribute[unit]'] } : {}),
    ...(f.jurisdiction_id?.trim() ? { organizationCode: f.jurisdiction_id } : {}),
    ...(named ? { contact } : {}),
    ...(place ? { place } : {}),
    ...(f['attribute[occurred_at]']?.trim() ? { occurredAt: f['attribute[occurred_at]'] } : {}),
    anonymous: !named,
  };
}

/** A due date (Vietnam calendar day) as the spec's datetime: the end of that day in Vietnam. */
export function expectedDatetime(dueOn: string | undefined): string | undefined {
  return dueOn ? `${dueOn}T23:59:59+07:00` : undefined;
}

/** ISO 8601 with an offset, as the spec wants; UTC is fine. */
export function isoDatetime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
