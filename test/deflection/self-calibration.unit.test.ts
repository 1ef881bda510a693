import { describe, expect, it } from "vitest";
import {
  clopperPearsonUpper,
  type CurvePoint,
  planCalibration,
  problemUnits,
  relevanceFloor,
  riskControl,
  supportForOneError,
  riskCurve,
  weightExamples,
} from "../../src/deflection/self-calibration.js";

const article = (id: string, problem: string, language = "en") => ({ id, title: `Title ${id}`, problem, rootCause: "", resolution: "1. Do it", language });

describe("Clopper–Pearson upper bound", () => {
  it("matches the closed form for zero failures and a tabulated value", () => {
    // k = 0: the bound solves (1 - p)^n = δ.
    expect(clopperPearsonUpper(0, 45, 0.1)).toBeCloseTo(1 - 0.1 ** (1 / 45), 6);
    // 5 of 100 at 95 % one-sided: 0.1023 (exact binomial tables).
    expect(clopperPearsonUpper(5, 100, 0.05)).toBeCloseTo(0.1023, 3);
    expect(clopperPearsonUpper(3, 3, 0.1)).toBe(1);
    expect(clopperPearsonUpper(0, 0, 0.1)).toBe(1);
  });
  it("shrinks with more evidence at the same rate", () => {
    expect(clopperPearsonUpper(10, 200, 0.2)).toBeLessThan(clopperPearsonUpper(1, 20, 0.2));
  });
});

describe("risk control", () => {
  const point = (threshold: number, risk: number, support: number, coverage = 0.5): CurvePoint => ({
    threshold,
    answered: support / 1000,
    risk,
    riskBound: clopperPearsonUpper(risk * support, support, 0.2),
    coverage,
    support,
  });

  it("walks down from the strictest threshold and stops at the first bound over the target", () => {
    const curve = [point(0.95, 0, 60, 0.2), point(0.9, 0.01, 120, 0.35), point(0.8, 0.08, 200, 0.5), point(0.7, 0.01, 400, 0.7)];
    const choice = riskControl(curve, 0.05, 0.2);
    // 0.7 would pass on its own, but the sequence stopped at 0.8: fixed-sequence testing never skips a failure.
    expect(choice).toMatchObject({ threshold: 0.9, reached: true, predictedWrongAnswerRate: 0.01, predictedCoverage: 0.35 });
    expect(choice.riskBound).toBeLessThanOrEqual(0.05);
  });

  it("does not test thresholds that answer too few to ever pass, and says when nothing reaches the target", () => {
    const thin = [point(0.99, 0, 5), point(0.9, 0, 60), point(0.8, 0.2, 200)];
    expect(riskControl(thin, 0.05, 0.2).threshold).toBe(0.9);
    // One wrong among the 35 most confident does not end the sequence before it reaches real support.
    const noisyTop = [point(0.99, 1 / 35, 35), point(0.95, 1 / 80, 80, 0.3), point(0.9, 2 / 150, 150, 0.45), point(0.8, 0.2, 300)];
    expect(riskControl(noisyTop, 0.05, 0.2)).toMatchObject({ threshold: 0.9, reached: true, predictedCoverage: 0.45 });
    const start = supportForOneError(0.05, 0.2);
    expect(clopperPearsonUpper(1, start, 0.2)).toBeLessThanOrEqual(0.05);
    expect(clopperPearsonUpper(1, start - 1, 0.2)).toBeGreaterThan(0.05);
    const bad = [point(0.9, 0.2, 100), point(0.8, 0.3, 200)];
    expect(riskControl(bad, 0.05, 0.2)).toEqual({ threshold: 1, predictedWrongAnswerRate: 0, riskBound: 0, predictedCoverage: 0, reached: false });
  });

  it("builds the curve from weighted examples: risk among answered, coverage among answerable", () => {
    const curve = riskCurve(
      [
        { confidence: 0.9, label: 1, weight: 2, answerable: true },
        { confidence: 0.6, label: 0, weight: 1, answerable: false },
        { confidence: 0.3, label: 1, weight: 2, answerable: true },
      ],
      0.2,
      [0.5, 0.8],
    );
    expect(curve[0]).toMatchObject({ threshold: 0.5, risk: 1 / 3, coverage: 0.5, answered: 3 / 5 });
    expect(curve[1]).toMatchObject({ threshold: 0.8, risk: 0, coverage: 0.5, answered: 2 / 5 });
    expect(relevanceFloor(curve, { reached: true, threshold: 0.8 })).toBe(0.5);
    expect(relevanceFloor(curve, { reached: true, threshold: 0.4 })).toBe(0.4);
  });
});

