import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { teams } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("team access", () => {
  it("lets agents read but only admins write", async () => {
    expect((await ctx.req("POST", "/v1/teams", { name: "A", level: 1, levelName: "t1" }, "expert")).status).toBe(403);
    expect((await ctx.req("POST", "/v1/teams", { name: "A", level: 1, levelName: "t1" })).status).toBe(401);
    expect((await ctx.req("PATCH", "/v1/teams/team_x", { name: "B" }, "agent")).status).toBe(403);
    expect((await ctx.req("DELETE", "/v1/teams/team_x", undefined, "expert")).status).toBe(403);
    expect((await ctx.req("GET", "/v1/teams", undefined, "agent")).status).toBe(200);
    expect((await ctx.req("GET", "/v1/teams")).status).toBe(401);
    expect(await ctx.database.db.select().from(teams)).toEqual([]);
  });
});
