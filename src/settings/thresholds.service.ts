import { recordAudit } from "../access/audit.js";
import type { Deps } from "../deps.js";
import { DEFAULT_THRESHOLDS, loadModel, loadThresholds, THRESHOLDS_KEY, type Thresholds } from "../deflection/policy.js";
import type { Caller } from "../http/env.js";
import { getSetting, putSetting } from "./settings.queries.js";

/** The thresholds in force, whether they are the shipped defaults, and the confidence model's origin. */
export async function getThresholds(deps: Deps) {
  const db = deps.database.db;
  const [thresholds, stored, model] = await Promise.all([loadThresholds(db), getSetting(db, THRESHOLDS_KEY), loadModel(db)]);
  return { thresholds, isDefault: stored === undefined, defaults: DEFAULT_THRESHOLDS, model: { source: model.source, fittedAt: model.fittedAt ?? null } };
}

/** Replaces the thresholds (validated by the route schema) and audits old → new in one transaction. */
export async function putThresholds(args: { deps: Deps; input: Thresholds; caller: Caller }) {
  const { deps, input, caller } = args;
  await deps.database.db.transaction(async (tx) => {
    const before = await loadThresholds(tx);
    const value = { ...input, source: input.source ?? `set by ${caller.name}` };
    await putSetting(tx, THRESHOLDS_KEY, value, caller.name);
    await recordAudit(tx, caller, "thresholds.update", "setting", THRESHOLDS_KEY, { before, after: value }, deps.clock.now());
  });
  return getThresholds(deps);
}
