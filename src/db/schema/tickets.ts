import { index, jsonb, pgTable, real, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt, vectorAny } from "./columns.js";

export const channels = ["email", "chat", "phone", "portal", "social", "api"] as const;
export const priorities = ["low", "normal", "high", "urgent"] as const;
export const decisions = ["answer", "suggest", "escalate"] as const;
export const ticketStatuses = ["open", "answered", "suggested", "escalated", "resolved", "reopened"] as const;

export const tickets = pgTable(
  "tickets",
  {
    id: text().primaryKey(),
    /** Caller-chosen key: the same key returns the same ticket and verdict, never a duplicate. */
    idempotencyKey: text(),
    subject: text(),
    /** The customer's text exactly as received. */
    body: text().notNull(),
    /** The text matched: greetings, signatures, disclaimers and quoted history removed. */
    cleanText: text().notNull(),
    channel: text({ enum: channels }).notNull(),
    customerRef: text(),
    language: text(),
    category: text(),
    product: text(),
    priority: text({ enum: priorities }).notNull().default("normal"),
    /** Where it came from: the API, the self-service portal, an agent. */
    source: text().notNull().default("api"),
    status: text({ enum: ticketStatuses }).notNull().default("open"),
    decision: text({ enum: decisions }),
    confidence: real(),
    topArticleId: text(),
    /** The verdict as returned, so an idempotent replay answers identically. */
    verdict: jsonb(),
    /** Query vector of the cleaned text, kept for content-gap clustering. */
    embedderId: text(),
    embedding: vectorAny(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    firstResponseAt: tstz(),
    resolvedAt: tstz(),
    reopenedAt: tstz(),
  },
  (t) => [
    uniqueIndex("tickets_idempotency_key").on(t.idempotencyKey),
    index("tickets_created_idx").on(t.createdAt),
    index("tickets_customer_idx").on(t.customerRef, t.createdAt),
    index("tickets_top_article_idx").on(t.topArticleId),
  ],
);

export const feedbackOutcomes = ["resolved", "not_resolved"] as const;

export const feedbackEvents = pgTable(
  "feedback_events",
  {
    id: text().primaryKey(),
    ticketId: text()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    articleId: text(),
    outcome: text({ enum: feedbackOutcomes }).notNull(),
    /** agent | portal | system (system = inferred from a later escalation or re-open). */
    source: text().notNull(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [index("feedback_ticket_idx").on(t.ticketId), index("feedback_article_idx").on(t.articleId, t.createdAt)],
);
