import { recordAudit } from "../audit/audit.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import type { EscalationCause } from "./causes.js";
import type { EscalationRow } from "./escalation.types.js";
import { insertEvent, lockEscalation, updateEscalation } from "./escalations.queries.js";

/**
 * An agent corrects why an escalation happened. Allowed in any status (a cause is often clear
 * only once resolved); the agent becomes causeSetBy, and the `cause_changed` event (from → to,
 * who, note) and the audit row commit with the change, on the locked row.
 */
export async function setEscalationCause({
  deps,
  caller,
  input,
}: {
  deps: Pick<Deps, "database" | "clock">;
  caller: Pick<Caller, "name" | "role">;
  input: { id: string; cause: EscalationCause; note?: string };
}): Promise<EscalationRow> {
  return deps.database.db.transaction(async (tx) => {
    const esc = await lockEscalation(tx, input.id);
    if (!esc) throw new NotFoundError("escalation", input.id);
    const now = deps.clock.now();
    const row = await updateEscalation(tx, esc.id, { cause: input.cause, causeSetBy: caller.name, updatedAt: now });
    const detail = { from: esc.cause, to: input.cause, fromSetBy: esc.causeSetBy, ...(input.note ? { note: input.note } : {}) };
    await insertEvent(tx, { id: newId("escalationEvent"), escalationId: esc.id, kind: "cause_changed", actor: caller.name, detail, createdAt: now });
    await recordAudit(tx, caller, "escalation.cause", "escalation", esc.id, detail, now);
    return row;
  });
}
