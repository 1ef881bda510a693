import type { Deps } from "../deps.js";
import type { HierarchicalPolicy } from "../deflection/evaluate.service.js";
import { getCurrentMatrix } from "../escalations/matrix.queries.js";
import { selectRule } from "../escalations/routing.js";

/**
 * Where an angry customer (frustration level 2) goes, per the escalation matrix: the rule that
 * would take this ticket as a hierarchical escalation on an anger signal says
 * `hierarchicalFromLevel` (2: to a supervisor at once; 3, the default: de-escalate at tier 1).
 * Asked only for level-2 tickets, so calm and level-3 ones read no matrix.
 */
export function hierarchicalPolicyFor(deps: Pick<Deps, "database">, ticket: { category?: string | null; product?: string | null; priority?: string | null }): HierarchicalPolicy {
  return async ({ language, channel }) => {
    const matrix = await getCurrentMatrix(deps.database.db);
    const rule = selectRule(matrix, { type: "hierarchical", signals: ["anger"], ...ticket, language, channel });
    return rule.hierarchicalFromLevel ?? 3;
  };
}
