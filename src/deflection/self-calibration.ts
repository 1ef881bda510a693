import type { Features } from "./confidence.js";

/**
 * Self-calibration from the knowledge base alone (no labelled tickets): the pure parts.
 *
 * Every sampled article gives up one or two of its problem sentences as queries and is indexed
 * without them, so a query meets its article the way a customer's own words do — not verbatim.
 * The articles are dealt into folds; while one fold is hidden from the index, its queries are
 * near-misses (the knowledge base's own neighbours answer them, wrongly) and the next fold's are
 * positives. Off-topic text in the knowledge base's languages adds far negatives. The confidence
 * model is fitted on these examples and the answer threshold is chosen on them by a
 * risk-controlling procedure (riskControl below).
 */

export interface CalibrationArticle {
  id: string;
  title: string;
  problem: string;
  rootCause: string;
  resolution: string;
  language: string;
}

export interface SyntheticQuery {
  /** The article the query was cut from. */
  articleId: string;
  text: string;
  language: string;
}

export interface CalibrationRound {
  queries: SyntheticQuery[];
  /** Title and problem each queried article is indexed with in this round: without the query's text. */
  reduced: Map<string, { title: string; problem: string }>;
}

export interface CalibrationPlan {
  /** Article id → its fold (0…folds-1); articles outside the sample have none. */
  fold: Map<string, number>;
  folds: number;
  /** Each round cuts other queries from the same articles (small knowledge bases need several). */
  rounds: CalibrationRound[];
}

/** A deterministic PRNG (mulberry32): the same knowledge base gives the same plan. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const words = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** A problem text's sentences: split at " / " (listed phrasings), sentence ends and line breaks. */
export function problemSentences(problem: string): string[] {
  return problem
    .split(/\s+\/\s+|(?<=[.!?…。？！])\s+|\n+/u)
    .map((s) => s.replace(/^\s*(?:[-*•]|\d+[.)])\s*/u, "").trim())
    .filter((s) => words(s) >= 3);
}

/**
 * The pieces a query is cut from: the problem's sentences, and when there are fewer than four,
 * their clauses (split at commas, semicolons, colons and dashes), so a one-sentence symptom still
 * gives a customer-sized part of itself. Pieces under three words join the next one.
 */
export function problemUnits(problem: string): string[] {
  const sentences = problemSentences(problem);
  if (sentences.length >= 4) return sentences;
  const units: string[] = [];
  for (const sentence of sentences) {
    let carry = "";
    for (const piece of sentence.split(/(?<=[,;:])\s+|\s+[–—-]\s+/u)) {
      carry = carry ? `${carry} ${piece}` : piece;
      if (words(carry) >= 3) {
        units.push(carry.trim());
        carry = "";
      }
    }
    if (carry) {
      if (units.length && words(carry) < 3) units[units.length - 1] = `${units[units.length - 1]} ${carry}`.trim();
      else units.push(carry.trim());
    }
  }
  return units;
}

/**
 * Which articles are queried and how: up to `maxArticles` sampled (all when fewer) and dealt into
 * `folds` folds; every round cuts from each a query of some of its problem units (one sentence when
 * it lists phrasings; the title when the problem is one short statement) and indexes the article
 * without them; a cut made before is not repeated.
 * Rounds repeat until about `minQueries` queries exist (at most 12). Deterministic for the same articles.
 */
export function planCalibration(articles: CalibrationArticle[], opts: { folds?: number; maxArticles?: number; minQueries?: number; seed?: number } = {}): CalibrationPlan {
  const folds = opts.folds ?? 4;
  // Seeded and ordered by content, not ids: the same knowledge base gives the same plan in any installation.
  const key = new Map(articles.map((a) => [a.id, `${a.title}\u0000${a.problem}\u0000${a.id}`]));
  const sorted = [...articles].sort((a, b) => ((key.get(a.id) as string) < (key.get(b.id) as string) ? -1 : 1));
  const random = seededRandom(opts.seed ?? hashString(sorted.map((a) => `${a.title}\u0000${a.problem}`).join("\u0001")));
  // An article whose problem is one short statement (a FAQ entry) is asked by its title instead.
  const byTitle = (a: CalibrationArticle) => problemUnits(a.problem).length < 2 && words(a.title) >= 3;
  const queryable = shuffle(
    sorted.filter((a) => problemUnits(a.problem).length >= 2 || byTitle(a)),
    random,
  ).slice(0, opts.maxArticles ?? 400);
  const fold = new Map<string, number>();
  queryable.forEach((a, i) => fold.set(a.id, i % folds));
  const roundCount = queryable.length ? Math.min(12, Math.max(1, Math.ceil((opts.minQueries ?? 500) / queryable.length))) : 0;
  const rounds: CalibrationRound[] = [];
  const asked = new Set<string>();
  for (let r = 0; r < roundCount; r++) {
    const queries: SyntheticQuery[] = [];
    const reduced = new Map<string, { title: string; problem: string }>();
    for (const a of queryable) {
      if (byTitle(a)) {
        if (asked.has(`${a.id}\u0000${a.title}`)) continue;
        asked.add(`${a.id}\u0000${a.title}`);
        queries.push({ articleId: a.id, text: a.title, language: a.language });
        reduced.set(a.id, { title: "", problem: a.problem });
        continue;
      }
      const units = problemUnits(a.problem);
      // Listed phrasings or several sentences: one of them is a customer's message. Clauses of a
      // short symptom: some of them, in their order (a customer mentions part of the symptom).
      const size = problemSentences(a.problem).length >= 4 ? 1 : 1 + Math.floor(random() * (units.length - 1));
      const picked = new Set(
        shuffle(
          units.map((_, j) => j),
          random,
        ).slice(0, size),
      );
      const text = units.filter((_, j) => picked.has(j)).join(" ");
      // A cut an earlier round already made adds no information, only false confidence.
      if (asked.has(`${a.id}\u0000${text}`)) continue;
      asked.add(`${a.id}\u0000${text}`);
      queries.push({ articleId: a.id, text, language: a.language });
      reduced.set(a.id, { title: a.title, problem: units.filter((_, j) => !picked.has(j)).join("\n") });
    }
    if (queries.length) rounds.push({ queries, reduced });
  }
  return { fold, folds, rounds };
}

