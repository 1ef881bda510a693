import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openScratchDatabase } from "../../src/db/client.js";
import type { Deps } from "../../src/deps.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { createLogger } from "../../src/logger.js";
import { publishedArticles } from "../../src/deflection/calibration.queries.js";
import { CalibrationUnavailable, historyExamples, selfCalibrate } from "../../src/deflection/calibration.service.js";
import { calibrationState, requestRefit } from "../../src/deflection/calibration.state.js";
import { calibrationTask } from "../../src/deflection/calibration.task.js";
import { selfCalibrateInThread } from "../../src/deflection/calibration.thread.js";
import { loadEvalArticles } from "../../scripts/lib/eval-db.js";
import { readEvalArticles } from "../../scripts/lib/eval-format.js";
import { backend, createTestContext, type TestContext } from "../support/context.js";

/** Fewer synthetic tickets than the service's default: the same code path in a test's time. */
const SMALL = { minQueries: 40 };
const SAMPLE = readEvalArticles(new URL("../../seed/sample-articles.jsonl", import.meta.url).pathname);

let ctx: TestContext;
let logs: Array<Record<string, unknown>>;
/** The context's deps with a logger whose lines the test reads. */
let deps: Deps;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});
beforeEach(async () => {
  await ctx.reset();
  logs = [];
  deps = { ...ctx.deps, logger: createLogger("info", {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>)) };
});

const said = (msg: string) => logs.some((l) => l.msg === msg);
/**
 * The fit runs on a scratch in-memory PGlite in either thread, whatever the service's database:
 * comparing threads once is enough, on the embedded backend (these are the suite's slowest tests).
 * What touches the service's database — reading articles and history, storing the result through
 * the background task — runs on both backends (the last test, and calibration.socket.test.ts).
 */
const fitOnly = it.skipIf(backend === "postgres");
describe("self-calibration in its own thread (the background task's way)", () => {
  fitOnly(
    "gives exactly the fit the service's thread gives, history included, and says where it ran",
    async () => {
      const ids = await loadEvalArticles(ctx.database, ctx.deps.embedder, SAMPLE);
      const articles = await publishedArticles(ctx.database.db);
      // A ticket whose fix was confirmed, judged by the service against its own index (the thread has no access to it).
      const fix = SAMPLE[1] as (typeof SAMPLE)[number];
      const history = await historyExamples(deps, [
        { subject: null, body: fix.problem, channel: "chat", language: fix.lang, articleId: ids.get(fix.id) as string, outcome: "resolved" },
      ]);
      expect(history).toHaveLength(1);
      const input = { articles, target: 0.05, openScratch: openScratchDatabase, plan: SMALL, historyExamples: history };
      const here = await selfCalibrate(deps, input);
      const there = await selfCalibrateInThread(deps, input);
      expect(said("self-calibration ran in its own thread")).toBe(true);
      // Same knowledge base, same content-seeded plan: the same examples, curve, threshold and model.
      expect(there.report.fittedOn).toEqual(here.report.fittedOn);
      expect(there.report.fittedOn.history).toBe(1);
      expect(there.report.curve).toEqual(here.report.curve);
      expect(there.report.threshold).toBe(here.report.threshold);
      expect(there.model.weights).toEqual(here.model.weights);
      expect(there.examples).toHaveLength(here.examples.length);
      // The report's time is the service clock's (a test clock here), not the thread's wall clock.
      expect(there.report.fittedAt).toBe(ctx.clock.now().toISOString());
    },
    180_000,
  );

  fitOnly("a knowledge base too small to calibrate is the same CalibrationUnavailable from the thread", async () => {
    const terse = Array.from({ length: 20 }, (_, i) => ({ ...(SAMPLE[0] as (typeof SAMPLE)[number]), id: `T${i}`, title: `Fix ${i}`, problem: `Broken ${i}.` }));
    await loadEvalArticles(ctx.database, ctx.deps.embedder, terse);
    const articles = await publishedArticles(ctx.database.db);
    await expect(selfCalibrateInThread(deps, { articles, target: 0.05, openScratch: openScratchDatabase, plan: SMALL })).rejects.toBeInstanceOf(CalibrationUnavailable);
  });

  fitOnly("an embedder the config does not build (handed in by code) calibrates in the service's thread instead, and the log says why", async () => {
    const odd = new HashingEmbedder(64);
    const other = await createTestContext({ embedder: odd });
    try {
      await loadEvalArticles(other.database, odd, SAMPLE);
      const articles = await publishedArticles(other.database.db);
      const result = await selfCalibrateInThread({ ...other.deps, logger: deps.logger }, { articles, target: 0.05, openScratch: openScratchDatabase, plan: SMALL });
      expect(result.report.embedderId).toBe(odd.id);
      expect(said("calibration thread builds another embedder than the service's; calibrating in the service's thread")).toBe(true);
      expect(said("self-calibration ran in its own thread")).toBe(false);
    } finally {
      await other.close();
    }
  });

  it("the background task fits in the thread and stores the result: the calibration is current", async () => {
    await loadEvalArticles(ctx.database, ctx.deps.embedder, SAMPLE);
    await requestRefit(deps, { name: "test-admin", role: "admin", ip: "127.0.0.1" });
    expect((await calibrationState(deps)).state).toBe("due");
    await calibrationTask(openScratchDatabase).run({ ...deps, config: { ...deps.config, SELF_CALIBRATION: true } });
    expect(said("self-calibration ran in its own thread")).toBe(true);
    const state = await calibrationState({ ...deps, config: { ...deps.config, SELF_CALIBRATION: true } });
    expect(state.state).toBe("current");
    expect(state.report?.fittedOn.articles).toBe(SAMPLE.length);
  });
});
