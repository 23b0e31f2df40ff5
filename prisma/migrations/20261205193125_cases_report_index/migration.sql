-- CreateIndex
-- The periodic report's covering index (decision 0063): the cases of some organisations received
-- in a period, with every column periodic-report.repository.ts reads, so the report is an
-- index-only scan of narrow tuples instead of a read of the wide case rows.
CREATE INDEX "cases_report_idx" ON "cases"("organizationId", "receivedAt", "unitId", "kind", "channel", "audience", "status", "outcome", "satisfaction", "urgency", "governingDueOn", "answeredDueOn", "resolvedAt", "closedAt");
