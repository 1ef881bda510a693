import { and, arrayContains, desc, eq, getTableColumns, ilike, lt, type SQL, sql } from "drizzle-orm";
import { type Executor, textArray } from "../db/database.js";
import { articleEmbeddings, articleEvents, articles, articleVersions } from "../db/schema/index.js";
import type { Role } from "../caller.js";
import type { ArticleFields, IndexableArticle } from "./articles.schemas.js";
import { articleVisibility } from "./visibility.js";

const { searchTsv: _tsv, searchText: _text, ...articleColumns } = getTableColumns(articles);

/** An article as services see it: every column but the search representation. */
export type ArticleRow = Omit<typeof articles.$inferSelect, "searchTsv" | "searchText">;

/**
 * The table and the schema describe one article: a field added to one and not the other, or typed
 * differently, fails to compile here (dates are Date in the row, ISO text in the schema; the
 * import's sourceHash is never served).
 */
type Dated = "reviewFlaggedAt" | "createdAt" | "updatedAt" | "publishedAt";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const ROW_MATCHES_SCHEMA: Same<Omit<ArticleRow, Dated | "sourceHash">, Omit<ArticleFields, Dated>> = true;

/**
 * Raw SQL over alias `a` reads an article's id and content through these columns, named as the
 * schema names them; `fromRawArticle` finishes the row (PGlite may return text[] as its literal).
 * Re-index and search select through them, so the column list is written once.
 */
export const rawArticleColumns = sql`a.id, a.title, a.problem, a.root_cause as "rootCause", a.resolution, a.language, a.category, a.product, a.tags`;
export type RawArticleRow = Omit<IndexableArticle, "tags"> & { tags: string[] | string };
export function fromRawArticle<R extends RawArticleRow>(row: R): Omit<R, "tags"> & { tags: string[] } {
  return { ...row, tags: textArray(row.tags) };
}
export type NewArticleRow = typeof articles.$inferInsert;
export type ArticleVersionRow = typeof articleVersions.$inferSelect;

export async function insertArticle(db: Executor, row: NewArticleRow): Promise<ArticleRow> {
  const [created] = await db.insert(articles).values(row).returning(articleColumns);
  if (!created) throw new Error("insert article returned nothing");
  return created;
}

/** The article imported under `externalId`, whatever its state (imports update instead of duplicating). */
export async function findArticleByExternalId(db: Executor, externalId: string): Promise<ArticleRow | undefined> {
  const [row] = await db.select(articleColumns).from(articles).where(eq(articles.externalId, externalId)).limit(1);
  return row;
}

/** Whether `err` (or the driver error drizzle wrapped in it) is a unique violation of `constraint`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name, constraint: c, message } = e as Record<string, unknown>;
    if (code === "23505" && [constraint_name, c, message].some((v) => typeof v === "string" && v.includes(constraint))) return true;
  }
  return false;
}

/** The article if this role may see it; otherwise undefined, exactly as if it did not exist. */
export async function findVisibleArticle(db: Executor, id: string, role: Role): Promise<ArticleRow | undefined> {
  const [row] = await db
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.id, id), articleVisibility(role)))
    .limit(1);
  return row;
}

/** Reads and row-locks an article for the rest of the transaction: edits of one article serialise. */
export async function lockArticle(db: Executor, id: string): Promise<ArticleRow | undefined> {
  const [row] = await db.select(articleColumns).from(articles).where(eq(articles.id, id)).for("update").limit(1);
  return row;
}

export async function updateArticleRow(db: Executor, id: string, set: Partial<NewArticleRow>): Promise<ArticleRow> {
  const [row] = await db.update(articles).set(set).where(eq(articles.id, id)).returning(articleColumns);
  if (!row) throw new Error(`update of article ${id} matched nothing`);
  return row;
}

export interface ArticleListFilter {
  state?: string | undefined;
  visibility?: string | undefined;
  category?: string | undefined;
  product?: string | undefined;
  language?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  /** Return only ids strictly below this one (newest first, keyset pagination). */
  beforeId?: string | undefined;
  limit: number;
}

