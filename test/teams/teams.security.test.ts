import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { teams } from "../../src/db/schema/index.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("team access", () => {
  it("every role on the team routes: agents read teams and calendars, only admins change them", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/v1/teams"))).toEqual([]);
  });

  it("a refused team write with a valid body writes nothing", async () => {
    expect((await ctx.req("POST", "/v1/teams", { name: "A", level: 1, levelName: "t1" }, "expert")).status).toBe(403);
    expect((await ctx.req("POST", "/v1/teams", { name: "A", level: 1, levelName: "t1" })).status).toBe(401);
    expect(await ctx.database.db.select().from(teams)).toEqual([]);
  });
});
