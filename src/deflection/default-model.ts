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
  trainingSize: 220,
};
