import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, json, type TestContext } from "../support/context.js";
import { type OpenApiDoc, present, readJson } from "../support/api.js";
import { HealthDetailsSchema, HealthSchema } from "../../src/health/health.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("health and the OpenAPI contract", () => {
  it("reports a reachable, migrated database and the active embedder (details for admins)", async () => {
    const res = await ctx.req("GET", "/health");
    expect(res.status).toBe(200);
    expect(await readJson(res, HealthSchema)).toEqual({
      status: "ok",
      version: "test",
      database: { reachable: true, migrations: { upToDate: true } },
      embedder: { state: "ready" },
      docs: "/docs",
    });
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const details = await readJson(await ctx.req("GET", "/health/details", undefined, "admin"), HealthDetailsSchema);
    expect(details.database.reachable).toBe(true);
    expect(details.database.migrations.upToDate).toBe(true);
    expect(details.database.migrations.applied).toBeGreaterThanOrEqual(2);
    expect(details.embedder).toMatchObject({ kind: "hashing", state: "ready", lexical: true, crossLanguage: false });
  });

  it("serves a generated OpenAPI 3.1 document that names roles and problem responses", async () => {
    const res = await ctx.req("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json<OpenApiDoc>(res);
    expect(doc.openapi).toBe("3.1.0");
    const health = present(doc.paths["/health"]?.get, "GET /health");
    expect(health.operationId).toBe("getHealth");
    expect(health["x-roles"]).toContain("portal");
    expect(health.responses["500"]?.content?.["application/problem+json"]).toBeDefined();
  });

  it("sets security headers on every response", async () => {
    const res = await ctx.req("GET", "/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });
});
