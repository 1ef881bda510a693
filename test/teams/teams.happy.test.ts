import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, standardTeams } from "../escalations/support.js";
import { readJson } from "../support/api.js";
import { TeamListSchema } from "../../src/teams/teams.routes.js";
import { TeamSchema } from "../../src/teams/teams.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("teams and tiers", () => {
  it("creates, lists, reads, patches and deletes teams, audited", async () => {
    const ids = await createTeams(ctx, standardTeams);
    const list = await readJson(await ctx.req("GET", "/v1/teams", undefined, "agent"), TeamListSchema);
    expect(list.teams.map((t: { name: string }) => t.name)).toEqual(["Billing T1", "Network T1", "Billing T2", "Head of support", "Manager"]);

    const t1 = await readJson(await ctx.req("GET", `/v1/teams/${ids["Billing T1"]}`, undefined, "agent"), TeamSchema);
    expect(t1).toMatchObject({ skills: ["billing", "invoices"], level: 1, escalatesToTeamId: ids["Billing T2"] });

    const patched = await ctx.req("PATCH", `/v1/teams/${ids["Network T1"]}`, { skills: ["Network", "VPN"], escalatesToTeamId: ids.Manager }, "admin");
    expect(patched.status).toBe(200);
    expect(await readJson(patched, TeamSchema)).toMatchObject({ skills: ["network", "vpn"], escalatesToTeamId: ids.Manager });

    expect((await ctx.req("DELETE", `/v1/teams/${ids["Network T1"]}`, undefined, "admin")).status).toBe(204);
    expect((await ctx.req("GET", `/v1/teams/${ids["Network T1"]}`, undefined, "agent")).status).toBe(404);
    const actions = (await ctx.database.db.select().from(auditLog)).map((a) => a.action).sort();
    expect(actions).toEqual([...Array(5).fill("team.create"), "team.delete", "team.update"]);
  });
});
