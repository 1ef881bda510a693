import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Embedder } from "./embedder.js";
import { HashingEmbedder } from "./hashing.js";

/**
 * Builds the configured embedder for a Node process. When the model cannot be loaded and
 * EMBEDDER_FALLBACK is on, the offline hashing embedder serves instead and says why in /health/details;
 * with the fallback off, start-up fails with the same explanation.
 */
export async function createNodeEmbedder(config: Config, logger: Logger): Promise<Embedder> {
  if (config.EMBEDDER === "hashing") return new HashingEmbedder(config.HASHING_DIMENSIONS);
  if (config.EMBEDDER === "http") {
    const { HttpEmbedder } = await import("./http.js");
    const embedder = new HttpEmbedder(config, logger);
    await embedder.ready();
    return embedder;
  }
  const { TransformersEmbedder, explainLoadFailure } = await import("./transformers.js");
  const embedder = new TransformersEmbedder(config, logger);
  try {
    await embedder.ready();
    return embedder;
  } catch (err) {
    const { reason, fix } = explainLoadFailure(err, config);
    if (!config.EMBEDDER_FALLBACK) throw new Error(`Embedding model could not be loaded: ${reason}. ${fix}`);
    logger.warn("embedding model unavailable; serving with the offline hashing embedder", { reason, fix });
    return new HashingEmbedder(config.HASHING_DIMENSIONS, { from: embedder.id, reason, fix });
  }
}
