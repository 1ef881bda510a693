import type { Executor } from "../db/database.js";
import type { Embedder } from "../embeddings/embedder.js";
import { ftsConfigFor } from "../text/language.js";
import { upsertArticleEmbedding, writeSearchText } from "./articles.queries.js";
import type { IndexableArticle } from "./articles.schemas.js";

/** The text an article is embedded from (passage side): what a searcher's words should meet. */
export function passageText(a: IndexableArticle): string {
  return [a.title, a.problem, a.rootCause, a.resolution, a.tags.join(", ")].filter(Boolean).join("\n");
}

/** Content hash of the passage text: a vector made from other text is stale. */
export async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/**
 * Writes an article's search representation in the caller's transaction, so an article is never
 * stored without it: the language-aware tsvector (title A, problem B, fix C, tags/category D,
 * accent-folded, plus an unstemmed `simple` copy so codes and product names match in any
 * language), the folded text for trigram similarity, and the active embedder's passage vector.
 * Pass `vector` when it was computed in a batch beforehand.
 */
export async function indexArticle(db: Executor, embedder: Embedder, article: IndexableArticle, vector?: number[]): Promise<void> {
  const meta = [article.category ?? "", article.product ?? "", article.tags.join(" ")].join(" ");
  await writeSearchText(db, {
    id: article.id,
    config: ftsConfigFor(article.language),
    title: article.title,
    problem: article.problem,
    fix: `${article.rootCause}\n${article.resolution}`,
    meta,
  });
  const text = passageText(article);
  const hash = await contentHash(text);
  const embedding = vector ?? (await embedder.embedPassages([text]))[0];
  if (!embedding) throw new Error("embedder returned no vector");
  await upsertArticleEmbedding(db, { articleId: article.id, embedderId: embedder.id, embedding, contentHash: hash });
}
