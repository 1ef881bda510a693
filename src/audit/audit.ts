import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Caller } from "../caller.js";
import { insertAuditRow } from "./audit.queries.js";

/**
 * Records who changed what. Call it inside the same transaction as the change, so an audited
 * change and its audit row commit or roll back together.
 */
export async function recordAudit(
  db: Executor,
  caller: Pick<Caller, "name" | "role">,
  action: string,
  entityType: string,
  entityId: string | null,
  detail: Record<string, unknown> = {},
  at?: Date,
): Promise<void> {
  await insertAuditRow(db, {
    id: newId("audit"),
    actor: caller.name,
    role: caller.role,
    action,
    entityType,
    entityId,
    detail,
    ...(at ? { createdAt: at } : {}),
  });
}
