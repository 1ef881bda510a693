import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import type { Embedder } from "./embeddings/embedder.js";
import type { Logger } from "./logger.js";
import type { Telemetry } from "./telemetry.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Everything a handler or service may use, built once by an entry file and passed down.
 * Nothing else reads the environment or opens connections.
 */
export interface Deps {
  config: Config;
  database: Database;
  embedder: Embedder;
  logger: Logger;
  clock: Clock;
  /** Service version, reported by /health. */
  version: string;
  /** Runtime the app serves from: node or workers (features like the dashboard bundle differ). */
  runtime: "node" | "workers";
  /** Operational counters (Prometheus on Node); absent means nothing is counted. */
  telemetry?: Telemetry;
}
