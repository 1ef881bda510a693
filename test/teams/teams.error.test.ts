import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { teams } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, standardTeams } from "../escalations/support.js";
import { readJson, readProblem } from "../support/api.js";
import { TeamSchema } from "../../src/teams/teams.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("team path errors", () => {
  it("rejects a cyclic path, naming the cycle, and changes nothing", async () => {
    const ids = await createTeams(ctx, [
      { name: "A", level: 1, escalatesTo: "B" },
      { name: "B", level: 2 },
    ]);
    const res = await ctx.req("PATCH", `/v1/teams/${ids.B}`, { escalatesToTeamId: ids.A }, "admin");
    expect(res.status).toBe(400);
    const body = await readProblem(res);
    expect(body.code).toBe("INVALID_MATRIX");
    expect(body.cycle).toEqual(["A", "B", "A"]);
    const b = await readJson(await ctx.req("GET", `/v1/teams/${ids.B}`, undefined, "agent"), TeamSchema);
    expect(b.escalatesToTeamId).toBeNull();
  });

  it("rejects a path to an unknown team or down a level, writing nothing", async () => {
    const unknown = await ctx.req("POST", "/v1/teams", { name: "X", level: 1, levelName: "t1", escalatesToTeamId: "team_ghost" }, "admin");
    expect(unknown.status).toBe(400);
    expect(await readProblem(unknown)).toMatchObject({ code: "UNKNOWN_TEAMS", teams: ["team_ghost"] });
    const ids = await createTeams(ctx, [{ name: "Low", level: 1 }]);
    const down = await ctx.req("POST", "/v1/teams", { name: "High", level: 3, levelName: "t3", escalatesToTeamId: ids.Low }, "admin");
    expect(down.status).toBe(400);
    expect((await readProblem(down)).code).toBe("INVALID_MATRIX");
    expect((await ctx.database.db.select().from(teams)).map((t) => t.name)).toEqual(["Low"]);
  });

  it("validates bodies, names and deletes of teams still in use", async () => {
    const bad = await ctx.req("POST", "/v1/teams", { name: "", level: 0 }, "admin");
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).code).toBe("VALIDATION_FAILED");
    const ids = await createTeams(ctx, standardTeams);
    const dup = await ctx.req("POST", "/v1/teams", { name: "billing t1", level: 1, levelName: "t1" }, "admin");
    expect(dup.status).toBe(409);
    const inUse = await ctx.req("DELETE", `/v1/teams/${ids["Billing T2"]}`, undefined, "admin");
    expect(inUse.status).toBe(409);
    expect((await readProblem(inUse)).teams).toEqual(["Billing T1"]);
    await ctx.req("PUT", "/v1/escalation-matrix", { rules: [{ id: "default", target: { team: "Network T1" }, sla: { firstResponseMinutes: 5, resolutionMinutes: 50 } }] }, "admin");
    const inMatrix = await ctx.req("DELETE", `/v1/teams/${ids["Network T1"]}`, undefined, "admin");
    expect(inMatrix.status).toBe(409);
    expect((await readProblem(inMatrix)).rules).toEqual(["default"]);
    expect((await ctx.req("DELETE", "/v1/teams/team_nope", undefined, "admin")).status).toBe(404);
  });
});
