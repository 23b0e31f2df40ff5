// GeoReport v2 answers in JSON or XML, chosen by the resource's extension (`services.json`,
// `requests.xml`). The spec's XML is plain elements named like the JSON keys, one root and one
// element per array item (`<services><service>…`), UTF-8 with the XML declaration. A builder this
// small needs no library: every text goes through one escaper, which also drops the characters XML
// 1.0 cannot carry.
export type Open311Format = 'json' | 'xml';

export type Open311Value = string | number | boolean | null | undefined | Open311Object | Open311Value[];
export interface Open311Object {
  [key: string]: Open311Value;
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The element name of one item of a list: `services` → `service`, `attributes` → `attribute`. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  keywords: 'keyword',
};

function element(name: string, value: Open311Value): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `root` names the XML root (`services`, `service_requests`, `service_definition`, `errors`). */
export function renderOpen311(
  format: Open311Format,
  root: string,
  body: Open311Value,
): { type: string; text: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', text: JSON.stringify(body) };
  return {
    type: 'text/xml; charset=utf-8',
    text: `<?xml version="1.0" encoding="UTF-8"?>${element(root, body)}`,
  };
}

/** The spec's error answer: a list of { code, description } with the HTTP status as code. */
export function open311Errors(status: number, description: string): Open311Value {
  return [{ code: status, description }];
}
