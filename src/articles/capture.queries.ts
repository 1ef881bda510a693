import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/database.js";
import { articleEmbeddings, escalationEvents, escalations, tickets } from "../db/schema/index.js";
import { vectorDistance } from "../embeddings/vector-index.js";
import type { Role } from "../caller.js";
import { articleVisibility } from "./visibility.js";

export type EscalationRow = typeof escalations.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;

/**
 * Reads and row-locks an escalation until the transaction ends: a second resolve of the same
 * escalation waits here, then sees it resolved. This lock is what makes "one article only" hold.
 */
export async function lockEscalation(db: Executor, id: string): Promise<EscalationRow | undefined> {
  const [row] = await db.select().from(escalations).where(eq(escalations.id, id)).for("update").limit(1);
  return row;
}

export async function findTicket(db: Executor, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return row;
}

export async function markEscalationResolved(db: Executor, id: string, articleId: string, at: Date): Promise<EscalationRow> {
  const [row] = await db.update(escalations).set({ status: "resolved", resolvedAt: at, resolutionArticleId: articleId, updatedAt: at }).where(eq(escalations.id, id)).returning();
  if (!row) throw new Error(`escalation ${id} vanished while locked`);
  return row;
}

export async function insertEscalationEvent(db: Executor, row: typeof escalationEvents.$inferInsert): Promise<void> {
  await db.insert(escalationEvents).values(row);
}

export async function markTicketResolved(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(tickets).set({ status: "resolved", resolvedAt: at, updatedAt: at }).where(eq(tickets.id, id));
}

/** The stored passage vector of an article for one embedder (written by indexArticle). */
export async function findArticleVector(db: Executor, articleId: string, embedderId: string): Promise<number[] | undefined> {
  const [row] = await db
    .select({ embedding: articleEmbeddings.embedding })
    .from(articleEmbeddings)
    .where(and(eq(articleEmbeddings.articleId, articleId), eq(articleEmbeddings.embedderId, embedderId)))
    .limit(1);
  return row?.embedding;
}

export interface DuplicateCandidate extends Record<string, unknown> {
  id: string;
  title: string;
  state: "published" | "validated";
  visibility: "internal" | "public";
  vector_similarity: number;
  title_similarity: number;
}

/**
 * Published and validated articles (that `role` may see) nearest to `vector` among the active
 * embedder's rows, with the trigram similarity of their titles to `title`. The nearest `limit`
 * by vector come from the HNSW index; the caller combines and thresholds the two signals.
 */
export async function findDuplicateCandidates(
  db: Executor,
  p: { embedderId: string; vector: number[]; title: string; excludeId: string; role: Role; limit: number },
): Promise<DuplicateCandidate[]> {
  const distance = vectorDistance(p.vector.length, p.vector);
  const rows = await queryRows<DuplicateCandidate>(
    db,
    sql`select articles.id, articles.title, articles.state, articles.visibility,
          (1 - ${distance})::float8 as vector_similarity,
          similarity(lower(unaccent(articles.title)), lower(unaccent(${p.title})))::float8 as title_similarity
        from article_embeddings
        join articles on articles.id = article_embeddings.article_id
        where article_embeddings.embedder_id = ${p.embedderId}
          and articles.id <> ${p.excludeId}
          and articles.state in ('published', 'validated')
          and ${articleVisibility(p.role)}
        order by ${distance}
        limit ${p.limit}`,
  );
  return rows.map((r) => ({ ...r, vector_similarity: Number(r.vector_similarity), title_similarity: Number(r.title_similarity) }));
}
