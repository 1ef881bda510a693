import { EVERYONE } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import {
  PortalArticleParam,
  PortalArticleSchema,
  PortalFeedbackInput,
  PortalReplyInput,
  PortalReplyResultSchema,
  PortalSearchInput,
  PortalSearchResultSchema,
  PortalTicketInput,
  PortalTicketParam,
  PortalTicketResultSchema,
} from "./portal.schemas.js";
import { recordPortalReply } from "./portal.reply.js";
import { readPortalArticle, searchPortal } from "./portal.search.js";
import { recordPortalFeedback, submitPortalTicket } from "./portal.tickets.js";

// Every portal route runs as the caller's role: anonymous visitors are "portal", and a keyed
// caller (an agent testing the portal) still gets the portal's public-only answers below.
const search = defineRoute({
  method: "post",
  path: "/portal/api/search",
  operationId: "portalSearch",
  tags: ["Portal"],
  summary: "Search public, published fixes (no key; rate-limited per address)",
  roles: EVERYONE,
  request: { body: jsonBody(PortalSearchInput) },
  responses: { 200: jsonContent(PortalSearchResultSchema, "Matching public fixes, best first") },
});

const article = defineRoute({
  method: "get",
  path: "/portal/api/articles/{id}",
  operationId: "portalGetArticle",
  tags: ["Portal"],
  summary: "One public, published fix",
  roles: EVERYONE,
  request: { params: PortalArticleParam },
  responses: { 200: jsonContent(PortalArticleSchema, "The fix") },
  errors: { 404: "NOT_FOUND: no such public, published article" },
});

const ticket = defineRoute({
  method: "post",
  path: "/portal/api/tickets",
  operationId: "portalSubmitTicket",
  tags: ["Portal"],
  summary: "Turn the customer's text into a ticket (deflection decides: public fix or an agent)",
  roles: EVERYONE,
  request: { body: jsonBody(PortalTicketInput) },
  responses: { 201: jsonContent(PortalTicketResultSchema, "The reference and, when answered, the public fix") },
  errors: {
    404: "NOT_FOUND: articleId is not a public, published article",
    503: "EMBEDDER_BUSY or OVERLOADED: the service sheds load; nothing was written; retry after Retry-After seconds",
  },
});

const feedback = defineRoute({
  method: "post",
  path: "/portal/api/tickets/{id}/feedback",
  operationId: "portalTicketFeedback",
  tags: ["Portal"],
  summary: "Did the offered fix solve it? No = the ticket goes on to an agent",
  roles: EVERYONE,
  request: { params: PortalTicketParam, body: jsonBody(PortalFeedbackInput) },
  responses: { 200: jsonContent(PortalTicketResultSchema, "Resolved, or escalated with its reference") },
  errors: { 404: "NOT_FOUND: no such portal ticket or public article" },
});

const reply = defineRoute({
  method: "post",
  path: "/portal/api/tickets/{id}/reply",
  operationId: "portalTicketReply",
  tags: ["Portal"],
  summary: "The customer answers what the agent asked: stored on the ticket, and the SLA clock paused on the customer resumes",
  description:
    "Keyed by the ticket id returned when the ticket was submitted (not the reference). The message is recorded like POST /v1/tickets/{id}/reply and the escalation waiting on the customer goes back to the agent (acknowledged or open), its due times moved by the working time that passed while paused.",
  roles: EVERYONE,
  request: { params: PortalTicketParam, body: jsonBody(PortalReplyInput) },
  responses: { 200: jsonContent(PortalReplyResultSchema, "Received: the case is the agent's again") },
  errors: {
    404: "NOT_FOUND: no such portal ticket",
    409: "CONFLICT: nothing on this ticket is waiting on the customer's reply (nothing was recorded)",
  },
});

export function registerPortalApiRoutes(app: App): void {
  app.openapi(search, async (c) => c.json({ results: await searchPortal({ deps: c.var.deps, input: c.req.valid("json") }) }, 200));
  app.openapi(article, async (c) => c.json(await readPortalArticle({ deps: c.var.deps, id: c.req.valid("param").id }), 200));
  app.openapi(ticket, async (c) => c.json(await submitPortalTicket({ deps: c.var.deps, input: c.req.valid("json") }), 201));
  app.openapi(feedback, async (c) => c.json(await recordPortalFeedback({ deps: c.var.deps, input: { ticketId: c.req.valid("param").id, ...c.req.valid("json") } }), 200));
  app.openapi(reply, async (c) => c.json(await recordPortalReply({ deps: c.var.deps, input: { ticketId: c.req.valid("param").id, body: c.req.valid("json").body } }), 200));
}
