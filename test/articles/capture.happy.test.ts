import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ResolveResultSchema } from "../../src/articles/capture.schemas.js";
import { queryRows } from "../../src/db/database.js";
import { escalations, tickets } from "../../src/db/schema/index.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createArticleViaApi, insertEscalation, subscribeAll } from "./helpers.js";
import { readJson } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const fix = {
  rootCause: "Chrome's built-in PDF viewer cannot render the embedded invoice font of invoices issued before March.",
  resolution: "1. Click Download instead of Open.\n2. Open the file in a desktop PDF reader.\n3. If still blank, regenerate the invoice under Billing > Invoices.",
  visibility: "public",
};

async function resolve(escalationId: string, body: Record<string, unknown>, role: "agent" | "expert" | "admin" = "expert") {
  return ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, body, role);
}

describe("capture: resolving an escalation writes the article", () => {
  it("closes escalation and ticket and writes a draft pre-filled from the customer's cleaned words", async () => {
    await subscribeAll(ctx);
    const { ticketId, escalationId } = await insertEscalation(ctx);
    ctx.clock.advance(60_000);
    const res = await resolve(escalationId, { ...fix, tags: ["invoice", "pdf"] });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await readJson(res, ResolveResultSchema);
    expect(body.linked).toBe(false);
    expect(body.article).toMatchObject({
      state: "draft",
      title: "Invoice PDF is blank",
      problem: "The invoice PDF opens as blank pages in Chrome since this morning.",
      rootCause: fix.rootCause,
      resolution: fix.resolution,
      language: "en",
      category: "Billing & Invoices",
      product: "Web app",
      visibility: "public",
      author: "test-expert",
      sourceEscalationId: escalationId,
      sourceTicketId: ticketId,
    });
    expect(body.escalation).toMatchObject({ id: escalationId, status: "resolved", resolutionArticleId: body.article.id, resolvedAt: ctx.clock.now().toISOString() });

    const [esc] = await ctx.database.db.select().from(escalations).where(eq(escalations.id, escalationId));
    expect(esc).toMatchObject({ status: "resolved", resolutionArticleId: body.article.id });
    const [tkt] = await ctx.database.db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(tkt?.status).toBe("resolved");
    expect(tkt?.resolvedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    const events = await queryRows<{ kind: string; actor: string }>(ctx.database.db, sql`select kind, actor from escalation_events where escalation_id = ${escalationId}`);
    expect(events).toEqual([{ kind: "resolved", actor: "test-expert" }]);
    const hooks = await queryRows<{ event: string }>(ctx.database.db, sql`select event from webhook_deliveries order by event`);
    expect(hooks.map((h) => h.event)).toEqual(["escalation.resolved"]);
  });

  it("publishes in the same call for an expert, with the article.published webhook", async () => {
    await subscribeAll(ctx);
    const { escalationId } = await insertEscalation(ctx);
    const body = await readJson(await resolve(escalationId, { ...fix, publish: true, title: "Blank invoice PDF in Chrome" }), ResolveResultSchema);
    expect(body.article).toMatchObject({ state: "published", title: "Blank invoice PDF in Chrome", publishedAt: ctx.clock.now().toISOString() });
    const hooks = await queryRows<{ event: string }>(ctx.database.db, sql`select event from webhook_deliveries order by event`);
    expect(hooks.map((h) => h.event)).toEqual(["article.published", "escalation.resolved"]);
    const portal = await ctx.req("GET", `/v1/articles/${body.article.id}`);
    expect(portal.status).toBe(200);
  });

  it("falls back to the body, the first sentence and detected language when the ticket lacks them", async () => {
    const { escalationId } = await insertEscalation(ctx, {
      subject: null,
      language: null,
      cleanText: "",
      body: "A exportação de relatórios fica parada em Preparando há dois dias. Já tentamos outro navegador e nada mudou.",
    });
    const body = await readJson(await resolve(escalationId, { ...fix, visibility: "internal" }), ResolveResultSchema);
    expect(body.article).toMatchObject({
      title: "A exportação de relatórios fica parada em Preparando há dois dias.",
      language: "pt",
      visibility: "internal",
    });
    expect(body.article.problem).toContain("Já tentamos outro navegador");
  });

  it("lists published/validated articles with the same fix as possible duplicates, with scores", async () => {
    const same = await createArticleViaApi(ctx, {
      title: "Invoice PDF opens blank in Chrome",
      problem: "Invoices open as blank white pages in the browser.",
      ...fix,
      state: "published",
    });
    const validated = await createArticleViaApi(ctx, { title: "Blank invoice PDF", problem: "The invoice PDF is blank.", ...fix, state: "validated" });
    await createArticleViaApi(ctx, { title: "Invoice PDF is blank", problem: "Blank invoice pages.", ...fix }); // draft: not offered
    const other = await createArticleViaApi(ctx, {
      title: "Two-factor SMS code never arrives",
      problem: "The SMS with the login code does not arrive on my phone.",
      rootCause: "Carriers filter short-code SMS from unknown senders.",
      resolution: "1. Switch to the authenticator app.\n2. Ask the carrier to allow short codes.",
      state: "published",
    });
    const { escalationId } = await insertEscalation(ctx);
    const body = await readJson(await resolve(escalationId, fix), ResolveResultSchema);
    const ids = body.possibleDuplicates.map((d) => d.articleId);
    expect(ids).toContain(same.id);
    expect(ids).toContain(validated.id);
    expect(ids).not.toContain(other.id);
    expect(ids).toHaveLength(2);
    for (const d of body.possibleDuplicates) {
      expect(d.score).toBeGreaterThanOrEqual(body.duplicateThreshold);
      expect(d.score).toBeCloseTo(0.7 * d.vectorSimilarity + 0.3 * d.titleSimilarity, 2);
    }
    expect(body.duplicateThreshold).toBe(0.4);

    await putSetting(ctx.database.db, "capture.duplicateThreshold", 0.99);
    const second = await insertEscalation(ctx);
    const strict = await readJson(await resolve(second.escalationId, fix), ResolveResultSchema);
    expect(strict).toMatchObject({ duplicateThreshold: 0.99, possibleDuplicates: [] });
  });

  it("links an existing article instead of writing a new one", async () => {
    const existing = await createArticleViaApi(ctx, { state: "published" });
    const { escalationId } = await insertEscalation(ctx);
    const [before] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from articles`);
    const res = await resolve(escalationId, { linkArticleId: existing.id }, "agent");
    expect(res.status).toBe(201);
    const body = await readJson(res, ResolveResultSchema);
    expect(body).toMatchObject({ linked: true, possibleDuplicates: [], article: { id: existing.id, version: 1 } });
    expect(body.escalation.resolutionArticleId).toBe(existing.id);
    const [after] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from articles`);
    expect(after?.n).toBe(before?.n);
    const events = await queryRows<{ kind: string }>(ctx.database.db, sql`select kind from article_events where article_id = ${existing.id} and kind = 'linked'`);
    expect(events).toHaveLength(1);
  });

  it("lets an agent capture a draft (tier-2 staff hold agent keys)", async () => {
    const { escalationId } = await insertEscalation(ctx);
    const res = await resolve(escalationId, fix, "agent");
    expect(res.status).toBe(201);
    expect((await readJson(res, ResolveResultSchema)).article).toMatchObject({ state: "draft", author: "test-agent" });
  });
});