export type ExampleKind = "positive" | "near-miss" | "far" | "history";

export interface CalibrationExample {
  kind: ExampleKind;
  features: Features;
  /** 1 when the top article is the right fix. */
  label: 0 | 1;
  /** The group (source article) for cross-fitting; examples of one article stay in one half. */
  group: string;
  weight: number;
  /** For history: whether the ticket had a fitting article (its fix helped). */
  answerable?: boolean;
}

/**
 * What share of a ticket stream has no fitting article: the synthetic examples are weighted to
 * it, so the risk of the curve is that of a stream with this mix. Labelled history (when there is
 * any) replaces the guess with the observed share.
 */
export const DEFAULT_UNANSWERABLE_SHARE = 0.35;
/** Of the unanswerable share: how much is close to the knowledge base (near-misses) vs off-topic. */
const NEAR_MISS_OF_UNANSWERABLE = 0.75;

/** Weights each kind's examples to the stream mix (history keeps weight 1 per ticket, scaled to its count). */
export function weightExamples(examples: Omit<CalibrationExample, "weight">[], unanswerableShare = DEFAULT_UNANSWERABLE_SHARE): CalibrationExample[] {
  const count = (k: ExampleKind) => examples.filter((e) => e.kind === k).length;
  const synthetic = count("positive") + count("near-miss") + count("far");
  const share: Record<ExampleKind, number> = {
    positive: 1 - unanswerableShare,
    "near-miss": unanswerableShare * (count("far") ? NEAR_MISS_OF_UNANSWERABLE : 1),
    far: unanswerableShare * (1 - NEAR_MISS_OF_UNANSWERABLE),
    history: 0,
  };
  return examples.map((e) => ({
    ...e,
    // Each kind keeps its share of the synthetic total; a history ticket counts as one example.
    weight: e.kind === "history" ? 1 : (share[e.kind] * synthetic) / Math.max(1, count(e.kind)),
  }));
}

/** Upper (1-δ) Clopper–Pearson bound of a binomial proportion with k failures in n (n may be fractional). */
export function clopperPearsonUpper(k: number, n: number, delta: number): number {
  if (n <= 0) return 1;
  if (k >= n) return 1;
  // Bisection on the binomial tail: the largest p with P(X ≤ k | n, p) ≥ δ.
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** P(X ≤ k) for X ~ Binomial(n, p), through the regularised incomplete beta function (real k, n). */
function binomialCdf(k: number, n: number, p: number): number {
  if (p <= 0) return 1;
  if (p >= 1) return k >= n ? 1 : 0;
  return 1 - incompleteBeta(p, k + 1, n - k);
}

/** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(lnFront) / a;
  let f = 1;
  let c = 1;
  let d = 0;
  for (let i = 0; i <= 300; i++) {
    const m = Math.floor(i / 2);
    const numerator = i === 0 ? 1 : i % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < 1e-30) d = 1e-30;
    d = 1 / d;
    c = 1 + numerator / c;
    if (Math.abs(c) < 1e-30) c = 1e-30;
    const cd = c * d;
    f *= cd;
    if (Math.abs(1 - cd) < 1e-10) break;
  }
  return front * (f - 1);
}

function logGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = c[0] as number;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (c[i] as number) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

export interface CurvePoint {
  threshold: number;
  /** Weighted share of the stream answered at this threshold. */
  answered: number;
  /** Weighted wrong answers / answered (the point estimate). */
  risk: number;
  /** Upper confidence bound of the risk at the run's δ. */
  riskBound: number;
  /** Weighted share of the answerable examples answered with the right article. */
  coverage: number;
  /** Effective number of answered examples behind the estimate. */
  support: number;
}

export interface RiskChoice {
  threshold: number;
  predictedWrongAnswerRate: number;
  riskBound: number;
  predictedCoverage: number;
  /** False when no threshold reached the target (then the threshold answers nothing). */
  reached: boolean;
}

