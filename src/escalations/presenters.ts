import type { Executor } from "../db/database.js";
import type { EscalationRow } from "./escalation.types.js";
import { type EscalationEventRow, listEvents } from "./escalations.queries.js";
import { allowedActions } from "./escalations.service.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The ticket's reference, from the handoff written with the escalation (a ticket's reference
 * never changes; migration 0002 added it to escalations opened before references existed).
 */
function ticketReferenceOf(e: EscalationRow): string | null {
  const handoff = e.handoff as { ticketReference?: unknown } | null;
  return typeof handoff?.ticketReference === "string" ? handoff.ticketReference : null;
}

/** The escalation as the API and webhooks show it (dates as ISO strings). */
export function toEscalationDto(e: EscalationRow) {
  return {
    id: e.id,
    ticketId: e.ticketId,
    ticketReference: ticketReferenceOf(e),
    type: e.type,
    reason: e.reason,
    notes: e.notes,
    status: e.status,
    teamId: e.teamId,
    level: e.level,
    assignee: e.assignee,
    matrixVersion: e.matrixVersion,
    ruleId: e.ruleId,
    firstResponseMinutes: e.firstResponseMinutes,
    resolutionMinutes: e.resolutionMinutes,
    slaStartedAt: e.slaStartedAt.toISOString(),
    firstResponseDueAt: iso(e.firstResponseDueAt),
    resolutionDueAt: iso(e.resolutionDueAt),
    acknowledgedAt: iso(e.acknowledgedAt),
    resolvedAt: iso(e.resolvedAt),
    breachedAt: iso(e.breachedAt),
    slaClock: e.slaClock,
    calendarVersion: e.calendarVersion,
    pausedAt: iso(e.pausedAt),
    pausedMinutes: e.pausedMinutes,
    cause: e.cause,
    causeSetBy: e.causeSetBy,
    resolutionArticleId: e.resolutionArticleId,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toEventDto(ev: EscalationEventRow) {
  return {
    id: ev.id,
    kind: ev.kind,
    fromLevel: ev.fromLevel,
    toLevel: ev.toLevel,
    fromTeamId: ev.fromTeamId,
    toTeamId: ev.toTeamId,
    actor: ev.actor,
    detail: ev.detail as Record<string, unknown>,
    createdAt: ev.createdAt.toISOString(),
  };
}

/** Webhook payload for escalation.* events: the escalation plus event-specific fields. */
export function escalationPayload(e: EscalationRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { escalation: toEscalationDto(e), ...extra };
}

/** An escalation with its handoff, its events and what the caller may do next (every lifecycle route answers this). */
export async function toEscalationDetail(db: Executor, esc: EscalationRow) {
  const events = await listEvents(db, esc.id);
  return {
    ...toEscalationDto(esc),
    handoff: (esc.handoff as Record<string, unknown> | null) ?? null,
    events: events.map(toEventDto),
    allowedActions: allowedActions[esc.status],
  };
}
