import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../src/articles/articles.service.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { HealthDetailsSchema } from "../../src/health/health.routes.js";
import { present } from "../support/api.js";
import { expectProblem, openApiOf, rawRequest, readRawJson, startServer, type StartedServer } from "../support/socket.js";

/**
 * /health answers anyone (load balancers, uptime checks) and so must say nothing about the data:
 * it used to carry the re-index progress, whose total was the number of articles, internal and
 * drafts included. Operators get the details from /health/details with an admin key.
 */
let ctx: TestContext;
let server: StartedServer;
beforeAll(async () => {
  ctx = await createTestContext();
  server = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});
beforeEach(async () => {
  await ctx.reset();
  const expert = { name: "test-expert", role: "expert" as const };
  for (const [visibility, state] of [
    ["public", "published"],
    ["internal", "published"],
    ["internal", "draft"],
  ] as const) {
    await createArticle({
      deps: ctx.deps,
      caller: expert,
      input: { title: `Printer error E${state.length}${visibility.length}`, problem: "The printer shows an error.", resolution: "Restart it.", language: "en", visibility, state },
    });
  }
});

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.port, { method: "GET", path, headers });

/** Every number anywhere in a JSON value (a count would be one). */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

describe("/health over a real socket", () => {
  it("tells anyone whether the service is usable, and nothing about the data or the set-up", async () => {
    for (const headers of [{}, await ctx.auth("agent"), await ctx.auth("admin")]) {
      const res = await get("/health", headers);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toContain("application/json");
      expect(res.json).toEqual({ status: "ok", version: "test", database: { reachable: true, migrations: { upToDate: true } }, embedder: { state: "ready" }, docs: "/docs" });
      expect(numbersIn(res.json)).toEqual([]);
      expect(res.body).not.toMatch(/hashing|pglite|postgres|reindex|profile|uptime/);
    }
  });

  it("every role on the health routes: /health for anyone, /health/details for admins", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/health"))).toEqual([]);
  });

  it("details over the socket: a refused caller gets a problem, an admin the full picture", async () => {
    const agent = await get("/health/details", await ctx.auth("agent"));
    expect(agent.status).toBe(403);
    expect(agent.headers["content-type"]).toContain("application/problem+json");
    expectProblem(agent, 403, "FORBIDDEN");
    const admin = await get("/health/details", await ctx.auth("admin"));
    expect(admin.status).toBe(200);
    expect(readRawJson(ctx, admin, HealthDetailsSchema)).toMatchObject({
      status: "ok",
      runtime: "node",
      database: { kind: expect.stringMatching(/^(pglite|postgres)$/), reachable: true, migrations: { upToDate: true } },
      embedder: { kind: "hashing", id: ctx.deps.embedder.id, state: "ready", family: "hashing", reindex: { state: "done", done: 3, total: 3 } },
      deflection: { profile: { embedderFamily: "hashing" } },
    });
  });

  it("the OpenAPI document shows both routes and who may call them", async () => {
    const doc = openApiOf(await get("/openapi.json"));
    const health = present(doc.paths["/health"]?.get, "GET /health");
    const details = present(doc.paths["/health/details"]?.get, "GET /health/details");
    expect(health["x-roles"]).toContain("portal");
    expect(health.responses["200"]?.content?.["application/json"]?.schema?.$ref).toBe("#/components/schemas/Health");
    expect(details["x-roles"]).toEqual(["admin"]);
    expect(details.responses["200"]?.content?.["application/json"]?.schema?.$ref).toBe("#/components/schemas/HealthDetails");
    expect(Object.keys(present(doc.components.schemas.Health?.properties, "the Health schema's properties")).sort()).toEqual(["database", "docs", "embedder", "status", "version"]);
  });
});
