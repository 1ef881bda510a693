import { briefedVerdict, composeBrief, type EscalationDue, loadDeescalationTemplates, withEscalationDue } from "../deflection/deescalation.js";
import type { Verdict } from "../deflection/verdict.schemas.js";
import type { Deps } from "../deps.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { createEscalationForTicket, escalationDueOf } from "../escalations/create.service.js";
import type { CustomerMessage } from "../escalations/customer-message.js";
import { storedCustomerMessage } from "../escalations/customer-message.schemas.js";
import { functionalMessagePreview } from "../escalations/customer-message.service.js";
import type { EscalationRow } from "../escalations/escalation.types.js";
import { getOpenEscalationForTicket } from "../escalations/escalations.queries.js";
import type { Caller } from "../caller.js";
import { recordFeedback } from "../metrics/feedback.service.js";
import type { TicketRow } from "../tickets/tickets.queries.js";
import { submitTicket } from "../tickets/tickets.service.js";
import { getPortalTicket, getPublicArticle, hasPortalFeedback } from "./portal.queries.js";
import type { PortalTicketResult } from "./portal.schemas.js";
import { publicFixes } from "./portal.search.js";

/** Portal requests always act as the anonymous portal, whatever key came along. */
const PORTAL: Caller = { role: "portal", name: "portal", ip: "portal" };

export interface PortalTicketInput {
  subject?: string;
  body: string;
  email?: string;
  customerRef?: string;
  language?: string;
  articleId?: string;
  helped?: boolean;
}

/**
 * Turns the customer's text into a ticket through the normal path (submitTicket: cleaning,
 * signals, confidence, answer / suggest / escalate, escalation). The customer sees only the
 * reference and, when the verdict answers with a public published fix, that fix's text: never
 * internal or draft articles, scores, signals or the verdict itself. Whether they are answered is
 * decided on public fixes alone, and every other outcome is the same "received", so the answer
 * does not depend on hidden articles (customerFacing in submitTicket). With `articleId` + `helped`
 * (the customer already tried a fix from search), the answer is recorded at once: "no" opens the
 * functional escalation in the ticket's own write (submitTicket's `escalate`), not as a second step.
 */
export async function submitPortalTicket({ deps, input }: { deps: Deps; input: PortalTicketInput }): Promise<PortalTicketResult> {
  // Checked before anything is written: a hidden or unknown article is a 404 and no ticket.
  if (input.articleId && !(await getPublicArticle(deps.database.db, input.articleId))) throw new NotFoundError("article", input.articleId);
  const customerRef = input.email ?? input.customerRef;
  const submitted = await submitTicket({
    deps,
    caller: PORTAL,
    source: "portal",
    customerFacing: true,
    // "Yes, this solved it" for a fix found by search: a solved problem, never an escalation.
    ...(input.articleId && input.helped === true ? { selfServed: { articleId: input.articleId } } : {}),
    // "No": a person takes over, in the same write as the ticket (unless the verdict escalates anyway).
    ...(input.articleId && input.helped === false ? { escalate: { reason: notSolvedReason(input.articleId) } } : {}),
    input: {
      body: input.body,
      channel: "portal",
      ...(input.subject ? { subject: input.subject } : {}),
      ...(customerRef ? { customerRef } : {}),
      ...(input.language ? { language: input.language } : {}),
    },
  });
  const { ticket, verdict, customerMessage: told, row } = submitted;
  if (input.articleId && input.helped !== undefined && row) {
    return answerFeedback(deps, row, { articleId: input.articleId, helped: input.helped, escalation: submitted.escalation ?? undefined, recorded: false });
  }
  const base = { ticketId: ticket.id, reference: ticket.reference };
  if (verdict?.decision === "answer" && ticket.topArticleId) {
    const fixes = await publicFixes(deps, [ticket.topArticleId]);
    if (fixes.length > 0) return { ...base, status: "answered", fixes };
  }
  // Suggested to an agent or escalated: one answer, so that which one it was (an internal fix
  // matched, or nothing did) stays with the agent.
  const customerMessage = await receivedMessage(deps, verdict);
  const handoverMessage = row ? await receivedHandover(deps, row, verdict, told) : undefined;
  return { ...base, status: "received", fixes: [], ...(customerMessage ? { customerMessage } : {}), ...(handoverMessage ? { handoverMessage } : {}) };
}

const notSolvedReason = (articleId: string) => `Portal: the customer tried public fix ${articleId} and it did not solve the problem`;

/**
 * Who has the case and by when, for "received". A hierarchical escalation is decided on the
 * customer's own words, so its own message (the one stored in its handoff) is told. Anything else
 * (a functional escalation, or a suggestion to an agent) depends on unpublished articles, so both
 * get the message of the functional escalation this ticket would get: the due time says nothing
 * the status does not.
 */
async function receivedHandover(deps: Deps, row: TicketRow, verdict: Verdict | null, told: CustomerMessage | null): Promise<CustomerMessage | undefined> {
  if (verdict?.escalation?.type === "hierarchical" && told) return told;
  const kinds = (verdict?.signals ?? []).filter((s) => s.escalates).map((s) => s.kind);
  return functionalMessagePreview(deps, row, kinds);
}

