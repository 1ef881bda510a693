import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import type { EscalationRow } from "./escalation.types.js";
import { getOpenEscalationForTicket, insertEvent, lockEscalation, lockTicket } from "./escalations.queries.js";
import { resumeLocked } from "./pause.service.js";

type Ctx = { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role"> };

/**
 * The customer's new message on an escalated ticket (recorded by the agent who received it, or
 * sent by the customer from the portal): a `customer_reply` event on the open escalation; an
 * escalation waiting on the customer resumes, since the next step is ours again. 409 when the
 * ticket has no open escalation. With `onlyWhenWaiting` (the portal, where the customer has no
 * other way to reach an open case) anything but a wait on the customer is a 409 and nothing is
 * written; the check and the write share the row lock, so a concurrent resume cannot slip between.
 */
export async function recordCustomerReply({
  deps,
  caller,
  input,
}: Ctx & { input: { ticketId: string; message: string; onlyWhenWaiting?: boolean } }): Promise<{ escalation: EscalationRow; resumed: boolean }> {
  return deps.database.db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId);
    if (!ticket) throw new NotFoundError("ticket", input.ticketId);
    const open = await getOpenEscalationForTicket(tx, ticket.id);
    const esc = open ? await lockEscalation(tx, open.id) : undefined;
    if (input.onlyWhenWaiting && esc?.status !== "waiting_customer") {
      throw new ConflictError(`Nothing on ticket ${ticket.id} is waiting on the customer's reply`, { ticketId: ticket.id, waitingOnCustomer: false });
    }
    if (!esc) {
      throw new ConflictError(`Ticket ${ticket.id} has no open escalation; a reply on a deflected ticket is a reopen (POST /v1/tickets/{id}/reopen)`, {
        ticketId: ticket.id,
      });
    }
    const now = deps.clock.now();
    await insertEvent(tx, {
      id: newId("escalationEvent"),
      escalationId: esc.id,
      kind: "customer_reply",
      actor: caller.name,
      detail: { message: input.message },
      createdAt: now,
    });
    if (esc.status !== "waiting_customer") return { escalation: esc, resumed: false };
    return { escalation: await resumeLocked(tx, now, esc, caller.name, "customer_reply"), resumed: true };
  });
}
