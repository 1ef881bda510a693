import { articles } from "../../src/db/schema/index.js";
export { openScratchDatabase } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { newId } from "../../src/db/ids.js";
import { indexArticle } from "../../src/articles/indexing.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { ensureVectorIndex } from "../../src/embeddings/vector-index.js";
import type { EvalArticle } from "./eval-format.js";

/** A labelled-set article as a published article row (externalId = the set's id), new id. */
export function publishedArticleRow(a: EvalArticle, author: string) {
  return {
    id: newId("article"),
    title: a.title,
    problem: a.problem,
    rootCause: a.rootCause,
    resolution: a.resolution,
    language: a.lang,
    category: a.category ?? null,
    product: a.product ?? null,
    tags: a.tags,
    visibility: a.visibility,
    state: "published" as const,
    externalId: a.id,
    author,
    publishedAt: new Date(),
  };
}

/**
 * Loads labelled-set articles as published articles (externalId = the set's id), indexed with
 * the given embedder exactly as the service indexes them. Returns set id → article id.
 */
export async function loadEvalArticles(database: Database, embedder: Embedder, items: EvalArticle[]): Promise<Map<string, string>> {
  await ensureVectorIndex(database.db, embedder.id, embedder.dims);
  const ids = new Map<string, string>();
  const batch = 16;
  for (let i = 0; i < items.length; i += batch) {
    const chunk = items.slice(i, i + batch);
    await database.db.transaction(async (tx) => {
      for (const a of chunk) {
        const row = publishedArticleRow(a, "eval");
        await tx.insert(articles).values(row);
        await indexArticle(tx, embedder, row);
        ids.set(a.id, row.id);
      }
    });
  }
  return ids;
}
