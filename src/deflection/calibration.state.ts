import { recordAudit } from "../audit/audit.js";
import type { Database } from "../db/database.js";
import type { Deps } from "../deps.js";
import type { Caller } from "../caller.js";
import { deleteSetting, getSetting, putSetting } from "../settings/settings.queries.js";
import { cachedSetting, invalidateSettings, writeSettings } from "../settings/snapshot.js";
import { CALIBRATION_KEY, CALIBRATION_REQUEST_KEY, type CalibrationReport, CalibrationReportSchema } from "./calibration.schemas.js";
import {
  type CalibrationInput,
  type CalibrationResult,
  CalibrationUnavailable,
  calibratedThresholds,
  chosenThreshold,
  historyExamples,
  selfCalibrate,
  storeCalibration,
} from "./calibration.service.js";
import { knowledgeBaseChanges, labelledHistory, publishedArticles, releaseCalibrationLease, takeCalibrationLease } from "./calibration.queries.js";
import { THRESHOLDS_KEY } from "./policy.js";

export const TARGET_KEY = "deflection.calibration.target";
const ATTEMPT_KEY = "deflection.calibration.attempt";
/**
 * Below this many articles the shipped profile serves: a smaller knowledge base gives too few
 * synthetic tickets for any threshold's bound to reach a 5 % target (zero wrong of n needs
 * n ≥ ln δ / ln(1 − target) ≈ 32 answered at δ 0.2, and a cut answers only part of them).
 */
export const MIN_ARTICLES = 20;
/** Newest tickets with a known outcome that a refit reads (each is re-run through the ticket path). */
const HISTORY_LIMIT = 2000;

export type CalibrationStateName = "current" | "due" | "off" | "pinned" | "too-small" | "failed";

export interface CalibrationState {
  state: CalibrationStateName;
  reason: string;
  target: number;
  report: CalibrationReport | null;
}

/** The operator's target wrong-answer rate: the settings table's, else DEFLECTION_TARGET_WRONG_RATE. */
export async function loadTarget(deps: Deps): Promise<number> {
  const stored = (await getSetting(deps.database.db, TARGET_KEY)) as { targetWrongRate?: unknown } | undefined;
  return typeof stored?.targetWrongRate === "number" ? stored.targetWrongRate : deps.config.DEFLECTION_TARGET_WRONG_RATE;
}

async function loadReport(deps: Deps): Promise<CalibrationReport | null> {
  const parsed = CalibrationReportSchema.safeParse(await getSetting(deps.database.db, CALIBRATION_KEY));
  return parsed.success ? parsed.data : null;
}

/**
 * Whether a self-calibration is due, and why: never fitted, fitted with another embedder (after a
 * re-index), CALIBRATION_REFIT_CHANGES article changes since (imports count every article), or an
 * admin asked. Thresholds an operator set by hand (or a labelled `npm run calibrate`) are pinned.
 */
export async function calibrationState(deps: Deps): Promise<CalibrationState> {
  const db = deps.database.db;
  const [report, target, thresholds, request, attempt] = await Promise.all([
    loadReport(deps),
    loadTarget(deps),
    getSetting(db, THRESHOLDS_KEY) as Promise<{ source?: string } | undefined>,
    getSetting(db, CALIBRATION_REQUEST_KEY) as Promise<{ at?: string } | undefined>,
    getSetting(db, ATTEMPT_KEY) as Promise<{ at?: string; error?: string; articles?: number; lastChange?: string | null } | undefined>,
  ]);
  const base = { target, report };
  if (!deps.config.SELF_CALIBRATION) return { ...base, state: "off", reason: "SELF_CALIBRATION=false: the thresholds in settings (or the shipped profile) serve" };
  const fittedAt = report ? new Date(report.fittedAt) : null;
  // A request stands until a refit stores its result (storeCalibration clears it).
  const requested = request?.at !== undefined;
  const source = thresholds?.source ?? "";
  if (thresholds && !source.startsWith("self-calibration") && !source.startsWith("default") && !requested) {
    return { ...base, state: "pinned", reason: `thresholds set outside self-calibration (${source || "by hand"}); POST /v1/deflection/calibration/refit replaces them` };
  }
  const kb = await knowledgeBaseChanges(db, fittedAt);
  if (kb.articles < MIN_ARTICLES && !requested && !report) {
    return { ...base, state: "too-small", reason: `${kb.articles} articles; self-calibration starts at ${MIN_ARTICLES} (the shipped profile serves until then)` };
  }
  // The last attempt failed on exactly this knowledge base (same size, no article changed since): not retried.
  if (attempt?.error && !requested && attempt.articles === kb.articles && attempt.lastChange === kb.lastChange) {
    return { ...base, state: "failed", reason: attempt.error };
  }
  if (requested) return { ...base, state: "due", reason: "an admin asked for a refit" };
  if (!report) return { ...base, state: "due", reason: "never calibrated on this knowledge base" };
  if (report.embedderId !== deps.embedder.id) return { ...base, state: "due", reason: `fitted with ${report.embedderId}, serving ${deps.embedder.id}` };
  const changes = Math.abs(kb.articles - report.fittedOn.articles) + kb.changedSince;
  if (changes >= deps.config.CALIBRATION_REFIT_CHANGES) return { ...base, state: "due", reason: `${changes} article changes since the last fit` };
  return { ...base, state: "current", reason: `fitted ${report.fittedAt}; ${changes} article changes since (refit at ${deps.config.CALIBRATION_REFIT_CHANGES})` };
}

