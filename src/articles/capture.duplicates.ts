import type { Executor } from "../db/database.js";
import type { Embedder } from "../embeddings/embedder.js";
import type { Role } from "../caller.js";
import { getSetting } from "../settings/settings.queries.js";
import { findArticleVector, findDuplicateCandidates } from "./capture.queries.js";
import type { PossibleDuplicate } from "./capture.schemas.js";

/** How much each signal counts: the fix's meaning (vector) dominates; a near-identical title adds weight. */
export const DUPLICATE_WEIGHTS = { vector: 0.7, title: 0.3 } as const;

/**
 * Minimum combined score for "looks like the same fix", per kind of embedder. Lexical (hashing):
 * measured with `npm run calibrate:duplicates` on the dev set (157 captures of answerable
 * tickets carrying their article's fix): at 0.40 every capture with the identical fix finds its
 * article (best other article above the bar in 5.7 %), and with only the first step and cause
 * sentence 78 % do with no other article above it. Semantic models score unrelated text
 * ~0.75-0.8 cosine, so their bar is higher; 0.70 is an estimate until measured with the model.
 * The runtime setting `capture.duplicateThreshold` (a number) overrides both.
 */
export const DUPLICATE_THRESHOLD = { lexical: 0.4, semantic: 0.7 } as const;
export const DUPLICATE_THRESHOLD_SETTING = "capture.duplicateThreshold";

export const MAX_DUPLICATES = 5;
const CANDIDATES = 20;

/** The threshold in force: the runtime setting when it holds a number in [0, 1], else the embedder kind's default. */
export async function duplicateThreshold(db: Executor, embedder: Pick<Embedder, "lexical">): Promise<number> {
  const configured = await getSetting<unknown>(db, DUPLICATE_THRESHOLD_SETTING);
  if (typeof configured === "number" && configured >= 0 && configured <= 1) return configured;
  return embedder.lexical ? DUPLICATE_THRESHOLD.lexical : DUPLICATE_THRESHOLD.semantic;
}

/**
 * Existing published/validated articles that look like the same fix as `article`: cosine
 * similarity of its stored passage vector (active embedder only) against theirs, combined with
 * title trigram similarity, best first, at or above `threshold`.
 */
export async function findPossibleDuplicates(
  db: Executor,
  embedder: Pick<Embedder, "id" | "lexical">,
  article: { id: string; title: string },
  role: Role,
  threshold: number,
): Promise<PossibleDuplicate[]> {
  const vector = await findArticleVector(db, article.id, embedder.id);
  if (!vector) return [];
  const candidates = await findDuplicateCandidates(db, {
    embedderId: embedder.id,
    vector,
    title: article.title,
    excludeId: article.id,
    role,
    limit: CANDIDATES,
  });
  return candidates
    .map((c) => ({
      articleId: c.id,
      title: c.title,
      state: c.state,
      visibility: c.visibility,
      vectorSimilarity: round(c.vector_similarity),
      titleSimilarity: round(c.title_similarity),
      score: round(DUPLICATE_WEIGHTS.vector * c.vector_similarity + DUPLICATE_WEIGHTS.title * c.title_similarity),
    }))
    .filter((d) => d.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_DUPLICATES);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
