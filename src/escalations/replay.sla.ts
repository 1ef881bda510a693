import type { Executor } from "../db/database.js";
import type { RouteResult } from "./routing.js";
import { loadSlaCalendar, scheduleSla, type SlaCalendar } from "./sla.clock.js";

/** One projected escalation's SLA, computed the way escalation creation computes it. */
export interface ProjectedSla {
  ticketId: string;
  ruleId: string;
  teamId: string | null;
  teamName: string | null;
  level: number;
  slaClock: "calendar" | "business";
  /** The team calendar the due times were counted in; null = around the clock. */
  calendar: { version: number; timeZone: string } | null;
  startedAt: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
}

export interface SlaClockCounts {
  calendar: number;
  business: number;
  /** Business-hours rules whose team has no calendar: counted around the clock, as live. */
  businessWithoutCalendar: number;
}

/**
 * Projects SLA due times for replayed escalations with the live arithmetic: the rule's clock, the
 * target team's current calendar (loadSlaCalendar) and scheduleSla from the ticket's arrival.
 * Calendars are read once per team and clock; nothing is written.
 */
export function slaProjector(db: Executor) {
  const calendars = new Map<string, Promise<SlaCalendar>>();
  const counts: SlaClockCounts = { calendar: 0, business: 0, businessWithoutCalendar: 0 };
  const projected: ProjectedSla[] = [];
  return {
    counts,
    projected,
    async project(ticketId: string, route: RouteResult, startedAt: Date): Promise<ProjectedSla> {
      const key = `${route.slaClock}#${route.teamId ?? ""}`;
      let pending = calendars.get(key);
      if (!pending) {
        pending = loadSlaCalendar(db, route.slaClock, route.teamId);
        calendars.set(key, pending);
      }
      const cal = await pending;
      const sla = scheduleSla(cal, startedAt, 0, route.firstResponseMinutes, route.resolutionMinutes);
      if (route.slaClock === "calendar") counts.calendar += 1;
      else if (cal.calendar) counts.business += 1;
      else counts.businessWithoutCalendar += 1;
      const row: ProjectedSla = {
        ticketId,
        ruleId: route.ruleId,
        teamId: route.teamId,
        teamName: route.teamName,
        level: route.level,
        slaClock: route.slaClock,
        calendar: cal.calendar && cal.calendarVersion !== null ? { version: cal.calendarVersion, timeZone: cal.calendar.timeZone } : null,
        startedAt: startedAt.toISOString(),
        firstResponseDueAt: sla.firstResponseDueAt.toISOString(),
        resolutionDueAt: sla.resolutionDueAt.toISOString(),
      };
      projected.push(row);
      return row;
    },
  };
}

/** Text lines for the replay report: the clocks used, and the first due times. */
export function formatProjectedSlas(counts: SlaClockCounts, projected: ProjectedSla[], limit = 20): string[] {
  const lines = [
    `  SLA clocks: business hours ${counts.business}, around the clock ${counts.calendar}` +
      (counts.businessWithoutCalendar > 0 ? `, business-hours rule but the team has no calendar (around the clock) ${counts.businessWithoutCalendar}` : ""),
  ];
  if (projected.length === 0) return lines;
  lines.push("  projected SLA due times (first response / resolution):");
  for (const p of projected.slice(0, limit)) {
    const clock = p.calendar
      ? `business hours, ${p.calendar.timeZone} calendar v${p.calendar.version}`
      : p.slaClock === "business"
        ? "business rule, no calendar: around the clock"
        : "around the clock";
    lines.push(`    ${p.ticketId} → ${p.teamName ?? "(no team)"} L${p.level} [${p.ruleId}; ${clock}]: ${p.firstResponseDueAt} / ${p.resolutionDueAt}`);
  }
  if (projected.length > limit) lines.push(`    … ${projected.length - limit} more in the JSON report`);
  return lines;
}