/** Escapes LIKE wildcards so `q` matches literally. */
function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Articles this role may see, newest first, narrowed by the filters; fetches one extra row to tell if more exist. */
export async function listVisibleArticles(db: Executor, role: Role, f: ArticleListFilter): Promise<ArticleRow[]> {
  const where: SQL[] = [articleVisibility(role)];
  if (f.state) where.push(eq(articles.state, f.state as ArticleRow["state"]));
  if (f.visibility) where.push(eq(articles.visibility, f.visibility as ArticleRow["visibility"]));
  if (f.category) where.push(eq(articles.category, f.category));
  if (f.product) where.push(eq(articles.product, f.product));
  if (f.language) where.push(eq(articles.language, f.language));
  if (f.tag) where.push(arrayContains(articles.tags, [f.tag]));
  if (f.q) where.push(ilike(articles.title, likeContains(f.q)));
  if (f.beforeId) where.push(lt(articles.id, f.beforeId));
  return db
    .select(articleColumns)
    .from(articles)
    .where(and(...where))
    .orderBy(desc(articles.id))
    .limit(f.limit + 1);
}

export async function insertArticleVersion(db: Executor, row: typeof articleVersions.$inferInsert): Promise<void> {
  await db.insert(articleVersions).values(row);
}

export async function listArticleVersions(db: Executor, articleId: string): Promise<ArticleVersionRow[]> {
  return db.select().from(articleVersions).where(eq(articleVersions.articleId, articleId)).orderBy(desc(articleVersions.version));
}

export async function findArticleVersion(db: Executor, articleId: string, version: number): Promise<ArticleVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(articleVersions)
    .where(and(eq(articleVersions.articleId, articleId), eq(articleVersions.version, version)))
    .limit(1);
  return row;
}

export async function insertArticleEvent(db: Executor, row: typeof articleEvents.$inferInsert): Promise<void> {
  await db.insert(articleEvents).values(row);
}

/** Whether the knowledge base has any article at all, in any state. */
export async function hasAnyArticle(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: articles.id }).from(articles).limit(1);
  return row !== undefined;
}

/**
 * An article's full-text representation: the language-aware tsvector (title A, problem B, fix C,
 * tags/category D, accent-folded, plus an unstemmed `simple` copy so codes and product names
 * match in any language) and the folded text for trigram similarity.
 */
export async function writeSearchText(db: Executor, a: { id: string; config: string; title: string; problem: string; fix: string; meta: string }): Promise<void> {
  await db.execute(sql`
    update articles set
      search_tsv =
        setweight(to_tsvector(${a.config}::regconfig, unaccent(${a.title})), 'A') ||
        setweight(to_tsvector(${a.config}::regconfig, unaccent(${a.problem})), 'B') ||
        setweight(to_tsvector(${a.config}::regconfig, unaccent(${a.fix})), 'C') ||
        setweight(to_tsvector('simple', unaccent(${`${a.title} ${a.problem} ${a.meta}`})), 'D'),
      search_text = lower(unaccent(${`${a.title} ${a.problem}`}))
    where id = ${a.id}`);
}

/** The article's passage vector for one embedder, replacing the one it had. */
export async function upsertArticleEmbedding(db: Executor, v: { articleId: string; embedderId: string; embedding: number[]; contentHash: string }): Promise<void> {
  const { embedding, contentHash } = v;
  await db
    .insert(articleEmbeddings)
    .values({ ...v, dims: embedding.length })
    .onConflictDoUpdate({
      target: [articleEmbeddings.articleId, articleEmbeddings.embedderId],
      set: { embedding, dims: embedding.length, contentHash, createdAt: sql`now()` },
    });
}

/**
 * Refreshes the planner's statistics of the article tables after a bulk change (an import, a
 * re-index). A Postgres server's autovacuum would get there on its own schedule; embedded PGlite
 * has no autovacuum, so without this its statistics stay as they were (none, on a new data
 * folder), and search reads them: which query words are common (the full-text ranking budget) and
 * how large the knowledge base is (term coverage counted exactly or kept, deflection/coverage.ts).
 */
export async function analyzeArticleTables(db: Executor): Promise<void> {
  await db.execute(sql`analyze articles, article_embeddings`);
}
