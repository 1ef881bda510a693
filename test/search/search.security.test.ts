import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { searchArticles } from "../../src/search/search.service.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { KB, seedArticles } from "./fixtures.js";
import { readJson } from "../support/api.js";
import { SearchResponseSchema } from "../../src/search/search.schemas.js";

let ctx: TestContext;
let ids: string[];
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ids = await seedArticles(ctx, [
    KB.reset!,
    KB.invoicePayment!, // internal, published
    { ...KB.webhook!, state: "draft" },
    { ...KB.sms!, title: "Two-factor SMS code (old)", state: "archived" },
  ]);
});

const QUERY = "invoice payment bank transfer password reset email webhook disabled sms code";

describe("search visibility", () => {
  it("portal viewers never get internal or unpublished articles, nor snippets of them", async () => {
    const result = await searchArticles({ deps: ctx.deps, input: { query: QUERY, limit: 50 }, viewer: "portal" });
    expect(result.hits.map((h) => h.article.id)).toEqual([ids[0]]);
    expect(JSON.stringify(result)).not.toContain("Admin Console");
    const filtered = await searchArticles({ deps: ctx.deps, input: { query: QUERY, filters: { visibility: "internal" }, limit: 10 }, viewer: "portal" });
    expect(filtered.hits).toEqual([]);
  });

  it("agents see published internal fixes but no drafts; experts see drafts; nobody gets archived ones", async () => {
    const agent = await readJson(await ctx.req("POST", "/v1/search", { query: QUERY, limit: 50 }, "agent"), SearchResponseSchema);
    expect(agent.hits.map((h: { article: { id: string } }) => h.article.id).sort()).toEqual([ids[0], ids[1]].sort());
    const expert = await readJson(await ctx.req("POST", "/v1/search", { query: QUERY, limit: 50 }, "expert"), SearchResponseSchema);
    expect(expert.hits.map((h: { article: { id: string } }) => h.article.id).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
  });

  it("every role on the search routes: a key is required (anonymous callers get 401)", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/v1/search"))).toEqual([]);
  });
});
