/** With lexeme statistics, the full-text query uses at most this many of a ticket's rarest terms. */
export const MAX_RANKED_TERMS = 12;

/**
 * Which query terms the full-text signal ranks with. Ranking reads the tsvector of every article
 * that matches, so on a large knowledge base the terms are taken rarest first (articles per term
 * from the lexeme statistics; a term missing from them is rare) while the articles they are
 * expected to match stay within `budget`, and at most MAX_RANKED_TERMS of them: a long e-mail's
 * rarest words. Words in more articles than the budget ("error", "user") are dropped — their weight
 * in a ranking is low anyway — while codes, product names and the words that name the problem stay.
 * A query of only common words gets no terms (the vector signal still ranks it). Without
 * statistics (a small or never analysed knowledge base) common and rare cannot be told apart and
 * every term is used. Terms keep the query's order.
 */
export function chooseRankedTerms(terms: string[], lexemesOf: Map<string, string[]>, docs: Map<string, number>, budget: number): string[] {
  if (docs.size === 0) return terms;
  const scored = terms.map((term, ord) => ({
    term,
    ord,
    docs: Math.max(0, ...(lexemesOf.get(term) ?? [term]).map((l) => docs.get(l) ?? 0)),
  }));
  scored.sort((a, b) => a.docs - b.docs || a.ord - b.ord);
  const kept: typeof scored = [];
  let expected = 0;
  for (const t of scored) {
    if (kept.length >= MAX_RANKED_TERMS || expected + t.docs > budget) break;
    kept.push(t);
    expected += t.docs;
  }
  return kept.sort((a, b) => a.ord - b.ord).map((t) => t.term);
}
