import { type ConfidenceModel, type FeatureName, FEATURE_NAMES, type Features, type LogisticPart } from "./confidence.js";

export interface LabelledExample {
  features: Features;
  /** 1 when the top article is the right one, 0 otherwise (wrong article, or none fits). */
  label: 0 | 1;
  /** How much the example counts (default 1): self-calibration weights its kinds to a ticket stream's mix. */
  weight?: number;
}

/**
 * Fits a logistic regression by full-batch gradient descent with L2 regularisation on
 * standardised features. Small on purpose: a few hundred examples and nine features need no
 * library, and the result is a handful of numbers that live in the settings table. Logistic
 * regression outputs calibrated probabilities when its assumptions roughly hold (Platt 1999);
 * the risk–coverage table printed by calibrate shows how well they do on the labelled set.
 */
export function fitLogistic(
  examples: LabelledExample[],
  opts: { l2?: number; iterations?: number; learningRate?: number; features?: readonly FeatureName[] } = {},
): ConfidenceModel {
  const features = [...(opts.features ?? FEATURE_NAMES)];
  const l2 = opts.l2 ?? 0.01;
  const iterations = opts.iterations ?? 3000;
  const lr = opts.learningRate ?? 0.3;
  const n = examples.length;
  if (n === 0) throw new Error("no labelled examples to fit");
  const X = examples.map((e) => features.map((f) => e.features[f] ?? 0));
  const weight = examples.map((e) => e.weight ?? 1);
  const total = weight.reduce((s, w) => s + w, 0) || 1;
  const mean = features.map((_, j) => X.reduce((s, row, i) => s + (weight[i] ?? 1) * (row[j] ?? 0), 0) / total);
  const scale = features.map((_, j) => {
    const v = X.reduce((s, row, i) => s + (weight[i] ?? 1) * ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / total;
    return Math.sqrt(v) || 1;
  });
  const Z = X.map((row) => row.map((x, j) => (x - (mean[j] ?? 0)) / (scale[j] ?? 1)));
  const y = examples.map((e) => e.label);
  const w = new Array<number>(features.length).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(features.length).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = Z[i] ?? [];
      let z = b;
      for (let j = 0; j < w.length; j++) z += (w[j] ?? 0) * (row[j] ?? 0);
      const err = (weight[i] ?? 1) * (1 / (1 + Math.exp(-z)) - (y[i] ?? 0));
      for (let j = 0; j < w.length; j++) gw[j] = (gw[j] ?? 0) + err * (row[j] ?? 0);
      gb += err;
    }
    for (let j = 0; j < w.length; j++) w[j] = (w[j] ?? 0) - lr * ((gw[j] ?? 0) / total + l2 * (w[j] ?? 0));
    b -= lr * (gb / total);
  }
  return { kind: "logistic", features, mean, scale, weights: w, bias: b, source: "fit", trainingSize: n };
}

/** The features a match across languages can show: the vector signal's own. */
export const CROSS_LANGUAGE_FEATURES: readonly FeatureName[] = ["vectorTop", "vectorMargin", "crossLanguage"];

/**
 * The cross-language part of a confidence model (ConfidenceModel.crossLanguage): fitted on every
 * ticket whose top article the vector signal found, from the vector features alone plus the
 * cross-language flag — a multilingual model scores a pair in two languages lower than the same
 * pair in one, and the flag's weight learns that offset from all tickets instead of from the few
 * cross-language ones alone. Undefined when too few tickets had a vector.
 */
export function vectorOnlyPart(examples: LabelledExample[]): LogisticPart | undefined {
  const withVector = examples.filter((e) => e.features.vectorTop > 0);
  if (withVector.length < 20 || !withVector.some((e) => e.label === 1) || !withVector.some((e) => e.label === 0)) return undefined;
  const { features, mean, scale, weights, bias } = fitLogistic(withVector, { features: CROSS_LANGUAGE_FEATURES });
  return { features, mean, scale, weights, bias };
}
