import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, json, type TestContext } from "../support/context.js";
import { addArticle, addTicket, at, feedbackRows } from "./fixtures.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("who may read metrics and insights", () => {
  it("metrics and impact need an agent key; gaps need an expert key", async () => {
    for (const path of ["/v1/metrics", "/v1/insights/articles", "/v1/insights/gaps"]) {
      const anon = await ctx.req("GET", path);
      expect(anon.status).toBe(401);
      expect((await json(anon)).code).toBe("UNAUTHENTICATED");
    }
    expect((await ctx.req("GET", "/v1/metrics", undefined, "agent")).status).toBe(200);
    expect((await ctx.req("GET", "/v1/insights/articles", undefined, "agent")).status).toBe(200);
    const gaps = await ctx.req("GET", "/v1/insights/gaps", undefined, "agent");
    expect(gaps.status).toBe(403);
    expect((await json(gaps)).code).toBe("FORBIDDEN");
    expect((await ctx.req("GET", "/v1/insights/gaps", undefined, "expert")).status).toBe(200);
  });

  it("feedback needs a key on the HTTP route and writes nothing without one", async () => {
    const art = await addArticle(ctx);
    const t = await addTicket(ctx, { createdAt: at("2026-03-01T10:00:00Z"), decision: "answer", topArticleId: art });
    const res = await ctx.req("POST", `/v1/tickets/${t}/feedback`, { articleId: art, outcome: "resolved" });
    expect(res.status).toBe(401);
    const rows = await feedbackRows(ctx);
    expect(rows).toHaveLength(0);
  });

  it("agents never see draft articles' impact; experts do", async () => {
    const draft = await addArticle(ctx, { state: "draft", title: "Internal draft" });
    await addTicket(ctx, { createdAt: at("2026-03-01T10:00:00Z"), decision: "suggest", topArticleId: draft });
    const agent = await json(await ctx.req("GET", "/v1/insights/articles", undefined, "agent"));
    expect(agent.items).toEqual([]);
    const expert = await json(await ctx.req("GET", "/v1/insights/articles", undefined, "expert"));
    expect(expert.items.map((a: { id: string }) => a.id)).toEqual([draft]);
  });

  it("the dashboard shell loads without a key, carries no data, and uses no inline script", async () => {
    await addTicket(ctx, { createdAt: at("2026-03-01T10:00:00Z"), subject: "secret-subject-123" });
    const res = await ctx.req("GET", "/dashboard");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toContain("secret-subject-123");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('src="/assets/chart.umd.js');
  });
});
