-- CreateIndex
CREATE INDEX "cases_open_by_received_idx" ON "cases"("organizationId", "receivedAt", "id") WHERE (status = ANY (ARRAY['received'::"CaseStatus", 'accepted'::"CaseStatus", 'assigned'::"CaseStatus", 'in_progress'::"CaseStatus"]));
