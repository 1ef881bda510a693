import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns.js";
import { tickets } from "./tickets.js";

export const escalationTypes = ["functional", "hierarchical"] as const;
export const escalationStatuses = ["open", "acknowledged", "waiting_customer", "waiting_third_party", "resolved"] as const;
/** Why tickets escalate, as support teams train for it (issue 22). */
export const escalationCauses = ["knowledge_gap", "authorisation", "sla_breach", "customer_demand", "conflict", "miscommunication", "defect"] as const;
/** SLA minutes counted around the clock, or only in the team's business hours. */
export const slaClocks = ["calendar", "business"] as const;

/** Teams are the nodes of the escalation path; `escalatesToTeamId` is the next level up. */
export const teams = pgTable("teams", {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  skills: text().array().notNull().default(sql`'{}'::text[]`),
  /** 1 = tier 1, 2 = tier 2, …; supervisors and managers sit above the tiers. */
  level: integer().notNull(),
  levelName: text().notNull(),
  escalatesToTeamId: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * A team's working time: time zone, weekly hours and holidays, one row per version (the highest is
 * in force; an escalation records the version its due times were computed with).
 */
export const teamCalendars = pgTable(
  "team_calendars",
  {
    id: text().primaryKey(),
    teamId: text()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    /** IANA name, e.g. Europe/Prague. */
    timeZone: text().notNull(),
    /** Working intervals per ISO weekday (1 = Monday … 7 = Sunday), local "HH:MM" times. */
    week: jsonb().notNull(),
    /** Local dates (YYYY-MM-DD) with no working time, with optional names. */
    holidays: jsonb().notNull().default([]),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("team_calendars_team_version").on(t.teamId, t.version)],
);

/** The escalation matrix is one validated document per version; the highest version is in force. */
export const escalationMatrices = pgTable("escalation_matrices", {
  version: serial().primaryKey(),
  rules: jsonb().notNull(),
  createdBy: text(),
  createdAt: createdAt(),
});

export const escalations = pgTable(
  "escalations",
  {
    id: text().primaryKey(),
    ticketId: text()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    type: text({ enum: escalationTypes }).notNull(),
    reason: text().notNull(),
    notes: text(),
    status: text({ enum: escalationStatuses }).notNull().default("open"),
    teamId: text(),
    level: integer().notNull().default(1),
    assignee: text(),
    matrixVersion: integer(),
    ruleId: text(),
    firstResponseMinutes: integer(),
    resolutionMinutes: integer(),
    /** When the current level's SLA clock started (reset when it moves up a level). */
    slaStartedAt: tstz().notNull().defaultNow(),
    firstResponseDueAt: tstz(),
    resolutionDueAt: tstz(),
    acknowledgedAt: tstz(),
    resolvedAt: tstz(),
    breachedAt: tstz(),
    /** Why it escalated (escalationCauses); set automatically where Deflect knows, corrected by agents. */
    cause: text({ enum: escalationCauses }).notNull().default("knowledge_gap"),
    /** Who set the cause: null = automatically, else the agent's name. */
    causeSetBy: text(),
    /** How the SLA minutes are counted: around the clock, or in the team's business hours. */
    slaClock: text({ enum: slaClocks }).notNull().default("calendar"),
    /** The team calendar version the business-hours due times were computed with. */
    calendarVersion: integer(),
    /** Set while the clock is paused (waiting on the customer or a third party). */
    pausedAt: tstz(),
    /** Wall-clock minutes spent paused, in total (reported). */
    pausedMinutes: integer().notNull().default(0),
    /** SLA minutes (in the escalation's clock) already used before the running segment began. */
    slaConsumedMinutes: integer().notNull().default(0),
    /** When the running segment of the SLA clock began (after the last resume); null = slaStartedAt. */
    slaSegmentStartedAt: tstz(),
    /**
     * The instants of the running SLA's checkpoints ([{ timer, percent, dueAt }], 50/75/100 % of
     * each timer), computed in the team's calendar when the clock starts or resumes; the sweep
     * claims rows by them. Null on rows written before migration 0005 (computed in SQL as before).
     */
    slaCheckpoints: jsonb(),
    /** Structured handoff summary (gist, signals, rejected articles, history, due times). */
    handoff: jsonb(),
    resolutionArticleId: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("escalations_status_idx").on(t.status, t.resolutionDueAt),
    index("escalations_team_idx").on(t.teamId, t.status),
    index("escalations_ticket_idx").on(t.ticketId),
    uniqueIndex("escalations_one_open_per_ticket").on(t.ticketId).where(sql`status <> 'resolved'`),
  ],
);

export const escalationEvents = pgTable(
  "escalation_events",
  {
    id: text().primaryKey(),
    escalationId: text()
      .notNull()
      .references(() => escalations.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    /**
     * Dedup key for timer events (e.g. `sla_warning:first_response:50:L2`): the unique index makes
     * a second sweeper's insert a no-op, so a timer never fires twice.
     */
    dedupKey: text(),
    fromLevel: integer(),
    toLevel: integer(),
    fromTeamId: text(),
    toTeamId: text(),
    actor: text(),
    detail: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("escalation_events_escalation_idx").on(t.escalationId, t.createdAt), uniqueIndex("escalation_events_dedup_key").on(t.escalationId, t.dedupKey)],
);
