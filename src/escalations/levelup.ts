import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { getTeam } from "../teams/teams.queries.js";
import type { EscalationRow } from "./escalation.types.js";
import { insertEvent, updateEscalation } from "./escalations.queries.js";
import type { Handoff } from "./handoff.js";
import { handoffText } from "./handoff.js";
import { getCurrentMatrix } from "./matrix.queries.js";
import { loadSlaCalendar, scheduleSla } from "./sla.clock.js";

export interface LevelUp {
  actor: string;
  reason: string;
  trigger: "manual" | "sla_breach";
  /** Extra detail recorded on the event (which timer breached…). */
  detail?: Record<string, unknown>;
}

/**
 * Moves an escalation one level up its team's path (team.escalatesToTeamId) and restarts the SLA
 * clock with the new level's SLA (matrix `levels`, else the current minutes). The new team has
 * not acknowledged yet, so the status goes back to open. Answers null at the top of the path.
 * The caller holds the row lock.
 */
export async function moveUpOneLevel(tx: Executor, deps: Pick<Deps, "clock">, esc: EscalationRow, up: LevelUp): Promise<EscalationRow | null> {
  const current = esc.teamId ? await getTeam(tx, esc.teamId) : undefined;
  const next = current?.escalatesToTeamId ? await getTeam(tx, current.escalatesToTeamId) : undefined;
  if (!next) return null;
  const matrix = await getCurrentMatrix(tx);
  const levelSla = matrix.levels.find((l) => l.level === next.level);
  const fr = levelSla?.firstResponseMinutes ?? esc.firstResponseMinutes ?? 60;
  const res = levelSla?.resolutionMinutes ?? esc.resolutionMinutes ?? 480;
  const now = deps.clock.now();
  // the new level's clock counts in the new team's calendar (the level's clock, else the rule's)
  const slaCalendar = await loadSlaCalendar(tx, levelSla?.clock ?? esc.slaClock, next.id);
  const sla = scheduleSla(slaCalendar, now, 0, fr, res);
  const { firstResponseDueAt, resolutionDueAt } = sla;
  const pausedFor = esc.pausedAt ? Math.round((now.getTime() - esc.pausedAt.getTime()) / 60_000) : 0;
  const handoff = esc.handoff as Handoff | null;
  let nextHandoff: Handoff | null = null;
  if (handoff) {
    const { text: _old, ...rest } = handoff;
    const updated = {
      ...rest,
      routing: { ...rest.routing, teamId: next.id, teamName: next.name, level: next.level, levelName: next.levelName },
      sla: { firstResponseDueAt: firstResponseDueAt.toISOString(), resolutionDueAt: resolutionDueAt.toISOString(), firstResponseMinutes: fr, resolutionMinutes: res },
    };
    nextHandoff = { ...updated, text: `${handoffText(updated)}\nMoved up from ${current?.name ?? `level ${esc.level}`}: ${up.reason}` };
  }
  const row = await updateEscalation(tx, esc.id, {
    teamId: next.id,
    level: next.level,
    status: "open",
    assignee: null,
    acknowledgedAt: null,
    firstResponseMinutes: fr,
    resolutionMinutes: res,
    slaStartedAt: now,
    firstResponseDueAt,
    resolutionDueAt,
    slaClock: slaCalendar.slaClock,
    calendarVersion: slaCalendar.calendarVersion,
    slaCheckpoints: sla.slaCheckpoints,
    // a paused escalation moved up runs again: the new team owes the next step
    pausedAt: null,
    pausedMinutes: esc.pausedMinutes + pausedFor,
    slaConsumedMinutes: 0,
    slaSegmentStartedAt: null,
    ...(nextHandoff ? { handoff: nextHandoff } : {}),
    updatedAt: now,
  });
  await insertEvent(tx, {
    id: newId("escalationEvent"),
    escalationId: esc.id,
    kind: "escalated",
    fromLevel: esc.level,
    toLevel: next.level,
    fromTeamId: esc.teamId,
    toTeamId: next.id,
    actor: up.actor,
    // The escalation keeps its cause; a breach is counted per cause on the event (issue 22).
    detail: {
      reason: up.reason,
      trigger: up.trigger,
      cause: up.trigger === "sla_breach" ? "sla_breach" : esc.cause,
      escalationCause: esc.cause,
      ...up.detail,
      firstResponseMinutes: fr,
      resolutionMinutes: res,
    },
    createdAt: now,
  });
  return row;
}
