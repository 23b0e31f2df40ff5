// A GeoReport v2 client written from the specification's text (no Open311 client or validator
// installs from npm): it checks every answer against the fields the spec lists for it, in JSON, and
// reads the XML variants' elements. Tests drive the app's /open311/v2 with it as a portal would.
import { z } from 'zod';

const ZService = z.object({
  service_code: z.string().min(1),
  service_name: z.string().min(1),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string().optional(),
  group: z.string().optional(),
});
const ZDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().optional(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
    }),
  ),
});
/** POST requests: either the id or a token, and optionally a notice and account id. */
const ZPosted = z
  .array(
    z.object({
      service_request_id: z.string().optional(),
      token: z.string().optional(),
      service_notice: z.string().optional(),
      account_id: z.string().optional(),
    }),
  )
  .length(1)
  .refine(([r]) => !!(r!.service_request_id || r!.token), 'service_request_id or token');
const datetime = z.iso.datetime({ offset: true });
const ZRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().optional(),
  service_name: z.string().optional(),
  service_code: z.string(),
  description: z.string().optional(),
  agency_responsible: z.string().optional(),
  service_notice: z.string().optional(),
  requested_datetime: datetime,
  updated_datetime: datetime.optional(),
  expected_datetime: datetime.optional(),
  address: z.string().optional(),
  lat: z.number().optional(),
  long: z.number().optional(),
});
const ZErrors = z.array(z.object({ code: z.number().int(), description: z.string() })).min(1);

export type Open311Request = z.output<typeof ZRequest>;

export class Open311Client {
  constructor(
    readonly endpoint: string,
    readonly apiKey: string,
  ) {}

  private async get(path: string): Promise<{ status: number; json: unknown; type: string; text: string }> {
    const res = await fetch(`${this.endpoint}${path}`);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, text, json: type.includes('json') ? JSON.parse(text) : undefined };
  }

  async services() {
    const r = await this.get('/services.json');
    return z.array(ZService).parse(r.json);
  }

  async definition(code: string) {
    const r = await this.get(`/services/${code}.json`);
    return ZDefinition.parse(r.json);
  }

  /** The raw XML of a resource (the spec's required format). */
  async xml(path: string): Promise<{ status: number; text: string; type: string }> {
    return this.get(path);
  }

  /** POST requests.json with form fields, as the spec sends them; `api_key` is added. */
  async post(fields: Record<string, string>, apiKey = this.apiKey) {
    const res = await fetch(`${this.endpoint}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: apiKey, ...fields }).toString(),
    });
    const json: unknown = await res.json();
    if (!res.ok) return { status: res.status, errors: ZErrors.parse(json) };
    return { status: res.status, posted: ZPosted.parse(json)[0]! };
  }

  async token(token: string) {
    const r = await this.get(`/tokens/${token}.json`);
    return z
      .array(z.object({ service_request_id: z.string().optional(), token: z.string() }))
      .length(1)
      .parse(r.json)[0]!;
  }

  async request(id: string): Promise<Open311Request> {
    const r = await this.get(`/requests/${id}.json`);
    return z.array(ZRequest).length(1).parse(r.json)[0]!;
  }

  async requests(query: Record<string, string> = {}): Promise<Open311Request[]> {
    const r = await this.get(`/requests.json?${new URLSearchParams(query).toString()}`);
    return z.array(ZRequest).parse(r.json);
  }
}

/** The text of the first `<name>` element of an XML document (the spec's XML has no attributes). */
export function xmlText(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}
