import { embedderFamily } from "../embeddings/embedder.js";
import type { FusedCandidate } from "../search/fusion.js";

/**
 * Retrieval features of the top candidate, the inputs of the confidence model. Relative
 * features (margins, agreement) carry over between knowledge bases better than raw scores.
 */
export const FEATURE_NAMES = [
  "ftsTop", // ts_rank of the top article (0 when full text did not find it)
  "vectorTop", // cosine similarity of the top article (0 when lexical-only or not found)
  "trigramTop", // trigram similarity of the top article
  "fusedMargin", // (fused1 - fused2) / fused1
  "ftsMargin", // (fts1 - fts2) / fts1 over the full-text list
  "vectorMargin", // (cos1 - cos2) / cos1 over the vector list
  "agreement", // share of the signals that rank the top article first
  "signalsFound", // share of the signals that found the top article at all
  "published", // 1 when the top article is published (validated-only articles are less proven)
  "coverage", // IDF-weighted share of the query's terms the top article contains
  "coverageMargin", // coverage of the top article minus that of the runner-up
  "crossLanguage", // 1 when the top article is in another language than the ticket (semantic embedders)
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

/** Relative margin in [0, 1]: a runner-up below zero (signed hashing cosines can be) counts as zero, not as a margin over 100 %. */
const rel = (a: number, b: number) => (a > 0 ? Math.min(1, Math.max(0, (a - Math.max(0, b)) / a)) : 0);

function bySignal(candidates: FusedCandidate[], signal: "fts" | "vector" | "trigram"): number[] {
  return candidates
    .map((c) => c.signals[signal])
    .filter((s): s is NonNullable<typeof s> => s !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((s) => s.score);
}

/** Features of the fused list's top candidate; null when nothing was found. */
export function extractFeatures(
  candidates: FusedCandidate[],
  topState: string | undefined,
  signalsUsed: number,
  coverage: Map<string, number> = new Map(),
  crossLanguage = false,
): Features | null {
  const [top, second] = candidates;
  if (!top) return null;
  const fts = bySignal(candidates, "fts");
  const vec = bySignal(candidates, "vector");
  const used = Math.max(1, signalsUsed);
  const firsts = Object.values(top.signals).filter((s) => s?.rank === 1).length;
  const found = Object.values(top.signals).filter(Boolean).length;
  return {
    ftsTop: top.signals.fts?.score ?? 0,
    vectorTop: top.signals.vector?.score ?? 0,
    trigramTop: top.signals.trigram?.score ?? 0,
    fusedMargin: rel(top.fused, second?.fused ?? 0),
    ftsMargin: rel(fts[0] ?? 0, fts[1] ?? 0),
    vectorMargin: rel(vec[0] ?? 0, vec[1] ?? 0),
    agreement: firsts / used,
    signalsFound: found / used,
    published: topState === "published" ? 1 : 0,
    coverage: coverage.get(top.id) ?? 0,
    coverageMargin: (coverage.get(top.id) ?? 0) - (second ? (coverage.get(second.id) ?? 0) : 0),
    crossLanguage: crossLanguage ? 1 : 0,
  };
}

/** A logistic model over a subset of the features. */
export interface LogisticPart {
  features: FeatureName[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface ConfidenceModel {
  kind: "logistic";
  features: FeatureName[];
  /** Standardisation applied before the weights: (x - mean) / scale. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Where it came from: "default" (shipped) or the calibration run. */
  source: string;
  fittedAt?: string;
  embedderId?: string;
  /** The embedder family it was fitted with (see embedderFamily); vectors' score scale is per family. */
  family?: string;
  trainingSize?: number;
  /**
   * For a semantic embedder: the model that scores a match between a ticket and an article in
   * another language, from the vector features alone. Shared words cannot be expected there, so
   * the lexical features (full text, trigram, coverage, agreement) would read as "no evidence" and
   * sink every cross-language match; this part was fitted on what vector evidence alone says.
   */
  crossLanguage?: LogisticPart;
}

/** Features whose scale depends on the embedder (cosine of hashing ≈ 0.3, of e5 ≈ 0.8). */
const EMBEDDER_DEPENDENT: readonly FeatureName[] = ["vectorTop", "vectorMargin"];

/** The family a model was fitted with: its own field, else read from the embedder id it names. */
export function modelFamily(model: Pick<ConfidenceModel, "family" | "embedderId">): string | undefined {
  return model.family ?? (model.embedderId ? embedderFamily({ id: model.embedderId }) : undefined);
}

/**
 * P(top article is the right fix | features) under a logistic model. When the model was fitted
 * with another embedder family than the one serving, the vector features are neutralised (set to
 * the training mean): another vector space's cosines on this model's scale would mean nothing.
 */
export function predictConfidence(model: ConfidenceModel, f: Features, activeFamily?: string): number {
  const fitted = modelFamily(model);
  const foreign = activeFamily !== undefined && fitted !== undefined && fitted !== activeFamily;
  const part: LogisticPart = f.crossLanguage === 1 && model.crossLanguage && !foreign ? model.crossLanguage : model;
  let z = part.bias;
  part.features.forEach((name, i) => {
    if (foreign && EMBEDDER_DEPENDENT.includes(name)) return;
    const x = ((f[name] ?? 0) - (part.mean[i] ?? 0)) / (part.scale[i] || 1);
    z += (part.weights[i] ?? 0) * x;
  });
  return 1 / (1 + Math.exp(-z));
}
