import { eq, inArray, sql } from "drizzle-orm";
import { indexArticle } from "../articles/indexing.js";
import type { Database, Db } from "../db/database.js";
import { articles } from "../db/schema/index.js";
import type { Deps } from "../deps.js";
import { type Embedder, embedderFamily } from "../embeddings/embedder.js";
import { ensureVectorIndex } from "../embeddings/vector-index.js";
import { deleteSetting, putSetting } from "../settings/settings.queries.js";
import { type ConfidenceModel, FEATURE_NAMES, type FeatureName, predictConfidence } from "./confidence.js";
import { evaluateTicket } from "./evaluate.service.js";
import { channels } from "../db/schema/index.js";
import type { Channel } from "./policy.js";
import { fitLogistic } from "./logistic.js";
import { offTopicFor } from "./offtopic.js";
import { MODEL_KEY, THRESHOLDS_KEY, type Thresholds, thresholdsFrom } from "./policy.js";
import { profileFor } from "./profiles.js";
import {
  type CalibrationArticle,
  type CalibrationExample,
  type CurvePoint,
  DEFAULT_UNANSWERABLE_SHARE,
  groupFolds,
  planCalibration,
  riskControl,
  relevanceFloor,
  riskCurve,
  weightExamples,
} from "./self-calibration.js";
import { CALIBRATION_KEY, CALIBRATION_REQUEST_KEY, type CalibrationReport } from "./calibration.schemas.js";
import type { HistoryTicket } from "./calibration.queries.js";

/** The features self-calibration fits (crossLanguage and published are constant on its examples). */
const SELF_FEATURES: FeatureName[] = FEATURE_NAMES.filter((f) => f !== "crossLanguage" && f !== "published");

/** Probability that the chosen threshold's true wrong-answer rate exceeds the target: the δ of riskControl. */
export const RISK_DELTA = 0.2;
/** Folds of the cross-fitting that makes the risk–coverage curve out of sample. */
const CROSS_FOLDS = 5;
/** Off-topic messages per language of the knowledge base (English always). */
const FAR_PER_LANGUAGE = 12;

export interface CalibrationInput {
  /** The knowledge base: what the service matches against (published and validated). */
  articles: (CalibrationArticle & { category: string | null; product: string | null; tags: string[]; visibility: "public" | "internal" })[];
  /** Wrong-answer rate to hold (e.g. 0.05). */
  target: number;
  /** A fresh, migrated, empty scratch database (in-memory PGlite): nothing of the installation is written there. */
  openScratch: () => Promise<Database>;
  /** How many articles to cut queries from (default 400) and how many queries to aim for (default 500). */
  plan?: { maxArticles?: number; minQueries?: number };
  unanswerableShare?: number;
  /** Tickets with a known outcome for their fix (labelledHistory): real examples beside the synthetic ones. */
  history?: HistoryTicket[];
  /** The same, already judged (historyExamples): used instead of `history` where the installation's database is not open. */
  historyExamples?: Omit<CalibrationExample, "weight">[];
  /** Called with (done, total) while the synthetic tickets run. */
  onProgress?: (done: number, total: number) => void;
}

export interface CalibrationResult {
  model: ConfidenceModel;
  report: CalibrationReport;
  examples: CalibrationExample[];
}

/** Embeds each distinct text once: the passes index the same articles and ask the same queries. */
function memoised(embedder: Embedder): Embedder {
  const passages = new Map<string, number[]>();
  const queries = new Map<string, number[]>();
  const via = async (cache: Map<string, number[]>, texts: string[], embed: (t: string[]) => Promise<number[][]>) => {
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    if (missing.length) (await embed(missing)).forEach((v, i) => cache.set(missing[i] as string, v));
    return texts.map((t) => cache.get(t) as number[]);
  };
  return Object.assign(Object.create(Object.getPrototypeOf(embedder)), embedder, {
    embedPassages: (texts: string[]) => via(passages, texts, (t) => embedder.embedPassages(t)),
    embedQueries: (texts: string[]) => via(queries, texts, (t) => embedder.embedQueries(t)),
  }) as Embedder;
}

/**
 * Self-calibration: fits the confidence model and chooses the answer threshold from the knowledge
 * base alone (self-calibration.ts explains the examples). Runs in a scratch database so the
 * installation is only read; the caller stores the result (storeCalibration).
 */
