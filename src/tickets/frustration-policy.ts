import type { Deps } from "../deps.js";
import type { HierarchicalPolicy } from "../deflection/evaluate.service.js";
import { routingTables } from "../escalations/routing-tables.js";
import { selectRule } from "../escalations/routing.js";

/**
 * Where an angry customer (frustration level 2) goes, per the escalation matrix: the rule that
 * would take this ticket as a hierarchical escalation on an anger signal says
 * `hierarchicalFromLevel` (2: to a supervisor at once; 3, the default: de-escalate at tier 1).
 * Asked only for level-2 tickets; the matrix is the instance's cached one (routingTables).
 */
export function hierarchicalPolicyFor(
  deps: Pick<Deps, "database" | "clock" | "config">,
  ticket: { category?: string | null; product?: string | null; priority?: string | null },
): HierarchicalPolicy {
  return async ({ language, channel }) => {
    const { matrix } = await routingTables(deps);
    const rule = selectRule(matrix, { type: "hierarchical", signals: ["anger"], ...ticket, language, channel });
    return rule.hierarchicalFromLevel ?? 3;
  };
}
