// The export a provincial portal ingests (docs/portal-export.md, decision 0034): one JSON object a
// line (JSONL), one line a case received in [from, to), each line carrying the schema name and
// version. Facts only — no names, contact, text, tracking codes or staff.
import type { Db } from '../db/database.js';
import { loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import { findCasesForExport } from './feed.repository.js';

export const PORTAL_EXPORT_SCHEMA = 'langnghe.portal-export';
export const PORTAL_EXPORT_VERSION = 1;

export interface PortalExportLine {
  schema: typeof PORTAL_EXPORT_SCHEMA;
  version: typeof PORTAL_EXPORT_VERSION;
  organization: string;
  caseId: string;
  unit: string | null;
  kind: string;
  channel: string;
  audience: string;
  urgency: string;
  status: string;
  outcome: string | null;
  satisfaction: number | null;
  receivedAt: string;
  /** The first time the case was resolved (or closed without a resolution), if it was. */
  resolvedAt: string | null;
  closedAt: string | null;
  /** The governing deadline (statutory when one runs), a Vietnam calendar date. */
  dueOn: string | null;
  dueBasis: 'statutory' | 'service' | null;
  updatedAt: string;
}

export async function* portalExportLines(
  db: Db,
  org: { id: string; code: string },
  from: Date,
  to: Date,
): AsyncGenerator<PortalExportLine> {
  for (const c of await findCasesForExport(db, org.id, from, to)) {
    const deadline = await loadGoverningDeadline(db, c.id);
    const resolved = c.events.find((e) => e.toStatus === 'resolved') ?? null;
    const closed = c.events.find((e) => e.toStatus === 'closed') ?? null;
    yield {
      schema: PORTAL_EXPORT_SCHEMA,
      version: PORTAL_EXPORT_VERSION,
      organization: org.code,
      caseId: c.id,
      unit: c.unit?.code ?? null,
      kind: c.kind,
      channel: c.channel,
      audience: c.audience,
      urgency: c.urgency,
      status: c.status,
      outcome: c.outcome,
      satisfaction: c.satisfaction,
      receivedAt: c.receivedAt.toISOString(),
      resolvedAt: (resolved ?? closed)?.createdAt.toISOString() ?? null,
      closedAt: closed?.createdAt.toISOString() ?? null,
      dueOn: deadline?.dueOn ?? null,
      dueBasis: deadline ? (deadline.basis === 'statutory' ? 'statutory' : 'service') : null,
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
