import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import { cachedSetting } from "../settings/snapshot.js";
import { getCurrentCalendar, type TeamCalendarRow, toBusinessCalendar } from "../teams/calendar.queries.js";
import { listTeams } from "../teams/teams.queries.js";
import { validTimeZone } from "./customer-message.js";
import { getCurrentMatrix } from "./matrix.queries.js";
import type { Matrix } from "./matrix.schemas.js";
import { type RouteInput, type RouteResult as Route, routeEscalation } from "./routing.js";
import type { SlaCalendar } from "./sla.clock.js";

export interface RoutingTables {
  matrix: Matrix;
  teams: Awaited<ReturnType<typeof listTeams>>;
}

/**
 * The escalation matrix in force and the teams it routes to, once per instance and settings
 * version (matrix and team writes bump it, see cachedSetting); `db` another transaction reads them there.
 */
export function routingTables(deps: Pick<Deps, "database" | "clock" | "config">, db?: Executor): Promise<RoutingTables> {
  return cachedSetting(
    deps,
    "escalations.routing",
    async (from) => {
      const [matrix, teams] = await Promise.all([getCurrentMatrix(from), listTeams(from)]);
      return { matrix, teams };
    },
    db,
  );
}

/** A team's calendar in force, cached like the matrix (calendar writes bump the settings version). */
function currentCalendar(deps: Pick<Deps, "database" | "clock" | "config">, teamId: string, db?: Executor): Promise<TeamCalendarRow | undefined> {
  return cachedSetting(deps, `teams.calendar:${teamId}`, (from) => getCurrentCalendar(from, teamId), db);
}

export interface RoutedEscalation {
  route: Route;
  slaCalendar: SlaCalendar;
  /** The zone due times are told to the customer in (the team calendar's, else UTC). */
  timeZone: string;
}

/**
 * Routes an escalation of these ticket fields through the matrix in force and reads the target
 * team's calendar: everything an escalation needs from the database before it is written, all
 * from the instance's cache (routingTables) unless `db` is another transaction.
 */
export async function routeWithCalendar(deps: Pick<Deps, "database" | "clock" | "config">, ticket: RouteInput, db?: Executor): Promise<RoutedEscalation> {
  const { matrix, teams } = await routingTables(deps, db);
  const route = routeEscalation(matrix, teams, ticket);
  const row = route.teamId ? await currentCalendar(deps, route.teamId, db) : undefined;
  const slaCalendar: SlaCalendar =
    route.slaClock === "business" && route.teamId && row
      ? { slaClock: route.slaClock, calendar: toBusinessCalendar(row), calendarVersion: row.version, calendarTeamId: route.teamId }
      : { slaClock: route.slaClock, calendar: null, calendarVersion: null, calendarTeamId: null };
  return { route, slaCalendar, timeZone: route.teamId ? validTimeZone(row?.timeZone) : "UTC" };
}
