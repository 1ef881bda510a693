import { z } from "@hono/zod-openapi";
import { DomainError } from "../errors.js";
import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute } from "../http/route.js";

const route = defineRoute({
  method: "get",
  path: "/metrics",
  operationId: "getPrometheusMetrics",
  tags: ["System"],
  summary: "Prometheus metrics: HTTP requests and latency by route pattern, verdicts, escalations, SLA breaches, embed queue, process",
  description:
    "Text exposition format 0.0.4. With METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` opens it (API keys do not); unset, an admin API key does. Node only: 404 on Workers. Business metrics (deflection rate, time to resolve) are GET /v1/metrics.",
  roles: ADMIN_ONLY,
  responses: { 200: { description: "Prometheus text format", content: { "text/plain": { schema: z.string() } } } },
  errors: { 404: "NOT_FOUND: no Prometheus exporter on this runtime (Workers)" },
});

export function registerPrometheusRoutes(app: App): void {
  app.openapi(route, async (c) => {
    const telemetry = c.var.deps.telemetry;
    if (!telemetry) throw new DomainError("NOT_FOUND", "This runtime has no Prometheus exporter (Workers); the Node service serves /metrics", { runtime: c.var.deps.runtime });
    const { contentType, body } = await telemetry.exposition();
    c.header("cache-control", "no-store");
    return c.body(body, 200, { "content-type": contentType }) as never;
  });
}
