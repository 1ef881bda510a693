import { inArray } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { articles } from "../db/schema/index.js";

/** The knowledge base as matching sees it (published and validated, internal included), for self-calibration. */
export async function publishedArticles(db: Executor) {
  return db
    .select({
      id: articles.id,
      title: articles.title,
      problem: articles.problem,
      rootCause: articles.rootCause,
      resolution: articles.resolution,
      language: articles.language,
      category: articles.category,
      product: articles.product,
      tags: articles.tags,
      visibility: articles.visibility,
    })
    .from(articles)
    .where(inArray(articles.state, ["published", "validated"]))
    .orderBy(articles.id);
}
