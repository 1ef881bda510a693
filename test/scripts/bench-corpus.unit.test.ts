import { describe, expect, it } from "vitest";
import { generateCorpus, LANGUAGE_MIX, syntheticTickets } from "../../scripts/lib/bench-corpus.js";
import { EvalArticleSchema } from "../../scripts/lib/eval-format.js";
import { summariseLatency } from "../../scripts/lib/bench-stats.js";

describe("bench corpus", () => {
  it("is the same for the same seed and different for another", () => {
    const a = generateCorpus(300);
    const b = generateCorpus(300);
    expect(a).toEqual(b);
    expect(generateCorpus(300, 1)).not.toEqual(a);
  });

  it("writes valid, distinct articles in every language of the mix, with numbered fix steps", () => {
    const corpus = generateCorpus(2000);
    for (const a of corpus) expect(EvalArticleSchema.safeParse(a).success).toBe(true);
    expect(new Set(corpus.map((a) => `${a.title}|${a.problem}|${a.resolution}`)).size).toBe(corpus.length);
    const langs = new Set(corpus.map((a) => a.lang));
    for (const [lang] of LANGUAGE_MIX) expect(langs.has(lang)).toBe(true);
    for (const a of corpus.slice(0, 50)) {
      expect(a.resolution.split("\n")[0]).toMatch(/^1\. /);
      expect(a.title + a.problem + a.rootCause + a.resolution).not.toMatch(/\{(product|os|version|code|menu|n|component|symptom)\}/);
      const words = [a.title, a.problem, a.rootCause, a.resolution].join(" ").split(/\s+/).length;
      expect(words).toBeGreaterThan(50);
    }
  });

  it("writes tickets about existing articles in the article's language, with no template left over", () => {
    const corpus = generateCorpus(500);
    const byId = new Map(corpus.map((a) => [a.id, a]));
    const tickets = syntheticTickets(corpus, 100);
    expect(tickets).toHaveLength(100);
    for (const t of tickets) {
      expect(byId.has(t.articleId)).toBe(true);
      expect(t.text).not.toMatch(/\{[a-z]+\}/);
    }
    expect(syntheticTickets(corpus, 100)).toEqual(tickets);
  });
});

describe("bench latency summary", () => {
  it("takes nearest-rank percentiles, so each figure is a measured value", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summariseLatency(samples)).toMatchObject({ n: 100, p50: 50, p95: 95, p99: 99, mean: 50.5 });
    expect(summariseLatency([7])).toMatchObject({ p50: 7, p95: 7, p99: 7 });
  });
});
