import { writeSettings } from "../settings/snapshot.js";
import { recordAudit } from "../audit/audit.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError, DomainError, NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import { findCycle } from "./path.js";
import type { CreateTeam, PatchTeam } from "./teams.schemas.js";
import { deleteTeam, getTeam, insertTeam, listMatrixRulesRoutingTo, listTeams, listTeamsEscalatingTo, type TeamRow, updateTeam } from "./teams.queries.js";

type Ctx = { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role"> };

/** Rejects a path that points at a missing team, loops, or does not go up a level. */
function checkPath(all: TeamRow[], team: TeamRow): void {
  if (team.escalatesToTeamId) {
    const next = all.find((t) => t.id === team.escalatesToTeamId);
    if (!next) {
      throw new DomainError("UNKNOWN_TEAMS", `escalatesToTeamId ${team.escalatesToTeamId} is not a team`, { teams: [team.escalatesToTeamId] });
    }
    const cycle = findCycle(all);
    if (cycle) throw new DomainError("INVALID_MATRIX", `The escalation path is cyclic: ${cycle.join(" → ")}`, { cycle });
    if (next.level <= team.level) {
      throw new DomainError("INVALID_MATRIX", `${team.name} (level ${team.level}) must escalate to a higher level, not ${next.name} (level ${next.level})`, {
        teams: [team.name, next.name],
      });
    }
  }
  for (const lower of all.filter((t) => t.escalatesToTeamId === team.id)) {
    if (lower.level >= team.level) {
      throw new DomainError("INVALID_MATRIX", `${lower.name} (level ${lower.level}) escalates to ${team.name}, which would no longer be above it`, {
        teams: [lower.name, team.name],
      });
    }
  }
}

async function assertNameFree(db: Ctx["deps"]["database"]["db"], name: string, exceptId?: string): Promise<void> {
  const clash = (await listTeams(db)).find((t) => t.name.toLowerCase() === name.toLowerCase() && t.id !== exceptId);
  if (clash) throw new ConflictError(`A team named ${name} already exists`, { teamId: clash.id });
}

/** Creates a team; its path is validated against all teams in the same transaction. */
export async function createTeam({ deps, caller, input }: Ctx & { input: CreateTeam }): Promise<TeamRow> {
  return writeSettings(deps, async (tx) => {
    await assertNameFree(tx, input.name);
    const now = deps.clock.now();
    const team = await insertTeam(tx, {
      id: newId("team"),
      name: input.name,
      skills: [...new Set(input.skills)],
      level: input.level,
      levelName: input.levelName,
      escalatesToTeamId: input.escalatesToTeamId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    checkPath(await listTeams(tx), team);
    await recordAudit(tx, caller, "team.create", "team", team.id, { name: team.name, level: team.level }, now);
    return team;
  });
}

/** Changes a team; a change that would make the path cyclic or point down rolls back. */
export async function patchTeam({ deps, caller, input }: Ctx & { input: { id: string; patch: PatchTeam } }): Promise<TeamRow> {
  return writeSettings(deps, async (tx) => {
    const current = await getTeam(tx, input.id);
    if (!current) throw new NotFoundError("team", input.id);
    if (input.patch.name) await assertNameFree(tx, input.patch.name, current.id);
    const { skills, ...rest } = input.patch;
    const now = deps.clock.now();
    const updated = await updateTeam(tx, current.id, { ...rest, ...(skills ? { skills: [...new Set(skills)] } : {}), updatedAt: now });
    if (!updated) throw new NotFoundError("team", input.id);
    checkPath(await listTeams(tx), updated);
    await recordAudit(tx, caller, "team.update", "team", updated.id, { patch: input.patch }, now);
    return updated;
  });
}

/** Deletes a team no other team escalates to and no matrix rule targets. */
export async function removeTeam({ deps, caller, input }: Ctx & { input: { id: string } }): Promise<void> {
  await writeSettings(deps, async (tx) => {
    const team = await getTeam(tx, input.id);
    if (!team) throw new NotFoundError("team", input.id);
    const lower = await listTeamsEscalatingTo(tx, team.id);
    if (lower.length > 0) {
      throw new ConflictError(`Teams ${lower.map((t) => t.name).join(", ")} escalate to ${team.name}; change their path first`, {
        teams: lower.map((t) => t.name),
      });
    }
    const rules = await listMatrixRulesRoutingTo(tx, team.id);
    if (rules.length > 0) {
      throw new ConflictError(`Matrix rules ${rules.join(", ")} route to ${team.name}; change the matrix first`, { rules });
    }
    await deleteTeam(tx, team.id);
    await recordAudit(tx, caller, "team.delete", "team", team.id, { name: team.name }, deps.clock.now());
  });
}

export function toTeamDto(t: TeamRow) {
  return {
    id: t.id,
    name: t.name,
    skills: t.skills,
    level: t.level,
    levelName: t.levelName,
    escalatesToTeamId: t.escalatesToTeamId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
