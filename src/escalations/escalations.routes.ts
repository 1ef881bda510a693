import { z } from "@hono/zod-openapi";
import { NotFoundError } from "../errors.js";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import {
  AcknowledgeSchema,
  EscalateFurtherSchema,
  EscalateTicketSchema,
  EscalationDetailSchema,
  EscalationSchema,
  ListEscalationsQuery,
  ReassignSchema,
} from "./escalations.schemas.js";
import { getEscalation, listEscalations } from "./escalations.queries.js";
import { acknowledgeEscalation, escalateFurther, reassignEscalation } from "./escalations.service.js";
import { toEscalationDetail, toEscalationDto } from "./presenters.js";
import { escalateTicket } from "./ticket-escalate.service.js";
import { CustomerMessageSchema, storedCustomerMessage } from "./customer-message.schemas.js";

/** The manual escalation's answer: the escalation, and the customer's message stored in its handoff. */
export const TicketEscalatedSchema = EscalationDetailSchema.extend({ customerMessage: CustomerMessageSchema.nullable() }).openapi("TicketEscalated");

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const tags = ["Escalations"];

/** GET /v1/escalations */
export const EscalationPageSchema = z.object({ escalations: z.array(EscalationSchema), nextCursor: z.string().nullable() });
const transition = "INVALID_STATE_TRANSITION (with `allowed`)";

const escalateTicketRoute = defineRoute({
  method: "post",
  path: "/v1/tickets/{id}/escalate",
  operationId: "escalateTicket",
  tags,
  summary: "Escalate a ticket by hand (routed through the matrix, with a handoff summary)",
  roles: AGENT_UP,
  request: { params: IdParams, body: jsonBody(EscalateTicketSchema) },
  responses: { 201: jsonContent(TicketEscalatedSchema, "Escalation opened, with what to tell the customer") },
  errors: { 404: "NOT_FOUND", 409: "CONFLICT: the ticket already has an open escalation (`escalationId`)" },
});

const listRoute = defineRoute({
  method: "get",
  path: "/v1/escalations",
  operationId: "listEscalations",
  tags,
  summary: "Escalations, newest first (filters: status, team, type; cursor paging)",
  roles: AGENT_UP,
  request: { query: ListEscalationsQuery },
  responses: { 200: jsonContent(EscalationPageSchema, "A page") },
});

const getRoute = defineRoute({
  method: "get",
  path: "/v1/escalations/{id}",
  operationId: "getEscalation",
  tags,
  summary: "One escalation with its handoff summary and event history",
  roles: AGENT_UP,
  request: { params: IdParams },
  responses: { 200: jsonContent(EscalationDetailSchema, "The escalation") },
  errors: { 404: "NOT_FOUND" },
});

const action = <S extends z.ZodType>(name: string, operationId: string, summary: string, schema: S, extra409 = "") =>
  defineRoute({
    method: "post",
    path: `/v1/escalations/{id}/${name}`,
    operationId,
    tags,
    summary,
    roles: AGENT_UP,
    request: { params: IdParams, body: jsonBody(schema) },
    responses: { 200: jsonContent(EscalationDetailSchema, "Updated escalation") },
    errors: { 404: "NOT_FOUND", 409: `${transition}${extra409}` },
  });

const ackRoute = action("acknowledge", "acknowledgeEscalation", "First response: open → acknowledged", AcknowledgeSchema);
const reassignRoute = action("reassign", "reassignEscalation", "Hand to another team and/or assignee (400 UNKNOWN_TEAMS)", ReassignSchema);
const escalateRoute = action("escalate", "escalateFurther", "One level up the team's path; restarts the SLA clock", EscalateFurtherSchema, "; TOP_OF_PATH");

/** Escalation lifecycle routes; resolve lives with the knowledge capture (articles/capture.routes). */
export function registerEscalationRoutes(app: App): void {
  app.openapi(escalateTicketRoute, async (c) => {
    const body = c.req.valid("json");
    const esc = await escalateTicket({ deps: c.var.deps, caller: c.var.caller, input: { ticketId: c.req.valid("param").id, ...body } });
    return c.json({ ...(await toEscalationDetail(c.var.deps.database.db, esc)), customerMessage: storedCustomerMessage(esc.handoff) }, 201);
  });
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid("query");
    const rows = await listEscalations(c.var.deps.database.db, { status: q.status, teamId: q.team, type: q.type, before: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return c.json({ escalations: page.map(toEscalationDto), nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const esc = await getEscalation(c.var.deps.database.db, id);
    if (!esc) throw new NotFoundError("escalation", id);
    return c.json(await toEscalationDetail(c.var.deps.database.db, esc), 200);
  });
  app.openapi(ackRoute, async (c) => {
    const esc = await acknowledgeEscalation({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, ...c.req.valid("json") } });
    return c.json(await toEscalationDetail(c.var.deps.database.db, esc), 200);
  });
  app.openapi(reassignRoute, async (c) => {
    const esc = await reassignEscalation({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, ...c.req.valid("json") } });
    return c.json(await toEscalationDetail(c.var.deps.database.db, esc), 200);
  });
  app.openapi(escalateRoute, async (c) => {
    const esc = await escalateFurther({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, ...c.req.valid("json") } });
    return c.json(await toEscalationDetail(c.var.deps.database.db, esc), 200);
  });
}
