import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Telemetry } from "../telemetry.js";

/**
 * Telemetry backed by prom-client, on a Registry of its own (never prom-client's global one), so
 * several services in one process (tests) keep separate counts. Node only: prom-client reads
 * /proc and node:perf_hooks; the Worker entry never imports this file.
 */
export function createPrometheusTelemetry(source: { embedQueueDepth(): number }): Telemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labels = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "deflect_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: labels,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "deflect_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route pattern and status",
    labelNames: labels,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const verdicts = new Counter({
    name: "deflect_ticket_verdicts_total",
    help: "Tickets decided, by decision (answer, suggest, escalate)",
    labelNames: ["decision"],
    registers: [registry],
  });
  const escalations = new Counter({
    name: "deflect_escalations_created_total",
    help: "Escalations opened, by type (functional, hierarchical)",
    labelNames: ["type"],
    registers: [registry],
  });
  const breaches = new Counter({
    name: "deflect_sla_breaches_total",
    help: "SLA timers breached (first response or resolution), as fired by the SLA sweep",
    registers: [registry],
  });
  new Gauge({
    name: "deflect_embed_queue_depth",
    help: "Embedding requests waiting for the model (0 for embedders without a queue)",
    registers: [registry],
    collect() {
      this.set(source.embedQueueDepth());
    },
  });
  // Every label value exists from the start, so rate() and absent() work before the first event.
  for (const decision of ["answer", "suggest", "escalate"]) verdicts.inc({ decision }, 0);
  for (const type of ["functional", "hierarchical"]) escalations.inc({ type }, 0);
  breaches.inc(0);

  return {
    httpRequest({ method, route, status, seconds }) {
      const l = { method, route, status: String(status) };
      requests.inc(l);
      latency.observe(l, seconds);
    },
    ticketDecided: (decision) => verdicts.inc({ decision }),
    escalationCreated: (type) => escalations.inc({ type }),
    slaBreached: (count) => breaches.inc(count),
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
