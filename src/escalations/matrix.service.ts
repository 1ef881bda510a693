import { writeSettings } from "../settings/snapshot.js";
import { recordAudit } from "../audit/audit.js";
import type { Deps } from "../deps.js";
import type { Caller } from "../caller.js";
import { listTeams } from "../teams/teams.queries.js";
import { insertMatrix } from "./matrix.queries.js";
import type { Matrix, PutMatrix } from "./matrix.schemas.js";
import { validateMatrix } from "./matrix.validate.js";

/** Validates and stores a new matrix version (the old ones stay readable); audited in the same transaction. */
export async function putMatrix({ deps, caller, input }: { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role">; input: PutMatrix }): Promise<Matrix> {
  return writeSettings(deps, async (tx) => {
    const doc = validateMatrix(input, await listTeams(tx));
    const now = deps.clock.now();
    const matrix = await insertMatrix(tx, doc, caller.name, now);
    await recordAudit(tx, caller, "matrix.update", "escalation_matrix", String(matrix.version), { rules: doc.rules.length, levels: doc.levels.length }, now);
    return matrix;
  });
}

export function toMatrixDto(m: Matrix) {
  return {
    version: m.version,
    builtIn: m.version === null,
    rules: m.rules,
    levels: m.levels,
    createdBy: m.createdBy ?? null,
    createdAt: m.createdAt ? m.createdAt.toISOString() : null,
  };
}
