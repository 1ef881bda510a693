import { describe, expect, it } from "vitest";
import { type ConfidenceModel, FEATURE_NAMES, type Features, predictConfidence } from "../../src/deflection/confidence.js";
import { DEFAULT_MODEL, E5_SMALL_MODEL } from "../../src/deflection/default-model.js";
import { profileFor } from "../../src/deflection/profiles.js";
import { embedderFamily } from "../../src/embeddings/embedder.js";

const zero = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])) as Features;

describe("embedder families choose the shipped confidence profile", () => {
  it("names multilingual-e5-small whatever folder, cache or server it came from", () => {
    expect(embedderFamily({ id: "transformers:Xenova/multilingual-e5-small:q8:384" })).toBe("multilingual-e5-small");
    expect(embedderFamily({ id: "transformers:dir/my-model@0123456789:q8:384", family: "intfloat/multilingual-e5-small" })).toBe("multilingual-e5-small");
    expect(embedderFamily({ id: "http:multilingual-e5-small-q4:384" })).toBe("multilingual-e5-small");
    expect(embedderFamily({ id: "hashing:v1:w1+c3-5:384" })).toBe("hashing");
    expect(embedderFamily({ id: "transformers:dir/x@1:q8:64", family: "deflect/static-ngram-test-model" })).toBe("static-ngram-test-model");
  });

  it("serves each family its own model and thresholds; an unknown family gets hashing's, flagged", () => {
    expect(profileFor({ id: "hashing:v1:w1+c3-5:384" })).toMatchObject({ family: "hashing", exact: true, profile: { model: DEFAULT_MODEL } });
    const e5 = profileFor({ id: "transformers:dir/m@1:q8:384", family: "intfloat/multilingual-e5-small" });
    expect(e5).toMatchObject({ family: "multilingual-e5-small", exact: true, profile: { model: E5_SMALL_MODEL } });
    expect(e5.profile.thresholds.answer.portal).toBe(E5_SMALL_MODEL.thresholds.answerCustomer);
    expect(profileFor({ id: "transformers:dir/x@1:q8:64", family: "deflect/static-ngram-test-model" })).toMatchObject({ exact: false, profile: { family: "hashing" } });
  });
});

describe("the cross-language part", () => {
  const model: ConfidenceModel = {
    ...DEFAULT_MODEL,
    family: "multilingual-e5-small",
    crossLanguage: { features: ["vectorTop"], mean: [0.8], scale: [0.05], weights: [2], bias: 0 },
  };
  const f = { ...zero, vectorTop: 0.9, ftsTop: 0, coverage: 0 };

  it("scores a match across languages from the vector evidence alone", () => {
    expect(predictConfidence(model, { ...f, crossLanguage: 1 }, "multilingual-e5-small")).toBeCloseTo(1 / (1 + Math.exp(-4)), 10);
    expect(predictConfidence(model, { ...f, crossLanguage: 0 }, "multilingual-e5-small")).not.toBeCloseTo(1 / (1 + Math.exp(-4)), 3);
  });

  it("is never used for another family's vectors", () => {
    const foreign = predictConfidence(model, { ...f, crossLanguage: 1 }, "hashing");
    expect(foreign).toBeCloseTo(predictConfidence(model, { ...f, crossLanguage: 1, vectorTop: 0.1 }, "hashing"), 10);
  });
});
