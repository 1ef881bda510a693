import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalationMatrices, escalations } from "../../src/db/schema/index.js";
import { insertTicket } from "./support.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("escalation access", () => {
  it("needs an agent key to escalate, list and act", async () => {
    const ticket = await insertTicket(ctx);
    expect((await ctx.req("POST", `/v1/tickets/${ticket.id}/escalate`, { reason: "help me" })).status).toBe(401);
    expect((await ctx.req("GET", "/v1/escalations")).status).toBe(401);
    expect((await ctx.req("POST", "/v1/escalations/esc_x/acknowledge", {})).status).toBe(401);
    expect(await ctx.database.db.select().from(escalations)).toEqual([]);
  });

  it("lets only admins change the matrix and run replays; agents read the matrix", async () => {
    const sla = { firstResponseMinutes: 60, resolutionMinutes: 480 };
    expect((await ctx.req("PUT", "/v1/escalation-matrix", { rules: [{ id: "default", sla }] }, "expert")).status).toBe(403);
    expect((await ctx.req("PUT", "/v1/escalation-matrix", { rules: [{ id: "default", sla }] })).status).toBe(401);
    expect((await ctx.req("GET", "/v1/escalation-matrix", undefined, "agent")).status).toBe(200);
    expect((await ctx.req("GET", "/v1/escalation-matrix")).status).toBe(401);
    expect((await ctx.req("POST", "/v1/replay", { tickets: [] }, "expert")).status).toBe(403);
    expect(await ctx.database.db.select().from(escalationMatrices)).toEqual([]);
  });
});
