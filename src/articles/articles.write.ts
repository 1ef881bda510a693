import { recordAudit } from "../audit/audit.js";
import type { Executor, Tx } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import { enqueueWebhookEvent } from "../webhooks/outbox.js";
import { type ArticleRow, insertArticleEvent, insertArticleVersion, lockArticle } from "./articles.queries.js";
import { ARTICLE_CONTENT_FIELDS } from "./articles.schemas.js";

/** Who performs a write: a route's caller, or a script (import, seed) naming itself. */
export type Actor = Pick<Caller, "name" | "role">;
/** What article writes need: the database, the active embedder (indexing), the clock and webhooks. */
export type WriteDeps = Pick<Deps, "database" | "embedder" | "clock">;
/** What an article write takes: typed input, who writes, and the caller's transaction if any (import batches). */
export type ArticleWrite<I> = { deps: WriteDeps; id: string; input: I; caller: Actor; tx?: Tx };

/** The fields a version snapshot keeps: everything an editor can change. */
export const SNAPSHOT_FIELDS = [...ARTICLE_CONTENT_FIELDS, "state"] as const;

/** Runs `fn` in the caller's transaction when given, else in a new one: one write, one commit. */
export async function inTransaction<T>(deps: WriteDeps, tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (tx) return fn(tx);
  return deps.database.db.transaction(fn);
}

/** Locks the article for a write: 404 when it does not exist, 409 CONFLICT when it is no longer at `expectedVersion`. */
export async function lockForWrite(tx: Tx, id: string, expectedVersion: number | undefined): Promise<ArticleRow> {
  const current = await lockArticle(tx, id);
  if (!current) throw new NotFoundError("article", id);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new ConflictError(`article ${id} is at version ${current.version}, not ${expectedVersion}`, {
      currentVersion: current.version,
      expectedVersion,
    });
  }
  return current;
}

export function snapshotOf(a: ArticleRow): Record<string, unknown> {
  const snap: Record<string, unknown> = {};
  for (const f of SNAPSHOT_FIELDS) snap[f] = a[f];
  return snap;
}

/** Writes the version row of `article` as it now stands (its `version` is the new number). */
export async function writeVersion(tx: Executor, article: ArticleRow, changedFields: string[], actor: Actor, note: string | undefined, at: Date): Promise<void> {
  await insertArticleVersion(tx, {
    articleId: article.id,
    version: article.version,
    snapshot: snapshotOf(article),
    changedFields,
    actor: actor.name,
    note: note ?? null,
    createdAt: at,
  });
}

/** The KCS event name of a state change (`from` null = created in that state). */
export function lifecycleKind(from: ArticleRow["state"] | null, to: ArticleRow["state"]): string {
  if (to === "published") return "published";
  if (to === "archived") return "archived";
  if (to === "validated") return from === "published" ? "unpublished" : "validated";
  return from === "archived" ? "reopened" : "returned_to_draft";
}

/** What an `article.published` webhook receiver gets: enough to link and show, no internal text. */
export function publishedPayload(a: ArticleRow, actor: Actor) {
  return {
    articleId: a.id,
    title: a.title,
    language: a.language,
    category: a.category,
    product: a.product,
    visibility: a.visibility,
    version: a.version,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    sourceEscalationId: a.sourceEscalationId,
    actor: actor.name,
  };
}

/**
 * Everything a state change writes besides the row and its version, in the same transaction:
 * the article_events row (with actor and evidence), the audit entry and, on publication, the
 * `article.published` outbox event. A rolled-back change leaves none of them behind.
 */
export async function recordLifecycle(
  tx: Tx,
  deps: WriteDeps,
  actor: Actor,
  article: ArticleRow,
  from: ArticleRow["state"] | null,
  note: string | undefined,
  at: Date,
): Promise<void> {
  const kind = lifecycleKind(from, article.state);
  await insertArticleEvent(tx, {
    id: newId("articleEvent"),
    articleId: article.id,
    kind,
    evidence: { from, to: article.state, version: article.version, ...(note ? { note } : {}) },
    actor: actor.name,
    createdAt: at,
  });
  await recordAudit(tx, actor, `article.${kind}`, "article", article.id, { from, to: article.state, version: article.version }, at);
  if (article.state === "published") await enqueueWebhookEvent(tx, deps, "article.published", publishedPayload(article, actor));
}
