import { recordAudit } from "../audit/audit.js";
import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { Role } from "../caller.js";
import { detectLanguage } from "../text/language.js";
import {
  type ArticleRow,
  type ArticleVersionRow,
  findArticleVersion,
  findVisibleArticle,
  insertArticle,
  isUniqueViolation,
  listArticleVersions,
  listVisibleArticles,
  updateArticleRow,
} from "./articles.queries.js";
import { decodeCursor, encodeCursor } from "./articles.present.js";
import { ARTICLE_CONTENT_FIELDS, type ArticleInput, type ArticleUpdateInput, type ListArticlesQuery } from "./articles.schemas.js";
import { type ArticleWrite, inTransaction, lockForWrite, recordLifecycle, SNAPSHOT_FIELDS, writeVersion } from "./articles.write.js";
import { indexArticle, passageText } from "./indexing.js";
import { isLanguageCode } from "./language-codes.js";

export type { Actor, WriteDeps } from "./articles.write.js";

/** When detection cannot tell (a few words, mixed text), articles default to English. */
export const FALLBACK_LANGUAGE = "en";

/** The language of an article's text: ELD's guess when it is an ISO 639-1 code, else English. */
export function languageOf(...texts: string[]): string {
  const guess = detectLanguage(texts.filter(Boolean).join("\n"));
  return guess && isLanguageCode(guess) ? guess : FALLBACK_LANGUAGE;
}

/**
 * Creates an article with its first version, search representation and vector, lifecycle event
 * (when not created as a draft), audit entry and `article.published` webhook (when published),
 * all in one transaction: the caller's `tx` when given (capture, import), else a new one.
 */
export async function createArticle({ deps, input: data, caller, tx }: Omit<ArticleWrite<ArticleInput>, "id">): Promise<ArticleRow> {
  const now = deps.clock.now();
  const state = data.state ?? "draft";
  const row = {
    id: newId("article"),
    title: data.title,
    problem: data.problem,
    rootCause: data.rootCause ?? "",
    resolution: data.resolution,
    language: data.language ?? languageOf(data.title, data.problem, data.resolution),
    category: data.category ?? null,
    product: data.product ?? null,
    tags: data.tags ?? [],
    visibility: data.visibility ?? "internal",
    state,
    author: caller.name,
    sourceEscalationId: data.sourceEscalationId ?? null,
    sourceTicketId: data.sourceTicketId ?? null,
    externalId: data.externalId ?? null,
    sourceHash: data.sourceHash ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    publishedAt: state === "published" ? now : null,
  };
  // Embed before taking locks: the model may take a while, the transaction should not wait on it.
  const [vector] = await deps.embedder.embedPassages([passageText(row)]);
  return inTransaction(deps, tx, async (t) => {
    const article = await insertArticle(t, row).catch(externalIdConflict(row.externalId));
    await writeVersion(t, article, [...SNAPSHOT_FIELDS], caller, "created", now);
    await indexArticle(t, deps.embedder, article, vector);
    await recordAudit(t, caller, "article.created", "article", article.id, { state, visibility: article.visibility }, now);
    if (state !== "draft") await recordLifecycle(t, deps, caller, article, null, undefined, now);
    return article;
  });
}

/** Maps the unique index on external ids to 409 CONFLICT: an import must update, not duplicate. */
function externalIdConflict(externalId: string | null | undefined) {
  return (err: unknown): never => {
    if (externalId && isUniqueViolation(err, "articles_external_id_key")) {
      throw new ConflictError(`an article with externalId ${externalId} already exists`, { externalId });
    }
    throw err;
  };
}

const EDITABLE = [...ARTICLE_CONTENT_FIELDS, "externalId", "sourceHash"] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * Applies a partial edit. Under a row lock it checks `expectedVersion` (409 CONFLICT on a
 * mismatch), bumps `version`, writes the version row naming the changed fields, re-indexes and
 * audits. An edit that changes nothing writes nothing and returns the article as it is.
 */
export async function updateArticle({ deps, id, input: data, caller, tx }: ArticleWrite<ArticleUpdateInput>): Promise<ArticleRow> {
  return inTransaction(deps, tx, async (t) => {
    const current = await lockForWrite(t, id, data.expectedVersion);
    const set: Record<string, unknown> = {};
    for (const field of EDITABLE) {
      const value = data[field];
      if (value === undefined) continue;
      if (!sameValue(current[field], value)) set[field] = value;
    }
    const changed = Object.keys(set);
    if (changed.length === 0) return current;
    const now = deps.clock.now();
    const article = await updateArticleRow(t, id, { ...set, version: current.version + 1, updatedAt: now }).catch(externalIdConflict(data.externalId));
    await writeVersion(t, article, changed, caller, data.note, now);
    await indexArticle(t, deps.embedder, article);
    await recordAudit(t, caller, "article.updated", "article", id, { version: article.version, changedFields: changed }, now);
    return article;
  });
}

/** The article if `role` may see it; NOT_FOUND otherwise, never a hint that it exists. */
export async function getArticle(db: Executor, id: string, role: Role): Promise<ArticleRow> {
  const article = await findVisibleArticle(db, id, role);
  if (!article) throw new NotFoundError("article", id);
  return article;
}

/** One page of the articles `role` may see, newest first, with the cursor of the next page. */
export async function listArticles(db: Executor, role: Role, query: ListArticlesQuery): Promise<{ items: ArticleRow[]; nextCursor: string | null }> {
  let beforeId: string | undefined;
  if (query.cursor !== undefined) {
    beforeId = decodeCursor(query.cursor);
    if (!beforeId) throw new ValidationError("cursor is not one this API returned", [{ field: "cursor", message: "invalid cursor" }]);
  }
  const rows = await listVisibleArticles(db, role, { ...query, beforeId });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}

/** Version history, newest first, of an article `role` may see. */
export async function listVersions(db: Executor, id: string, role: Role): Promise<ArticleVersionRow[]> {
  await getArticle(db, id, role);
  return listArticleVersions(db, id);
}

export async function getVersion(db: Executor, id: string, version: number, role: Role): Promise<ArticleVersionRow> {
  await getArticle(db, id, role);
  const row = await findArticleVersion(db, id, version);
  if (!row) throw new NotFoundError("article version", `${id}@${version}`);
  return row;
}
