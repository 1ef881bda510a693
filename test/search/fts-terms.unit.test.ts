import { describe, expect, it } from "vitest";
import { chooseRankedTerms, MAX_RANKED_TERMS } from "../../src/search/fts-terms.js";

const lexemes = (pairs: [string, string][]) => new Map(pairs.map(([t, l]) => [t, [l, t]]));

describe("chooseRankedTerms", () => {
  it("uses every term when there are no statistics", () => {
    expect(chooseRankedTerms(["error", "sso", "login"], new Map(), new Map(), 200)).toEqual(["error", "sso", "login"]);
  });

  it("keeps the rarest terms within the budget, in the query's order, and drops the common ones", () => {
    const docs = new Map([
      ["error", 3000],
      ["user", 2500],
      ["password", 150],
      ["credenti", 40],
    ]);
    const lx = lexemes([
      ["errors", "error"],
      ["users", "user"],
      ["password", "password"],
      ["credentials", "credenti"],
    ]);
    // sso and 0x1234 are not in the statistics: rare, free.
    expect(chooseRankedTerms(["users", "errors", "password", "sso", "credentials", "0x1234"], lx, docs, 200)).toEqual(["password", "sso", "credentials", "0x1234"]);
    // A tighter budget drops password (40 + 150 > 100) but keeps the free and cheaper ones.
    expect(chooseRankedTerms(["users", "errors", "password", "sso", "credentials"], lx, docs, 100)).toEqual(["sso", "credentials"]);
  });

  it("matches a term by its stemmed lexeme or by itself (the unstemmed copy)", () => {
    const docs = new Map([["faktura", 5000]]);
    expect(chooseRankedTerms(["faktura", "cislo"], new Map(), docs, 200)).toEqual(["cislo"]);
  });

  it("gives no terms when every word is common: the vector signal ranks such a query alone", () => {
    const docs = new Map([
      ["error", 3000],
      ["user", 2500],
    ]);
    expect(chooseRankedTerms(["error", "user"], new Map(), docs, 200)).toEqual([]);
  });

  it("takes at most MAX_RANKED_TERMS of a long message's rarest words", () => {
    const terms = Array.from({ length: 30 }, (_, i) => `w${i}`);
    const docs = new Map(terms.map((t, i) => [t, i % 2 === 0 ? 1 : 0] as [string, number]));
    const chosen = chooseRankedTerms(terms, new Map(), docs, 200);
    expect(chosen).toHaveLength(MAX_RANKED_TERMS);
    expect(chosen.every((t) => Number(t.slice(1)) % 2 === 1)).toBe(true);
  });
});
