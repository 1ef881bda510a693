import { canSee } from "../articles/visibility.js";
import type { Deps } from "../deps.js";
import { NotFoundError } from "../errors.js";
import { searchArticles } from "../search/search.service.js";
import { scoreTopMatch } from "../deflection/evaluate.service.js";
import { modelInForce } from "../deflection/policy.js";
import { relevanceFloorInForce } from "../deflection/calibration.state.js";
import { getPublicArticle, getPublicArticles } from "./portal.queries.js";
import type { PortalFix } from "./portal.schemas.js";

const PORTAL_RESULTS = 8;
/**
 * A hit found by the vector signal alone is shown to a customer only above this cosine similarity,
 * and never with a lexical (hashing) embedder, whose vectors without shared words are noise: the
 * nearest neighbour always exists, and "no match, contact support" is the honest answer then.
 */
const MIN_VECTOR_ONLY_SIMILARITY = 0.8;

export interface PortalHit {
  id: string;
  title: string;
  snippet: string;
  language: string;
}

/**
 * Search as a customer: the search engine runs with viewer "portal" (its SQL ANDs the portal
 * visibility rule), and every hit is checked again against the data layer before any of its
 * text is returned. Scores, states and counts of anything hidden never leave this function.
 */
export async function searchPortal({ deps, input }: { deps: Deps; input: { query: string; language?: string } }): Promise<PortalHit[]> {
  const { hits, retrieval, raw } = await searchArticles({
    deps,
    input: { query: input.query, limit: PORTAL_RESULTS, ...(input.language ? { filters: { language: input.language } } : {}) },
    viewer: "portal",
  });
  // Calibrated on this knowledge base: below its relevance floor the best match is more often wrong
  // than right, so nothing is shown as a fix and the customer goes straight to "contact support".
  const floor = await relevanceFloorInForce(deps);
  if (floor !== null && hits.length > 0) {
    const db = deps.database.db;
    const model = await modelInForce(deps);
    const top = hits[0]?.article;
    const { confidence } = await scoreTopMatch({ deps, db, retrieval: raw, top, language: retrieval.queryLanguage, viewer: "portal", model });
    if (confidence < floor) return [];
  }
  const relevant = (h: (typeof hits)[number]) =>
    h.scores.fts !== null || h.scores.trigram !== null || (!retrieval.embedder.lexical && (h.scores.vector?.score ?? 0) >= MIN_VECTOR_ONLY_SIMILARITY);
  const candidates = hits.filter((h) => canSee("portal", h.article) && relevant(h));
  const allowed = new Set(
    (
      await getPublicArticles(
        deps.database.db,
        candidates.map((h) => h.article.id),
      )
    ).map((a) => a.id),
  );
  return candidates.filter((h) => allowed.has(h.article.id)).map((h) => ({ id: h.article.id, title: h.article.title, snippet: h.snippet, language: h.article.language }));
}

/** One public, published fix; anything else is a 404 that does not say whether it exists. */
export async function readPortalArticle({ deps, id }: { deps: Pick<Deps, "database">; id: string }) {
  const article = await getPublicArticle(deps.database.db, id);
  if (!article) throw new NotFoundError("article", id);
  return { ...article, updatedAt: article.updatedAt.toISOString() };
}

/** Of the given article ids, the public fixes, in the given order (used to filter a verdict). */
export async function publicFixes(deps: Pick<Deps, "database">, ids: string[]): Promise<PortalFix[]> {
  const rows = await getPublicArticles(deps.database.db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { updatedAt: _, ...fix } = row;
    return [fix];
  });
}
