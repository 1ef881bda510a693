import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { getReindexProgress, vectorSearchReady } from "../../src/articles/reindex.queries.js";
import { reindexArticles } from "../../src/articles/reindex.service.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { insertArticles } from "../embeddings/support.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ embedder: new HashingEmbedder(64) });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

/** The new embedder, which dies on its n-th batch (a crash, an OOM kill, a lost model). */
function dyingEmbedder(dieOnCall: number) {
  const embedder = new HashingEmbedder(96);
  const real = embedder.embedPassages.bind(embedder);
  let calls = 0;
  embedder.embedPassages = async (texts) => {
    calls++;
    if (calls === dieOnCall) throw new Error("killed mid-batch");
    return real(texts);
  };
  return embedder;
}

async function countVectors(embedderId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from article_embeddings where embedder_id = ${embedderId}`);
  return Number(row?.n ?? 0);
}

describe("an interrupted re-index", () => {
  it("keeps the committed batches, writes nothing of the failed one, and a restart finishes the rest", async () => {
    await insertArticles(ctx.database, ctx.deps.embedder, 11);
    const dying = dyingEmbedder(3);
    const deps = { ...ctx.deps, embedder: dying };
    await expect(reindexArticles({ deps, input: { batchSize: 4 } })).rejects.toThrow("killed mid-batch");
    expect(await countVectors(dying.id)).toBe(8);
    expect(await getReindexProgress(ctx.database.db, dying.id)).toEqual({ state: "running", done: 8, total: 11 });
    expect(await vectorSearchReady(ctx.database.db, dying.id)).toBe(false);

    const restarted = await reindexArticles({ deps: { ...ctx.deps, embedder: new HashingEmbedder(96) }, input: { batchSize: 4 } });
    expect(restarted).toMatchObject({ embedded: 3, batches: 1, complete: true, done: 11, total: 11 });
    expect(await countVectors(dying.id)).toBe(11);
    expect(await vectorSearchReady(ctx.database.db, dying.id)).toBe(true);
  });

  it("rolls back a batch whose writes fail half-way (no article keeps a half-written batch)", async () => {
    await insertArticles(ctx.database, ctx.deps.embedder, 6);
    const embedder = new HashingEmbedder(96);
    const real = embedder.embedPassages.bind(embedder);
    // The 3rd vector of the batch holds NaN: the database refuses it after two rows were written.
    embedder.embedPassages = async (texts) => (await real(texts)).map((v, i) => (i === 2 ? v.map(() => Number.NaN) : v));
    await expect(reindexArticles({ deps: { ...ctx.deps, embedder }, input: { batchSize: 3 } })).rejects.toThrow();
    expect(await countVectors(embedder.id)).toBe(0);
  });

  it("refuses vectors of the wrong dimension before writing any", async () => {
    await insertArticles(ctx.database, ctx.deps.embedder, 2);
    const embedder = new HashingEmbedder(96);
    embedder.embedPassages = async (texts) => texts.map(() => new Array<number>(95).fill(0.1));
    await expect(reindexArticles({ deps: { ...ctx.deps, embedder } })).rejects.toThrow(/dims 95 for 2 passages of dims 96/);
    expect(await countVectors(embedder.id)).toBe(0);
  });

  it("stops between batches when aborted and reports the remaining work", async () => {
    await insertArticles(ctx.database, ctx.deps.embedder, 5);
    const stop = new AbortController();
    stop.abort();
    const result = await reindexArticles({ deps: { ...ctx.deps, embedder: new HashingEmbedder(96) }, input: { signal: stop.signal } });
    expect(result).toMatchObject({ embedded: 0, complete: false, done: 0, total: 5 });
  });
});
