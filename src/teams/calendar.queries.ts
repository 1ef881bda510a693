import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { teamCalendars } from "../db/schema/index.js";
import type { BusinessCalendar } from "./business-time.js";

export type TeamCalendarRow = typeof teamCalendars.$inferSelect;

/** The calendar in force for a team: its highest version. */
export async function getCurrentCalendar(db: Executor, teamId: string): Promise<TeamCalendarRow | undefined> {
  const [row] = await db.select().from(teamCalendars).where(eq(teamCalendars.teamId, teamId)).orderBy(desc(teamCalendars.version)).limit(1);
  return row;
}

export async function getCalendarVersion(db: Executor, teamId: string, version: number): Promise<TeamCalendarRow | undefined> {
  const [row] = await db
    .select()
    .from(teamCalendars)
    .where(and(eq(teamCalendars.teamId, teamId), eq(teamCalendars.version, version)))
    .limit(1);
  return row;
}

export async function insertCalendar(db: Executor, row: typeof teamCalendars.$inferInsert): Promise<TeamCalendarRow> {
  const [created] = await db.insert(teamCalendars).values(row).returning();
  if (!created) throw new Error("insert team calendar returned nothing");
  return created;
}

/** The stored row as the pure arithmetic takes it (validated on the way in). */
export function toBusinessCalendar(row: TeamCalendarRow): BusinessCalendar {
  return { timeZone: row.timeZone, week: row.week as BusinessCalendar["week"], holidays: row.holidays as BusinessCalendar["holidays"] };
}