export async function selfCalibrate(deps: Deps, input: CalibrationInput): Promise<CalibrationResult> {
  const started = Date.now();
  const plan = planCalibration(input.articles, { maxArticles: input.plan?.maxArticles ?? 400, minQueries: input.plan?.minQueries ?? 500 });
  const scratch = await input.openScratch();
  const embedder = memoised(deps.embedder);
  const scratchDeps: Deps = { ...deps, database: scratch, embedder };
  const examples: Omit<CalibrationExample, "weight">[] = [];
  try {
    await ensureVectorIndex(scratch.db, embedder.id, embedder.dims);
    for (let i = 0; i < input.articles.length; i += 32) {
      const chunk = input.articles.slice(i, i + 32);
      await scratch.db.transaction(async (tx) => {
        for (const a of chunk) {
          const row = { ...a, state: "published" as const, author: "calibration", publishedAt: new Date() };
          await tx.insert(articles).values(row);
          await indexArticle(tx, embedder, row);
        }
      });
    }
    const byId = new Map(input.articles.map((a) => [a.id, a]));
    // Cross-fitting groups by content, so the same knowledge base splits the same way everywhere.
    const groupOf = (id: string) => {
      const a = byId.get(id);
      return a ? `${a.title}\u0000${a.problem}` : id;
    };
    const far = offTopicFor(new Set(input.articles.map((a) => a.language)), FAR_PER_LANGUAGE);
    const total = plan.rounds.reduce((n, r) => n + r.queries.length * 2, 0) + far.length;
    let done = 0;
    const ask = async (text: string, language: string) => {
      const e = await evaluateTicket({ deps: scratchDeps, input: { body: text, channel: "api", language }, viewer: "agent" });
      input.onProgress?.(++done, total);
      return e;
    };
    const byFold = (k: number) => [...plan.fold].filter(([, f]) => f === k).map(([id]) => id);
    for (const round of plan.rounds) {
      // This round's cut: each queried article is indexed without the text its query was cut from.
      await scratch.db.transaction(async (tx) => {
        for (const [id, cut] of round.reduced) {
          const a = byId.get(id);
          if (!a) continue;
          await tx.update(articles).set(cut).where(eq(articles.id, id));
          await indexArticle(tx, embedder, { ...a, ...cut });
        }
      });
      for (let k = 0; k < plan.folds; k++) {
        const hidden = byFold(k);
        await scratch.db.update(articles).set({ state: "published" }).where(sql`true`);
        if (hidden.length) await scratch.db.update(articles).set({ state: "archived" }).where(inArray(articles.id, hidden));
        const positiveFold = (k + 1) % plan.folds;
        for (const q of round.queries) {
          const f = plan.fold.get(q.articleId);
          if (f !== k && f !== positiveFold) continue;
          const e = await ask(q.text, q.language);
          if (!e.features) continue;
          const positive = f === positiveFold;
          examples.push({
            kind: positive ? "positive" : "near-miss",
            features: e.features,
            label: positive && e.topArticleId === q.articleId ? 1 : 0,
            group: groupOf(q.articleId),
          });
        }
      }
    }
    await scratch.db.update(articles).set({ state: "published" }).where(sql`true`);
    for (const f of far) {
      const e = await ask(f.text, f.language);
      if (e.features) examples.push({ kind: "far", features: e.features, label: 0, group: `far:${f.text}` });
    }
  } finally {
    await scratch.close();
  }
  examples.push(...(input.historyExamples ?? (input.history ? await historyExamples(deps, input.history) : [])));
  const weighted = weightExamples(examples, input.unanswerableShare ?? DEFAULT_UNANSWERABLE_SHARE);
  const positives = weighted.filter((e) => e.kind === "positive");
  if (positives.length < 10 || !weighted.some((e) => e.label === 1) || !weighted.some((e) => e.label === 0)) {
    throw new CalibrationUnavailable(
      `too few examples to calibrate (${positives.length} synthetic tickets with an article; a knowledge base needs about 10 articles with two or more problem sentences)`,
    );
  }
  // Cross-fitting: each fold is scored by a model fitted on the others, so the curve is out of sample.
  const folds = groupFolds(weighted, CROSS_FOLDS);
  const scored = folds.flatMap((fold, i) => crossScore(folds.filter((_, j) => j !== i).flat(), fold));
  const curve = riskCurve(scored, RISK_DELTA);
  const offTopicConfidences = scored.filter((e) => e.kind === "far").map((e) => round(e.confidence));
  const fitted = fitLogistic(weighted, { features: SELF_FEATURES });
  const family = embedderFamily(deps.embedder);
  const shipped = profileFor(deps.embedder).profile.model;
  const fittedAt = deps.clock.now().toISOString();
  const model: ConfidenceModel = {
    ...fitted,
    source: `self-calibration ${fittedAt}`,
    fittedAt,
    embedderId: deps.embedder.id,
    family,
    trainingSize: weighted.length,
    // Synthetic tickets share their article's language: matches across languages keep the shipped part.
    ...(shipped.crossLanguage && profileFor(deps.embedder).exact ? { crossLanguage: shipped.crossLanguage } : {}),
  };
  const count = (k: CalibrationExample["kind"]) => weighted.filter((e) => e.kind === k).length;
  const report: CalibrationReport = {
    target: input.target,
    delta: RISK_DELTA,
    ...chosenThreshold(curve, input.target, RISK_DELTA, offTopicConfidences),
    offTopicConfidences,
    curve: curve.map((p) => ({
      threshold: p.threshold,
      answered: round(p.answered),
      risk: round(p.risk),
      riskBound: round(p.riskBound),
      coverage: round(p.coverage),
      support: Math.round(p.support * 10) / 10,
    })),
    fittedOn: {
      articles: input.articles.length,
      queriedArticles: plan.fold.size,
      rounds: plan.rounds.length,
      positives: count("positive"),
      nearMisses: count("near-miss"),
      offTopic: count("far"),
      history: count("history"),
      unanswerableShare: input.unanswerableShare ?? DEFAULT_UNANSWERABLE_SHARE,
    },
    fittedAt,
    embedderId: deps.embedder.id,
    durationMs: Date.now() - started,
    method: "self-calibration",
  };
  return { model, report, examples: weighted };
}

