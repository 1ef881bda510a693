import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalationMatrices, escalations } from "../../src/db/schema/index.js";
import { insertTicket } from "./support.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("escalation access", () => {
  it("every role on the escalation, matrix and replay routes: agents escalate and act, admins change the matrix and replay", async () => {
    const escalationRoutes = /^\/v1\/(escalations|escalation-matrix|replay)|^\/v1\/tickets\/\{id\}\/escalate$/;
    expect(await checkAuthMatrix(ctx, (r) => escalationRoutes.test(r.template))).toEqual([]);
  });

  it("a refused escalation or matrix change writes nothing", async () => {
    const ticket = await insertTicket(ctx);
    expect((await ctx.req("POST", `/v1/tickets/${ticket.id}/escalate`, { reason: "help me" })).status).toBe(401);
    const sla = { firstResponseMinutes: 60, resolutionMinutes: 480 };
    expect((await ctx.req("PUT", "/v1/escalation-matrix", { rules: [{ id: "default", sla }] }, "expert")).status).toBe(403);
    expect(await ctx.database.db.select().from(escalations)).toEqual([]);
    expect(await ctx.database.db.select().from(escalationMatrices)).toEqual([]);
  });
});
