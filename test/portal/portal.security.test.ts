import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { THRESHOLDS_KEY, thresholdsFrom } from "../../src/deflection/policy.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { PortalReplyResultSchema, PortalSearchResultSchema, PortalTicketResultSchema } from "../../src/portal/portal.schemas.js";
import { SearchResponseSchema } from "../../src/search/search.schemas.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { keysAt, readJson, readJsonText, readProblem } from "../support/api.js";
import { checkAuthMatrix, routeTable } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { leaks, seedPortalArticles, type PortalFixture } from "./fixtures.js";

let ctx: TestContext;
let f: PortalFixture;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  f = await seedPortalArticles(ctx);
});

/** The words of the hidden articles, so they outrank the public fix on every signal. */
const STRONG = "password reset email never arrives KRAKEN ZEPHYRINE QUOKKA MARZIPAN inbox";

async function bodyOf(res: Response): Promise<string> {
  return res.text();
}

/** A ticket an agent files by e-mail (not a portal ticket). */
async function agentTicketId(): Promise<string> {
  return (await readJson(await ctx.req("POST", "/v1/tickets", { body: STRONG, channel: "email" }, "agent"), TicketSubmittedSchema)).ticket.id;
}

describe("no internal, draft, validated-only or archived text reaches the portal", () => {
  it("search: only the public fix, even when hidden articles match every word better", async () => {
    for (const query of [STRONG, "KRAKEN", "kraken-admin flush relay", "zephyr-tool resend", "QUOKKA", "MARZIPAN archived fix"]) {
      const res = await ctx.req("POST", "/portal/api/search", { query });
      expect(res.status).toBe(200);
      const { body, text } = await readJsonText(res, PortalSearchResultSchema);
      expect(leaks(text, f), `query ${query}`).toEqual([]);
      for (const r of body.results) expect([f.publicId, f.otherPublicId]).toContain(r.id);
      expect(keysAt(text)).toEqual(["results"]); // no totals, no scores
    }
    // The same hidden articles are there for an expert: the filter is the viewer, not the data.
    const expert = await readJsonText(await ctx.req("POST", "/v1/search", { query: STRONG }, "expert"), SearchResponseSchema);
    expect(expert.text).toContain("KRAKEN");
  });

  it("search with a language filter or an agent's key on the portal route still answers as the portal", async () => {
    const withKey = await ctx.req("POST", "/portal/api/search", { query: STRONG }, "admin");
    expect(leaks(await bodyOf(withKey), f)).toEqual([]);
    const filtered = await ctx.req("POST", "/portal/api/search", { query: STRONG, language: "en" });
    expect(leaks(await bodyOf(filtered), f)).toEqual([]);
  });

  it("article by id: every hidden article is a plain 404, same as a missing one", async () => {
    // Problems keep every key they are sent with (ProblemSchema's catchall): nothing is dropped by the read.
    const missing = await readProblem(await ctx.req("GET", "/portal/api/articles/art_01m82y6mj7f22rqb6w4a2k7wwd"));
    for (const id of f.hiddenIds) {
      const res = await ctx.req("GET", `/portal/api/articles/${id}`);
      expect(res.status).toBe(404);
      const body = await readProblem(res);
      expect(body.code).toBe("NOT_FOUND");
      expect(Object.keys(body).sort()).toEqual(Object.keys(missing).sort());
      expect(leaks(JSON.stringify({ ...body, detail: body.detail.replace(id, ""), id: "" }), f)).toEqual([]);
    }
  });

  it("the public article API (open without a key) lists and opens only public, published fixes", async () => {
    for (const path of ["/v1/articles", "/v1/articles?q=KRAKEN", "/v1/articles?state=draft", "/v1/articles?visibility=internal", "/v1/articles?limit=100"]) {
      const res = await ctx.req("GET", path);
      const text = await bodyOf(res);
      expect(leaks(text, f), path).toEqual([]);
    }
    for (const id of f.hiddenIds) {
      const res = await ctx.req("GET", `/v1/articles/${id}`);
      expect(res.status).toBe(404);
      expect(leaks(await bodyOf(res), f).filter((m) => m !== id)).toEqual([]);
    }
  });

  it("ticket verdict: the customer sees only public fix text and the reference", async () => {
    const res = await ctx.req("POST", "/portal/api/tickets", { body: `Hello, ${STRONG}. Thanks, Jane` });
    expect(res.status).toBe(201);
    const { body: verdict, text } = await readJsonText(res, PortalTicketResultSchema);
    expect(leaks(text, f)).toEqual([]);
    expect(keysAt(text).sort()).toEqual(["fixes", "reference", "status", "ticketId"]);
    expect(text).not.toMatch(/"(confidence|scores|signals|matches|decision|visibility|state)"/);
    for (const fix of verdict.fixes) expect(fix.id).toBe(f.publicId);
    // The agent still gets the full verdict with the internal match: the ticket went the normal way.
    // Even with thresholds that answer anything, a hidden top match is never what the customer sees.
    await putSetting(ctx.database.db, THRESHOLDS_KEY, thresholdsFrom({ answerCustomer: 0.01, answerAgent: 0.01, suggest: 0.01 }, "test"));
    for (const body of [STRONG, "kraken-admin flush relay", "zephyr-tool resend QUOKKA"]) {
      const loose = await bodyOf(await ctx.req("POST", "/portal/api/tickets", { body }));
      expect(leaks(loose, f), body).toEqual([]);
    }
    const stored = await queryRows<{ source: string; channel: string }>(ctx.database.db, sql`select source, channel from tickets where id = ${verdict.ticketId}`);
    expect(stored).toEqual([{ source: "portal", channel: "portal" }]);
  });

  it("feedback: naming a hidden article is a 404 and records nothing; a non-portal ticket does not exist", async () => {
    const { ticketId } = await readJson(await ctx.req("POST", "/portal/api/tickets", { body: STRONG }), PortalTicketResultSchema);
    const before = await queryRows(ctx.database.db, sql`select id from feedback_events`);
    for (const id of f.hiddenIds) {
      const res = await ctx.req("POST", `/portal/api/tickets/${ticketId}/feedback`, { articleId: id, helped: false });
      expect(res.status).toBe(404);
      expect(leaks(await bodyOf(res), f).filter((m) => m !== id)).toEqual([]);
    }
    expect(await queryRows(ctx.database.db, sql`select id from feedback_events`)).toEqual(before);
    const res = await ctx.req("POST", `/portal/api/tickets/${await agentTicketId()}/feedback`, { articleId: f.publicId, helped: true });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).code).toBe("NOT_FOUND");
  });

  it("reply: the customer's answer shows no hidden article, no internals; a non-portal ticket or a reference does not exist", async () => {
    const submitted = await readJson(await ctx.req("POST", "/portal/api/tickets", { body: `Hello, ${STRONG}. Thanks, Jane` }), PortalTicketResultSchema);
    const opened = await ctx.req("POST", `/v1/tickets/${submitted.ticketId}/escalate`, { reason: "customer still blocked" }, "agent");
    // 201: escalated now; 409 CONFLICT names the escalation the ticket already has.
    const escalationId = opened.status === 201 ? (await readJson(opened, TicketEscalatedSchema)).id : String((await readProblem(opened)).escalationId);
    expect(escalationId, "the portal ticket has an open escalation").toMatch(/^esc_/);
    expect((await ctx.req("POST", `/v1/escalations/${escalationId}/pause`, { waitingOn: "customer" }, "agent")).status).toBe(200);
    for (const body of [STRONG, "KRAKEN ZEPHYRINE", "what did the internal article say?"]) {
      const res = await ctx.req("POST", `/portal/api/tickets/${submitted.ticketId}/reply`, { body });
      expect([200, 409]).toContain(res.status);
      const text = await res.clone().text();
      expect(leaks(text, f), body).toEqual([]);
      expect(text).not.toMatch(/esc_|"(confidence|scores|signals|matches|decision|visibility|state|teamId|slaClock|events)"/);
      if (res.status === 200) {
        await readJson(res, PortalReplyResultSchema);
        expect(keysAt(text).sort()).toEqual(["reference", "status", "ticketId"]);
      } else {
        expect((await readProblem(res)).code).toBe("CONFLICT");
      }
    }
    for (const id of [await agentTicketId(), submitted.reference]) {
      const res = await ctx.req("POST", `/portal/api/tickets/${encodeURIComponent(id)}/reply`, { body: "hello" });
      expect(res.status).toBe(404);
      expect(leaks(await bodyOf(res), f)).toEqual([]);
    }
  });

  it("every role reaches the portal API: a key neither opens nor closes it (the answers above are the same for all)", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/portal/api/"))).toEqual([]);
  });

  it("the only routes open without a key are health, the portal and the public article reads tested above", async () => {
    const open = (await routeTable(ctx)).filter((r) => r.roles.includes("portal")).map((r) => `${r.method} ${r.template}`);
    // A new anonymous route must be reviewed for visibility and added to this suite.
    // The portal API, route by route: each one has a leak check above.
    const reviewedPortalApi = [
      "POST /portal/api/search",
      "GET /portal/api/articles/{id}",
      "POST /portal/api/tickets",
      "POST /portal/api/tickets/{id}/feedback",
      "POST /portal/api/tickets/{id}/reply",
    ];
    const covered = /^GET \/health$|^GET \/portal(\/app\.(js|css))?$|^GET \/v1\/articles(\/\{id\})?$/;
    // Static shells (the dashboard and API reference pages and their assets) and the probes hold no
    // data: fetched anonymously, they show nothing hidden.
    const staticShell = /^GET \/(dashboard|assets\/[^{}]+|docs|docs\/[^{}]+|reference|health\/(live|ready))$/;
    for (const r of open.filter((x) => staticShell.test(x))) {
      const res = await ctx.req("GET", r.slice(4));
      expect(leaks(await bodyOf(res), f), r).toEqual([]);
    }
    const unexpected = open.filter((r) => !covered.test(r) && !staticShell.test(r) && !reviewedPortalApi.includes(r));
    expect(unexpected, "anonymous routes not covered by the portal security suite").toEqual([]);
  });
});
