import { z } from "zod";
import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { getSetting } from "../settings/settings.queries.js";
import { flagArticleForReview, insertArticleEvent, listArticleHealth, validateDraftArticle } from "./health.queries.js";

/** Settings key of the KCS "reuse is review" thresholds. */
export const KCS_SETTINGS_KEY = "kcs.reuseReview";

/**
 * Thresholds, stored as one JSON object under `kcs.reuseReview`; missing fields take these
 * defaults. An article is flagged when it was reused at least `minReuses` times and more than
 * `maxFailureRatio` of those reuses failed; a draft is validated once `validateAfterConfirmed`
 * reuses were confirmed helpful while its failure ratio stays at or under `maxFailureRatio`.
 */
export const KcsThresholdsSchema = z.object({
  minReuses: z.number().int().min(1).default(5),
  maxFailureRatio: z.number().min(0).max(1).default(0.4),
  validateAfterConfirmed: z.number().int().min(1).default(3),
});
export type KcsThresholds = z.infer<typeof KcsThresholdsSchema>;

/** The thresholds in force; an invalid stored value falls back to the defaults (and is logged). */
export async function getKcsThresholds(deps: Pick<Deps, "logger">, db: Executor): Promise<KcsThresholds> {
  const stored = await getSetting<unknown>(db, KCS_SETTINGS_KEY);
  const parsed = KcsThresholdsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  deps.logger.warn("invalid KCS thresholds in settings; using defaults", { key: KCS_SETTINGS_KEY, issues: parsed.error.issues });
  return KcsThresholdsSchema.parse({});
}

export interface ArticleHealthChange {
  articleId: string;
  change: "flagged_for_review" | "validated_by_reuse";
  evidence: Record<string, unknown>;
}

/**
 * KCS "reuse is review": reads each article's reuse evidence and flags failing ones for review
 * (reviewFlaggedAt, reviewReason, a `flagged_for_review` event) and promotes drafts confirmed
 * helpful often enough to `validated` (a `validated_by_reuse` event). Both events carry the
 * counts they were decided on. Idempotent: a flagged article is not flagged again, a validated
 * one not re-validated. Pass `db` (a transaction) to run inside the caller's write.
 */
export async function reviewArticleHealth(
  deps: Pick<Deps, "database" | "clock" | "config" | "logger">,
  opts: { db?: Executor; articleIds?: string[] } = {},
): Promise<ArticleHealthChange[]> {
  const db = opts.db ?? deps.database.db;
  const thresholds = await getKcsThresholds(deps, db);
  const windowHours = deps.config.DEFLECTION_WINDOW_HOURS;
  const rows = await listArticleHealth(db, { windowHours, articleIds: opts.articleIds });
  const now = deps.clock.now();
  const changes: ArticleHealthChange[] = [];
  for (const row of rows) {
    const reused = Number(row.reused);
    const failed = Number(row.failed);
    const confirmed = Number(row.confirmed);
    const failureRatio = reused > 0 ? failed / reused : 0;
    const evidence = { reused, confirmed, failed, failureRatio: Math.round(failureRatio * 1000) / 1000, windowHours, since: row.since, thresholds };
    if (!row.flagged && reused >= thresholds.minReuses && failureRatio > thresholds.maxFailureRatio) {
      const reason = `${failed} of ${reused} reuses failed (re-opened, escalated or rated not resolved); threshold ${thresholds.maxFailureRatio}`;
      if (await flagArticleForReview(db, row.id, reason, now)) {
        await insertArticleEvent(db, { id: newId("articleEvent"), articleId: row.id, kind: "flagged_for_review", evidence, actor: "system", createdAt: now });
        changes.push({ articleId: row.id, change: "flagged_for_review", evidence });
      }
      continue;
    }
    if (row.state === "draft" && !row.flagged && confirmed >= thresholds.validateAfterConfirmed && failureRatio <= thresholds.maxFailureRatio) {
      if (await validateDraftArticle(db, row.id, now)) {
        await insertArticleEvent(db, { id: newId("articleEvent"), articleId: row.id, kind: "validated_by_reuse", evidence, actor: "system", createdAt: now });
        changes.push({ articleId: row.id, change: "validated_by_reuse", evidence });
      }
    }
  }
  return changes;
}