/**
 * The customer-facing confirmation for "received", only when the customer's words show
 * frustration (a brief exists). A hierarchical escalation is decided on the customer's own words,
 * so its real due time may be told; otherwise (an agent suggestion or a functional escalation,
 * which depend on unpublished articles) the same "as soon as possible" wording answers both, so
 * the message reveals nothing the status does not.
 */
async function receivedMessage(deps: Deps, verdict: Verdict | null): Promise<string | undefined> {
  if (!verdict?.frustration || !verdict.deescalation) return undefined;
  if (verdict.escalation?.type === "hierarchical") return verdict.deescalation.customerMessage;
  const templates = await loadDeescalationTemplates(deps);
  return composeBrief({ language: verdict.language, level: verdict.deescalation.level as 1 | 2 | 3, kinds: [], nextStep: { kind: "investigation" }, templates }).customerMessage;
}

/**
 * The customer's answer to "Did this solve your problem?". Yes is recorded as resolved feedback.
 * No is recorded as not resolved and the ticket goes on to an agent: a functional escalation
 * through the matrix, unless one is already open. Only portal tickets and public fixes exist
 * here; repeating an answer records it once.
 */
export async function recordPortalFeedback({ deps, input }: { deps: Deps; input: { ticketId: string; articleId: string; helped: boolean } }): Promise<PortalTicketResult> {
  const db = deps.database.db;
  // Only the internal id (unguessable) opens a portal ticket: the short reference is for reading
  // out to support, not a key to the ticket.
  const [ticket, article, recorded] = await Promise.all([
    getPortalTicket(db, input.ticketId),
    getPublicArticle(db, input.articleId),
    hasPortalFeedback(db, input.ticketId, input.articleId),
  ]);
  if (!ticket) throw new NotFoundError("ticket", input.ticketId);
  if (!article) throw new NotFoundError("article", input.articleId);
  const escalation = input.helped ? undefined : await escalateForAgent(deps, ticket, input.articleId);
  return answerFeedback(deps, ticket, { articleId: input.articleId, helped: input.helped, escalation, recorded });
}

/**
 * What the customer is answered after "did it help", from the ticket as read (or as just
 * written): for "no", who has the case and by when (the escalation's due time), and the feedback
 * recorded once, for an article the ticket was offered.
 */
async function answerFeedback(
  deps: Deps,
  ticket: TicketRow,
  answer: { articleId: string; helped: boolean; escalation: EscalationRow | undefined; recorded: boolean },
): Promise<PortalTicketResult> {
  let customerMessage: string | undefined;
  let handoverMessage: CustomerMessage | undefined;
  if (!answer.helped) {
    // A person takes over: the confirmation names when (this escalation's first-response due time).
    const briefed = briefedVerdict(ticket.verdict);
    const { escalation } = answer;
    if (briefed && escalation) {
      const templates = await loadDeescalationTemplates(deps);
      customerMessage = withEscalationDue(briefed, escalationDueOf(escalation), templates).deescalation?.customerMessage;
    }
    handoverMessage = storedCustomerMessage(escalation?.handoff) ?? undefined;
  }
  if (!answer.recorded && wasOffered(ticket, answer.articleId)) {
    await recordFeedback({
      deps,
      caller: PORTAL,
      input: { ticketId: ticket.id, articleId: answer.articleId, outcome: answer.helped ? "resolved" : "not_resolved" },
    });
  }
  const base = { ticketId: ticket.id, reference: ticket.reference, fixes: [] };
  return answer.helped
    ? { ...base, status: "resolved" }
    : { ...base, status: "escalated", ...(customerMessage ? { customerMessage } : {}), ...(handoverMessage ? { handoverMessage } : {}) };
}

/**
 * Feedback counts only for an article the ticket was offered (metrics' rule). A fix the customer
 * found by search but deflection did not offer is still escalated; its feedback is not counted.
 */
function wasOffered(ticket: TicketRow, articleId: string): boolean {
  const matches = ((ticket.verdict as { matches?: { articleId?: string }[] } | null)?.matches ?? []).map((m) => m.articleId);
  return ticket.topArticleId === articleId || matches.includes(articleId);
}

/** Opens a functional escalation in one transaction; an already open one is kept as it is (and returned). */
async function escalateForAgent(deps: Deps, ticket: TicketRow, articleId: string): Promise<EscalationRow | undefined> {
  const briefed = briefedVerdict(ticket.verdict);
  const templates = briefed ? await loadDeescalationTemplates(deps) : [];
  try {
    const escalation = await deps.database.db.transaction(async (tx) =>
      createEscalationForTicket(tx, deps, {
        ticket,
        type: "functional",
        reason: notSolvedReason(articleId),
        createdBy: "portal",
        ...(briefed ? { deescalation: (due: EscalationDue) => withEscalationDue(briefed, due, templates).deescalation } : {}),
      }),
    );
    deps.telemetry?.escalationCreated("functional");
    return escalation;
  } catch (err) {
    if (!(err instanceof ConflictError && "escalationId" in err.details)) throw err;
    return getOpenEscalationForTicket(deps.database.db, ticket.id);
  }
}
