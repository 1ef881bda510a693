import type { tickets } from "../db/schema/index.js";
import type { Deps } from "../deps.js";
import { type CustomerMessage, customerMessage } from "./customer-message.js";
import { routeWithCalendar } from "./routing-tables.js";
import { scheduleSla } from "./sla.clock.js";

/**
 * The message a functional escalation of this ticket gets, opened when the ticket was created:
 * routed through the current matrix on the ticket's own fields and escalating signal kinds (the
 * customer's words), with the same due-time schedule as a real escalation. Matches play no
 * part, so the portal can tell it for an escalated ticket and for one suggested to an agent alike.
 */
export async function functionalMessagePreview(
  deps: Pick<Deps, "database" | "clock" | "config">,
  ticket: Pick<typeof tickets.$inferSelect, "category" | "product" | "priority" | "language" | "channel" | "createdAt" | "reference">,
  signalKinds: string[],
): Promise<CustomerMessage> {
  const { route, slaCalendar, timeZone } = await routeWithCalendar(deps, {
    type: "functional",
    category: ticket.category,
    product: ticket.product,
    priority: ticket.priority,
    language: ticket.language,
    channel: ticket.channel,
    signals: signalKinds,
  });
  // The same schedule an escalation computes (business minutes in the team's calendar when the rule says so).
  const { firstResponseDueAt } = scheduleSla(slaCalendar, ticket.createdAt, 0, route.firstResponseMinutes, route.resolutionMinutes);
  return customerMessage({ language: ticket.language, type: "functional", firstResponseDueAt, timeZone, reference: ticket.reference, now: ticket.createdAt });
}
