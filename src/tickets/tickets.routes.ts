import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import {
  CreateTicketSchema,
  TicketIdParamSchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketLookupParamSchema,
  TicketSchema,
  TicketSubmittedSchema,
  TicketWithVerdictSchema,
} from "./tickets.schemas.js";
import { getTicket, listTicketPage, reopenTicket, submitTicket } from "./tickets.service.js";

const createRoute = defineRoute({
  method: "post",
  path: "/v1/tickets",
  operationId: "createTicket",
  tags: ["tickets"],
  summary: "Submit a tier-1 ticket and get its verdict: answer, suggest or escalate",
  roles: AGENT_UP,
  request: { body: jsonBody(CreateTicketSchema) },
  responses: {
    201: jsonContent(TicketSubmittedSchema, "Ticket stored with its verdict (and escalation and customer message when escalated)"),
    200: jsonContent(TicketSubmittedSchema, "Same idempotency key as an earlier request: that ticket, verdict and customer message"),
  },
  errors: {
    409: "IDEMPOTENCY_CONFLICT: the key was used for a different ticket",
    503: "EMBEDDER_BUSY (the query-embedding queue is full) or OVERLOADED (too many requests wait for the embedded database): nothing was written; retry after Retry-After seconds",
  },
});

const getRoute = defineRoute({
  method: "get",
  path: "/v1/tickets/{id}",
  operationId: "getTicket",
  tags: ["tickets"],
  summary: "A ticket with its stored verdict, by internal id or by the customer's reference",
  roles: AGENT_UP,
  request: { params: TicketLookupParamSchema },
  responses: { 200: jsonContent(TicketWithVerdictSchema, "The ticket") },
  errors: { 400: "INVALID_REFERENCE: a reference whose check character does not match (mistyped)", 404: "NOT_FOUND" },
});

const listRoute = defineRoute({
  method: "get",
  path: "/v1/tickets",
  operationId: "listTickets",
  tags: ["tickets"],
  summary: "Tickets, newest first, cursor-paginated",
  roles: AGENT_UP,
  request: { query: TicketListQuerySchema },
  responses: { 200: jsonContent(TicketListSchema, "A page of tickets") },
  errors: { 400: "INVALID_REFERENCE: `ref` is not a well-formed reference or its check character does not match" },
});

const reopenRoute = defineRoute({
  method: "post",
  path: "/v1/tickets/{id}/reopen",
  operationId: "reopenTicket",
  tags: ["tickets"],
  summary: "Mark a ticket re-opened (the answer did not hold)",
  roles: AGENT_UP,
  request: { params: TicketIdParamSchema },
  responses: { 200: jsonContent(TicketSchema, "The re-opened ticket") },
  errors: { 404: "NOT_FOUND" },
});

/** Ticket intake and reads; also mounts the deflection settings (thresholds, signal phrases). */
export function registerTicketRoutes(app: App): void {
  app.openapi(createRoute, async (c) => {
    const { ticket, verdict, replayed, customerMessage } = await submitTicket({ deps: c.var.deps, input: c.req.valid("json"), caller: c.var.caller });
    return c.json({ ticket, verdict, replayed, customerMessage }, replayed ? 200 : 201);
  });
  app.openapi(getRoute, async (c) => c.json(await getTicket({ deps: c.var.deps, id: c.req.valid("param").id }), 200));
  app.openapi(listRoute, async (c) => c.json(await listTicketPage({ deps: c.var.deps, query: c.req.valid("query") }), 200));
  app.openapi(reopenRoute, async (c) => c.json(await reopenTicket({ deps: c.var.deps, id: c.req.valid("param").id }), 200));
}