describe("synthetic tickets from a knowledge base", () => {
  const kb = [
    article("a1", "Reset email never arrives, even after several minutes, and the spam folder is empty."),
    article("a2", "How do I top up? / Can I add money by card? / Is a bank transfer top-up possible? / Which cards can top up? / Top-up with Apple Pay?"),
    article("a3", "Too short."),
    { ...article("a4", "Refund."), title: "How do I get my money back" },
    ...Array.from({ length: 12 }, (_, i) => article(`b${i}`, `Symptom ${i} appears on the invoice page, the total is wrong, and the export shows another amount ${i}.`)),
  ];

  it("cuts units from short symptoms and keeps listed phrasings whole", () => {
    expect(problemUnits("Reset email never arrives, even after several minutes, and the spam folder is empty.").length).toBeGreaterThanOrEqual(2);
    expect(problemUnits(kb[1]?.problem ?? "")).toHaveLength(5);
  });

  it("is deterministic, never indexes an article with its own query, and never repeats a cut", () => {
    const a = planCalibration(kb, { minQueries: 60 });
    const b = planCalibration([...kb].reverse(), { minQueries: 60 });
    expect(a.rounds.map((r) => r.queries)).toEqual(b.rounds.map((r) => r.queries));
    expect(a.fold.has("a3")).toBe(false); // one unit and a short title: it only competes
    // A one-statement problem with a real title is asked by its title, indexed without it.
    const a4 = a.rounds.flatMap((r) => r.queries.filter((q) => q.articleId === "a4").map((q) => [q.text, r.reduced.get("a4")]));
    expect(a4).toEqual([["How do I get my money back", { title: "", problem: "Refund." }]]);
    const seen = new Set<string>();
    for (const round of a.rounds) {
      for (const q of round.queries) {
        const key = `${q.articleId}:${q.text}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        const cut = round.reduced.get(q.articleId);
        expect(`${cut?.title}\n${cut?.problem}`).not.toContain(q.text);
        expect(cut?.problem.length).toBeGreaterThan(0);
      }
    }
    // Listed phrasings: a query is one of them.
    const a2 = a.rounds.flatMap((r) => r.queries).filter((q) => q.articleId === "a2");
    for (const q of a2) expect(kb[1]?.problem.split(" / ")).toContain(q.text);
    expect(new Set(a.fold.values())).toEqual(new Set([0, 1, 2, 3]));
  });

  it("weights each kind to the stream's mix", () => {
    const f = { ftsTop: 0 } as never;
    const weighted = weightExamples(
      [
        ...Array.from({ length: 6 }, () => ({ kind: "positive" as const, features: f, label: 1 as const, group: "p" })),
        ...Array.from({ length: 3 }, () => ({ kind: "near-miss" as const, features: f, label: 0 as const, group: "n" })),
        { kind: "far" as const, features: f, label: 0 as const, group: "f" },
      ],
      0.4,
    );
    const share = (k: string) => weighted.filter((e) => e.kind === k).reduce((s, e) => s + e.weight, 0) / weighted.reduce((s, e) => s + e.weight, 0);
    expect(share("positive")).toBeCloseTo(0.6);
    expect(share("near-miss")).toBeCloseTo(0.3);
    expect(share("far")).toBeCloseTo(0.1);
  });
});
