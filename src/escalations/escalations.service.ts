import type { Tx } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError, DomainError, InvalidTransitionError, NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import { getTeam } from "../teams/teams.queries.js";
import type { EscalationRow } from "./escalation.types.js";
import { insertEvent, lockEscalation, markTicketFirstResponse, updateEscalation } from "./escalations.queries.js";
import { moveUpOneLevel } from "./levelup.js";

type Ctx = { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role"> };
type Action = "acknowledge" | "reassign" | "escalate" | "resolve" | "pause" | "resume";

/** What each status allows; resolve is the capture call of the knowledge base; waiting states have a paused SLA clock. */
export const allowedActions: Record<EscalationRow["status"], Action[]> = {
  open: ["acknowledge", "reassign", "escalate", "resolve", "pause"],
  acknowledged: ["reassign", "escalate", "resolve", "pause"],
  waiting_customer: ["resume", "reassign", "escalate", "resolve"],
  waiting_third_party: ["resume", "reassign", "escalate", "resolve"],
  resolved: [],
};

export function assertAllowed(esc: EscalationRow, action: Action): void {
  const allowed = allowedActions[esc.status];
  if (!allowed.includes(action)) throw new InvalidTransitionError("escalation", esc.status, action, allowed);
}

/** Runs a state change on the locked row, so two agents acting at once serialise. */
export async function withLocked<T>(deps: Ctx["deps"], id: string, fn: (tx: Tx, esc: EscalationRow) => Promise<T>): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const esc = await lockEscalation(tx, id);
    if (!esc) throw new NotFoundError("escalation", id);
    return fn(tx, esc);
  });
}

/** First response: stops the first-response timer; the assignee defaults to the caller. */
export async function acknowledgeEscalation({ deps, caller, input }: Ctx & { input: { id: string; assignee?: string; note?: string } }): Promise<EscalationRow> {
  return withLocked(deps, input.id, async (tx, esc) => {
    assertAllowed(esc, "acknowledge");
    const now = deps.clock.now();
    const assignee = input.assignee ?? esc.assignee ?? caller.name;
    const row = await updateEscalation(tx, esc.id, { status: "acknowledged", acknowledgedAt: now, assignee, updatedAt: now });
    await markTicketFirstResponse(tx, esc.ticketId, now);
    await insertEvent(tx, {
      id: newId("escalationEvent"),
      escalationId: esc.id,
      kind: "acknowledged",
      actor: caller.name,
      detail: { assignee, ...(input.note ? { note: input.note } : {}) },
      createdAt: now,
    });
    return row;
  });
}

/** Hands the escalation to another team and/or person; the SLA clock keeps running. */
export async function reassignEscalation({
  deps,
  caller,
  input,
}: Ctx & { input: { id: string; teamId?: string; assignee?: string | null; reason?: string } }): Promise<EscalationRow> {
  return withLocked(deps, input.id, async (tx, esc) => {
    assertAllowed(esc, "reassign");
    const team = input.teamId ? await getTeam(tx, input.teamId) : undefined;
    if (input.teamId && !team) throw new DomainError("UNKNOWN_TEAMS", `Team ${input.teamId} does not exist`, { teams: [input.teamId] });
    const now = deps.clock.now();
    const patch: Partial<EscalationRow> = { updatedAt: now };
    if (team) Object.assign(patch, { teamId: team.id, level: team.level });
    if (input.assignee !== undefined) patch.assignee = input.assignee;
    else if (team && team.id !== esc.teamId) patch.assignee = null;
    const row = await updateEscalation(tx, esc.id, patch);
    await insertEvent(tx, {
      id: newId("escalationEvent"),
      escalationId: esc.id,
      kind: "reassigned",
      fromLevel: esc.level,
      toLevel: row.level,
      fromTeamId: esc.teamId,
      toTeamId: row.teamId,
      actor: caller.name,
      detail: { fromAssignee: esc.assignee, toAssignee: row.assignee, ...(input.reason ? { reason: input.reason } : {}) },
      createdAt: now,
    });
    return row;
  });
}

/** One level up the team's path, by hand; 409 at the top of the path. */
export async function escalateFurther({ deps, caller, input }: Ctx & { input: { id: string; reason: string } }): Promise<EscalationRow> {
  return withLocked(deps, input.id, async (tx, esc) => {
    assertAllowed(esc, "escalate");
    const row = await moveUpOneLevel(tx, deps, esc, { actor: caller.name, reason: input.reason, trigger: "manual" });
    if (!row) {
      throw new ConflictError(
        esc.teamId ? `Escalation ${esc.id} is already at the top of its team's path` : `Escalation ${esc.id} has no team, so there is no path to go up`,
        { level: esc.level, teamId: esc.teamId },
        "TOP_OF_PATH",
      );
    }
    return row;
  });
}
