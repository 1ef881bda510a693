import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ArticleInputSchema } from "../../src/articles/articles.schemas.js";
import { detectLanguage } from "../../src/text/language.js";

const lines = readFileSync(new URL("../../seed/sample-articles.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n");
const seed = lines.map((l) => JSON.parse(l) as Record<string, unknown> & { id: string; lang: string; problem: string; visibility: string });

describe("seed/sample-articles.jsonl", () => {
  it("holds ~15 unique articles in the dev-set format that the article service accepts", () => {
    expect(seed.length).toBeGreaterThanOrEqual(12);
    expect(new Set(seed.map((a) => a.id)).size).toBe(seed.length);
    for (const { id, lang, ...rest } of seed) {
      const parsed = ArticleInputSchema.safeParse({ ...rest, language: lang });
      expect(parsed.success, `${id}: ${parsed.error?.message}`).toBe(true);
      expect(String(rest.resolution)).toMatch(/^1\. .+\n2\. /);
    }
  });

  it("is mostly English with cs, fi, pt, de, es and some internal articles, each in the language it claims", () => {
    const langs = seed.map((a) => a.lang);
    expect(langs.filter((l) => l === "en").length).toBeGreaterThan(seed.length / 2);
    for (const l of ["cs", "fi", "pt", "de", "es"]) expect(langs).toContain(l);
    expect(seed.filter((a) => a.visibility === "internal").length).toBeGreaterThanOrEqual(2);
    for (const a of seed) expect(detectLanguage(a.problem), a.id).toBe(a.lang);
  });
});
