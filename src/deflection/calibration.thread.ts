import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Config } from "../config.js";
import type { Deps } from "../deps.js";
import type { ConfidenceModel } from "./confidence.js";
import type { CalibrationReport } from "./calibration.schemas.js";
import { type CalibrationInput, type CalibrationResult, CalibrationUnavailable, historyExamples, selfCalibrate } from "./calibration.service.js";
import type { CalibrationExample } from "./self-calibration.js";

/** What the calibration thread is given: plain data only (structured clone). */
export interface CalibrationJob {
  config: Config;
  /** The service's embedder: the thread builds the same one from `config`, or refuses. */
  embedderId: string;
  /** The service clock's time when the fit was asked for (the report's fittedAt). */
  now: string;
  articles: CalibrationInput["articles"];
  historyExamples: Omit<CalibrationExample, "weight">[];
  target: number;
  plan?: CalibrationInput["plan"];
  unanswerableShare?: number;
}

/** What the thread answers. */
export type CalibrationOutcome =
  | { kind: "result"; model: ConfidenceModel; report: CalibrationReport; examples: CalibrationExample[] }
  | { kind: "unavailable"; message: string }
  | { kind: "mismatch"; embedderId: string }
  | { kind: "error"; message: string; stack?: string };

/**
 * Self-calibration in a worker thread of its own (Node): the scratch database, hundreds of
 * synthetic tickets and the fits are seconds of CPU with stalls of a second or more, which in the
 * service's thread would hold every request waiting meanwhile. The thread opens its own scratch
 * PGlite and builds the service's embedder from the same config (a model is loaded a second time
 * for the duration: about its size in memory); labelled history is judged here first, because
 * only this thread has the installation's database open. When the thread cannot build the same
 * embedder (an embedder handed in by code, not by config) or cannot start, the fit runs in this
 * thread as before, and the log says why.
 */
export async function selfCalibrateInThread(deps: Deps, input: CalibrationInput): Promise<CalibrationResult> {
  const job: CalibrationJob = {
    config: deps.config,
    embedderId: deps.embedder.id,
    now: deps.clock.now().toISOString(),
    articles: input.articles,
    historyExamples: input.historyExamples ?? (input.history ? await historyExamples(deps, input.history) : []),
    target: input.target,
    ...(input.plan ? { plan: input.plan } : {}),
    ...(input.unanswerableShare !== undefined ? { unanswerableShare: input.unanswerableShare } : {}),
  };
  let outcome: CalibrationOutcome;
  try {
    outcome = await runJob(job);
  } catch (err) {
    deps.logger.warn("calibration thread did not start; calibrating in the service's thread", { error: err instanceof Error ? err : String(err) });
    return selfCalibrate(deps, { ...input, historyExamples: job.historyExamples });
  }
  switch (outcome.kind) {
    case "result":
      deps.logger.info("self-calibration ran in its own thread", { articles: input.articles.length });
      return { model: outcome.model, report: outcome.report, examples: outcome.examples };
    case "unavailable":
      throw new CalibrationUnavailable(outcome.message);
    case "mismatch":
      deps.logger.info("calibration thread builds another embedder than the service's; calibrating in the service's thread", {
        service: deps.embedder.id,
        thread: outcome.embedderId,
      });
      return selfCalibrate(deps, { ...input, historyExamples: job.historyExamples });
    case "error": {
      const error = new Error(`self-calibration failed in its thread: ${outcome.message}`);
      if (outcome.stack) error.stack = outcome.stack;
      throw error;
    }
  }
}

/** A module that registers tsx's ESM loader in the new thread, then imports the TypeScript entry. */
function tsxBootstrap(entry: URL): string {
  // The package's ESM entry ("tsx/esm/api", import condition): next to the CommonJS one require resolves.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  return `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry.href)});`;
}

/**
 * Starts the worker and waits for its one answer. From dist/ it is plain JavaScript; running from
 * src/ (tsx, vitest) the thread first registers tsx's loader, as the main thread did.
 */
function runJob(job: CalibrationJob): Promise<CalibrationOutcome> {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./calibration.worker.${fromSource ? "ts" : "js"}`, import.meta.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const worker = fromSource
      ? new Worker(new URL(`data:text/javascript,${encodeURIComponent(tsxBootstrap(entry))}`), { workerData: job })
      : new Worker(entry, { workerData: job });
    // A service shutting down does not wait for a fit: the lease expires and the next run redoes it.
    worker.unref();
    worker.once("message", (outcome: CalibrationOutcome) => {
      answered = true;
      resolve(outcome);
    });
    worker.once("error", (err) => {
      if (!answered) reject(err);
    });
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`calibration thread exited with code ${code} before answering`));
    });
  });
}
