import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { presentImport } from "../../src/imports/imports.schemas.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { devRow, importText, kbSnapshot, ndjson } from "./support.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("bulk import: bad rows are reported by line and skipped", () => {
  it("reports each kind of bad row with its line and imports the rest", async () => {
    const { resolution: _r, ...noResolution } = devRow(3);
    const lines = [
      devRow(1), // 1
      "{not json", // 2
      noResolution, // 3
      "", // 4 (blank: ignored)
      devRow(5, { problem: "x".repeat(1024 * 1024) }), // 5: a 1 MB body
      devRow(6, { lang: "xx" }), // 6
      devRow(7, { title: "t".repeat(600) }), // 7
      "[1,2,3]", // 8
      devRow(9, { visibility: "secret" }), // 9
      devRow(10), // 10
    ];
    const state = presentImport(await importText(ctx, ndjson(lines)));
    expect(state).toMatchObject({ status: "completed", read: 9, created: 2, failed: 7, lastLine: 10 });
    expect(state.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "INVALID_JSON"],
      [3, "MISSING_FIELD"],
      [5, "ROW_TOO_LARGE"],
      [6, "UNKNOWN_LANGUAGE"],
      [7, "FIELD_TOO_LONG"],
      [8, "INVALID_JSON"],
      [9, "INVALID_FIELD"],
    ]);
    expect(state.errors[1]?.reason).toContain("resolution");
    expect(state.errors[3]?.reason).toContain("'xx'");
    expect((await kbSnapshot(ctx)).map((a) => a.external_id)).toEqual(["A0001", "A0010"]);
  });

  it("reports broken CSV records by line and keeps parsing", async () => {
    const csv = [
      "id,subject,body,resolution,language",
      "C-1,One,First problem text here,Fix one,en",
      "C-2,Two,too,many,columns,here",
      'C-3,Three,"bad "quote" here",Fix three,en',
      "C-4,Four,Fourth problem text,Fix four,zz",
      "C-5,Five,Fifth problem text,Fix five,de",
    ].join("\n");
    const state = presentImport(await importText(ctx, csv, { format: "csv" }));
    expect(state).toMatchObject({ created: 2, failed: 3 });
    expect(state.errors.map((e) => [e.line, e.code])).toEqual([
      [3, "INVALID_CSV"],
      [4, "INVALID_CSV"],
      [5, "UNKNOWN_LANGUAGE"],
    ]);
  });

  it("refuses a CSV whose header lacks a mapped column, before writing anything", async () => {
    const csv = "id,subject,body,resolution\nC-1,One,Problem,Fix\n";
    await expect(importText(ctx, csv, { format: "csv", mapping: { problem: "Description" } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await kbSnapshot(ctx)).toEqual([]);
  });

  it("a batch that fails leaves no half-written articles and the import resumable", async () => {
    const rows = ndjson(Array.from({ length: 10 }, (_, i) => devRow(i)));
    const embedder = ctx.deps.embedder;
    let calls = 0;
    const original = embedder.embedPassages.bind(embedder);
    embedder.embedPassages = async (texts) => {
      if (++calls === 2) throw new Error("model crashed");
      return original(texts);
    };
    try {
      await expect(importText(ctx, rows, { batchSize: 4, sourceKey: "k1" })).rejects.toThrow("model crashed");
    } finally {
      embedder.embedPassages = original;
    }
    expect((await kbSnapshot(ctx)).map((a) => a.external_id)).toEqual(["A0000", "A0001", "A0002", "A0003"]);
    const resumed = presentImport(await importText(ctx, rows, { batchSize: 4, sourceKey: "k1" }));
    expect(resumed).toMatchObject({ status: "completed", read: 10, created: 10, skipped: 0, lastLine: 10 });
    const kb = await kbSnapshot(ctx);
    expect(kb).toHaveLength(10);
    expect(kb.every((a) => a.vectors === 1)).toBe(true);
  });
});
