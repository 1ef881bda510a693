import { z } from "@hono/zod-openapi";
import { escalationCauses, escalationStatuses, escalationTypes } from "../db/schema/escalations.js";

/** Why a ticket escalated (issue 22), documented once and used by every schema that carries it. */
export const EscalationCauseSchema = z.enum(escalationCauses).openapi("EscalationCause", {
  description:
    "Why the ticket escalated: knowledge_gap (no article fits, or the agent lacked the knowledge), authorisation (the fix needs someone allowed to grant it: approval, refund, credit, exception, an internal fix), sla_breach (recorded on SLA-breach level-up events), customer_demand (the customer asked for a superior, threatened to leave, sue or post reviews, or wrote again and again), conflict (insults or anger), miscommunication, defect.",
});

export const EscalateTicketSchema = z
  .object({
    reason: z.string().trim().min(3).max(2000),
    type: z.enum(escalationTypes).default("functional"),
    notes: z.string().trim().max(5000).optional().openapi({ description: "What tier 1 already tried" }),
    cause: EscalationCauseSchema.optional().openapi({
      description:
        "Why it escalates, if the agent knows (recorded with the agent as causeSetBy). Without it Deflect decides: authorisation when the reason asks for approval, a refund, a credit or an exception (en/cs/fi/pt/de/es) or the verdict's fix is internal, else knowledge_gap.",
    }),
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

export const EscalateFurtherSchema = z
  .object({ reason: z.string().trim().min(3).max(2000) })
  .strict()
  .openapi("EscalateFurther");

export const PauseSchema = z
  .object({
    waitingOn: z.enum(["customer", "third_party"]).openapi({ description: "Whose move it is: the customer's (resumes on their reply) or a third party's" }),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi("PauseEscalation");

export const ResumeSchema = z.object({}).strict().openapi("ResumeEscalation");

export const CustomerReplySchema = z
  .object({ message: z.string().trim().min(1).max(20_000).openapi({ description: "The customer's new message, as received" }) })
  .strict()
  .openapi("CustomerReply");

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
    slaClock: z.enum(["calendar", "business"]).openapi({ description: "calendar: SLA minutes around the clock; business: in the team's working hours" }),
    calendarVersion: z.number().int().nullable().openapi({ description: "The team calendar version the business-hours due times were computed with" }),
    pausedAt: z.string().nullable().openapi({ description: "Set while the SLA clock is paused (waiting on the customer or a third party)" }),
    pausedMinutes: z.number().int().openapi({ description: "Wall-clock minutes spent paused, in total" }),
    cause: EscalationCauseSchema,
    causeSetBy: z.string().nullable().openapi({ description: "Who set the cause: null when Deflect set it automatically, else the agent's key name." }),
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
