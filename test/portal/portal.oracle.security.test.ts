import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THRESHOLDS_KEY, thresholdsFrom } from "../../src/deflection/policy.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { z } from "@hono/zod-openapi";
import { PortalSearchResultSchema, PortalTicketResultSchema } from "../../src/portal/portal.schemas.js";
import { TicketWithVerdictSchema } from "../../src/tickets/tickets.schemas.js";
import { objectAt, present } from "../support/api.js";
import { rawRequest, type RawResponse, readRawJson, startServer, type StartedServer } from "../support/socket.js";
import { leaks, seedPortalArticles, type PortalFixture } from "./fixtures.js";

/**
 * The portal must not be an oracle for hidden articles: whatever a customer sends, the answer is
 * the same whether or not internal, draft, validated-only or archived articles exist about it.
 * Each case runs twice over a real socket, on the knowledge base with the hidden articles and on
 * the same public fixes alone, and the customer-visible answers must be equal.
 */
let ctx: TestContext;
let server: StartedServer;
beforeAll(async () => {
  ctx = await createTestContext({ config: { PORTAL_RATE_LIMIT_PER_MINUTE: "1000" } });
  server = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const TEXTS = [
  "kraken-admin flush relay", // only the internal fix has these words
  "zephyr-tool resend QUOKKA", // only the draft and the validated fix
  "Password reset email never arrives KRAKEN ZEPHYRINE QUOKKA MARZIPAN inbox", // hidden ones outrank the public fix
  "I asked for a password reset but the reset email never arrives in my inbox", // the public fix's own words
  "Downloading an invoice as PDF shows an error", // the other public fix
  "zxqv wplk", // nothing at all
];
const LOOSE = thresholdsFrom({ answerCustomer: 0.05, answerAgent: 0.05, suggest: 0.05 }, "test");

const post = (path: string, body: object, headers: Record<string, string> = {}) => rawRequest(server.port, { method: "POST", path, body, headers });
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.port, { method: "GET", path, headers });

/** A fresh knowledge base with or without the hidden articles; loose thresholds answer almost anything. */
async function knowledgeBase(hidden: boolean, loose: boolean): Promise<PortalFixture> {
  await ctx.reset();
  const f = await seedPortalArticles(ctx, { hidden });
  if (loose) await putSetting(ctx.database.db, THRESHOLDS_KEY, LOOSE);
  return f;
}

/** What a customer can observe of an answer: status, fields and the offered fixes (by title: ids differ per seed). */
function customerView(res: RawResponse) {
  // The body as sent (every key, not what a schema keeps): the answer or the problem alike.
  const body = objectAt(res.body);
  return {
    http: res.status,
    type: res.headers["content-type"],
    keys: Object.keys(body).sort(),
    status: body.status,
    code: body.code,
    detail: body.detail,
    fixes: z
      .array(z.object({ title: z.string() }))
      .parse(body.fixes ?? [])
      .map((x) => x.title),
  };
}

/** A ticket as the agent reads it, with its verdict. */
async function agentView(ticketId: string, agent: Record<string, string>) {
  const out = readRawJson(ctx, await get(`/v1/tickets/${ticketId}`, agent), TicketWithVerdictSchema);
  return { ...out, verdict: present(out.verdict, "the verdict") };
}
const portalTicket = (res: RawResponse) => readRawJson(ctx, res, PortalTicketResultSchema);

describe("the portal's answers do not depend on hidden articles (real socket)", () => {
  for (const loose of [false, true]) {
    it(`tickets: the same answer with and without hidden matches (${loose ? "thresholds that answer anything" : "default thresholds"})`, async () => {
      const seen: Record<string, ReturnType<typeof customerView>[]> = {};
      for (const hidden of [true, false]) {
        const f = await knowledgeBase(hidden, loose);
        seen[String(hidden)] = [];
        for (const body of TEXTS) {
          const res = await post("/portal/api/tickets", { body });
          expect(res.status, `${body}: ${res.body}`).toBe(201);
          expect(leaks(res.body, f)).toEqual([]);
          expect(["answered", "received"]).toContain(portalTicket(res).status);
          seen[String(hidden)]!.push(customerView(res));
        }
      }
      expect(seen.true).toEqual(seen.false);
      if (loose) expect(seen.true!.map((v) => v.status)).toContain("answered");
    });
  }

  it("the agent still sees the hidden match on the ticket, and the escalation when there is one", async () => {
    const f = await knowledgeBase(true, true);
    const agent = await ctx.auth("agent");
    const internalOnly = await post("/portal/api/tickets", { body: "kraken-admin flush relay" });
    const internalAnswer = portalTicket(internalOnly);
    expect(internalAnswer).toMatchObject({ status: "received", fixes: [] });
    const ticket = await agentView(internalAnswer.ticketId, agent);
    expect(ticket.ticket).toMatchObject({ source: "portal", decision: "suggest", status: "suggested", topArticleId: f.hiddenIds[0] });
    expect(ticket.verdict.explanation).toMatch(/internal/);
    expect(ticket.verdict.matches.map((m) => m.articleId)).toContain(f.hiddenIds[0]);

    // Hidden articles outrank the public fix: the customer gets the public fix (as on a knowledge
    // base without them), and the agent's verdict still lists the internal one.
    const both = await post("/portal/api/tickets", { body: "Password reset email never arrives KRAKEN ZEPHYRINE QUOKKA MARZIPAN inbox" });
    const bothAnswer = portalTicket(both);
    expect(bothAnswer.status).toBe("answered");
    expect(bothAnswer.fixes.map((x) => x.id)).toEqual([f.publicId]);
    const answered = await agentView(bothAnswer.ticketId, agent);
    expect(answered.ticket).toMatchObject({ decision: "answer", topArticleId: f.publicId });
    expect(answered.verdict.matches[0]?.articleId).toBe(f.publicId);
    expect(answered.verdict.matches.map((m) => m.articleId)).toContain(f.hiddenIds[0]);
    // "No" sends it to an agent: the escalation's ticket carries the same verdict.
    const no = await post(`/portal/api/tickets/${bothAnswer.ticketId}/feedback`, { articleId: f.publicId, helped: false });
    expect(portalTicket(no)).toMatchObject({ status: "escalated", fixes: [] });
    const escalated = await agentView(bothAnswer.ticketId, agent);
    expect(escalated.ticket.status).toBe("escalated");
    expect(escalated.verdict.matches.map((m) => m.articleId)).toContain(f.hiddenIds[0]);
  });

  it("search: the same results with and without hidden articles", async () => {
    const queries = ["password reset email never arrives", "KRAKEN", "kraken-admin flush relay", "zephyr-tool resend QUOKKA", "invoice pdf"];
    const seen: Record<string, unknown[]> = {};
    for (const hidden of [true, false]) {
      await knowledgeBase(hidden, false);
      seen[String(hidden)] = [];
      for (const query of queries) {
        const res = await post("/portal/api/search", { query });
        expect(res.status).toBe(200);
        seen[String(hidden)]!.push(readRawJson(ctx, res, PortalSearchResultSchema).results.map((r) => [r.title, r.snippet]));
      }
    }
    expect(seen.true).toEqual(seen.false);
  });

  it("feedback and articles: a hidden article answers exactly like one that does not exist", async () => {
    const f = await knowledgeBase(true, false);
    const t = portalTicket(await post("/portal/api/tickets", { body: "kraken-admin flush relay" }));
    const missing = "art_01m82y6mj7f22rqb6w4a2k7wwd";
    const strip = (v: ReturnType<typeof customerView>) => ({ ...v, detail: String(v.detail).replace(/art_\w+/, "ID") });
    for (const id of f.hiddenIds) {
      const pairs: [RawResponse, RawResponse][] = [
        [
          await post(`/portal/api/tickets/${t.ticketId}/feedback`, { articleId: id, helped: false }),
          await post(`/portal/api/tickets/${t.ticketId}/feedback`, { articleId: missing, helped: false }),
        ],
        [await post("/portal/api/tickets", { body: "x", articleId: id, helped: true }), await post("/portal/api/tickets", { body: "x", articleId: missing, helped: true })],
        [await get(`/portal/api/articles/${id}`), await get(`/portal/api/articles/${missing}`)],
      ];
      for (const [hiddenRes, missingRes] of pairs) {
        expect(hiddenRes.status).toBe(404);
        expect(hiddenRes.headers["content-type"]).toContain("application/problem+json");
        expect(strip(customerView(hiddenRes))).toEqual(strip(customerView(missingRes)));
      }
    }
  });
});
