import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns.js";

export const roles = ["agent", "expert", "admin"] as const;

/** API keys: only a SHA-256 of the secret is stored; the secret is shown once at creation. */
export const apiKeys = pgTable("api_keys", {
  id: text().primaryKey(),
  name: text().notNull(),
  role: text({ enum: roles }).notNull(),
  /** First characters of the key, for recognising it in lists. */
  prefix: text().notNull(),
  hash: text().notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: tstz(),
  revokedAt: tstz(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: text().primaryKey(),
    actor: text().notNull(),
    role: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    detail: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

/** Runtime settings (thresholds, active embedder, re-index progress…), each a JSON value. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedBy: text(),
  updatedAt: updatedAt(),
});

/**
 * One row: the version of everything instances cache from the database (settings, signal phrases,
 * de-escalation templates, the escalation matrix, teams and their calendars). Triggers on those
 * tables set it to the writing transaction's id (migration 0006), so it changes in the same
 * transaction as the data: a replica that reads the same value may keep what it cached.
 */
export const settingsVersion = pgTable("settings_version", {
  id: integer().primaryKey(),
  version: bigint({ mode: "number" }).notNull(),
});

/** Escalation-signal phrases per language; the detector reads these, not hard-coded lists. */
export const signalPhrases = pgTable(
  "signal_phrases",
  {
    id: text().primaryKey(),
    language: text().notNull(),
    /** anger | insult | churn | review | legal | manager */
    kind: text().notNull(),
    phrase: text().notNull(),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("signal_phrases_lang_idx").on(t.language)],
);

/** Fixed-window request counters, so limits hold across replicas without state outside Postgres. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text().notNull(),
    windowStart: tstz().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/** Durable background jobs (re-index, imports…), claimed with FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  "jobs",
  {
    id: text().primaryKey(),
    kind: text().notNull(),
    payload: jsonb().notNull().default({}),
    status: text().notNull().default("pending"),
    runAt: tstz().notNull().defaultNow(),
    lockedUntil: tstz(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("jobs_pending_idx").on(t.status, t.runAt)],
);

export const webhookSubscriptions = pgTable("webhook_subscriptions", {
  id: text().primaryKey(),
  url: text().notNull(),
  events: text().array().notNull(),
  secret: text().notNull(),
  active: boolean().notNull().default(true),
  description: text(),
  createdAt: createdAt(),
});

/** The webhook outbox: written in the same transaction as the event, delivered with retries. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    subscriptionId: text()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    event: text().notNull(),
    payload: jsonb().notNull(),
    status: text().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    lockedUntil: tstz(),
    lastStatus: integer(),
    lastError: text(),
    deliveredAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);

export const imports = pgTable("imports", {
  id: text().primaryKey(),
  /** Identifies the input (file path + content hash) so a rerun resumes the same import. */
  sourceKey: text(),
  format: text().notNull(),
  status: text().notNull().default("running"),
  publish: boolean().notNull().default(false),
  dryRun: boolean().notNull().default(false),
  /** Last input line fully committed; a resumed import starts after it. */
  lastLine: integer().notNull().default(0),
  read: integer().notNull().default(0),
  created: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  skipped: integer().notNull().default(0),
  failed: integer().notNull().default(0),
  errors: jsonb().notNull().default([]),
  nearDuplicates: jsonb().notNull().default([]),
  createdBy: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  finishedAt: tstz(),
});
