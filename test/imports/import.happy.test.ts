import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { presentImport } from "../../src/imports/imports.schemas.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { devRow, importText, kbSnapshot, ndjson } from "./support.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("bulk import: idempotent by external id", () => {
  it("imports the shared dev set as drafts with versions, index and vectors", async () => {
    const text = readFileSync("/work/shared/eval/dev/articles.jsonl", "utf8");
    const state = presentImport(await importText(ctx, text));
    expect(state).toMatchObject({ status: "completed", read: 45, created: 45, updated: 0, skipped: 0, failed: 0, lastLine: 45 });
    const [a01] = await queryRows<Record<string, unknown>>(
      ctx.database.db,
      sql`select state, visibility, language, title, search_text <> '' as indexed from articles where external_id = 'A01'`,
    );
    expect(a01).toMatchObject({ state: "draft", visibility: "public", language: "en", title: "Password reset email does not arrive", indexed: true });
    const kb = await kbSnapshot(ctx);
    expect(kb.every((a) => a.vectors === 1 && a.versions === 1 && a.version === 1)).toBe(true);
  });

  it("re-importing the same rows changes nothing", async () => {
    const text = ndjson(Array.from({ length: 40 }, (_, i) => devRow(i)));
    await importText(ctx, text);
    const before = await kbSnapshot(ctx);
    ctx.clock.advance(60_000);
    const second = presentImport(await importText(ctx, text));
    expect(second).toMatchObject({ read: 40, created: 0, updated: 0, skipped: 40, skippedUnchanged: 40, failed: 0 });
    expect(await kbSnapshot(ctx)).toEqual(before);
  });

  it("an edited row becomes version 2 of the same article, re-embedded", async () => {
    await importText(ctx, ndjson([devRow(1), devRow(2)]));
    const [{ vec: before } = { vec: "" }] = await queryRows<{ vec: string }>(
      ctx.database.db,
      sql`select e.embedding::text as vec from article_embeddings e join articles a on a.id = e.article_id where a.external_id = 'A0001'`,
    );
    const edited = devRow(1, { resolution: "1. Clear the browser cache.\n2. Sign in again." });
    const state = presentImport(await importText(ctx, ndjson([edited, devRow(2)])));
    expect(state).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    const kb = await kbSnapshot(ctx);
    expect(kb.find((a) => a.external_id === "A0001")).toMatchObject({ version: 2, versions: 2, vectors: 1 });
    expect(kb.find((a) => a.external_id === "A0002")).toMatchObject({ version: 1, versions: 1 });
    const [v2] = await queryRows<{ changed_fields: string[]; note: string }>(
      ctx.database.db,
      sql`select v.changed_fields, v.note from article_versions v join articles a on a.id = v.article_id where a.external_id = 'A0001' and v.version = 2`,
    );
    expect(v2?.changed_fields).toContain("resolution");
    expect(v2?.note).toContain(`line 1`);
    const [{ vec: after } = { vec: "" }] = await queryRows<{ vec: string }>(
      ctx.database.db,
      sql`select e.embedding::text as vec from article_embeddings e join articles a on a.id = e.article_id where a.external_id = 'A0001'`,
    );
    expect(after).not.toBe(before);
  });

  it("--publish creates published articles; rows without an id get a stable content id", async () => {
    const { id: _id, ...noId } = devRow(3);
    const first = presentImport(await importText(ctx, ndjson([noId]), { publish: true }));
    expect(first.created).toBe(1);
    const kb = await kbSnapshot(ctx);
    expect(kb[0]?.state).toBe("published");
    expect(kb[0]?.external_id).toMatch(/^content:[0-9a-f]{32}$/);
    const again = presentImport(await importText(ctx, ndjson([noId]), { publish: true }));
    expect(again).toMatchObject({ created: 0, skipped: 1 });
  });

  it("embeds each batch with one embedder call and never leaves an article without a vector", async () => {
    const spy = vi.spyOn(ctx.deps.embedder, "embedPassages");
    try {
      await importText(ctx, ndjson(Array.from({ length: 70 }, (_, i) => devRow(i))), { batchSize: 32 });
      expect(spy).toHaveBeenCalledTimes(3);
      expect(spy.mock.calls.map((c) => c[0].length)).toEqual([32, 32, 6]);
    } finally {
      spy.mockRestore();
    }
    const kb = await kbSnapshot(ctx);
    expect(kb).toHaveLength(70);
    expect(kb.every((a) => a.vectors === 1)).toBe(true);
  });

  it("reports near-duplicates and repeated external ids instead of merging them", async () => {
    const a = devRow(10);
    const near = devRow(11, { problem: `${String(a.problem)} Still.` });
    const repeat = devRow(12, { id: a.id });
    const state = presentImport(await importText(ctx, ndjson([a, near, repeat])));
    expect(state).toMatchObject({ created: 2, skipped: 1, skippedDuplicate: 1 });
    expect(state.nearDuplicates).toEqual([expect.objectContaining({ line: 2, externalId: "A0011", similarToLine: 1, similarToExternalId: "A0010" })]);
    expect(state.nearDuplicates[0]?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(state.duplicates).toEqual([{ line: 3, externalId: "A0010", firstLine: 1 }]);
  });

  it("maps CSV columns by name or by an explicit mapping", async () => {
    const csv = [
      "Ticket ID,Title,Description,Fix,Language,Resolved At,Labels",
      'Z-1,Cannot export,"Export button ""greyed out""\nsince Monday",Grant the Export permission,en,2024-01-05T10:00:00Z,"export, permissions"',
      "Z-2,Dunning emails,Customers get dunning emails twice,Disable the legacy dunning rule,en-GB,2024-02-01,billing",
    ].join("\n");
    const state = presentImport(await importText(ctx, csv, { format: "csv", mapping: { problem: "Description", resolution: "Fix" } }));
    expect(state).toMatchObject({ read: 2, created: 2, failed: 0, lastLine: 4 });
    const rows = await queryRows<{ external_id: string; problem: string; tags: string[]; language: string }>(
      ctx.database.db,
      sql`select external_id, problem, tags, language from articles order by external_id`,
    );
    expect(rows[0]).toMatchObject({ external_id: "Z-1", problem: 'Export button "greyed out"\nsince Monday', tags: ["export", "permissions"] });
    expect(rows[1]).toMatchObject({ external_id: "Z-2", language: "en" });
  });

  it("the seed file (npm run seed) imports published, cleanly, and a second run changes nothing", async () => {
    const text = readFileSync("seed/sample-articles.jsonl", "utf8");
    const first = presentImport(await importText(ctx, text, { publish: true }));
    expect(first).toMatchObject({ failed: 0, updated: 0, skipped: 0 });
    expect(first.created).toBeGreaterThan(0);
    const again = presentImport(await importText(ctx, text, { publish: true }));
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: first.created });
    expect((await kbSnapshot(ctx)).every((a) => a.state === "published" && a.vectors === 1)).toBe(true);
  });

  it("refreshes the planner's statistics of the article tables after an import that wrote rows (PGlite has no autovacuum)", async () => {
    const reltuples = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select reltuples::float8 as n from pg_class where relname = 'articles'`))[0]?.n);
    await importText(ctx, ndjson(Array.from({ length: 12 }, (_, i) => devRow(i))));
    expect(await reltuples()).toBe(12);
    await importText(ctx, ndjson(Array.from({ length: 19 }, (_, i) => devRow(i))));
    expect(await reltuples()).toBe(19);
    // Nothing written (every row unchanged): no new statistics needed, and none taken.
    await ctx.database.db.execute(sql`delete from article_versions where article_id in (select id from articles where external_id = 'A0000')`);
    await ctx.database.db.execute(sql`delete from articles where external_id = 'A0000'`);
    await importText(ctx, ndjson(Array.from({ length: 18 }, (_, i) => devRow(i + 1))));
    expect(await reltuples()).toBe(19);
  });

  it("a dry run reports what would happen and writes no article", async () => {
    await importText(ctx, ndjson([devRow(1)]));
    const state = presentImport(await importText(ctx, ndjson([devRow(1, { title: "Changed title" }), devRow(2)]), { dryRun: true }));
    expect(state).toMatchObject({ dryRun: true, created: 1, updated: 1 });
    const kb = await kbSnapshot(ctx);
    expect(kb.map((a) => [a.external_id, a.version])).toEqual([["A0001", 1]]);
  });
});
