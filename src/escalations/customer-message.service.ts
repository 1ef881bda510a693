import type { Executor } from "../db/database.js";
import type { tickets } from "../db/schema/index.js";
import { listTeams } from "../teams/teams.queries.js";
import { type CustomerMessage, customerMessage } from "./customer-message.js";
import { getCurrentMatrix } from "./matrix.queries.js";
import { routeEscalation } from "./routing.js";
import { loadSlaCalendar, scheduleSla } from "./sla.clock.js";
import { teamTimeZone } from "./team-time-zone.js";

/**
 * The message a functional escalation of this ticket gets, opened when the ticket was created:
 * routed through the current matrix on the ticket's own fields and escalating signal kinds (the
 * customer's words), with the same due-time schedule as a real escalation. Matches play no
 * part, so the portal can tell it for an escalated ticket and for one suggested to an agent alike.
 */
export async function functionalMessagePreview(db: Executor, ticket: typeof tickets.$inferSelect, signalKinds: string[]): Promise<CustomerMessage> {
  const [matrix, teams] = await Promise.all([getCurrentMatrix(db), listTeams(db)]);
  const route = routeEscalation(matrix, teams, {
    type: "functional",
    category: ticket.category,
    product: ticket.product,
    priority: ticket.priority,
    language: ticket.language,
    channel: ticket.channel,
    signals: signalKinds,
  });
  // The same schedule createEscalationForTicket computes (business minutes in the team's calendar when the rule says so).
  const calendar = await loadSlaCalendar(db, route.slaClock, route.teamId);
  const { firstResponseDueAt } = scheduleSla(calendar, ticket.createdAt, 0, route.firstResponseMinutes, route.resolutionMinutes);
  const timeZone = await teamTimeZone(db, route.teamId);
  return customerMessage({ language: ticket.language, type: "functional", firstResponseDueAt, timeZone, reference: ticket.reference, now: ticket.createdAt });
}
