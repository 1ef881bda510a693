import type { ConfidenceModel } from "./confidence.js";

/**
 * The shipped confidence model, used until `npm run calibrate` stores another: a logistic
 * regression fitted by scripts/calibrate.ts on the Nimbus development set
 * (../shared/eval/dev, 220 tickets) with the offline hashing embedder. Calibrate on
 * your own labelled tickets for your knowledge base and embedder: these weights describe how the
 * retrieval signals behave on that set, which transfers only approximately.
 */
export const DEFAULT_MODEL: ConfidenceModel = {
  kind: "logistic",
  features: ["ftsTop", "vectorTop", "trigramTop", "fusedMargin", "ftsMargin", "vectorMargin", "agreement", "signalsFound", "published", "coverage", "coverageMargin"],
  mean: [0.08522, 0.25621, 0.20741, 0.04431, 0.45371, 0.25942, 0.76818, 0.99394, 1, 0.28313, 0.16845],
  scale: [0.05517, 0.10463, 0.08407, 0.06999, 0.26549, 0.17987, 0.30534, 0.05471, 1, 0.19315, 0.16155],
  weights: [0.84569, 0.20241, 0.93301, -0.1198, 0.35804, -0.15166, 0.29685, 0.07679, 0, 0.45249, 0.6726],
  bias: 1.23476,
  source: "default",
  embedderId: "hashing:v1:w1+c3-5:384",
  family: "hashing",
  trainingSize: 220,
};

/**
 * The shipped confidence model for multilingual-e5-small, fitted by scripts/calibrate.ts with that
 * model's own vectors (the folder `npm run model:offline` builds; the hub's int8 export is the same
 * model) on both development sets pooled — Nimbus (../shared/eval/dev, 220 tickets, six languages)
 * and BANKING77 (../shared/eval/banking77, 300 English chat messages) — so it has seen two knowledge
 * bases by two writers. e5's cosines sit high (a right match ≈ 0.87, a wrong one ≈ 0.83), so
 * vectorTop's weight means nothing on the hashing scale and vice versa. Thresholds from the same
 * run: target precision 0.97 (customer-facing 0.985).
 *   EMBEDDER=transformers MODEL_DIR=DIR npm run calibrate -- --articles dev/articles.jsonl,banking77/articles.jsonl \
 *     --tickets dev/tickets.jsonl,banking77/tickets.jsonl --target-precision 0.97 --dry-run --out e5.json
 */
export const E5_SMALL_MODEL: ConfidenceModel & { thresholds: { answerCustomer: number; answerAgent: number; suggest: number } } = {
  kind: "logistic",
  features: [
    "ftsTop",
    "vectorTop",
    "trigramTop",
    "fusedMargin",
    "ftsMargin",
    "vectorMargin",
    "agreement",
    "signalsFound",
    "published",
    "coverage",
    "coverageMargin",
    "crossLanguage",
  ],
  mean: [0.14518, 0.87312, 0.15926, 0.03777, 0.30728, 0.02224, 0.69487, 0.99359, 1, 0.40188, 0.14693, 0.05385],
  scale: [0.08754, 0.02772, 0.07813, 0.05461, 0.2632, 0.01898, 0.33534, 0.05432, 1, 0.28613, 0.23012, 0.22571],
  weights: [0.4172, 0.50516, 0.36567, -0.25464, 0.36046, 1.04857, 0.48822, -0.00423, 0, 0.19108, 0.25521, 0.50143],
  bias: 0.70854,
  source: "default",
  embedderId: "transformers:intfloat/multilingual-e5-small:q8:384",
  family: "multilingual-e5-small",
  trainingSize: 520,
  crossLanguage: {
    features: ["vectorTop", "vectorMargin", "crossLanguage"],
    mean: [0.87312, 0.02224, 0.05385],
    scale: [0.02772, 0.01898, 0.22571],
    weights: [1.02822, 1.2881, 0.36697],
    bias: 0.62456,
  },
  thresholds: { answerCustomer: 0.95, answerAgent: 0.92, suggest: 0.92 },
};
