import { z } from "@hono/zod-openapi";
import { CustomerMessageSchema } from "../escalations/customer-message.schemas.js";
import { isLanguageCode } from "../articles/language-codes.js";
import { channels, decisions, priorities, ticketStatuses } from "../db/schema/index.js";
import { VerdictSchema } from "../deflection/verdict.schemas.js";

/** Longest accepted ticket body: a customer message, not a mailbox export. */
export const MAX_BODY_CHARS = 50_000;

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const CreateTicketSchema = z
  .object({
    subject: z.string().trim().max(1000).nullish(),
    body: z.string().trim().min(1, "must not be empty").max(MAX_BODY_CHARS, `must be at most ${MAX_BODY_CHARS} characters`),
    channel: z.enum(channels),
    customerRef: optionalText(200),
    language: z.string().refine(isLanguageCode, "must be an ISO 639-1 code such as en, cs, fi").optional(),
    category: optionalText(200),
    product: optionalText(200),
    priority: z.enum(priorities).optional(),
    idempotencyKey: optionalText(200).openapi({ description: "Same key → same ticket and verdict, never a duplicate" }),
  })
  .strict()
  .openapi("CreateTicket");
export type CreateTicketInput = z.infer<typeof CreateTicketSchema>;

export const TicketSchema = z
  .object({
    id: z.string().openapi({ description: "Internal id (sortable, unguessable)", example: "tkt_01m8ex8ppafk1rwdtn27x2hj5p" }),
    reference: z.string().openapi({
      description:
        "What the customer quotes: random (says nothing about volume), last character a check symbol. GET /v1/tickets/{id} and ?ref= accept it in any case, hyphens optional.",
      example: "DF-7K3Q-92",
    }),
    subject: z.string().nullable(),
    body: z.string(),
    cleanText: z.string(),
    channel: z.enum(channels),
    customerRef: z.string().nullable(),
    language: z.string().nullable(),
    category: z.string().nullable(),
    product: z.string().nullable(),
    priority: z.enum(priorities),
    source: z.string(),
    status: z.enum(ticketStatuses),
    decision: z.enum(decisions).nullable(),
    confidence: z.number().nullable(),
    topArticleId: z.string().nullable(),
    idempotencyKey: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    reopenedAt: z.string().nullable(),
  })
  .openapi("Ticket");

export const TicketWithVerdictSchema = z.object({ ticket: TicketSchema, verdict: VerdictSchema.nullable(), replayed: z.boolean().optional() }).openapi("TicketWithVerdict");

/** POST /v1/tickets: the ticket and verdict, and what the customer is told when it escalated. */
export const TicketSubmittedSchema = TicketWithVerdictSchema.extend({
  customerMessage: CustomerMessageSchema.nullable().openapi({
    description: "What to tell the customer now that a person has the case (stored with the escalation's handoff); null when the ticket did not escalate",
  }),
}).openapi("TicketSubmitted");

export const TicketListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  status: z.enum(ticketStatuses).optional(),
  decision: z.enum(decisions).optional(),
  channel: z.enum(channels).optional(),
  ref: z.string().max(40).optional().openapi({
    description: "Only the ticket with this reference (any case, hyphens optional); a mistyped one is a 400 INVALID_REFERENCE",
    example: "DF-7K3Q-92",
  }),
});

export const TicketListSchema = z.object({ items: z.array(TicketSchema), nextCursor: z.string().nullable() }).openapi("TicketList");

export const TicketIdParamSchema = z.object({ id: z.string().min(1).max(100) });

/** GET /v1/tickets/{id}: the internal id or the customer's reference. */
export const TicketLookupParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, description: "Internal id (tkt_…) or reference (DF-7K3Q-92, any case, hyphens optional)", example: "DF-7K3Q-92" }),
});
