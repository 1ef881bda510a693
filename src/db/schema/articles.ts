import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, tsvector, updatedAt, vectorAny } from "./columns.js";

export const articleStates = ["draft", "validated", "published", "archived"] as const;
export const visibilities = ["internal", "public"] as const;

export const articles = pgTable(
  "articles",
  {
    id: text().primaryKey(),
    title: text().notNull(),
    problem: text().notNull(),
    rootCause: text().notNull().default(""),
    resolution: text().notNull(),
    language: text().notNull(),
    category: text(),
    product: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    visibility: text({ enum: visibilities }).notNull().default("internal"),
    state: text({ enum: articleStates }).notNull().default("draft"),
    author: text(),
    sourceEscalationId: text(),
    sourceTicketId: text(),
    /** Id in the system it was imported from; re-imports update instead of duplicating. */
    externalId: text(),
    /** Hash of the imported row, so an unchanged re-import is a no-op. */
    sourceHash: text(),
    version: integer().notNull().default(1),
    /** KCS "reuse is review": set when reuse is followed by too many failures. */
    reviewFlaggedAt: tstz(),
    reviewReason: text(),
    /** Language-aware full-text vector, maintained in SQL by articles.queries. */
    searchTsv: tsvector(),
    /** Plain, accent-folded text for trigram similarity. */
    searchText: text().notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: tstz(),
  },
  (t) => [
    index("articles_state_idx").on(t.state, t.visibility),
    index("articles_category_idx").on(t.category),
    uniqueIndex("articles_external_id_key").on(t.externalId),
    index("articles_search_tsv_idx").using("gin", t.searchTsv),
    index("articles_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("articles_tags_idx").using("gin", t.tags),
  ],
);

export const articleVersions = pgTable(
  "article_versions",
  {
    articleId: text()
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    /** The article's editable fields as they were after this version was written. */
    snapshot: jsonb().notNull(),
    changedFields: text().array().notNull(),
    actor: text(),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/**
 * Passage vectors, one row per (article, embedder). Only rows of the active embedder are searched.
 * `contentHash` says which text was embedded, so a stale vector is re-made, never silently kept.
 */
export const articleEmbeddings = pgTable(
  "article_embeddings",
  {
    articleId: text()
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    embedderId: text().notNull(),
    dims: integer().notNull(),
    embedding: vectorAny().notNull(),
    contentHash: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.embedderId] }), index("article_embeddings_embedder_idx").on(t.embedderId)],
);

/** KCS lifecycle events with their evidence: published, validated by reuse, flagged for review… */
export const articleEvents = pgTable(
  "article_events",
  {
    id: text().primaryKey(),
    articleId: text()
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    evidence: jsonb().notNull().default({}),
    actor: text(),
    createdAt: createdAt(),
  },
  (t) => [index("article_events_article_idx").on(t.articleId, t.createdAt)],
);
