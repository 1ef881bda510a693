import { z } from "@hono/zod-openapi";
import { DomainError } from "../errors.js";
import { EVERYONE } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { pingDatabase } from "./health.queries.js";

/**
 * Orchestrator probes (Kubernetes, Nomad, a load balancer): cheaper and narrower than /health.
 * Liveness never touches the database, so a slow database never gets a healthy process restarted;
 * readiness says whether this replica can serve a ticket right now.
 */
export const LiveSchema = z.object({ status: z.literal("live") }).openapi("Liveness");
export const ReadySchema = z
  .object({
    status: z.literal("ready"),
    checks: z.object({ database: z.literal("ok"), embedder: z.literal("ready") }),
  })
  .openapi("Readiness");

const liveRoute = defineRoute({
  method: "get",
  path: "/health/live",
  operationId: "getLiveness",
  tags: ["System"],
  summary: "Liveness probe: the process is up and answering (no database call)",
  description: "Always 200 while the process serves HTTP. Point a liveness probe here, never at /health/ready.",
  roles: EVERYONE,
  responses: { 200: jsonContent(LiveSchema, "The process is up") },
});

const readyRoute = defineRoute({
  method: "get",
  path: "/health/ready",
  operationId: "getReadiness",
  tags: ["System"],
  summary: "Readiness probe: the database answers a trivial query and the embedder is loaded",
  description:
    "200 when this replica can take traffic. 503 problem+json otherwise, with `code` DATABASE_UNAVAILABLE or EMBEDDER_UNAVAILABLE (the model is still loading or failed) and `checks` saying which.",
  roles: EVERYONE,
  responses: { 200: jsonContent(ReadySchema, "Ready to serve") },
  errors: { 503: "DATABASE_UNAVAILABLE: the database did not answer; EMBEDDER_UNAVAILABLE: the embedder is loading or failed" },
});

export function registerProbeRoutes(app: App): void {
  app.openapi(liveRoute, (c) => {
    c.header("cache-control", "no-store");
    return c.json({ status: "live" as const }, 200);
  });
  app.openapi(readyRoute, async (c) => {
    const deps = c.var.deps;
    c.header("cache-control", "no-store");
    const database = await pingDatabase(deps.database.db).then(
      () => "ok" as const,
      () => "failed" as const,
    );
    const embedder = deps.embedder.status().state;
    const checks = { database, embedder };
    if (database !== "ok") throw new DomainError("DATABASE_UNAVAILABLE", "The database did not answer a trivial query", { checks });
    if (embedder !== "ready") throw new DomainError("EMBEDDER_UNAVAILABLE", `The embedder is ${embedder}`, { checks });
    return c.json({ status: "ready" as const, checks: { database, embedder } }, 200);
  });
}
