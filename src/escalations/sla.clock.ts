import type { Executor } from "../db/database.js";
import type { slaClocks } from "../db/schema/escalations.js";
import { addWorkingMinutes, type BusinessCalendar, workingMinutesBetween } from "../teams/business-time.js";
import { getCalendarVersion, getCurrentCalendar, toBusinessCalendar } from "../teams/calendar.queries.js";
import type { EscalationRow } from "./escalation.types.js";
import { slaCheckpoints, type SlaTimer } from "./sla.queries.js";

export type SlaClock = (typeof slaClocks)[number];

/** One checkpoint instant of the running SLA, as stored in escalations.sla_checkpoints.points. */
export interface SlaPoint {
  timer: SlaTimer;
  percent: number;
  dueAt: string;
}
/** escalations.sla_checkpoints: the instants, and whose calendar they were computed in. */
export interface StoredSlaPoints {
  calendarTeamId: string | null;
  points: SlaPoint[];
}

export interface SlaCalendar {
  slaClock: SlaClock;
  calendar: BusinessCalendar | null;
  /** Null when the clock runs around the clock (calendar clock, no team, or a team without a calendar). */
  calendarVersion: number | null;
  calendarTeamId: string | null;
}

/**
 * The calendar a clock counts in: business minutes use the team's calendar (the version given, or
 * the one in force); calendar minutes, no team or a team without a calendar count around the clock.
 */
export async function loadSlaCalendar(db: Executor, slaClock: SlaClock, teamId: string | null, version?: number | null): Promise<SlaCalendar> {
  if (slaClock !== "business" || !teamId) return { slaClock, calendar: null, calendarVersion: null, calendarTeamId: null };
  const row = version ? await getCalendarVersion(db, teamId, version) : await getCurrentCalendar(db, teamId);
  if (!row) return { slaClock, calendar: null, calendarVersion: null, calendarTeamId: null };
  return { slaClock, calendar: toBusinessCalendar(row), calendarVersion: row.version, calendarTeamId: teamId };
}

/** The calendar an escalation's running SLA was computed in (kept across reassignments). */
export async function loadEscalationCalendar(db: Executor, esc: EscalationRow): Promise<SlaCalendar> {
  const stored = esc.slaCheckpoints as StoredSlaPoints | null;
  return loadSlaCalendar(db, esc.slaClock, stored?.calendarTeamId ?? esc.teamId, esc.calendarVersion);
}

export interface SlaSchedule {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  slaCheckpoints: StoredSlaPoints;
}

/**
 * Due times and the 50/75/100 % checkpoint instants of a clock whose running segment began at
 * `segmentStart` with `consumedMinutes` already used: each checkpoint is `percent` of the timer
 * minus what was consumed, counted in the calendar from the segment start. A checkpoint already
 * passed before a pause is due at once (its dedup key stops it firing twice).
 */
export function scheduleSla(cal: SlaCalendar, segmentStart: Date, consumedMinutes: number, firstResponseMinutes: number, resolutionMinutes: number): SlaSchedule {
  const at = (total: number, percent: number) => {
    const left = (total * percent) / 100 - consumedMinutes;
    return left <= 0 ? segmentStart : addWorkingMinutes(cal.calendar, segmentStart, left);
  };
  const points: SlaPoint[] = [];
  for (const [timer, total] of [
    ["first_response", firstResponseMinutes],
    ["resolution", resolutionMinutes],
  ] as const) {
    for (const percent of slaCheckpoints) points.push({ timer, percent, dueAt: at(total, percent).toISOString() });
  }
  return {
    firstResponseDueAt: at(firstResponseMinutes, 100),
    resolutionDueAt: at(resolutionMinutes, 100),
    slaCheckpoints: { calendarTeamId: cal.calendarTeamId, points },
  };
}

/** SLA minutes the running segment used up to `now`, in whole minutes (the column's unit). */
export function consumedUntil(cal: SlaCalendar, esc: EscalationRow, now: Date): number {
  const segmentStart = esc.slaSegmentStartedAt ?? esc.slaStartedAt;
  return esc.slaConsumedMinutes + Math.round(workingMinutesBetween(cal.calendar, segmentStart, now));
}
