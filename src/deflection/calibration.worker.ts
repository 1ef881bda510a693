/**
 * The calibration thread's entry (calibration.thread.ts starts it): builds the service's embedder
 * from the config it is given, runs selfCalibrate on a scratch database of its own and posts one
 * CalibrationOutcome back. It never opens the installation's database.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Database } from "../db/database.js";
import { openScratchDatabase } from "../db/client.js";
import type { Deps } from "../deps.js";
import type { Embedder } from "../embeddings/embedder.js";
import { createNodeEmbedder } from "../embeddings/node-factory.js";
import { createLogger } from "../logger.js";
import { CalibrationUnavailable, selfCalibrate } from "./calibration.service.js";
import type { CalibrationJob, CalibrationOutcome } from "./calibration.thread.js";

/** Any use of the installation's database here is a bug: only the scratch database is open. */
const noDatabase = new Proxy({} as Database, {
  get() {
    throw new Error("the calibration thread has no installation database (history is judged by the service)");
  },
});

async function run(job: CalibrationJob): Promise<CalibrationOutcome> {
  const logger = createLogger(job.config.LOG_LEVEL, { thread: "calibration" });
  // The same config builds the same embedder (the fallback included, when the service fell back).
  let embedder: Embedder;
  try {
    embedder = await createNodeEmbedder(job.config, logger);
  } catch (err) {
    return { kind: "mismatch", embedderId: `none (${err instanceof Error ? err.message : String(err)})` };
  }
  if (embedder.id !== job.embedderId) return { kind: "mismatch", embedderId: embedder.id };
  const deps: Deps = { config: job.config, database: noDatabase, embedder, logger, clock: { now: () => new Date(job.now) }, version: "calibration", runtime: "node" };
  try {
    const result = await selfCalibrate(deps, {
      articles: job.articles,
      historyExamples: job.historyExamples,
      target: job.target,
      openScratch: openScratchDatabase,
      ...(job.plan ? { plan: job.plan } : {}),
      ...(job.unanswerableShare !== undefined ? { unanswerableShare: job.unanswerableShare } : {}),
    });
    return { kind: "result", model: result.model, report: result.report, examples: result.examples };
  } catch (err) {
    if (err instanceof CalibrationUnavailable) return { kind: "unavailable", message: err.message };
    throw err;
  }
}

run(workerData as CalibrationJob).then(
  (outcome) => parentPort?.postMessage(outcome),
  (err: unknown) => parentPort?.postMessage({ kind: "error", message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }),
);