/**
 * Runs a self-calibration when one is due (or `force`), under the calibration lease, and stores
 * the result. Returns the new report, or null when none was due, the lease was taken or the
 * knowledge base is too small (the reason is recorded and shown by GET /v1/deflection/calibration).
 */
export async function refreshCalibration(
  deps: Deps,
  opts: {
    openScratch: () => Promise<Database>;
    force?: boolean;
    holder?: string;
    plan?: { maxArticles?: number; minQueries?: number };
    /** Runs the fit: selfCalibrate in this thread unless the caller moves it elsewhere (calibration.thread.ts). */
    calibrate?: (deps: Deps, input: CalibrationInput) => Promise<CalibrationResult>;
  },
): Promise<CalibrationReport | null> {
  const state = await calibrationState(deps);
  if (!opts.force && state.state !== "due") return null;
  if (deps.embedder.status().state !== "ready") return null;
  const db = deps.database.db;
  const holder = opts.holder ?? `${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  if (!(await takeCalibrationLease(db, holder, new Date(Date.now() + 15 * 60_000)))) return null;
  try {
    const [articles, history] = await Promise.all([publishedArticles(db), labelledHistory(db, HISTORY_LIMIT)]);
    // History is judged here, against the installation's database; the rest needs only the articles.
    const judged = await historyExamples(deps, history);
    const calibrate = opts.calibrate ?? selfCalibrate;
    const result = await calibrate(deps, { articles, historyExamples: judged, target: state.target, openScratch: opts.openScratch, ...(opts.plan ? { plan: opts.plan } : {}) });
    await storeCalibration(db, result, "self-calibration");
    invalidateSettings(deps);
    deps.logger.info("self-calibration stored", {
      threshold: result.report.threshold,
      predictedWrongAnswerRate: result.report.predictedWrongAnswerRate,
      predictedCoverage: result.report.predictedCoverage,
      seconds: Math.round(result.report.durationMs / 100) / 10,
    });
    return result.report;
  } catch (err) {
    if (!(err instanceof CalibrationUnavailable)) throw err;
    const kb = await knowledgeBaseChanges(db, null);
    await db.transaction(async (tx) => {
      await putSetting(tx, ATTEMPT_KEY, { at: deps.clock.now().toISOString(), error: err.message, articles: kb.articles, lastChange: kb.lastChange }, "self-calibration");
      // A refit request is answered by this attempt too: the state says why it failed, and it is not retried every run.
      await deleteSetting(tx, CALIBRATION_REQUEST_KEY);
    });
    deps.logger.info("self-calibration not possible", { reason: err.message });
    return null;
  } finally {
    await releaseCalibrationLease(db, holder);
  }
}

/** An admin asks for a refit: the next background run (or `npm run calibrate`) does it. */
export async function requestRefit(deps: Deps, caller: Caller): Promise<void> {
  await writeSettings(deps, async (tx) => {
    await putSetting(tx, CALIBRATION_REQUEST_KEY, { at: deps.clock.now().toISOString() }, caller.name);
    await recordAudit(tx, caller, "calibration.refit", "setting", CALIBRATION_REQUEST_KEY, {}, deps.clock.now());
  });
}

/**
 * Sets the target wrong-answer rate. With a calibration on record the threshold is re-chosen on its
 * stored curve at once (the same risk control, no refit needed); thresholds and report change together.
 */
export async function setTarget(deps: Deps, target: number, caller: Caller): Promise<void> {
  const report = await loadReport(deps);
  await writeSettings(deps, async (tx) => {
    const before = await getSetting(tx, TARGET_KEY);
    await putSetting(tx, TARGET_KEY, { targetWrongRate: target }, caller.name);
    if (report) {
      const next: CalibrationReport = { ...report, target, ...chosenThreshold(report.curve, target, report.delta, report.offTopicConfidences) };
      await putSetting(tx, CALIBRATION_KEY, next, caller.name);
      await putSetting(
        tx,
        THRESHOLDS_KEY,
        calibratedThresholds(next.threshold, `self-calibration: wrong answers ≤ ${target} (δ ${report.delta}), target set by ${caller.name}`),
        caller.name,
      );
    }
    await recordAudit(tx, caller, "calibration.target", "setting", TARGET_KEY, { before: before ?? null, after: { targetWrongRate: target } }, deps.clock.now());
  });
}

/** The portal's relevance floor from the self-calibration in force; null when none is (the plain relevance rule applies). */
export async function relevanceFloorInForce(deps: Deps): Promise<number | null> {
  if (!deps.config.SELF_CALIBRATION) return null;
  const report = await cachedSetting(deps, "deflection.calibrationReport", () => loadReport(deps));
  return report && report.embedderId === deps.embedder.id ? report.relevanceFloor : null;
}
