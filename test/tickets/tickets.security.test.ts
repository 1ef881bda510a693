import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tickets } from "../../src/db/schema/index.js";
import { submitTicket } from "../../src/tickets/tickets.service.js";
import { AGENT_UP, ADMIN_ONLY } from "../../src/caller.js";
import { checkAuthMatrix, routeTable } from "../support/auth-matrix.js";
import { readProblem } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { KB, seedArticles } from "../search/fixtures.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("ticket access", () => {
  it("every role on the ticket routes: agents and up, never without a key", async () => {
    const ticketRoutes = (r: { template: string }) => /^\/v1\/tickets(\/\{id\}(\/reopen)?)?$/.test(r.template);
    const routes = (await routeTable(ctx)).filter(ticketRoutes);
    expect(routes.map((r) => `${r.method} ${r.template} ${r.roles.join(",")}`).sort()).toEqual(
      ["POST /v1/tickets", "GET /v1/tickets", "GET /v1/tickets/{id}", "POST /v1/tickets/{id}/reopen"].map((r) => `${r} ${AGENT_UP.join(",")}`).sort(),
    );
    expect(await checkAuthMatrix(ctx, ticketRoutes)).toEqual([]);
  });

  it("a ticket refused for want of a key writes nothing", async () => {
    const res = await ctx.req("POST", "/v1/tickets", { body: "reset email missing", channel: "email" });
    expect(res.status).toBe(401);
    expect((await readProblem(res)).code).toBe("UNAUTHENTICATED");
    expect(await ctx.database.db.select().from(tickets)).toEqual([]);
  });

  it("never shows an internal fix to a portal ticket, and never answers a customer with it", async () => {
    const [internalId] = await seedArticles(ctx, [KB.invoicePayment!]);
    const result = await submitTicket({
      deps: ctx.deps,
      input: { body: "Finance no longer allows credit cards: can we switch to invoice payment by bank transfer with 30-day terms?", channel: "portal" },
      caller: { role: "portal", name: "portal", ip: "127.0.0.1" },
    });
    expect(result.verdict?.decision).not.toBe("answer");
    expect(JSON.stringify(result.verdict?.matches)).not.toContain(internalId);
    expect(JSON.stringify(result.verdict?.matches)).not.toContain("Admin Console");
    expect(result.ticket.source).toBe("portal");
  });

  it("does not let an agent or an expert read or change thresholds or phrases (admins only, 403)", async () => {
    const settings = (r: { template: string }) => /^\/v1\/settings\/(thresholds|signal-phrases)/.test(r.template);
    const routes = (await routeTable(ctx)).filter(settings);
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) expect(r.roles, `${r.method} ${r.template}`).toEqual(ADMIN_ONLY);
    expect(await checkAuthMatrix(ctx, settings)).toEqual([]);
  });
});
