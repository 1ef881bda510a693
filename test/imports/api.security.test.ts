import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { createTestContext, json, type TestContext } from "../support/context.js";
import { devRow, kbSnapshot, ndjson } from "./support.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("imports are admin-only", () => {
  it("401 without a key, 403 for agents and experts; nothing is imported", async () => {
    const body = ndjson([devRow(1)]);
    const anonymous = await ctx.req("POST", "/v1/imports", body, undefined, { "content-type": "application/x-ndjson" });
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).code).toBe("UNAUTHENTICATED");
    for (const role of ["agent", "expert"] as const) {
      const res = await ctx.req("POST", "/v1/imports", body, role, { "content-type": "application/x-ndjson" });
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe("FORBIDDEN");
      expect((await ctx.req("GET", "/v1/imports", undefined, role)).status).toBe(403);
    }
    expect((await ctx.req("GET", "/v1/imports/imp_x")).status).toBe(401);
    expect(await kbSnapshot(ctx)).toEqual([]);
  });

  it("records who imported in the import and the audit log", async () => {
    const res = await ctx.req("POST", "/v1/imports", ndjson([devRow(1)]), "admin", { "content-type": "application/x-ndjson" });
    expect(res.status).toBe(201);
    const status = await json(res);
    expect(status.createdBy).toBe("test-admin");
    const audit = await queryRows<{ actor: string; role: string }>(
      ctx.database.db,
      sql`select actor, role from audit_log where action = 'import.started' and entity_id = ${status.id}`,
    );
    expect(audit).toEqual([{ actor: "test-admin", role: "admin" }]);
  });
});
