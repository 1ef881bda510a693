import { z } from "@hono/zod-openapi";
import { escalationStatuses, escalationTypes } from "../db/schema/escalations.js";

export const EscalateTicketSchema = z
  .object({
    reason: z.string().trim().min(3).max(2000),
    type: z.enum(escalationTypes).default("functional"),
    notes: z.string().trim().max(5000).optional().openapi({ description: "What tier 1 already tried" }),
  })
  .strict()
  .openapi("EscalateTicket");

export const AcknowledgeSchema = z
  .object({ assignee: z.string().trim().min(1).max(200).optional(), note: z.string().max(2000).optional() })
  .strict()
  .openapi("AcknowledgeEscalation");

export const ReassignSchema = z
  .object({
    teamId: z.string().min(1).optional(),
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .refine((v) => v.teamId !== undefined || v.assignee !== undefined, { message: "Give teamId and/or assignee" })
  .openapi("ReassignEscalation");

export const EscalateFurtherSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).strict().openapi("EscalateFurther");

export const EscalationSchema = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    ticketReference: z.string().nullable().openapi({ description: "The ticket's customer-facing reference (what the customer quotes)", example: "DF-7K3Q-92" }),
    type: z.enum(escalationTypes),
    reason: z.string(),
    notes: z.string().nullable(),
    status: z.enum(escalationStatuses),
    teamId: z.string().nullable(),
    level: z.number().int(),
    assignee: z.string().nullable(),
    matrixVersion: z.number().int().nullable(),
    ruleId: z.string().nullable(),
    firstResponseMinutes: z.number().int().nullable(),
    resolutionMinutes: z.number().int().nullable(),
    slaStartedAt: z.string(),
    firstResponseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
    resolutionArticleId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Escalation");

export const EscalationEventSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    fromLevel: z.number().int().nullable(),
    toLevel: z.number().int().nullable(),
    fromTeamId: z.string().nullable(),
    toTeamId: z.string().nullable(),
    actor: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi("EscalationEvent");

export const EscalationDetailSchema = EscalationSchema.extend({
  handoff: z.record(z.string(), z.unknown()).nullable().openapi({ description: "Structured handoff summary with a readable `text`" }),
  events: z.array(EscalationEventSchema),
  allowedActions: z.array(z.string()),
}).openapi("EscalationDetail");

export const ListEscalationsQuery = z.object({
  status: z.enum(escalationStatuses).optional(),
  team: z.string().min(1).optional(),
  type: z.enum(escalationTypes).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});