/** The risk–coverage curve of scored examples over a threshold grid. */
export function riskCurve(scored: { confidence: number; label: 0 | 1; weight: number; answerable: boolean }[], delta: number, grid = thresholdGrid()): CurvePoint[] {
  const answerableWeight = scored.filter((s) => s.answerable).reduce((s, e) => s + e.weight, 0);
  const total = scored.reduce((s, e) => s + e.weight, 0);
  return grid.map((threshold) => {
    const answered = scored.filter((s) => s.confidence >= threshold);
    const w = answered.reduce((s, e) => s + e.weight, 0);
    const w2 = answered.reduce((s, e) => s + e.weight * e.weight, 0);
    const wrong = answered.filter((s) => s.label === 0).reduce((s, e) => s + e.weight, 0);
    const right = answered.filter((s) => s.label === 1 && s.answerable).reduce((s, e) => s + e.weight, 0);
    const risk = w > 0 ? wrong / w : 0;
    // Kish's effective sample size: weighted examples count as fewer independent ones.
    const support = w2 > 0 ? (w * w) / w2 : 0;
    return {
      threshold,
      answered: total > 0 ? w / total : 0,
      risk,
      riskBound: support > 0 ? clopperPearsonUpper(risk * support, support, delta) : 0,
      coverage: answerableWeight > 0 ? right / answerableWeight : 0,
      support,
    };
  });
}

export function thresholdGrid(): number[] {
  return Array.from({ length: 100 }, (_, i) => Math.round((0.01 + i * 0.01) * 100) / 100).filter((t) => t < 1);
}

/**
 * Risk control by fixed-sequence testing (Learn then Test, Angelopoulos et al. 2021): walk the
 * thresholds from the strictest down and keep going while the upper bound of the wrong-answer rate
 * stays at or under the target; the last threshold that passed is the answer threshold. Testing in
 * a fixed order needs no multiplicity correction, so with probability ≥ 1-δ over the calibration
 * examples the chosen threshold's wrong-answer rate is at most the target — on streams like the
 * examples (see the README on how far that carries).
 */
export function riskControl(curve: CurvePoint[], target: number, delta: number): RiskChoice {
  const descending = [...curve].sort((a, b) => b.threshold - a.threshold);
  let chosen: CurvePoint | undefined;
  // The sequence starts where a test can survive one wrong example (about 58 answered at 5 %, δ 0.2):
  // started where zero wrong are needed (about 32), a single unlucky example among the few most
  // confident would end it before any threshold with real support was tested. Where it starts
  // depends on how many examples are answered, never on their labels, so the error control of
  // fixed-sequence testing holds unchanged.
  const minSupport = supportForOneError(target, delta);
  for (const point of descending) {
    if (point.support < minSupport) continue;
    if (point.riskBound > target) break;
    chosen = point;
  }
  if (!chosen) {
    return { threshold: 1, predictedWrongAnswerRate: 0, riskBound: 0, predictedCoverage: 0, reached: false };
  }
  return {
    threshold: chosen.threshold,
    predictedWrongAnswerRate: chosen.risk,
    riskBound: chosen.riskBound,
    predictedCoverage: chosen.coverage,
    reached: true,
  };
}

/** The fewest answered examples for which one wrong of them still bounds the rate under `target` (at δ). */
export function supportForOneError(target: number, delta: number): number {
  // Zero wrong of n needs n ≥ ln δ / ln(1 - target); one wrong needs more: walk up from there.
  let n = Math.ceil(Math.log(delta) / Math.log(1 - target));
  while (clopperPearsonUpper(1, n, delta) > target && n < 100_000) n++;
  return n;
}

/** K folds by group (source article), for cross-fitting: every group's examples stay in one fold. */
export function groupFolds<T extends { group: string }>(examples: T[], k: number): T[][] {
  const folds: T[][] = Array.from({ length: k }, () => []);
  for (const e of examples) folds[hashString(e.group) % k]?.push(e);
  return folds;
}

/** The wrong-answer rate a result must stay under to be shown on the portal as a possible fix. */
export const PORTAL_RISK = 0.5;

/**
 * The portal's relevance floor: at least the lowest threshold from which every stricter one is more
 * often right than wrong on the calibration stream, and above nine in ten off-topic messages'
 * confidences (what "my cat ate the router cable" scores here); never above the answer threshold
 * when one was reached.
 */
export function relevanceFloor(curve: CurvePoint[], choice: Pick<RiskChoice, "reached" | "threshold">, offTopic: number[] = []): number {
  let floor = 1;
  for (const p of [...curve].sort((x, y) => y.threshold - x.threshold)) {
    if (p.support >= 1 && p.risk > PORTAL_RISK) break;
    floor = p.threshold;
  }
  const sorted = [...offTopic].sort((a, b) => a - b);
  const q90 = sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] as number) : 0;
  const raised = Math.max(floor, Math.round(q90 * 100 + 0.5) / 100);
  return Math.min(raised, choice.reached ? choice.threshold : 1);
}
