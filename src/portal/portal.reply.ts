import type { Deps } from "../deps.js";
import { NotFoundError } from "../errors.js";
import { recordCustomerReply } from "../escalations/customer-reply.service.js";
import type { Caller } from "../caller.js";
import { getPortalTicket } from "./portal.queries.js";
import type { PortalReplyResult } from "./portal.schemas.js";

const PORTAL: Pick<Caller, "name" | "role"> = { role: "portal", name: "portal" };

/**
 * The customer answers from the portal the question an agent is waiting on: stored like an
 * agent-recorded reply (recordCustomerReply) and the paused SLA clock resumes. Only the
 * unguessable ticket id of a portal ticket opens it (never the short reference, never a ticket
 * from another channel: those are a plain 404). 409 when nothing waits on the customer, and then
 * nothing is written.
 */
export async function recordPortalReply({ deps, input }: { deps: Pick<Deps, "database" | "clock">; input: { ticketId: string; body: string } }): Promise<PortalReplyResult> {
  const ticket = await getPortalTicket(deps.database.db, input.ticketId);
  if (!ticket) throw new NotFoundError("ticket", input.ticketId);
  await recordCustomerReply({ deps, caller: PORTAL, input: { ticketId: ticket.id, message: input.body, onlyWhenWaiting: true } });
  return { ticketId: ticket.id, reference: ticket.reference, status: "received" };
}
