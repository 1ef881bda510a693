import { z } from "@hono/zod-openapi";
import { channels, priorities } from "../db/schema/tickets.js";

/** One ticket in the eval tickets format (../shared/eval/<set>/tickets.jsonl); `expected` is optional. */
export const ReplayTicketSchema = z
  .object({
    id: z.string().min(1).max(200),
    lang: z.string().min(2).max(10).optional(),
    channel: z.enum(channels),
    subject: z.string().max(1000).nullish(),
    body: z.string().min(1).max(50_000),
    category: z.string().max(200).nullish(),
    product: z.string().max(200).nullish(),
    priority: z.enum(priorities).optional(),
    customerRef: z.string().max(200).nullish(),
    createdAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "When the ticket came in: projected SLA due times count from here (default: now)", example: "2026-04-03T16:30:00Z" }),
    expected: z
      .object({
        decision: z.enum(["answer", "escalate"]),
        articleId: z.string().nullable().optional(),
        escalation: z.enum(["none", "functional", "hierarchical"]),
      })
      .optional(),
    note: z.string().optional(),
  })
  .openapi("ReplayTicket");

export const ReplayRequestSchema = z
  .object({ tickets: z.array(ReplayTicketSchema).min(1).max(500) })
  .strict()
  .openapi("ReplayRequest");

const share = z.number().min(0).max(1);

export const ReplayReportSchema = z
  .object({
    tickets: z.number().int(),
    matrixVersion: z.number().int().nullable(),
    decisions: z.object({ answer: z.number().int(), suggest: z.number().int(), escalate: z.number().int() }),
    projectedDeflectionRate: share,
    escalationRate: share,
    escalations: z.object({ functional: z.number().int(), hierarchical: z.number().int() }),
    loadByTeam: z.array(
      z.object({
        teamId: z.string().nullable(),
        teamName: z.string().nullable(),
        level: z.number().int(),
        functional: z.number().int(),
        hierarchical: z.number().int(),
        total: z.number().int(),
        share,
      }),
    ),
    loadByLevel: z.array(z.object({ level: z.number().int(), total: z.number().int(), share })),
    byRule: z.array(z.object({ ruleId: z.string(), total: z.number().int() })),
    slaClocks: z.object({ calendar: z.number().int(), business: z.number().int(), businessWithoutCalendar: z.number().int() }).openapi({
      description:
        "Projected escalations by SLA clock: calendar (around the clock), business (in the target team's calendar), and business rules whose team has no calendar (counted around the clock, as live)",
    }),
    projectedSlas: z
      .array(
        z.object({
          ticketId: z.string(),
          ruleId: z.string(),
          teamId: z.string().nullable(),
          teamName: z.string().nullable(),
          level: z.number().int(),
          slaClock: z.enum(["calendar", "business"]),
          calendar: z
            .object({ version: z.number().int(), timeZone: z.string() })
            .nullable()
            .openapi({ description: "The team calendar the due times were computed in; null = around the clock" }),
          startedAt: z.string(),
          firstResponseDueAt: z.string(),
          resolutionDueAt: z.string(),
        }),
      )
      .openapi({
        description:
          "Each projected escalation's SLA due times, computed like the live service (scheduleSla on the target team's current calendar when the rule says clock: business)",
      }),
    agreement: z.object({ labelled: z.number().int(), decision: share, escalationType: share }).nullable(),
    hierarchicalAvoided: z
      .object({
        total: z.number().int(),
        ticketIds: z.array(z.string()),
        byLevel: z.object({ 0: z.number().int(), 1: z.number().int(), 2: z.number().int(), 3: z.number().int() }).openapi({ description: "By frustration level of the verdict" }),
      })
      .openapi({
        description:
          "Tickets the old policy (every escalating anger signal, or frustration level 2 or more, escalated hierarchically) would have sent to a supervisor and the graded policy (level 3, or level 2 where the matrix rule says hierarchicalFromLevel: 2) keeps at tier 1. Tickets whose verdict has no frustration level are not counted.",
      }),
    text: z.string(),
  })
  .openapi("ReplayReport");
