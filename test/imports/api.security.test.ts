import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { devRow, kbSnapshot, ndjson } from "./support.js";
import { readJson } from "../support/api.js";
import { ImportStatusSchema } from "../../src/imports/imports.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("imports are admin-only", () => {
  it("every role on the import routes: admin only", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/v1/imports"))).toEqual([]);
  });

  it("a refused import of a valid NDJSON body imports nothing", async () => {
    const body = ndjson([devRow(1)]);
    for (const role of [undefined, "agent", "expert"] as const) {
      const res = await ctx.req("POST", "/v1/imports", body, role, { "content-type": "application/x-ndjson" });
      expect(res.status).toBe(role ? 403 : 401);
    }
    expect(await kbSnapshot(ctx)).toEqual([]);
  });

  it("records who imported in the import and the audit log", async () => {
    const res = await ctx.req("POST", "/v1/imports", ndjson([devRow(1)]), "admin", { "content-type": "application/x-ndjson" });
    expect(res.status).toBe(201);
    const status = await readJson(res, ImportStatusSchema);
    expect(status.createdBy).toBe("test-admin");
    const audit = await queryRows<{ actor: string; role: string }>(
      ctx.database.db,
      sql`select actor, role from audit_log where action = 'import.started' and entity_id = ${status.id}`,
    );
    expect(audit).toEqual([{ actor: "test-admin", role: "admin" }]);
  });
});
