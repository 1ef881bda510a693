import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { queryRows, type Executor } from "../../src/db/database.js";
import { ensureVectorIndex, prepareEmbedderIndex, rebuildVectorIndexIfChanged, vectorIndexBuild } from "../../src/embeddings/vector-index.js";
import { searchScope, vectorCandidates } from "../../src/search/search.queries.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { type ArticleSeed, seedArticles } from "./fixtures.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const showEfSearch = async (db: Executor) => (await queryRows<{ ef: string }>(db, sql`select current_setting('hnsw.ef_search') as ef`))[0]?.ef;

/** Articles about printers (internal or public) and unrelated public ones, `count` of each kind. */
function printerArticles(count: number, visibility: "public" | "internal"): ArticleSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `Printer spooler queue stalls after driver update ${i}`,
    problem: `The printer spooler queue stalls and print jobs hang after the driver update on floor ${i}.`,
    resolution: `1. Restart the printer spooler service.\n2. Reinstall driver package ${i}.`,
    visibility,
  }));
}
const unrelated = (count: number): ArticleSeed[] =>
  Array.from({ length: count }, (_, i) => ({
    title: `Invoice currency rounding ${i}`,
    problem: `Invoice totals in currency ${i} are rounded to the wrong cent on the monthly statement.`,
    resolution: "1. Set the rounding mode in billing settings.",
  }));

async function queryVector(text: string): Promise<number[]> {
  const [v] = await ctx.deps.embedder.embedQueries([text]);
  return v as number[];
}

describe("vectorCandidates: HNSW settings per query", () => {
  it("returns as many candidates as asked even when HNSW_EF_SEARCH is below k (ef_search is raised to k)", async () => {
    await seedArticles(ctx, [...printerArticles(30, "public"), ...unrelated(30)]);
    const rows = await vectorCandidates(ctx.deps.database.db, {
      scope: searchScope("agent"),
      embedderId: ctx.deps.embedder.id,
      dims: ctx.deps.embedder.dims,
      vector: await queryVector("printer spooler queue stalls"),
      k: 50,
      hnsw: { efSearch: 10, iterativeScan: "off" },
    });
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const scores = rows.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("sets ef_search for its own query only: not after it, and inside a caller's transaction until that ends", async () => {
    await seedArticles(ctx, unrelated(5));
    const db = ctx.deps.database.db;
    const before = await showEfSearch(db);
    const p = { scope: searchScope("agent"), embedderId: ctx.deps.embedder.id, dims: ctx.deps.embedder.dims, vector: await queryVector("invoice rounding"), k: 5 };
    await vectorCandidates(db, { ...p, hnsw: { efSearch: 123, iterativeScan: "off" } });
    expect(await showEfSearch(db)).toBe(before);
    const inside = await db.transaction(async (tx) => {
      await vectorCandidates(tx, { ...p, hnsw: { efSearch: 77, iterativeScan: "off" } });
      return showEfSearch(tx);
    });
    expect(inside).toBe("77");
    expect(await showEfSearch(db)).toBe(before);
  });
});

describe("HNSW build parameters", () => {
  it("builds a new index with the given m and ef_construction and rebuilds it once when they change", async () => {
    const db = ctx.deps.database.db;
    const embedderId = "test:hnsw-build:8";
    await ensureVectorIndex(db, embedderId, 8, { m: 8, efConstruction: 32 });
    expect(await vectorIndexBuild(db, embedderId)).toEqual({ m: 8, efConstruction: 32 });
    expect(await rebuildVectorIndexIfChanged(db, ctx.deps.database.kind, embedderId, { m: 12, efConstruction: 48 })).toBe(true);
    expect(await vectorIndexBuild(db, embedderId)).toEqual({ m: 12, efConstruction: 48 });
    expect(await rebuildVectorIndexIfChanged(db, ctx.deps.database.kind, embedderId, { m: 12, efConstruction: 48 })).toBe(false);
    expect(await vectorIndexBuild(db, "test:no-such-embedder")).toBeNull();
  });

  it("start-up rebuilds the active embedder's index with HNSW_M / HNSW_EF_CONSTRUCTION, and search still finds the articles", async () => {
    const [id] = await seedArticles(ctx, [...unrelated(3), ...printerArticles(1, "public")]).then((ids) => ids.slice(3));
    const config = { ...ctx.deps.config, HNSW_M: 10, HNSW_EF_CONSTRUCTION: 40 };
    await prepareEmbedderIndex({ ...ctx.deps, config });
    expect(await vectorIndexBuild(ctx.deps.database.db, ctx.deps.embedder.id)).toEqual({ m: 10, efConstruction: 40 });
    const [top] = await vectorCandidates(ctx.deps.database.db, {
      scope: searchScope("agent"),
      embedderId: ctx.deps.embedder.id,
      dims: ctx.deps.embedder.dims,
      vector: await queryVector("printer spooler queue stalls"),
      k: 3,
      hnsw: { efSearch: 40, iterativeScan: "off" },
    });
    expect(top?.id).toBe(id);
    // Back to the defaults for the other tests of this file.
    await prepareEmbedderIndex(ctx.deps);
    expect(await vectorIndexBuild(ctx.deps.database.db, ctx.deps.embedder.id)).toEqual({ m: 16, efConstruction: 64 });
  });

  it("refuses ef_construction below twice m, naming the field", () => {
    expect(() => loadConfig({ HNSW_M: "32", HNSW_EF_CONSTRUCTION: "40" })).toThrow(ConfigError);
    expect(() => loadConfig({ HNSW_M: "32", HNSW_EF_CONSTRUCTION: "40" })).toThrow(/HNSW_EF_CONSTRUCTION/);
    expect(loadConfig({})).toMatchObject({ HNSW_EF_SEARCH: 100, HNSW_ITERATIVE_SCAN: "relaxed_order", HNSW_M: 16, HNSW_EF_CONSTRUCTION: 64 });
  });
});
