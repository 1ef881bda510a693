import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { MetricsQuerySchema, MetricsSchema } from "./metrics.schemas.js";
import { getMetrics } from "./metrics.service.js";

const metricsRoute = defineRoute({
  method: "get",
  path: "/v1/metrics",
  operationId: "getMetrics",
  tags: ["Metrics"],
  summary: "Escalation rate, deflection, FCR, response times and SLA breaches per time bucket",
  description:
    "Tickets are bucketed by creation time in `tz` (escalation timings by the escalation's creation time); every bucket of the range is present, empty ones with zeros. `totals` covers the whole range. Definitions are on each field of MetricValues. A ticket answered and then escalated or re-opened counts as not resolved (derived at read time).",
  roles: AGENT_UP,
  request: { query: MetricsQuerySchema },
  responses: { 200: jsonContent(MetricsSchema, "Metrics per bucket, per group and in total") },
});

/** Metrics, feedback and knowledge-health insights. */
export function registerMetricsRoutes(app: App): void {
  app.openapi(metricsRoute, async (c) => {
    const query = c.req.valid("query");
    const metrics = await getMetrics({ deps: c.var.deps, input: query });
    return c.json(metrics, 200);
  });
}
