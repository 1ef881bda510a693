import { asc, eq, inArray, or, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/database.js";
import { teams } from "../db/schema/index.js";

export type TeamRow = typeof teams.$inferSelect;

export async function listTeams(db: Executor): Promise<TeamRow[]> {
  return db.select().from(teams).orderBy(asc(teams.level), asc(teams.name));
}

export async function getTeam(db: Executor, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id)).limit(1);
  return row;
}

/** Teams named by id or by name (matrix rules may use either). */
export async function findTeamsByIdOrName(db: Executor, refs: string[]): Promise<TeamRow[]> {
  if (refs.length === 0) return [];
  return db
    .select()
    .from(teams)
    .where(or(inArray(teams.id, refs), inArray(teams.name, refs)));
}

export async function insertTeam(db: Executor, row: typeof teams.$inferInsert): Promise<TeamRow> {
  const [created] = await db.insert(teams).values(row).returning();
  if (!created) throw new Error("insert team returned nothing");
  return created;
}

export async function updateTeam(db: Executor, id: string, patch: Partial<typeof teams.$inferInsert>): Promise<TeamRow | undefined> {
  const [row] = await db.update(teams).set(patch).where(eq(teams.id, id)).returning();
  return row;
}

export async function deleteTeam(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
  return rows.length > 0;
}

/** Teams whose escalation path points at `id` (they would dangle if it were deleted). */
export async function listTeamsEscalatingTo(db: Executor, id: string): Promise<TeamRow[]> {
  return db.select().from(teams).where(eq(teams.escalatesToTeamId, id));
}

/**
 * Ids of the rules in the escalation matrix in force that route to this team: a team they name
 * cannot be deleted. Reads the stored document (a rule array, or `{ rules, levels }`) in SQL so
 * teams does not depend on escalations; the built-in matrix names no team.
 */
export async function listMatrixRulesRoutingTo(db: Executor, teamId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select rule->>'id' as id
      from (select rules from escalation_matrices order by version desc limit 1) current,
        jsonb_array_elements(case jsonb_typeof(current.rules) when 'array' then current.rules else current.rules->'rules' end) rule
      where rule->'target'->>'teamId' = ${teamId}`,
  );
  return rows.map((r) => r.id);
}
