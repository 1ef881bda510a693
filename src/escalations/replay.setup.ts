import { z } from "@hono/zod-openapi";
import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import { getSetting, putSetting } from "../settings/settings.queries.js";
import { getCurrentCalendar, insertCalendar } from "../teams/calendar.queries.js";
import { PutCalendarSchema } from "../teams/calendar.schemas.js";
import { putTeamCalendar } from "../teams/calendar.service.js";
import { insertTeam, listTeams } from "../teams/teams.queries.js";
import { CreateTeamSchema } from "../teams/teams.schemas.js";
import { createTeam } from "../teams/teams.service.js";
import { getCurrentMatrix, insertMatrix } from "./matrix.queries.js";
import { PutMatrixSchema } from "./matrix.schemas.js";
import { putMatrix } from "./matrix.service.js";

/**
 * A replay scenario file: teams (paths by name, each with an optional business-hours calendar in
 * the PUT /v1/teams/{id}/calendar format) and the matrix to try, e.g. examples/nimbus.matrix.json.
 */
export const ScenarioSchema = z.object({
  teams: z.array(CreateTeamSchema.omit({ escalatesToTeamId: true }).extend({ escalatesTo: z.string().optional(), calendar: PutCalendarSchema.optional() })).default([]),
  matrix: PutMatrixSchema.optional(),
});

export type Scenario = z.infer<typeof ScenarioSchema>;

/**
 * Loads a scenario into a (scratch) database through the same validated services as the API, so a
 * scenario that the API would refuse is refused here too. Teams are created top of the path first.
 */
export async function applyScenario(deps: Pick<Deps, "database" | "clock">, scenario: Scenario): Promise<void> {
  const caller = { name: "replay", role: "admin" as const };
  const ids = new Map<string, string>();
  const pending = [...scenario.teams];
  while (pending.length > 0) {
    const ready = pending.findIndex((t) => !t.escalatesTo || ids.has(t.escalatesTo));
    if (ready < 0) throw new Error(`Scenario teams escalate to unknown or cyclic teams: ${pending.map((t) => `${t.name} → ${t.escalatesTo}`).join(", ")}`);
    const [spec] = pending.splice(ready, 1);
    if (!spec) break;
    const { escalatesTo, calendar, ...team } = spec;
    const created = await createTeam({ deps, caller, input: { ...team, escalatesToTeamId: escalatesTo ? ids.get(escalatesTo) : null } });
    ids.set(created.name, created.id);
    if (calendar) await putTeamCalendar({ deps, caller, input: { teamId: created.id, calendar } });
  }
  if (scenario.matrix) await putMatrix({ deps, caller, input: scenario.matrix });
}

/**
 * Copies what decides routing, SLA due times and deflection — teams with their calendars in force,
 * the matrix in force, the thresholds and the confidence model — from a real installation into the
 * scratch database, reading only.
 */
export async function copyInstallation(from: Executor, to: Pick<Deps, "database">, settingKeys: string[]): Promise<{ teams: number; matrixVersion: number | null }> {
  const teams = await listTeams(from);
  const matrix = await getCurrentMatrix(from);
  const settings = await Promise.all(settingKeys.map(async (key) => [key, await getSetting(from, key)] as const));
  const calendars = await Promise.all(teams.map((team) => getCurrentCalendar(from, team.id)));
  await to.database.db.transaction(async (tx) => {
    for (const team of teams) await insertTeam(tx, team);
    for (const calendar of calendars) if (calendar) await insertCalendar(tx, calendar);
    if (matrix.version !== null) await insertMatrix(tx, { rules: matrix.rules, levels: matrix.levels }, matrix.createdBy ?? "replay", matrix.createdAt ?? new Date(0));
    for (const [key, value] of settings) if (value !== undefined) await putSetting(tx, key, value, "replay");
  });
  return { teams: teams.length, matrixVersion: matrix.version };
}
