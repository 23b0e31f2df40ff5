-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "answeredDueOn" DATE;

-- Backfill: the due date in force when each answered case was answered, by the rule of
-- src/deadlines/governing-clock.ts dueOnInForceAt (kept there, mirrored here once for the rows
-- answered before the column existed): among the clocks started on or before the answer's
-- Vietnamese day (UTC+7) and not stopped before the answer, the earliest statutory due date
-- (the statutory kinds of the rule sets as shipped today), else the earliest of any.
UPDATE "cases" c SET "answeredDueOn" = gov.due_on
FROM (
  SELECT a.id,
         COALESCE(
           MIN(k."dueOn") FILTER (WHERE k.kind IN ('reception_answer', 'forward_out', 'complaint_acceptance',
             'complaint_resolution_first', 'complaint_decision_send', 'complaint_resolution_second',
             'denunciation_initial', 'denunciation_forward', 'denunciation_resolution',
             'denunciation_conclusion_send', 'denunciation_conclusion_action', 'denunciation_conclusion_publish')),
           MIN(k."dueOn")) AS due_on
  FROM "cases" a JOIN "clocks" k ON k."caseId" = a.id
  WHERE COALESCE(a."resolvedAt", a."closedAt") IS NOT NULL
    AND k."startedOn" <= (COALESCE(a."resolvedAt", a."closedAt") + interval '7 hours')::date
    AND (k."stoppedAt" IS NULL OR k."stoppedAt" >= COALESCE(a."resolvedAt", a."closedAt"))
  GROUP BY a.id
) gov
WHERE gov.id = c.id;
