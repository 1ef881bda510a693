import { writeSettings } from "../settings/snapshot.js";
import { recordAudit } from "../audit/audit.js";
import type { Deps } from "../deps.js";
import { modelFamily } from "./confidence.js";
import { loadModel, loadThresholds, THRESHOLDS_KEY, type Thresholds } from "./policy.js";
import { profileFor, profileSummary } from "./profiles.js";
import type { Caller } from "../caller.js";
import { getSetting, putSetting } from "../settings/settings.queries.js";

/** The thresholds in force, whether they are the shipped defaults, and the confidence model's origin. */
export async function getThresholds(deps: Deps) {
  const db = deps.database.db;
  const [thresholds, stored, model] = await Promise.all([loadThresholds(db, deps.embedder), getSetting(db, THRESHOLDS_KEY), loadModel(db, deps.embedder)]);
  const active = profileFor(deps.embedder);
  return {
    thresholds,
    isDefault: stored === undefined,
    defaults: active.profile.thresholds,
    model: { source: model.source, fittedAt: model.fittedAt ?? null, family: modelFamily(model) ?? null },
    profile: profileSummary(deps.embedder),
  };
}

/** Replaces the thresholds (validated by the route schema) and audits old → new in one transaction. */
export async function putThresholds(args: { deps: Deps; input: Thresholds; caller: Caller }) {
  const { deps, input, caller } = args;
  await writeSettings(deps, async (tx) => {
    const before = await loadThresholds(tx, deps.embedder);
    const value = { ...input, source: input.source ?? `set by ${caller.name}` };
    await putSetting(tx, THRESHOLDS_KEY, value, caller.name);
    await recordAudit(tx, caller, "thresholds.update", "setting", THRESHOLDS_KEY, { before, after: value }, deps.clock.now());
  });
  return getThresholds(deps);
}
