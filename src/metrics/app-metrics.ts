// The Prometheus registry of one process and every metric it exposes. One registry per app (not
// prom-client's global one), so tests and an `all` process never register a metric twice.
// Labels are bounded vocabularies only — route patterns, queue names, channels, statuses,
// organisation codes — never an id, a tracking code or anything a person wrote.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OperationsSnapshot } from './operations-snapshot.js';

export interface AppMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_class'>;
  /** Sets the scrape-time metrics from a snapshot, dropping label sets that are gone. */
  apply(snapshot: OperationsSnapshot): void;
}

export function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const httpRequestDuration = new Histogram({
    name: 'langnghe_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern (not the raw URL) and status class (2xx…5xx).',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const queueJobs = new Gauge({
    name: 'langnghe_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read from Redis: global to all processes.',
    labelNames: ['queue', 'state'] as const,
    registers,
  });
  const jobFailures = new Counter({
    name: 'langnghe_job_failures_total',
    help: 'Job attempts that failed, per queue (each retried attempt counts), summed over every worker process in Redis.',
    labelNames: ['queue'] as const,
    registers,
  });
  const stuckSubmissions = new Gauge({
    name: 'langnghe_intake_submissions_stuck',
    help: 'Submissions stored but not yet made into a case for more than 5 minutes.',
    registers,
  });
  const pendingEffects = new Gauge({
    name: 'langnghe_case_events_effects_pending',
    help: 'Case events whose after-commit effects (notices, letters, timers) have not run for more than 5 minutes.',
    registers,
  });
  const notifications = new Gauge({
    name: 'langnghe_notifications',
    help: 'Notifications in the outbox by channel and status.',
    labelNames: ['channel', 'status'] as const,
    registers,
  });
  const openCases = new Gauge({
    name: 'langnghe_cases_open',
    help: 'Open cases (received, accepted, assigned, in progress) per organisation code.',
    labelNames: ['organization'] as const,
    registers,
  });
  const overdueCases = new Gauge({
    name: 'langnghe_cases_overdue',
    help: 'Open cases whose governing due date is before today in Vietnam, per organisation code.',
    labelNames: ['organization'] as const,
    registers,
  });
  const milestones = new Counter({
    name: 'langnghe_case_milestones_total',
    help: 'Deadline milestones fired (deadline_reminder and escalated case events), counted in the database.',
    labelNames: ['action'] as const,
    registers,
  });

  return {
    registry,
    httpRequestDuration,
    apply(s) {
      // reset() first: an organisation or a channel/status pair that disappeared must not linger.
      queueJobs.reset();
      for (const q of s.queueJobs) queueJobs.set({ queue: q.queue, state: q.state }, q.count);
      // Counters read from storage: reset, then the stored total (monotonic across scrapes).
      jobFailures.reset();
      for (const [queue, count] of Object.entries(s.jobFailures)) jobFailures.inc({ queue }, count);
      stuckSubmissions.set(s.stuckSubmissions);
      pendingEffects.set(s.pendingEffects);
      notifications.reset();
      for (const n of s.notifications) notifications.set({ channel: n.channel, status: n.status }, n.count);
      openCases.reset();
      overdueCases.reset();
      for (const c of s.cases) {
        openCases.set({ organization: c.organizationCode }, c.open);
        overdueCases.set({ organization: c.organizationCode }, c.overdue);
      }
      milestones.reset();
      for (const m of s.milestones) milestones.inc({ action: m.action }, m.count);
    },
  };
}

/** '2xx', '4xx'…: the status class keeps the label set small. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
