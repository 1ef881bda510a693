import { recordAudit } from "../audit/audit.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError, DomainError, NotFoundError } from "../errors.js";
import { EXPERT_UP, type Caller } from "../caller.js";
import { parseOrThrow } from "../parse.js";
import { enqueueWebhookEvent } from "../webhooks/outbox.js";
import { type ArticleRow, findVisibleArticle, insertArticleEvent } from "./articles.queries.js";
import { ArticleInputSchema, MAX_TEXT } from "./articles.schemas.js";
import { createArticle } from "./articles.service.js";
import { duplicateThreshold, findPossibleDuplicates } from "./capture.duplicates.js";
import { type EscalationRow, findTicket, insertEscalationEvent, lockEscalation, markEscalationResolved, markTicketResolved, type TicketRow } from "./capture.queries.js";
import type { PossibleDuplicate, ResolveInput } from "./capture.schemas.js";
import { isLanguageCode } from "./language-codes.js";

export interface ResolveResult {
  escalation: EscalationRow;
  resolvedAt: Date;
  article: ArticleRow;
  linked: boolean;
  possibleDuplicates: PossibleDuplicate[];
  duplicateThreshold: number;
}

/** Reply prefixes mail clients put before a subject (en, de, fi, cs, pt/es, fr…). */
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|vs|sv|odp|ynt|tr|rv|enc|res)\s*(\[\d+\])?\s*:\s*)+/i;

/** A title for a captured article: the ticket subject without reply prefixes, else the problem's first sentence. */
export function deriveTitle(subject: string | null, problem: string): string {
  const fromSubject = (subject ?? "").replace(REPLY_PREFIX, "").trim();
  const base = fromSubject || (problem.split(/(?<=[.!?])\s+|\n+/)[0] ?? "").trim();
  if (base.length <= 120) return base;
  const cut = base.slice(0, 120);
  const space = cut.lastIndexOf(" ");
  return `${(space > 60 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The customer's words as the article's problem: the cleaned text, falling back to the raw body. */
export function problemFromTicket(ticket: Pick<TicketRow, "cleanText" | "body">): string {
  return (ticket.cleanText.trim() || ticket.body.trim()).slice(0, MAX_TEXT);
}

/**
 * Resolves an escalation, in one transaction under a row lock on it: writes (or links) the
 * article, marks escalation and ticket resolved, writes the escalation event, the audit entry and
 * the webhooks. A second call finds it resolved and fails with ALREADY_RESOLVED, so two concurrent
 * resolves produce exactly one article. Agents may resolve (tier-2 staff hold agent keys) but
 * only experts and admins may publish in the same call.
 */
export async function resolveEscalation({
  deps,
  escalationId,
  input,
  caller,
}: {
  deps: Deps;
  escalationId: string;
  input: ResolveInput;
  caller: Pick<Caller, "name" | "role">;
}): Promise<ResolveResult> {
  if (input.publish && !(EXPERT_UP as readonly string[]).includes(caller.role)) {
    throw new DomainError("FORBIDDEN", "Only experts and admins may publish; resolve without publish to capture a draft", {
      role: caller.role,
      allowed: EXPERT_UP,
    });
  }
  return deps.database.db.transaction(async (tx) => {
    const escalation = await lockEscalation(tx, escalationId);
    if (!escalation) throw new NotFoundError("escalation", escalationId);
    if (escalation.status === "resolved") {
      throw new ConflictError(
        `escalation ${escalationId} is already resolved`,
        { escalationId, resolutionArticleId: escalation.resolutionArticleId, resolvedAt: escalation.resolvedAt?.toISOString() ?? null },
        "ALREADY_RESOLVED",
      );
    }
    const ticket = await findTicket(tx, escalation.ticketId);
    if (!ticket) throw new NotFoundError("ticket", escalation.ticketId);
    const now = deps.clock.now();
    let article: ArticleRow;
    let possibleDuplicates: PossibleDuplicate[] = [];
    const threshold = await duplicateThreshold(tx, deps.embedder);
    const linked = input.linkArticleId !== undefined;
    if (input.linkArticleId !== undefined) {
      const found = await findVisibleArticle(tx, input.linkArticleId, caller.role);
      if (!found) throw new NotFoundError("article", input.linkArticleId);
      if (found.state === "archived") {
        throw new ConflictError(`article ${found.id} is archived; reopen it or write a new one`, { articleId: found.id, state: found.state });
      }
      article = found;
      await insertArticleEvent(tx, {
        id: newId("articleEvent"),
        articleId: article.id,
        kind: "linked",
        evidence: { escalationId, ticketId: ticket.id },
        actor: caller.name,
        createdAt: now,
      });
    } else {
      const problem = problemFromTicket(ticket);
      const language = input.language ?? (ticket.language && isLanguageCode(ticket.language) ? ticket.language : undefined);
      // The article is composed from the stored ticket and the body: checked here, where the two meet.
      article = await createArticle({
        deps,
        caller,
        tx,
        input: parseOrThrow(
          ArticleInputSchema,
          {
            title: input.title ?? (deriveTitle(ticket.subject, problem) || "Untitled resolution"),
            problem,
            rootCause: input.rootCause,
            resolution: input.resolution ?? "",
            language,
            category: input.category ?? ticket.category,
            product: input.product ?? ticket.product,
            tags: input.tags,
            visibility: input.visibility,
            state: input.publish ? "published" : "draft",
            sourceEscalationId: escalation.id,
            sourceTicketId: ticket.id,
          },
          "article",
        ),
      });
      possibleDuplicates = await findPossibleDuplicates(tx, deps.embedder, article, caller.role, threshold);
    }
    const resolved = await markEscalationResolved(tx, escalation.id, article.id, now);
    await insertEscalationEvent(tx, {
      id: newId("escalationEvent"),
      escalationId: escalation.id,
      kind: "resolved",
      actor: caller.name,
      detail: { articleId: article.id, linked, articleState: article.state, ...(input.note ? { note: input.note } : {}) },
      createdAt: now,
    });
    await markTicketResolved(tx, ticket.id, now);
    await recordAudit(tx, caller, "escalation.resolved", "escalation", escalation.id, { articleId: article.id, linked }, now);
    await enqueueWebhookEvent(tx, deps, "escalation.resolved", {
      escalationId: escalation.id,
      ticketId: ticket.id,
      resolvedAt: now.toISOString(),
      articleId: article.id,
      articleState: article.state,
      linked,
      actor: caller.name,
    });
    return { escalation: resolved, resolvedAt: now, article, linked, possibleDuplicates, duplicateThreshold: threshold };
  });
}
