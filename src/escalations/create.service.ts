import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { escalationEvents, tickets } from "../db/schema/index.js";
import type { Deps } from "../deps.js";
import type { EscalationDue } from "../deflection/deescalation.js";
import type { DeescalationBrief } from "../deflection/verdict.schemas.js";
import { ConflictError } from "../errors.js";
import { enqueueWebhookEvent } from "../webhooks/outbox.js";
import { causeFor, type EscalationCause } from "./causes.js";
import { customerMessage } from "./customer-message.js";
import type { EscalationRow } from "./escalation.types.js";
import { getOpenEscalationForTicket, insertEscalation, insertEvent, listEarlierTickets, setTicketEscalated } from "./escalations.queries.js";
import { buildHandoff, type HandoffMatch, type HandoffSignal } from "./handoff.js";
import { escalationPayload } from "./presenters.js";
import { routeWithCalendar } from "./routing-tables.js";
import { scheduleSla } from "./sla.clock.js";

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
  /** The escalation's id when the caller needs it before the write (the ticket path stores it in the verdict). */
  id?: string;
}

/** Everything an escalation writes, decided before the transaction (planEscalation). */
export interface EscalationPlan {
  /** The row as it is inserted: every column set, so nothing is read back. */
  escalation: EscalationRow;
  event: typeof escalationEvents.$inferInsert;
  /** The `escalation.created` webhook payload. */
  payload: object;
}

/**
 * Routes and builds an escalation without writing: the matrix, teams and calendar come from the
 * instance's cache (routeWithCalendar) unless `db` is a transaction, the customer's earlier
 * tickets from `db`. The ticket may not be stored yet (the ticket path writes both at once).
 */
export async function planEscalation(db: Executor, deps: Deps, input: CreateEscalationInput): Promise<EscalationPlan> {
  const { ticket } = input;
  const signals = input.signals ?? [];
  const now = deps.clock.now();
  const inTx = db === deps.database.db ? undefined : db;
  const routeInput = {
    type: input.type,
    category: ticket.category,
    product: ticket.product,
    priority: ticket.priority,
    language: ticket.language,
    channel: ticket.channel,
    signals: signals.map((s) => s.kind),
  };
  const [{ route, slaCalendar, timeZone }, earlier] = await Promise.all([
    routeWithCalendar(deps, routeInput, inTx),
    ticket.customerRef ? listEarlierTickets(db, ticket.customerRef, ticket.id) : Promise.resolve([]),
  ]);
  // due times and warnings in the target team's calendar when the rule counts business minutes
  const sla = scheduleSla(slaCalendar, now, 0, route.firstResponseMinutes, route.resolutionMinutes);
  const { firstResponseDueAt, resolutionDueAt } = sla;
  const deescalation = input.deescalation?.({ type: input.type, teamName: route.teamName, firstResponseDueAt });
  // What the customer is told, from this same due time; the handoff keeps it so the agent sees the promise.
  const told = customerMessage({ language: ticket.language, type: input.type, firstResponseDueAt, timeZone, reference: ticket.reference, now });
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
  const escalation: EscalationRow = {
    id: input.id ?? newId("escalation"),
    ticketId: ticket.id,
    type: input.type,
    reason: input.reason,
    notes: input.notes ?? null,
    status: "open",
    teamId: route.teamId,
    level: route.level,
    assignee: null,
    matrixVersion: route.matrixVersion,
    ruleId: route.ruleId,
    firstResponseMinutes: route.firstResponseMinutes,
    resolutionMinutes: route.resolutionMinutes,
    slaStartedAt: now,
    firstResponseDueAt,
    resolutionDueAt,
    acknowledgedAt: null,
    resolvedAt: null,
    breachedAt: null,
    cause,
    causeSetBy: input.cause ? input.createdBy : null,
    slaClock: route.slaClock,
    calendarVersion: slaCalendar.calendarVersion,
    pausedAt: null,
    pausedMinutes: 0,
    slaConsumedMinutes: 0,
    slaSegmentStartedAt: null,
    slaCheckpoints: sla.slaCheckpoints,
    handoff,
    resolutionArticleId: null,
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
  };
  const event = {
    id: newId("escalationEvent"),
    escalationId: escalation.id,
    kind: "created" as const,
    toLevel: route.level,
    toTeamId: route.teamId,
    actor: input.createdBy,
    detail: { reason: input.reason, cause, manual: input.manual ?? false, ruleId: route.ruleId, matrixVersion: route.matrixVersion, via: route.via, signal: route.signal },
    createdAt: now,
  };
  return { escalation, event, payload: escalationPayload(escalation, { handoff }) };
}

/**
 * Writes a planned escalation in the caller's transaction: the escalation, its `created` event
 * and the `escalation.created` outbox rows. The ticket row must already say it is escalated.
 */
export async function writeEscalation(tx: Executor, deps: Deps, plan: EscalationPlan): Promise<EscalationRow> {
  await insertEscalation(tx, plan.escalation);
  await insertEvent(tx, plan.event);
  await enqueueWebhookEvent(tx, deps, "escalation.created", plan.payload);
  return plan.escalation;
}

/**
 * Opens an escalation for an existing ticket inside the caller's transaction (an agent's or the
 * portal's escalation; a new ticket's own goes through planEscalation + writeEscalation in the
 * ticket path): routes it through the current matrix, sets team, level and SLA due times, and
 * writes the `created` event, the handoff summary and the `escalation.created` outbox rows. All or
 * nothing with the caller's own writes. Throws CONFLICT when the ticket already has an open escalation.
 */
export async function createEscalationForTicket(tx: Executor, deps: Deps, input: CreateEscalationInput): Promise<EscalationRow> {
  const { ticket } = input;
  const existing = await getOpenEscalationForTicket(tx, ticket.id);
  if (existing) {
    throw new ConflictError(`Ticket ${ticket.id} already has an open escalation ${existing.id}`, { escalationId: existing.id, ticketId: ticket.id });
  }
  const plan = await planEscalation(tx, deps, input);
  await setTicketEscalated(tx, ticket.id, plan.escalation.createdAt);
  return writeEscalation(tx, deps, plan);
}

/** The facts a de-escalation brief takes from an escalation: type, team (from its handoff) and first-response due time. */
export function escalationDueOf(escalation: EscalationRow): EscalationDue {
  const handoff = escalation.handoff as { routing?: { teamName?: unknown } } | null;
  const teamName = typeof handoff?.routing?.teamName === "string" ? handoff.routing.teamName : null;
  return { type: escalation.type, teamName, firstResponseDueAt: escalation.firstResponseDueAt };
}
