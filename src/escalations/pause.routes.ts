import { z } from "@hono/zod-openapi";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { recordCustomerReply } from "./customer-reply.service.js";
import { CustomerReplySchema, EscalationDetailSchema, PauseSchema, ResumeSchema } from "./escalations.schemas.js";
import { pauseEscalation, resumeEscalation } from "./pause.service.js";
import { toEscalationDetail } from "./presenters.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const tags = ["Escalations"];

const pauseRoute = defineRoute({
  method: "post",
  path: "/v1/escalations/{id}/pause",
  operationId: "pauseEscalation",
  tags,
  summary: "Pause the SLA clock: waiting on the customer or a third party (no warnings or breaches while paused)",
  roles: AGENT_UP,
  request: { params: IdParams, body: jsonBody(PauseSchema) },
  responses: { 200: jsonContent(EscalationDetailSchema, "The paused escalation") },
  errors: { 404: "NOT_FOUND", 409: "INVALID_STATE_TRANSITION (with `allowed`)" },
});

const resumeRoute = defineRoute({
  method: "post",
  path: "/v1/escalations/{id}/resume",
  operationId: "resumeEscalation",
  tags,
  summary: "Restart a paused SLA clock; the due times move later by the working time that passed while paused",
  roles: AGENT_UP,
  request: { params: IdParams, body: jsonBody(ResumeSchema) },
  responses: { 200: jsonContent(EscalationDetailSchema, "The running escalation with its new due times") },
  errors: { 404: "NOT_FOUND", 409: "INVALID_STATE_TRANSITION (with `allowed`)" },
});

/** POST /v1/tickets/{id}/reply: the escalation, and whether the customer's reply resumed its clock. */
export const CustomerReplyResultSchema = EscalationDetailSchema.extend({ resumed: z.boolean() });

const replyRoute = defineRoute({
  method: "post",
  path: "/v1/tickets/{id}/reply",
  operationId: "recordCustomerReply",
  tags,
  summary: "The customer's new message on an escalated ticket; resumes an escalation waiting on the customer",
  roles: AGENT_UP,
  request: { params: IdParams, body: jsonBody(CustomerReplySchema) },
  responses: { 200: jsonContent(CustomerReplyResultSchema, "The escalation, and whether its clock resumed") },
  errors: { 404: "NOT_FOUND", 409: "CONFLICT: the ticket has no open escalation (reopen it instead)" },
});

/** Paused SLA clocks: pause, resume, and the customer's reply that resumes a wait on the customer. */
export function registerPauseRoutes(app: App): void {
  app.openapi(pauseRoute, async (c) => {
    const esc = await pauseEscalation({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, ...c.req.valid("json") } });
    return c.json(await toEscalationDetail(c.var.deps.database.db, esc), 200);
  });
  app.openapi(resumeRoute, async (c) => {
    const esc = await resumeEscalation({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id } });
    return c.json(await toEscalationDetail(c.var.deps.database.db, esc), 200);
  });
  app.openapi(replyRoute, async (c) => {
    const input = { ticketId: c.req.valid("param").id, message: c.req.valid("json").message };
    const { escalation, resumed } = await recordCustomerReply({ deps: c.var.deps, caller: c.var.caller, input });
    return c.json({ ...(await toEscalationDetail(c.var.deps.database.db, escalation)), resumed }, 200);
  });
}
