import type { BackgroundTask } from "../background.js";
import { reindexArticles } from "./reindex.service.js";

/**
 * Keeps the active embedder's vectors complete: after a switch of embedder (or an article written
 * while its vector failed), each run re-embeds what is missing or stale for up to ~10 s, so a
 * shutdown never waits long; the next run continues. Safe on many replicas (SKIP LOCKED batches).
 * REINDEX_ON_START=false turns it off (then run `npm run reindex`).
 */
export const reindexTask: BackgroundTask = {
  name: "reindex",
  intervalMs: (deps) => (deps.config.REINDEX_ON_START ? 15_000 : 0),
  run: async (deps) => {
    if (deps.embedder.status().state !== "ready") return;
    await reindexArticles({ deps, input: { budgetMs: 10_000 } });
  },
};
