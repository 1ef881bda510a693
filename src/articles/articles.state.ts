import type { articleStates } from "../db/schema/index.js";
import { DomainError, InvalidTransitionError, ValidationError } from "../errors.js";
import { type ArticleRow, updateArticleRow } from "./articles.queries.js";
import type { ChangeStateInput } from "./articles.schemas.js";
import { type ArticleWrite, inTransaction, lockForWrite, recordLifecycle, writeVersion } from "./articles.write.js";
import { indexArticle } from "./indexing.js";

export type ArticleState = (typeof articleStates)[number];

/**
 * The KCS lifecycle. A draft is validated (reviewed, usable by agents) then published (visible
 * per its visibility), or published directly by an expert; unpublishing returns it to validated;
 * anything may be archived. Archived is terminal except for an explicit reopen back to draft,
 * so an old fix never comes back to life by a stray state call.
 */
export const TRANSITIONS: Record<ArticleState, readonly ArticleState[]> = {
  draft: ["validated", "published", "archived"],
  validated: ["published", "draft", "archived"],
  published: ["validated", "archived"],
  archived: ["draft"],
};

/** Where an article in `from` may go; archived → draft additionally needs `reopen: true`. */
export function allowedTransitions(from: ArticleState): readonly ArticleState[] {
  return TRANSITIONS[from];
}

/**
 * Moves an article through the lifecycle under a row lock: checks the transition (409
 * INVALID_STATE_TRANSITION listing the allowed targets) and `expectedVersion`, then writes the
 * new state, a version row, the search representation, the article_events row, the audit entry
 * and, on publication, the `article.published` webhook, all in one transaction.
 */
export async function changeArticleState({ deps, id, input: data, caller, tx }: ArticleWrite<ChangeStateInput>): Promise<ArticleRow> {
  if (data.reopen && data.state !== "draft") {
    throw new ValidationError("reopen only applies to moving an archived article back to draft", [{ field: "reopen", message: "only valid with state 'draft'" }]);
  }
  return inTransaction(deps, tx, async (t) => {
    const current = await lockForWrite(t, id, data.expectedVersion);
    const from = current.state;
    const allowed = allowedTransitions(from);
    if (!allowed.includes(data.state)) throw new InvalidTransitionError("article", from, data.state, allowed);
    if (from === "archived" && !data.reopen) {
      throw new DomainError("INVALID_STATE_TRANSITION", "an archived article goes back to draft only when reopened: send { state: 'draft', reopen: true }", {
        from,
        to: data.state,
        allowed,
        requires: "reopen",
      });
    }
    const now = deps.clock.now();
    const article = await updateArticleRow(t, id, {
      state: data.state,
      version: current.version + 1,
      updatedAt: now,
      ...(data.state === "published" ? { publishedAt: now } : {}),
    });
    await writeVersion(t, article, ["state"], caller, data.note, now);
    await indexArticle(t, deps.embedder, article);
    await recordLifecycle(t, deps, caller, article, from, data.note, now);
    return article;
  });
}
