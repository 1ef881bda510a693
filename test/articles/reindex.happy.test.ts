import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contentHash, passageText } from "../../src/articles/indexing.js";
import { queryRows } from "../../src/db/database.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { getPassageHash, getReindexProgress, vectorSearchReady } from "../../src/articles/reindex.queries.js";
import { reindexArticles } from "../../src/articles/reindex.service.js";
import { vectorIndexName } from "../../src/embeddings/vector-index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { insertArticles } from "../embeddings/support.js";
import { readJson } from "../support/api.js";
import { HealthDetailsSchema, HealthSchema } from "../../src/health/health.routes.js";

const oldEmbedder = new HashingEmbedder(64);
const newEmbedder = new HashingEmbedder(128);
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ embedder: oldEmbedder });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const depsWith = (embedder: HashingEmbedder) => ({ ...ctx.deps, embedder });

async function vectorRows(embedderId: string) {
  return queryRows<{ article_id: string; dims: number; content_hash: string }>(
    ctx.database.db,
    sql`select article_id, dims, content_hash from article_embeddings where embedder_id = ${embedderId} order by article_id`,
  );
}

describe("re-index after switching the embedder", () => {
  it("computes the same passage hash in SQL as contentHash(passageText(article)) in JS", async () => {
    const list = await insertArticles(ctx.database, oldEmbedder, 4);
    for (const a of list) expect(await getPassageHash(ctx.database.db, a.id)).toBe(await contentHash(passageText(a)));
  });

  it("re-embeds batch by batch; search readiness flips only once every article has a new vector", async () => {
    const list = await insertArticles(ctx.database, oldEmbedder, 12);
    expect(await vectorSearchReady(ctx.database.db, oldEmbedder.id)).toBe(true);
    expect(await vectorSearchReady(ctx.database.db, newEmbedder.id)).toBe(false);
    expect(await getReindexProgress(ctx.database.db, newEmbedder.id)).toEqual({ state: "running", done: 0, total: 12 });

    const seen: { done: number; ready: boolean }[] = [];
    for (let run = 0; run < 10; run++) {
      const stop = new AbortController();
      const result = await reindexArticles({ deps: depsWith(newEmbedder), input: { batchSize: 5, signal: stop.signal, onProgress: () => stop.abort() } });
      seen.push({ done: result.done, ready: await vectorSearchReady(ctx.database.db, newEmbedder.id) });
      if (result.complete) break;
    }
    expect(seen).toEqual([
      { done: 5, ready: false },
      { done: 10, ready: false },
      { done: 12, ready: true },
    ]);
    const rows = await vectorRows(newEmbedder.id);
    expect(rows.map((r) => r.article_id)).toEqual(list.map((a) => a.id).sort());
    for (const r of rows) expect(r.dims).toBe(128);
    for (const a of list) expect(rows.find((r) => r.article_id === a.id)?.content_hash).toBe(await contentHash(passageText(a)));
    expect(await getReindexProgress(ctx.database.db, newEmbedder.id)).toEqual({ state: "done", done: 12, total: 12 });
    const idx = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from pg_indexes where indexname = ${vectorIndexName(newEmbedder.id)}`);
    expect(Number(idx[0]?.n)).toBe(1);
    // The old space is untouched (and can be pruned once the switch is complete).
    expect(await vectorRows(oldEmbedder.id)).toHaveLength(12);
    const again = await reindexArticles({ deps: depsWith(newEmbedder), input: { prune: true } });
    expect(again).toMatchObject({ embedded: 0, complete: true, pruned: 12 });
    expect(await vectorRows(oldEmbedder.id)).toHaveLength(0);
  });

  it("counts an edited article's stale vector as not done and re-embeds only that one", async () => {
    const [first] = await insertArticles(ctx.database, oldEmbedder, 3);
    await ctx.database.db.execute(sql`update articles set resolution = 'Clear the browser cache' where id = ${first?.id}`);
    expect(await getReindexProgress(ctx.database.db, oldEmbedder.id)).toEqual({ state: "running", done: 2, total: 3 });
    expect(await vectorSearchReady(ctx.database.db, oldEmbedder.id)).toBe(true);
    const result = await reindexArticles({ deps: ctx.deps });
    expect(result).toMatchObject({ embedded: 1, complete: true, done: 3, total: 3 });
    const [row] = (await vectorRows(oldEmbedder.id)).filter((r) => r.article_id === first?.id);
    expect(row?.content_hash).toBe(await contentHash(passageText({ ...(first as NonNullable<typeof first>), resolution: "Clear the browser cache" })));
  });

  it("ends with a vector of the new text when an article is edited while its batch is being embedded", async () => {
    const list = await insertArticles(ctx.database, oldEmbedder, 4);
    const target = list[1] as NonNullable<(typeof list)[1]>;
    const racing = new HashingEmbedder(128);
    const real = racing.embedPassages.bind(racing);
    let edit: Promise<unknown> | undefined;
    racing.embedPassages = async (texts) => {
      // An editor saves the article meanwhile (on a server it waits for the batch's row lock).
      edit ??= ctx.database.db.execute(sql`update articles set problem = 'Edited while embedding' where id = ${target.id}`).then(() => undefined);
      return real(texts);
    };
    const result = await reindexArticles({ deps: depsWith(racing), input: { batchSize: 4 } });
    await edit;
    // The edit commits after the batch (it waited for the row lock); whether the first run still
    // saw it is a race, so a second run picks up whatever is stale.
    expect(result.embedded).toBeGreaterThanOrEqual(3);
    await reindexArticles({ deps: depsWith(racing) });
    const row = (await vectorRows(racing.id)).find((r) => r.article_id === target.id);
    expect(row?.content_hash).toBe(await contentHash(passageText({ ...target, problem: "Edited while embedding" })));
    expect(await getReindexProgress(ctx.database.db, racing.id)).toEqual({ state: "done", done: 4, total: 4 });
  });

  it("lets two concurrent workers share the work without embedding an article twice", async () => {
    await insertArticles(ctx.database, oldEmbedder, 14);
    const calls: number[] = [];
    const counting = new HashingEmbedder(128);
    const embedPassages = counting.embedPassages.bind(counting);
    counting.embedPassages = async (texts) => {
      calls.push(texts.length);
      return embedPassages(texts);
    };
    const [a, b] = await Promise.all([
      reindexArticles({ deps: depsWith(counting), input: { batchSize: 3 } }),
      reindexArticles({ deps: depsWith(counting), input: { batchSize: 3 } }),
    ]);
    expect(a.embedded + b.embedded).toBe(14);
    expect(calls.reduce((s, n) => s + n, 0)).toBe(14);
    expect(await vectorRows(counting.id)).toHaveLength(14);
  });

  it("reports a running re-index in /health (degraded; progress in /health/details) and done afterwards", async () => {
    await insertArticles(ctx.database, newEmbedder, 3);
    expect((await readJson(await ctx.req("GET", "/health"), HealthSchema)).status).toBe("degraded");
    let body = await readJson(await ctx.req("GET", "/health/details", undefined, "admin"), HealthDetailsSchema);
    expect(body.status).toBe("degraded");
    expect(body.embedder.reindex).toEqual({ state: "running", done: 0, total: 3 });
    await reindexArticles({ deps: ctx.deps });
    expect((await readJson(await ctx.req("GET", "/health"), HealthSchema)).status).toBe("ok");
    body = await readJson(await ctx.req("GET", "/health/details", undefined, "admin"), HealthDetailsSchema);
    expect(body.status).toBe("ok");
    expect(body.embedder.reindex).toEqual({ state: "done", done: 3, total: 3 });
  });
});
