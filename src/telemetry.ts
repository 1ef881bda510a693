/**
 * What the service counts for operators (Prometheus on Node). Services call it through
 * `deps.telemetry`, after their transaction committed, so a rolled-back write is never counted.
 * Absent where no exporter runs (Workers, CLI scripts, most tests): nothing is counted there.
 * Labels are closed sets, never caller input, so the number of series stays bounded.
 */
export interface Telemetry {
  /** One answered HTTP request; `route` is the matched route pattern (`/v1/tickets/:id`) or `unmatched`. */
  httpRequest(sample: { method: string; route: string; status: number; seconds: number }): void;
  ticketDecided(decision: "answer" | "suggest" | "escalate"): void;
  escalationCreated(type: "functional" | "hierarchical"): void;
  /** SLA checkpoints at 100 % that a sweep fired (and committed). */
  slaBreached(count: number): void;
  /** The text exposition format, with its content type (`text/plain; version=0.0.4`). */
  exposition(): Promise<{ contentType: string; body: string }>;
}
