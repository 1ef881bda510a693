import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { addArticle, addTicket, at, feedbackRows } from "./fixtures.js";
import { readJson } from "../support/api.js";
import { ArticleImpactPageSchema } from "../../src/metrics/insights.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("who may read metrics and insights", () => {
  it("every role on the metrics, insights and feedback routes: metrics and impact need an agent key, gaps an expert key", async () => {
    expect(await checkAuthMatrix(ctx, (r) => /^\/v1\/(metrics|insights)|^\/v1\/tickets\/\{id\}\/feedback$/.test(r.template))).toEqual([]);
    expect((await ctx.req("GET", "/v1/metrics", undefined, "agent")).status).toBe(200);
    expect((await ctx.req("GET", "/v1/insights/articles", undefined, "agent")).status).toBe(200);
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
    const agent = await readJson(await ctx.req("GET", "/v1/insights/articles", undefined, "agent"), ArticleImpactPageSchema);
    expect(agent.items).toEqual([]);
    const expert = await readJson(await ctx.req("GET", "/v1/insights/articles", undefined, "expert"), ArticleImpactPageSchema);
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
