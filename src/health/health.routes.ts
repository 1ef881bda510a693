import { z } from "@hono/zod-openapi";
import journal from "../../drizzle/meta/_journal.json" with { type: "json" };
import type { Deps } from "../deps.js";
import { ADMIN_ONLY, EVERYONE } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { getReindexProgress } from "../articles/reindex.queries.js";
import { embedderFamily } from "../embeddings/embedder.js";
import { profileSummary } from "../deflection/profiles.js";
import { DeflectionProfileSchema } from "../deflection/profiles.schemas.js";
import { countAppliedMigrations, pingDatabase } from "./health.queries.js";

export const EmbedderStateSchema = z.enum(["loading", "ready", "failed"]);
export const StatusSchema = z.enum(["ok", "degraded", "down"]).openapi({
  description:
    "down: database unreachable, migrations missing or embedder failed (503); degraded: serving, but on a fallback embedder, while the model loads or while a re-index runs",
});

/**
 * What anyone may ask: is the service up, and may traffic be sent to it. Nothing about the data
 * (counts of articles or of a re-index, which include internal and draft articles) nor about the
 * set-up beyond the version, which /openapi.json publishes anyway.
 */
export const HealthSchema = z
  .object({
    status: StatusSchema,
    version: z.string(),
    database: z.object({ reachable: z.boolean(), migrations: z.object({ upToDate: z.boolean() }) }),
    embedder: z.object({ state: EmbedderStateSchema }),
    docs: z.string().openapi({
      description: "Where the API reference is: /docs (Swagger UI, Node) or /openapi.json (Workers, which do not bundle the page)",
      example: "/docs",
    }),
  })
  .openapi("Health");

/** The same answer with what an operator needs to act on it (admins only). */
export const HealthDetailsSchema = z
  .object({
    status: StatusSchema,
    version: z.string(),
    runtime: z.string(),
    database: z.object({
      kind: z.enum(["pglite", "postgres"]),
      reachable: z.boolean(),
      migrations: z.object({ applied: z.number().int(), expected: z.number().int(), upToDate: z.boolean() }),
      error: z.string().optional(),
    }),
    embedder: z.object({
      kind: z.string(),
      id: z.string(),
      dims: z.number().int(),
      state: EmbedderStateSchema,
      lexical: z.boolean(),
      crossLanguage: z.boolean(),
      fallback: z.object({ from: z.string(), reason: z.string(), fix: z.string() }).optional(),
      error: z.string().optional(),
      family: z.string().optional(),
      queue: z.object({ waiting: z.number().int(), max: z.number().int() }).optional(),
      reindex: z.object({ state: z.enum(["idle", "running", "done"]), done: z.number().int(), total: z.number().int() }).optional(),
    }),
    deflection: z.object({ profile: DeflectionProfileSchema }),
    uptimeSeconds: z.number(),
  })
  .openapi("HealthDetails");

type HealthDetails = z.infer<typeof HealthDetailsSchema>;

const route = defineRoute({
  method: "get",
  path: "/health",
  operationId: "getHealth",
  tags: ["System"],
  summary: "Service status: database reachable and migrated, embedder state, where the API reference is",
  description:
    "Open to anyone (load balancers, uptime checks): says nothing about the data or the set-up. Why it is degraded or down, and re-index progress, are in GET /health/details (admin key). Orchestrator probes: GET /health/live and GET /health/ready.",
  roles: EVERYONE,
  responses: {
    200: jsonContent(HealthSchema, "Service is usable"),
    503: jsonContent(HealthSchema, "Database unreachable, migrations missing or embedder failed"),
  },
});

const detailsRoute = defineRoute({
  method: "get",
  path: "/health/details",
  operationId: "getHealthDetails",
  tags: ["System"],
  summary: "Health for operators: database kind and error, embedder id, fallback reason and fix, queue, re-index progress, confidence profile",
  roles: ADMIN_ONLY,
  responses: {
    200: jsonContent(HealthDetailsSchema, "Service is usable"),
    503: jsonContent(HealthDetailsSchema, "Database unreachable, migrations missing or embedder failed"),
  },
});

const startedAt = Date.now();

/** Health is computed, never cached: each call really asks the database. */
export async function checkHealth(deps: Deps): Promise<HealthDetails> {
  const expected = journal.entries.length;
  let reachable = false;
  let applied = 0;
  let error: string | undefined;
  try {
    await pingDatabase(deps.database.db);
    reachable = true;
    applied = await countAppliedMigrations(deps.database.db);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const emb = deps.embedder.status();
  const reindex = reachable ? await getReindexProgress(deps.database.db, emb.id).catch(() => undefined) : undefined;
  const upToDate = applied >= expected;
  const status = !reachable || !upToDate || emb.state === "failed" ? "down" : emb.fallback || emb.state === "loading" || reindex?.state === "running" ? "degraded" : "ok";
  return {
    status,
    version: deps.version,
    runtime: deps.runtime,
    database: { kind: deps.database.kind, reachable, migrations: { applied, expected, upToDate }, ...(error ? { error } : {}) },
    embedder: { ...emb, family: embedderFamily(deps.embedder), crossLanguage: !emb.lexical, ...(reindex ? { reindex } : {}) },
    deflection: { profile: profileSummary(deps.embedder) },
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}

/** The public projection of a health check: nothing an anonymous caller should learn. */
function publicHealth(h: HealthDetails): z.infer<typeof HealthSchema> {
  return {
    status: h.status,
    version: h.version,
    database: { reachable: h.database.reachable, migrations: { upToDate: h.database.migrations.upToDate } },
    embedder: { state: h.embedder.state },
    docs: h.runtime === "node" ? "/docs" : "/openapi.json",
  };
}

export function registerHealthRoutes(app: App): void {
  app.openapi(route, async (c) => {
    const health = await checkHealth(c.var.deps);
    return c.json(publicHealth(health), health.status === "down" ? 503 : 200);
  });
  app.openapi(detailsRoute, async (c) => {
    const health = await checkHealth(c.var.deps);
    return c.json(health, health.status === "down" ? 503 : 200);
  });
}
