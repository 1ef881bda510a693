import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { tickets } from "../db/schema/index.js";
import type { Deps } from "../deps.js";
import type { EscalationDue } from "../deflection/deescalation.js";
import type { DeescalationBrief } from "../deflection/verdict.schemas.js";
import { ConflictError } from "../errors.js";
import { listTeams } from "../teams/teams.queries.js";
import { enqueueWebhookEvent } from "../webhooks/outbox.js";
import { causeFor, type EscalationCause } from "./causes.js";
import { customerMessage } from "./customer-message.js";
import type { EscalationRow } from "./escalation.types.js";
import { getOpenEscalationForTicket, insertEscalation, insertEvent, listEarlierTickets, setTicketEscalated } from "./escalations.queries.js";
import { buildHandoff, type HandoffMatch, type HandoffSignal } from "./handoff.js";
import { getCurrentMatrix } from "./matrix.queries.js";
import { escalationPayload } from "./presenters.js";
import { routeEscalation } from "./routing.js";
import { loadSlaCalendar, scheduleSla } from "./sla.clock.js";
import { teamTimeZone } from "./team-time-zone.js";

export interface CreateEscalationInput {
  ticket: typeof tickets.$inferSelect;
  type: "functional" | "hierarchical";
  reason: string;
  notes?: string;
  signals?: HandoffSignal[];
  matches?: HandoffMatch[];
  createdBy: string;
  /** An agent escalated by hand (not Deflect's verdict, not the portal): decides the automatic cause. */
  manual?: boolean;
  /** The cause the agent chose; recorded with the agent as causeSetBy. Otherwise causeFor decides. */
  cause?: EscalationCause;
  /**
   * The de-escalation brief for this escalation's team and first-response due time (known only
   * once routed), for the handoff; returns null or undefined when the customer is calm.
   */
  deescalation?: (due: EscalationDue) => DeescalationBrief | null | undefined;
}

/**
 * Opens an escalation for a ticket inside the caller's transaction: routes it through the current
 * matrix, sets team, level and SLA due times, and writes the `created` event, the handoff summary
 * and the `escalation.created` outbox rows. All or nothing with the caller's own writes.
 * Throws CONFLICT when the ticket already has an open escalation.
 */
export async function createEscalationForTicket(tx: Executor, deps: Deps, input: CreateEscalationInput): Promise<EscalationRow> {
  const { ticket } = input;
  const existing = await getOpenEscalationForTicket(tx, ticket.id);
  if (existing) {
    throw new ConflictError(`Ticket ${ticket.id} already has an open escalation ${existing.id}`, { escalationId: existing.id, ticketId: ticket.id });
  }
  const [matrix, teams] = await Promise.all([getCurrentMatrix(tx), listTeams(tx)]);
  const signals = input.signals ?? [];
  const route = routeEscalation(matrix, teams, {
    type: input.type,
    category: ticket.category,
    product: ticket.product,
    priority: ticket.priority,
    language: ticket.language,
    channel: ticket.channel,
    signals: signals.map((s) => s.kind),
  });
  const now = deps.clock.now();
  // due times and warnings in the target team's calendar when the rule counts business minutes
  const slaCalendar = await loadSlaCalendar(tx, route.slaClock, route.teamId);
  const sla = scheduleSla(slaCalendar, now, 0, route.firstResponseMinutes, route.resolutionMinutes);
  const { firstResponseDueAt, resolutionDueAt } = sla;
  const deescalation = input.deescalation?.({ type: input.type, teamName: route.teamName, firstResponseDueAt });
  // What the customer is told, from this same due time; the handoff keeps it so the agent sees the promise.
  const timeZone = await teamTimeZone(tx, route.teamId);
  const told = customerMessage({ language: ticket.language, type: input.type, firstResponseDueAt, timeZone, reference: ticket.reference, now });
  const earlier = ticket.customerRef ? await listEarlierTickets(tx, ticket.customerRef, ticket.id) : [];
  const handoff = buildHandoff({
    ticket,
    type: input.type,
    reason: input.reason,
    notes: input.notes,
    signals,
    matches: input.matches ?? [],
    earlier,
    route,
    firstResponseDueAt,
    resolutionDueAt,
    deescalation,
    customerMessage: told,
  });
  const cause = causeFor({ type: input.type, manual: input.manual ?? false, reason: input.reason, verdict: ticket.verdict, agentCause: input.cause });
  const escalation = await insertEscalation(tx, {
    id: newId("escalation"),
    ticketId: ticket.id,
    type: input.type,
    reason: input.reason,
    notes: input.notes ?? null,
    status: "open",
    teamId: route.teamId,
    level: route.level,
    matrixVersion: route.matrixVersion,
    ruleId: route.ruleId,
    firstResponseMinutes: route.firstResponseMinutes,
    resolutionMinutes: route.resolutionMinutes,
    slaStartedAt: now,
    firstResponseDueAt,
    resolutionDueAt,
    slaClock: route.slaClock,
    calendarVersion: slaCalendar.calendarVersion,
    slaCheckpoints: sla.slaCheckpoints,
    handoff,
    cause,
    causeSetBy: input.cause ? input.createdBy : null,
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
  });
  await insertEvent(tx, {
    id: newId("escalationEvent"),
    escalationId: escalation.id,
    kind: "created",
    toLevel: route.level,
    toTeamId: route.teamId,
    actor: input.createdBy,
    detail: { reason: input.reason, cause, manual: input.manual ?? false, ruleId: route.ruleId, matrixVersion: route.matrixVersion, via: route.via, signal: route.signal },
    createdAt: now,
  });
  await setTicketEscalated(tx, ticket.id, now);
  await enqueueWebhookEvent(tx, deps, "escalation.created", escalationPayload(escalation, { handoff }));
  return escalation;
}

/** The facts a de-escalation brief takes from an escalation: type, team (from its handoff) and first-response due time. */
export function escalationDueOf(escalation: EscalationRow): EscalationDue {
  const handoff = escalation.handoff as { routing?: { teamName?: unknown } } | null;
  const teamName = typeof handoff?.routing?.teamName === "string" ? handoff.routing.teamName : null;
  return { type: escalation.type, teamName, firstResponseDueAt: escalation.firstResponseDueAt };
}