/**
 * Labelled history as calibration examples, judged against the installation's own index as the
 * ticket path would now. It reads the installation's database, so it runs where that is open (the
 * service), while the synthetic part may run in a thread of its own (calibration.thread.ts).
 */
export async function historyExamples(deps: Deps, history: HistoryTicket[]): Promise<Omit<CalibrationExample, "weight">[]> {
  const examples: Omit<CalibrationExample, "weight">[] = [];
  for (const [i, h] of history.entries()) {
    const channel = (channels as readonly string[]).includes(h.channel) ? (h.channel as Channel) : "api";
    const e = await evaluateTicket({ deps, input: { subject: h.subject, body: h.body, channel, language: h.language }, viewer: "agent" });
    if (!e.features || !e.topArticleId) continue;
    const top = e.topArticleId === h.articleId;
    // The fix helped: right when it is still the top article, wrong top otherwise. It did not
    // help: the top article is wrong when it is that fix; otherwise the ticket says nothing.
    if (h.outcome === "not_resolved" && !top) continue;
    examples.push({ kind: "history", features: e.features, label: h.outcome === "resolved" && top ? 1 : 0, group: `history:${i}`, answerable: h.outcome === "resolved" });
  }
  return examples;
}

function crossScore(fitOn: CalibrationExample[], score: CalibrationExample[]) {
  if (!fitOn.some((e) => e.label === 1) || !fitOn.some((e) => e.label === 0)) return [];
  const model = { ...fitLogistic(fitOn, { features: SELF_FEATURES }), source: "cross-fit" };
  return score.map((e) => ({
    kind: e.kind,
    confidence: predictConfidence(model, e.features),
    label: e.label,
    weight: e.weight,
    answerable: e.kind === "positive" || (e.kind === "history" && e.answerable === true),
  }));
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export class CalibrationUnavailable extends Error {}

/**
 * What risk control chooses on a curve for a target, as the report records it: the threshold, its
 * predicted wrong-answer rate, bound and coverage, and the portal's relevance floor. A fit and a
 * change of target (setTarget) both go through here.
 */
export function chosenThreshold(curve: CurvePoint[], target: number, delta: number, offTopicConfidences: number[]) {
  const choice = riskControl(curve, target, delta);
  return {
    threshold: choice.threshold,
    predictedWrongAnswerRate: round(choice.predictedWrongAnswerRate),
    riskBound: round(choice.riskBound),
    predictedCoverage: round(choice.predictedCoverage),
    reached: choice.reached,
    relevanceFloor: relevanceFloor(curve, choice, offTopicConfidences),
  };
}

/** The thresholds a calibration puts in force: its answer threshold on every channel, answer and suggest alike. */
export function calibratedThresholds(threshold: number, source: string): Thresholds {
  return thresholdsFrom({ answerCustomer: threshold, answerAgent: threshold, suggest: threshold }, source);
}

/** Stores model, thresholds and report in one transaction: the service answers with them at once. */
export async function storeCalibration(db: Db, result: Pick<CalibrationResult, "model" | "report">, actor: string): Promise<void> {
  const { report } = result;
  const thresholds = calibratedThresholds(
    report.threshold,
    `self-calibration: wrong answers ≤ ${report.target} (δ ${report.delta}) on ${report.fittedOn.positives + report.fittedOn.nearMisses + report.fittedOn.offTopic} synthetic tickets`,
  );
  await db.transaction(async (tx) => {
    await putSetting(tx, MODEL_KEY, result.model, actor);
    await putSetting(tx, THRESHOLDS_KEY, thresholds, actor);
    await putSetting(tx, CALIBRATION_KEY, result.report, actor);
    // An admin's refit request is answered by this fit.
    await deleteSetting(tx, CALIBRATION_REQUEST_KEY);
  });
}
