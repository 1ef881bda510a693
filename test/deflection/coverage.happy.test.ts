import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../src/caller.js";
import { COVERAGE_STATS_TTL_MS, topMatchCoverage } from "../../src/deflection/coverage.js";
import { retrieveArticles } from "../../src/search/search.service.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { type ArticleSeed, KB, seedArticles } from "../search/fixtures.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

/** Printer articles that share words with each other in different measure, half of them internal. */
function printers(n: number): ArticleSeed[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `Printer ${i % 3 === 0 ? "driver" : "queue"} error ${i}`,
    problem: `The office printer ${i % 2 === 0 ? "shows a paper jam" : "prints blank pages"} after the ${i % 4 === 0 ? "Windows update" : "firmware upgrade"}.`,
    resolution: `Restart the spooler, then ${i % 5 === 0 ? "reinstall the driver" : "clear the queue"}.`,
    visibility: i % 2 === 0 ? "public" : "internal",
  }));
}

const QUERIES = [
  "printer prints blank pages after the firmware upgrade, the driver was reinstalled",
  "paper jam paper jam on the office printer",
  "password reset email never arrives in the inbox",
  "the and of to",
];

/** The coverage feature on each path: exact (one statement) or from the kept counts. */
async function both(text: string, viewer: Role): Promise<{ exact: Map<string, number>; kept: Map<string, number> }> {
  const retrieval = await retrieveArticles({ deps: ctx.deps, input: { text, language: "en" }, viewer });
  const exact = await topMatchCoverage(ctx.deps, ctx.deps.database.db, retrieval, viewer, Number.POSITIVE_INFINITY);
  const kept = await topMatchCoverage(ctx.deps, ctx.deps.database.db, retrieval, viewer, -1);
  return { exact, kept };
}

describe("term coverage on a large knowledge base (counts kept per instance)", () => {
  it("gives the exact statement's figures, for agents and for the portal's narrower scope", async () => {
    await seedArticles(ctx, [...Object.values(KB), ...printers(24)]);
    let compared = 0;
    for (const viewer of ["agent", "portal"] as const) {
      for (const text of QUERIES) {
        const { exact, kept } = await both(text, viewer);
        expect([...kept.keys()].sort(), `${viewer}: ${text}`).toEqual([...exact.keys()].sort());
        for (const [id, value] of exact) {
          expect(kept.get(id), `${viewer}: ${text}`).toBeCloseTo(value, 12);
          compared++;
        }
      }
    }
    // Enough pairs compared, and coverage that is neither all 0 nor all 1 (the weights matter).
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it("uses counts at most COVERAGE_STATS_TTL_MS old, then counts again", async () => {
    // Counts kept by the test before have expired by then (reset() sets the clock back).
    ctx.clock.set("2026-03-03T09:00:00Z");
    await seedArticles(ctx, printers(12));
    // "plotter" is in no article: no article covers the whole query, so the weights show.
    const text = "plotter and printer show a paper jam after the Windows update";
    const first = await both(text, "agent");
    // Many new articles with the query's rarer words: document frequencies move, the exact figure with them.
    await seedArticles(
      ctx,
      Array.from({ length: 30 }, (_, i) => ({ title: `Paper jam ${i}`, problem: "Paper jam in tray two", resolution: "Open the tray." })),
    );
    const retrieval = await retrieveArticles({ deps: ctx.deps, input: { text, language: "en" }, viewer: "agent" });
    const exactNow = await topMatchCoverage(ctx.deps, ctx.deps.database.db, retrieval, "agent", Number.POSITIVE_INFINITY);
    const keptNow = await topMatchCoverage(ctx.deps, ctx.deps.database.db, retrieval, "agent", -1);
    const top = retrieval.candidates[0]?.id ?? "";
    expect(exactNow.get(top)).not.toBeCloseTo(keptNow.get(top) ?? 0, 6);
    expect(first.kept.size).toBeGreaterThan(0);

    // A word first met now is counted now (30 articles) while the kept total still says 12: the
    // coverage stays a share in [0, 1], never NaN or above 1.
    const fresh = await retrieveArticles({ deps: ctx.deps, input: { text: `${text} in tray two`, language: "en" }, viewer: "agent" });
    const mixed = await topMatchCoverage(ctx.deps, ctx.deps.database.db, fresh, "agent", -1);
    expect(mixed.size).toBeGreaterThan(0);
    for (const value of mixed.values()) expect(value >= 0 && value <= 1).toBe(true);

    ctx.clock.advance(COVERAGE_STATS_TTL_MS + 1);
    const keptLater = await topMatchCoverage(ctx.deps, ctx.deps.database.db, retrieval, "agent", -1);
    expect(keptLater.get(top)).toBeCloseTo(exactNow.get(top) ?? Number.NaN, 12);
  });

  it("reads inside another transaction exactly, never from or into the instance's counts", async () => {
    ctx.clock.set("2026-03-04T09:00:00Z");
    await seedArticles(ctx, printers(8));
    const text = "printer queue error on the plotter";
    const retrieval = await retrieveArticles({ deps: ctx.deps, input: { text, language: "en" }, viewer: "agent" });
    const before = await topMatchCoverage(ctx.deps, ctx.deps.database.db, retrieval, "agent", -1);
    const inTx = await ctx.deps.database.db.transaction(async (tx) => {
      await tx.execute(sql`update articles set state = 'archived' where title like 'Printer driver%'`);
      return topMatchCoverage(ctx.deps, tx, retrieval, "agent", -1);
    });
    expect(inTx.size).toBeGreaterThan(0);
    // The archived articles left the scope inside the transaction only: its IDF differs from the kept one.
    const top = retrieval.candidates[0]?.id ?? "";
    expect(inTx.get(top)).not.toBeCloseTo(before.get(top) ?? 0, 6);
  });
});
