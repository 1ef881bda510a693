import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/access/keys.service.js";
import { queryRows } from "../../src/db/database.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readJson, readProblem } from "../support/api.js";
import { KeyListSchema } from "../../src/access/keys.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect((await readProblem(res)).code).toBe(code);
}

describe("who may call what", () => {
  it("keys and the audit log are admin-only: 401 without a key, 403 FORBIDDEN naming the allowed roles for the others", async () => {
    expect(await checkAuthMatrix(ctx, (r) => /^\/v1\/(keys|audit)/.test(r.template))).toEqual([]);
  });

  it("answers 401 to an unknown or revoked key, even on public routes", async () => {
    await expectProblem(await ctx.request("/health", { headers: { authorization: "Bearer dfl_admin_guess" } }), 401, "UNAUTHENTICATED");
    const { key, secret } = await createApiKey({ deps: ctx.deps, input: { name: "gone", role: "admin" } });
    await ctx.req("POST", "/v1/keys", { name: "keeper", role: "admin" }, "admin");
    expect((await ctx.req("DELETE", `/v1/keys/${key.id}`, undefined, "admin")).status).toBe(200);
    await expectProblem(await ctx.request("/v1/keys", { headers: { authorization: `Bearer ${secret}` } }), 401, "UNAUTHENTICATED");
    await expectProblem(await ctx.request("/health", { headers: { "x-api-key": secret } }), 401, "UNAUTHENTICATED");
  });

  it("a key refused for its role creates nothing, and the answer names the caller's role", async () => {
    for (const role of ["agent", "expert"] as const) {
      const res = await ctx.req("POST", "/v1/keys", { name: "escalate me", role: "admin" }, role);
      expect(res.status).toBe(403);
      expect(await readProblem(res)).toMatchObject({ code: "FORBIDDEN", role, allowed: ["admin"] });
    }
    const { keys } = await readJson(await ctx.req("GET", "/v1/keys", undefined, "admin"), KeyListSchema);
    expect(keys.filter((k: { name: string }) => k.name === "escalate me")).toHaveLength(0);
  });

  it("stores only a hash: the database never holds a secret", async () => {
    const { secret } = await createApiKey({ deps: ctx.deps, input: { name: "hashed", role: "agent" } });
    const rows = await queryRows(ctx.database.db, sql`select * from api_keys`);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(14));
  });
});
