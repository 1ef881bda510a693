import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readJson, readProblem } from "../support/api.js";
import { CreatedKeySchema, KeyListSchema } from "../../src/access/keys.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const countKeys = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from api_keys`))[0]?.n);

describe("API key errors", () => {
  it("rejects bad input with VALIDATION_FAILED and writes nothing", async () => {
    await ctx.auth("admin");
    const before = await countKeys();
    for (const body of [
      { name: "", role: "agent" },
      { name: "x", role: "portal" },
      { name: "x".repeat(101), role: "agent" },
      { role: "agent" },
      { name: "x", role: "agent", hash: "abc" },
    ]) {
      const res = await ctx.req("POST", "/v1/keys", body, "admin");
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect((await readProblem(res)).code).toBe("VALIDATION_FAILED");
    }
    expect(await countKeys()).toBe(before);
    const audit = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from audit_log`);
    expect(audit[0]?.n).toBe(0);
  });

  it("revoking an unknown key is a 404 NOT_FOUND", async () => {
    const res = await ctx.req("DELETE", "/v1/keys/key_01m82y6mj7f22rqb6w4a2k7wwd", undefined, "admin");
    expect(res.status).toBe(404);
    expect((await readProblem(res)).code).toBe("NOT_FOUND");
  });

  it("refuses to revoke the last active admin key over the API (409), but allows it once another exists", async () => {
    await ctx.auth("admin");
    const { keys } = await readJson(await ctx.req("GET", "/v1/keys", undefined, "admin"), KeyListSchema);
    const self = keys.find((k: { role: string }) => k.role === "admin");
    const res = await ctx.req("DELETE", `/v1/keys/${self?.id}`, undefined, "admin");
    expect(res.status).toBe(409);
    expect(await readProblem(res)).toMatchObject({ code: "CONFLICT", reason: "LAST_ADMIN_KEY" });

    const second = await readJson(await ctx.req("POST", "/v1/keys", { name: "Second admin", role: "admin" }, "admin"), CreatedKeySchema);
    const ok = await ctx.req("DELETE", `/v1/keys/${self?.id}`, undefined, "admin");
    expect(ok.status).toBe(200);
    expect((await ctx.req("GET", "/v1/keys", undefined, "admin")).status).toBe(401); // the test key is the revoked one
    const viaSecond = await ctx.app.request("/v1/keys", { headers: { authorization: `Bearer ${second.secret}` } });
    expect(viaSecond.status).toBe(200);
  });

  it("answers a tampered audit cursor with VALIDATION_FAILED", async () => {
    const res = await ctx.req("GET", "/v1/audit?cursor=bm90LWEtY3Vyc29y", undefined, "admin");
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ field: "cursor" }] });
  });
});
