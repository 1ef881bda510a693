import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { articleEmbeddings } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { type ArticleSeed, KB, seedArticles } from "./fixtures.js";
import { readJson, present } from "../support/api.js";
import { SearchResponseSchema } from "../../src/search/search.schemas.js";

let ctx: TestContext;
let ids: string[];
const CS_TARGET: ArticleSeed = {
  language: "cs",
  title: "Na faktuře chybí číslo objednávky",
  problem: "Účtárna vrací fakturu, protože na ní chybí naše číslo objednávky.",
  rootCause: "Číslo objednávky se tiskne jen když je vyplněné v nastavení fakturace.",
  resolution: "1. Faktura: v Nastavení > Fakturace vyplňte pole Objednávka.\n2. Chybí-li na vystavené faktuře, vystavíme opravnou fakturu.",
};
/** Shares most character n-grams with the query words but none of the exact words. */
const CS_LOOKALIKE: ArticleSeed = { language: "cs", title: "Faktury objednávky", problem: "Fakturou objednávkou chybějící.", resolution: "1. Kontaktujte obchod." };

beforeAll(async () => {
  // Readiness is asked on every search here: one test removes a vector behind the service's back.
  ctx = await createTestContext({ config: { VECTOR_READY_CACHE_MS: "0" } });
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ids = await seedArticles(ctx, [KB.reset!, KB.sms!, KB.webhook!, KB.invoicePayment!, CS_TARGET, CS_LOOKALIKE]);
});

const search = async (body: unknown, role: "agent" | "expert" | "admin" = "agent") => {
  const res = await ctx.req("POST", "/v1/search", body, role);
  expect(res.status).toBe(200);
  return readJson(res, SearchResponseSchema);
};

describe("POST /v1/search: hybrid retrieval", () => {
  it("returns hits with article fields, a snippet and the score breakdown per signal", async () => {
    const body = await search({ query: "the password reset email never arrives in the inbox", limit: 3 });
    expect(body.retrieval).toMatchObject({ mode: "hybrid", embedder: { id: ctx.deps.embedder.id, lexical: true, crossLanguage: false } });
    const [top] = body.hits;
    expect(top?.article).toMatchObject({ id: ids[0], title: KB.reset!.title, visibility: "public", state: "published", language: "en" });
    expect(top?.snippet).toMatch(/«/);
    expect(top?.scores.fts?.rank).toBe(1);
    expect(top?.scores.vector?.rank).toBe(1);
    expect(top?.scores.fused).toBeCloseTo(1 / 61 + 1 / 61 + 1 / (60 + present(top?.scores.trigram, "a trigram score").rank), 6);
    expect(body.hits.length).toBeLessThanOrEqual(3);
  });

  it("a long ticket-like query does not need every term in one article (OR semantics)", async () => {
    const body = await search({
      query: "Hello, since yesterday our endpoint gets nothing and the webhook says disabled automatically, we also changed our office printer and lunch menu",
    });
    expect(body.hits[0]?.article.id).toBe(ids[2]);
  });

  it("fused finds what full text alone misses: a query full of typos", async () => {
    const body = await search({ query: "pasword resset emial nevr arives" });
    expect(body.hits[0]?.article.id).toBe(ids[0]);
    expect(body.hits[0]?.scores.fts).toBeNull();
    expect(body.hits[0]?.scores.vector?.rank).toBe(1);
  });

  it("fused finds what vector (and trigram) alone miss: the exact word beats a look-alike", async () => {
    const body = await search({ query: "objednávka" });
    const target = body.hits.find((h: { article: { id: string } }) => h.article.id === ids[4]);
    const lookalike = body.hits.find((h: { article: { id: string } }) => h.article.id === ids[5]);
    expect(lookalike?.scores.vector?.rank).toBe(1);
    expect(lookalike?.scores.trigram?.rank).toBe(1);
    expect(target?.scores.fts?.rank).toBe(1);
    expect(body.hits[0]?.article.id).toBe(ids[4]);
  });

  it("matches without diacritics", async () => {
    const body = await search({ query: "na fakture chybi cislo objednavky" });
    expect(body.hits[0]?.article.id).toBe(ids[4]);
  });

  it("applies filters: language, category, tags, visibility", async () => {
    expect((await search({ query: "faktura", filters: { language: "en" } })).hits.every((h: { article: { language: string } }) => h.article.language === "en")).toBe(true);
    const byCategory = await search({ query: "code email webhook", filters: { category: "Account & Login" } });
    expect(byCategory.hits.map((h: { article: { id: string } }) => h.article.id).sort()).toEqual([ids[0], ids[1]].sort());
    const byTag = await search({ query: "code", filters: { tags: ["2fa"] } });
    expect(byTag.hits.map((h: { article: { id: string } }) => h.article.id)).toEqual([ids[1]]);
    const internalOnly = await search({ query: "invoice payment card", filters: { visibility: "internal" } });
    expect(internalOnly.hits.map((h: { article: { id: string } }) => h.article.id)).toEqual([ids[3]]);
  });

  it("says lexical-only while the active embedder has not embedded every article, and still finds by text", async () => {
    await ctx.deps.database.db.delete(articleEmbeddings).where(eq(articleEmbeddings.articleId, ids[1]!));
    const body = await search({ query: "two-factor SMS code does not arrive" });
    expect(body.retrieval.mode).toBe("lexical-only");
    expect(body.retrieval.modeReason).toMatch(/re-index/);
    expect(body.hits[0]?.article.id).toBe(ids[1]);
    expect(body.hits[0]?.scores.vector).toBeNull();
  });

  it("an article with no text the embedder can use is no vector match, and every score is a number (found by npm run fuzz)", async () => {
    const [blank] = await seedArticles(ctx, [{ title: "¥", problem: "¥", resolution: "¥" }]);
    const [vector] = await ctx.deps.embedder.embedPassages(["¥"]);
    expect(vector?.every((x) => x === 0)).toBe(true); // pgvector's cosine distance to it is NaN
    const body = await search({ query: "the password reset email never arrives", limit: 50 });
    expect(body.retrieval.mode).toBe("hybrid");
    expect(body.hits.find((h: { article: { id: string } }) => h.article.id === blank)).toBeUndefined();
    const vectorScores = body.hits.map((h: { scores: { vector: { score: unknown } | null } }) => h.scores.vector?.score);
    expect(vectorScores.filter((s: unknown) => s !== undefined).every((s: unknown) => typeof s === "number")).toBe(true);
  });
});
