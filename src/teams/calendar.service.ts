import { writeSettings } from "../settings/snapshot.js";
import { recordAudit } from "../audit/audit.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { DomainError, NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import type { PutCalendar } from "./calendar.schemas.js";
import { getCalendarVersion, getCurrentCalendar, insertCalendar, type TeamCalendarRow } from "./calendar.queries.js";
import { getTeam } from "./teams.queries.js";

type Ctx = { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role"> };

/**
 * Stores a new version of a team's calendar (the highest is in force). Escalations keep the
 * version their due times were computed with, so an edit never moves a running SLA silently.
 */
export async function putTeamCalendar({ deps, caller, input }: Ctx & { input: { teamId: string; calendar: PutCalendar } }): Promise<TeamCalendarRow> {
  return writeSettings(deps, async (tx) => {
    const team = await getTeam(tx, input.teamId);
    if (!team) throw new NotFoundError("team", input.teamId);
    const current = await getCurrentCalendar(tx, team.id);
    const now = deps.clock.now();
    const week = Object.fromEntries(
      Object.entries(input.calendar.week)
        .filter(([, intervals]) => intervals && intervals.length > 0)
        .map(([d, intervals]) => [d, [...(intervals ?? [])].sort((a, b) => a.start.localeCompare(b.start))]),
    );
    const holidays = [...input.calendar.holidays].sort((a, b) => a.date.localeCompare(b.date));
    const row = await insertCalendar(tx, {
      id: newId("teamCalendar"),
      teamId: team.id,
      version: (current?.version ?? 0) + 1,
      timeZone: input.calendar.timeZone,
      week,
      holidays,
      createdBy: caller.name,
      createdAt: now,
    });
    await recordAudit(tx, caller, "team.calendar.put", "team", team.id, { version: row.version, timeZone: row.timeZone }, now);
    return row;
  });
}

/** The calendar in force, or one stored version; 404 when the team has none (it counts around the clock). */
export async function readTeamCalendar({ deps, input }: Pick<Ctx, "deps"> & { input: { teamId: string; version?: number } }): Promise<TeamCalendarRow> {
  const db = deps.database.db;
  const row = input.version === undefined ? await getCurrentCalendar(db, input.teamId) : await getCalendarVersion(db, input.teamId, input.version);
  if (!row) {
    const detail = { entity: "calendar", teamId: input.teamId, ...(input.version === undefined ? {} : { version: input.version }) };
    throw input.version === undefined
      ? new DomainError("NOT_FOUND", `Team ${input.teamId} has no calendar (its SLAs count around the clock)`, detail)
      : new DomainError("NOT_FOUND", `Team ${input.teamId} has no calendar version ${input.version}`, detail);
  }
  return row;
}

export function toCalendarDto(row: TeamCalendarRow) {
  return {
    teamId: row.teamId,
    version: row.version,
    timeZone: row.timeZone,
    week: row.week as Record<string, { start: string; end: string }[]>,
    holidays: row.holidays as { date: string; name?: string }[],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
