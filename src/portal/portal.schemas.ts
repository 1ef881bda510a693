import { z } from "@hono/zod-openapi";
import { ArticleFieldsSchema } from "../articles/articles.schemas.js";
import { isLanguageCode } from "../articles/language-codes.js";
import { CustomerMessageSchema } from "../escalations/customer-message.schemas.js";

/** A customer's message: long enough for a real description, bounded against abuse. */
export const MAX_BODY_CHARS = 5000;
export const MAX_QUERY_CHARS = 500;

const language = z.string().trim().toLowerCase().refine(isLanguageCode, "must be an ISO 639-1 code such as en, cs, fi, pt");

export const PortalSearchInput = z
  .object({
    query: z.string().trim().min(2).max(MAX_QUERY_CHARS).openapi({ example: "I can't log in after resetting my password" }),
    language: language.optional().openapi({ description: "Only fixes written in this language" }),
  })
  .strict()
  .openapi("PortalSearchInput");

export const PortalHitSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    snippet: z.string().openapi({ description: "Excerpt; matched words are between « and »" }),
    language: z.string(),
  })
  .openapi("PortalHit");

export const PortalSearchResultSchema = z.object({ results: z.array(PortalHitSchema) }).openapi("PortalSearchResult");

export const PortalArticleSchema = ArticleFieldsSchema.pick({
  id: true,
  title: true,
  problem: true,
  rootCause: true,
  resolution: true,
  language: true,
  updatedAt: true,
}).openapi("PortalArticle");

export const PortalArticleParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "art_01jq3v7m8xe2n0c1d6k9t4w5ab" }),
});

export const PortalTicketInput = z
  .object({
    subject: z.string().trim().min(1).max(200).optional(),
    body: z.string().trim().min(1).max(MAX_BODY_CHARS),
    email: z.email().max(254).optional().openapi({ description: "Where the agent can reply; stored as the customer reference" }),
    customerRef: z.string().trim().min(1).max(200).optional(),
    language: language.optional(),
    articleId: z.string().min(1).max(100).optional().openapi({ description: "The public fix the customer already tried" }),
    helped: z.boolean().optional().openapi({ description: "With articleId: whether that fix solved it" }),
  })
  .strict()
  .refine((v) => v.helped === undefined || v.articleId !== undefined, { message: "helped needs articleId", path: ["helped"] })
  .openapi("PortalTicketInput");

export const PortalFixSchema = PortalArticleSchema.omit({ updatedAt: true }).openapi("PortalFix");

export const PortalTicketResultSchema = z
  .object({
    ticketId: z.string().openapi({ description: "Internal id: the key for this ticket's feedback calls (keep it, do not show it)" }),
    reference: z.string().openapi({ description: "What the customer quotes to support (agents find the ticket by it)", example: "DF-7K3Q-92" }),
    status: z.enum(["answered", "resolved", "escalated", "received"]).openapi({
      description:
        "answered: a public fix is offered (ask for feedback); received: an agent takes it (whether deflection suggested a fix to the agent or escalated is not said: it may depend on unpublished articles); resolved: the customer said a fix helped; escalated: the customer said a fix did not help, an agent takes over",
    }),
    fixes: z.array(PortalFixSchema),
    customerMessage: z.string().optional().openapi({
      description:
        "When a person takes over (received, escalated) and the customer's words show frustration: an acknowledgement, who has the case and when, in the customer's language (curated de-escalation templates, no internal detail). Absent otherwise",
      example: "We understand how frustrating this is, and we're sorry. A specialist now has your case and will get back to you by Wednesday, 10:30 AM UTC.",
    }),
    handoverMessage: CustomerMessageSchema.optional().openapi({
      description:
        "Whenever a person takes over (received, escalated): a specialist or a supervisor has the case, the first-response time on the team's clock and the reference, in the customer's language (else English). For received, the time is the one a functional escalation of this ticket gets unless the customer's own words escalated it to a supervisor, so it never reveals whether unpublished articles matched. Absent for answered and resolved",
    }),
  })
  .openapi("PortalTicketResult");

export const PortalFeedbackInput = z
  .object({ articleId: z.string().min(1).max(100), helped: z.boolean() })
  .strict()
  .openapi("PortalFeedbackInput");

export const PortalTicketParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "tkt_01jq3v7m8xe2n0c1d6k9t4w5ab" }),
});

export const PortalReplyInput = z
  .object({
    body: z.string().trim().min(1).max(MAX_BODY_CHARS).openapi({ description: "The customer's answer to what the agent asked", example: "The invoice number is 2026-0412." }),
  })
  .strict()
  .openapi("PortalReplyInput");

export const PortalReplyResultSchema = z
  .object({
    ticketId: z.string(),
    reference: z.string().openapi({ example: "DF-7K3Q-92" }),
    status: z.literal("received").openapi({ description: "The agent has the answer; the case is theirs again" }),
  })
  .openapi("PortalReplyResult");

export type PortalReplyResult = z.infer<typeof PortalReplyResultSchema>;
export type PortalTicketResult = z.infer<typeof PortalTicketResultSchema>;
export type PortalFix = z.infer<typeof PortalFixSchema>;
