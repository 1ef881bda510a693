import { and, eq, inArray } from "drizzle-orm";
import type { ArticleRow } from "../articles/articles.queries.js";
import { articleVisibility } from "../articles/visibility.js";
import type { Executor } from "../db/database.js";
import { articles, feedbackEvents, tickets } from "../db/schema/index.js";

/** Only the columns a customer may read: no author, source, review or state details. */
const publicColumns = {
  id: articles.id,
  title: articles.title,
  problem: articles.problem,
  rootCause: articles.rootCause,
  resolution: articles.resolution,
  language: articles.language,
  updatedAt: articles.updatedAt,
};

export type PublicArticleRow = Pick<ArticleRow, keyof typeof publicColumns>;

/** A public, published article, or undefined exactly as if it did not exist. */
export async function getPublicArticle(db: Executor, id: string): Promise<PublicArticleRow | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(articles)
    .where(and(eq(articles.id, id), articleVisibility("portal")))
    .limit(1);
  return row;
}

/** Of these ids, the public and published articles (order not kept). */
export async function getPublicArticles(db: Executor, ids: string[]): Promise<PublicArticleRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(publicColumns)
    .from(articles)
    .where(and(inArray(articles.id, ids), articleVisibility("portal")));
}

/** A ticket that came in through the portal; other tickets do not exist for portal callers. */
export async function getPortalTicket(db: Executor, id: string): Promise<typeof tickets.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), eq(tickets.source, "portal")))
    .limit(1);
  return row;
}

/** Whether the portal already recorded feedback on this ticket for this article (a double click, a retry). */
export async function hasPortalFeedback(db: Executor, ticketId: string, articleId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: feedbackEvents.id })
    .from(feedbackEvents)
    .where(and(eq(feedbackEvents.ticketId, ticketId), eq(feedbackEvents.articleId, articleId), eq(feedbackEvents.source, "portal")))
    .limit(1);
  return row !== undefined;
}
