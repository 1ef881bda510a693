import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import journal from "../../drizzle/meta/_journal.json" with { type: "json" };
import { queryRows } from "../db/database.js";
import type { Deps } from "../deps.js";
import { EVERYONE, type App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { getReindexProgress } from "../embeddings/reindex.queries.js";
import { embedderFamily } from "../embeddings/embedder.js";
import { profileSummary } from "../deflection/profiles.js";
import { DeflectionProfileSchema } from "../deflection/profiles.schemas.js";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
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
      state: z.enum(["loading", "ready", "failed"]),
      lexical: z.boolean(),
      crossLanguage: z.boolean(),
      fallback: z.object({ from: z.string(), reason: z.string(), fix: z.string() }).optional(),
      error: z.string().optional(),
      family: z.string().optional(),
      queue: z.object({ waiting: z.number().int(), max: z.number().int() }).optional(),
      reindex: z
        .object({ state: z.enum(["idle", "running", "done"]), done: z.number().int(), total: z.number().int() })
        .optional(),
    }),
    deflection: z.object({ profile: DeflectionProfileSchema }),
    uptimeSeconds: z.number(),
  })
  .openapi("Health");

const route = defineRoute({
  method: "get",
  path: "/health",
  operationId: "getHealth",
  tags: ["System"],
  summary: "Liveness and readiness: database, migrations, embedder",
  roles: EVERYONE,
  responses: {
    200: jsonContent(HealthSchema, "Service is usable"),
    503: jsonContent(HealthSchema, "Database unreachable, migrations missing or embedder failed"),
  },
});

const startedAt = Date.now();

/** Health is computed, never cached: each call really asks the database. */
export async function checkHealth(deps: Deps): Promise<z.infer<typeof HealthSchema>> {
  const expected = journal.entries.length;
  let reachable = false;
  let applied = 0;
  let error: string | undefined;
  try {
    await queryRows(deps.database.db, sql`select 1 as ok`);
    reachable = true;
    const rows = await queryRows<{ n: number | string }>(
      deps.database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    applied = Number(rows[0]?.n ?? 0);
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

export function registerHealthRoutes(app: App): void {
  app.openapi(route, async (c) => {
    const health = await checkHealth(c.var.deps);
    return c.json(health, health.status === "down" ? 503 : 200);
  });
}
