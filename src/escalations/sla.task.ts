import type { BackgroundTask } from "../background.js";
import { runSlaSweep } from "./sla.service.js";

/** Periodic SLA sweep; safe on every replica at once (row locks + dedup keys). */
export const slaSweepTask: BackgroundTask = {
  name: "sla-sweep",
  intervalMs: (deps) => deps.config.SLA_SWEEP_INTERVAL_MS,
  run: async (deps) => {
    const r = await runSlaSweep(deps);
    if (r.warnings + r.breaches > 0) deps.logger.info("sla sweep", { ...r });
  },
};
