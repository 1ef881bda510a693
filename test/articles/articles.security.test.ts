import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { articleBody, createArticleViaApi, writeCounts } from "./helpers.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { readJson, readProblem } from "../support/api.js";
import { ArticleListSchema, ArticleSchema } from "../../src/articles/articles.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

/** One article in each interesting (visibility, state) pair, made by an expert. */
async function corpus() {
  const make = async (visibility: string, state: string) => {
    const a = await createArticleViaApi(ctx, { visibility, title: `${visibility} ${state} article` });
    if (state === "archived") {
      await ctx.req("POST", `/v1/articles/${a.id}/state`, { state: "archived" }, "expert");
    } else if (state !== "draft") {
      await ctx.req("POST", `/v1/articles/${a.id}/state`, { state }, "expert");
    }
    return a.id as string;
  };
  return {
    publicPublished: await make("public", "published"),
    internalPublished: await make("internal", "published"),
    publicValidated: await make("public", "validated"),
    publicDraft: await make("public", "draft"),
    internalDraft: await make("internal", "draft"),
    publicArchived: await make("public", "archived"),
  };
}

describe("articles: who sees what", () => {
  it("portal (no key) sees only public published articles; anything else is a plain 404", async () => {
    const ids = await corpus();
    for (const [name, id] of Object.entries(ids)) {
      const res = await ctx.req("GET", `/v1/articles/${id}`);
      if (name === "publicPublished") {
        expect(res.status).toBe(200);
        const body = await readJson(res, ArticleSchema);
        expect(body.author).toBeNull();
      } else {
        expect(res.status, name).toBe(404);
        const problem = await readProblem(res);
        expect(problem.code).toBe("NOT_FOUND");
        expect(JSON.stringify(problem)).not.toMatch(/draft|internal|archived|validated/);
      }
    }
    const list = await readJson(await ctx.req("GET", "/v1/articles?limit=100"), ArticleListSchema);
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([ids.publicPublished]);
    const asked = await readJson(await ctx.req("GET", "/v1/articles?state=draft"), ArticleListSchema);
    expect(asked.items).toEqual([]);
  });

  it("agents see published and validated articles (internal included), never drafts or archived", async () => {
    const ids = await corpus();
    const visible = new Set([ids.publicPublished, ids.internalPublished, ids.publicValidated]);
    for (const id of Object.values(ids)) {
      const res = await ctx.req("GET", `/v1/articles/${id}`, undefined, "agent");
      expect(res.status).toBe(visible.has(id) ? 200 : 404);
      const versions = await ctx.req("GET", `/v1/articles/${id}/versions`, undefined, "agent");
      expect(versions.status).toBe(visible.has(id) ? 200 : 404);
    }
    const list = await readJson(await ctx.req("GET", "/v1/articles?limit=100", undefined, "agent"), ArticleListSchema);
    expect(new Set(list.items.map((a: { id: string }) => a.id))).toEqual(visible);
    const drafts = await readJson(await ctx.req("GET", "/v1/articles?state=draft", undefined, "agent"), ArticleListSchema);
    expect(drafts.items).toEqual([]);
  });

  it("experts and admins see everything", async () => {
    const ids = await corpus();
    const list = await readJson(await ctx.req("GET", "/v1/articles?limit=100", undefined, "admin"), ArticleListSchema);
    expect(list.items).toHaveLength(Object.keys(ids).length);
  });
});

describe("articles: who may write", () => {
  it("agents may not create, edit or change state (403) and nothing is written", async () => {
    const a = await createArticleViaApi(ctx);
    const before = await writeCounts(ctx);
    for (const [method, path, body] of [
      ["POST", "/v1/articles", articleBody()],
      ["PATCH", `/v1/articles/${a.id}`, { title: "Agent edit" }],
      ["POST", `/v1/articles/${a.id}/state`, { state: "published" }],
    ] as const) {
      const res = await ctx.req(method, path, body, "agent");
      expect(res.status).toBe(403);
      expect((await readProblem(res)).code).toBe("FORBIDDEN");
    }
    expect(await writeCounts(ctx)).toEqual(before);
  });

  it("every role on the article routes: experts and admins write, agents read, the portal reads published public fixes", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/v1/articles"))).toEqual([]);
  });

  it("an invalid key is 401 even where no key would do", async () => {
    const a = await createArticleViaApi(ctx, { state: "published", visibility: "public" });
    const badKey = await ctx.req("GET", `/v1/articles/${a.id}`, undefined, undefined, { authorization: "Bearer dfl_expert_not-a-real-key" });
    expect(badKey.status).toBe(401);
  });
});
