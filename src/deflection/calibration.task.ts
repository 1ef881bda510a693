import type { BackgroundTask } from "../background.js";
import type { Database } from "../db/database.js";
import { refreshCalibration } from "./calibration.state.js";
import { selfCalibrateInThread } from "./calibration.thread.js";

/**
 * Keeps the confidence model fitted to this knowledge base (see calibration.state.ts for when a
 * refit is due). The run needs a scratch database (in-memory PGlite), so Node replicas run it; a
 * Workers deployment relies on a Node replica or `npm run calibrate`. One run at a time across
 * replicas (the calibration lease); idempotent: a run with nothing due does nothing. The fit runs
 * in a worker thread (calibration.thread.ts), so requests are not held while it computes.
 */
export function calibrationTask(openScratch: () => Promise<Database>): BackgroundTask {
  return {
    name: "self-calibration",
    intervalMs: (deps) => (deps.config.SELF_CALIBRATION ? 20_000 : 0),
    run: async (deps) => {
      await refreshCalibration(deps, { openScratch, calibrate: selfCalibrateInThread });
    },
  };
}
