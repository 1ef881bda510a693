import type { BackgroundTask } from "../background.js";
import { reviewArticleHealth } from "./health.service.js";

/**
 * Re-opens and escalations arrive without feedback, so "reuse is review" also runs on a timer
 * over every article (feedback runs it at once for the article concerned).
 */
export const articleHealthTask: BackgroundTask = {
  name: "article-health",
  intervalMs: (deps) => (deps.config.BACKGROUND_WORKERS ? 10 * 60_000 : 0),
  async run(deps) {
    await deps.database.db.transaction(async (tx) => {
      const changes = await reviewArticleHealth(deps, { db: tx });
      if (changes.length > 0) deps.logger.info("article health reviewed", { changes: changes.map((c) => `${c.change}:${c.articleId}`) });
    });
  },
};
