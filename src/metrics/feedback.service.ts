import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Caller } from "../caller.js";
import { getFeedbackTicket, insertFeedback } from "./feedback.queries.js";
import { type ArticleHealthChange, reviewArticleHealth } from "./health.service.js";

export interface FeedbackInput {
  ticketId: string;
  articleId: string;
  outcome: "resolved" | "not_resolved";
  comment?: string | null;
}

export interface FeedbackResult {
  id: string;
  ticketId: string;
  articleId: string;
  outcome: "resolved" | "not_resolved";
  source: "agent" | "portal";
  comment: string | null;
  createdAt: string;
  /** What "reuse is review" changed because of this feedback (flag or validation). */
  articleHealth: ArticleHealthChange[];
}

/**
 * Records whether an article resolved a ticket, from an agent or the portal (the caller's role
 * decides the source). The article must be one the ticket was answered or suggested with.
 * The feedback row and the KCS review it triggers commit together.
 */
export async function recordFeedback({ deps, input, caller }: { deps: Deps; input: FeedbackInput; caller: Pick<Caller, "role" | "name"> }): Promise<FeedbackResult> {
  return deps.database.db.transaction(async (tx) => {
    const ticket = await getFeedbackTicket(tx, input.ticketId);
    if (!ticket) throw new NotFoundError("ticket", input.ticketId);
    if (!ticket.offeredArticleIds.includes(input.articleId)) {
      throw new ValidationError(`Article ${input.articleId} was not offered on ticket ${input.ticketId}`, [
        { field: "articleId", message: `must be an article the ticket was answered or suggested with (${ticket.offeredArticleIds.join(", ") || "none"})` },
      ]);
    }
    const row = await insertFeedback(tx, {
      id: newId("feedback"),
      ticketId: ticket.id,
      articleId: input.articleId,
      outcome: input.outcome,
      source: caller.role === "portal" ? "portal" : "agent",
      comment: input.comment?.trim() || null,
      createdAt: deps.clock.now(),
    });
    if (!row) throw new Error("feedback insert returned no row");
    const articleHealth = await reviewArticleHealth(deps, { db: tx, articleIds: [input.articleId] });
    return {
      id: row.id,
      ticketId: row.ticketId,
      articleId: input.articleId,
      outcome: row.outcome,
      source: row.source as "agent" | "portal",
      comment: row.comment,
      createdAt: row.createdAt.toISOString(),
      articleHealth,
    };
  });
}
