import { describe, expect, it } from "vitest";
import { type Features, FEATURE_NAMES, predictConfidence } from "../../src/deflection/confidence.js";
import { DEFAULT_MODEL } from "../../src/deflection/default-model.js";
import { fitLogistic, type LabelledExample } from "../../src/deflection/logistic.js";

const zero = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])) as Features;

describe("confidence model", () => {
  it("fits a logistic regression that separates right from wrong top articles", () => {
    const examples: LabelledExample[] = [];
    for (let i = 0; i < 100; i++) {
      const good = i % 2 === 0;
      examples.push({ label: good ? 1 : 0, features: { ...zero, ftsTop: good ? 0.3 + (i % 7) / 100 : 0.05 + (i % 5) / 100, coverage: good ? 0.7 : 0.2 } });
    }
    const model = fitLogistic(examples);
    const high = predictConfidence(model, { ...zero, ftsTop: 0.33, coverage: 0.7 });
    const low = predictConfidence(model, { ...zero, ftsTop: 0.06, coverage: 0.2 });
    expect(high).toBeGreaterThan(0.9);
    expect(low).toBeLessThan(0.1);
  });

  it("ignores vector features of a model fitted with another embedder family", () => {
    const f = { ...zero, vectorTop: 0.95, vectorMargin: 0.9, ftsTop: 0.1 };
    const same = predictConfidence(DEFAULT_MODEL, f, "hashing");
    const other = predictConfidence(DEFAULT_MODEL, f, "multilingual-e5-small");
    expect(same).not.toBeCloseTo(other, 3);
    expect(predictConfidence(DEFAULT_MODEL, { ...f, vectorTop: 0.1 }, "other")).toBeCloseTo(other, 10);
  });
});
