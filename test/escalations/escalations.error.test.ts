import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalationEvents, escalations, webhookDeliveries } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, escalate, insertTicket, standardTeams } from "./support.js";
import { readJson, readProblem } from "../support/api.js";
import { TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } }); // webhooks to 127.0.0.1:9 are refused by default
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("escalation errors", () => {
  it("answers 409 when the ticket already has an open escalation, and writes nothing more", async () => {
    await ctx.req("POST", "/v1/webhooks", { url: "http://127.0.0.1:9/hook", events: ["escalation.created"] }, "admin");
    const ticket = await insertTicket(ctx);
    const first = await readJson(await escalate(ctx, ticket.id), TicketEscalatedSchema);
    const again = await escalate(ctx, ticket.id);
    expect(again.status).toBe(409);
    expect(await readProblem(again)).toMatchObject({ code: "CONFLICT", escalationId: first.id });
    expect(await ctx.database.db.select().from(escalations)).toHaveLength(1);
    expect(await ctx.database.db.select().from(webhookDeliveries)).toHaveLength(1);
  });

  it("rejects bad bodies and unknown tickets with nothing written", async () => {
    const ticket = await insertTicket(ctx);
    const bad = await ctx.req("POST", `/v1/tickets/${ticket.id}/escalate`, { reason: "", type: "sideways" }, "agent");
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors?.map((e: { field: string }) => e.field).sort()).toEqual(["reason", "type"]);
    const missing = await escalate(ctx, "tkt_nope");
    expect(missing.status).toBe(404);
    expect(await ctx.database.db.select().from(escalations)).toEqual([]);
    expect(await ctx.database.db.select().from(escalationEvents)).toEqual([]);
  });

  it("refuses invalid transitions with the allowed actions", async () => {
    const esc = await readJson(await escalate(ctx, (await insertTicket(ctx)).id), TicketEscalatedSchema);
    expect((await ctx.req("POST", `/v1/escalations/${esc.id}/acknowledge`, {}, "agent")).status).toBe(200);
    const twice = await ctx.req("POST", `/v1/escalations/${esc.id}/acknowledge`, {}, "agent");
    expect(twice.status).toBe(409);
    expect(await readProblem(twice)).toMatchObject({ code: "INVALID_STATE_TRANSITION", from: "acknowledged", allowed: ["reassign", "escalate", "resolve", "pause"] });

    await ctx.database.db.update(escalations).set({ status: "resolved" }).where(eq(escalations.id, esc.id));
    const done = await ctx.req("POST", `/v1/escalations/${esc.id}/reassign`, { assignee: "x" }, "agent");
    expect(done.status).toBe(409);
    expect(await readProblem(done)).toMatchObject({ code: "INVALID_STATE_TRANSITION", from: "resolved", allowed: [] });
  });

  it("refuses to go above the top of the path, and to unknown teams", async () => {
    const teams = await createTeams(ctx, standardTeams);
    const esc = await readJson(
      await escalate(ctx, (await insertTicket(ctx, { category: "billing" })).id, { type: "hierarchical", reason: "wants a manager" }),
      TicketEscalatedSchema,
    );
    const unknown = await ctx.req("POST", `/v1/escalations/${esc.id}/reassign`, { teamId: "team_ghost" }, "agent");
    expect(unknown.status).toBe(400);
    expect(await readProblem(unknown)).toMatchObject({ code: "UNKNOWN_TEAMS", teams: ["team_ghost"] });
    expect((await ctx.req("POST", `/v1/escalations/${esc.id}/reassign`, { teamId: teams.Manager }, "agent")).status).toBe(200);
    const top = await ctx.req("POST", `/v1/escalations/${esc.id}/escalate`, { reason: "more" }, "agent");
    expect(top.status).toBe(409);
    expect((await readProblem(top)).code).toBe("TOP_OF_PATH");
    expect((await ctx.req("POST", "/v1/escalations/esc_nope/acknowledge", {}, "agent")).status).toBe(404);
    expect((await ctx.req("POST", `/v1/escalations/${esc.id}/reassign`, {}, "agent")).status).toBe(400);
  });
});
