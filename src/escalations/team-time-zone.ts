import type { Executor } from "../db/database.js";
import { getCurrentCalendar } from "../teams/calendar.queries.js";
import { validTimeZone } from "./customer-message.js";

/**
 * The zone a team's due times are told to customers in: the zone of the calendar in force (its
 * latest version), else UTC (no team, no calendar, or a zone Intl does not know). Whether the SLA
 * counts business minutes or not, the customer reads the time on the team's clock.
 */
export async function teamTimeZone(db: Executor, teamId: string | null): Promise<string> {
  if (!teamId) return "UTC";
  return validTimeZone((await getCurrentCalendar(db, teamId))?.timeZone);
}
