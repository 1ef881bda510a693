import type { Executor } from "../db/database.js";
import { hierarchicalPolicyFor } from "./frustration-policy.js";
import type { Deps } from "../deps.js";
import { newId } from "../db/ids.js";
import { evaluateCustomerTicket } from "../deflection/customer.service.js";
import { loadDeescalationTemplates, withEscalationDue } from "../deflection/deescalation.js";
import { evaluateTicket } from "../deflection/evaluate.service.js";
import type { Verdict } from "../deflection/verdict.schemas.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { createEscalationForTicket, escalationDueOf } from "../escalations/create.service.js";
import type { CustomerMessage } from "../escalations/customer-message.js";
import { storedCustomerMessage } from "../escalations/customer-message.schemas.js";
import { getEscalation } from "../escalations/escalations.queries.js";
import { toEscalationDto } from "../escalations/presenters.js";
import type { Caller } from "../caller.js";
import type { CreateTicketInput } from "./tickets.schemas.js";
import {
  getTicketById,
  getTicketByIdempotencyKey,
  getTicketByReference,
  insertTicketOnce,
  listTickets,
  type NewTicketRow,
  type TicketRow,
  updateTicket,
} from "./tickets.queries.js";
import { parseReference, requireReference } from "./reference.js";
import { toTicketDto, type TicketDto } from "./tickets.presenters.js";

export interface SubmitResult {
  ticket: TicketDto;
  verdict: Verdict | null;
  /** True when an earlier request with the same idempotency key answered. */
  replayed: boolean;
  /** What the customer is told, as stored with the escalation's handoff; null when not escalated. */
  customerMessage: CustomerMessage | null;
}

const statusFor = { answer: "answered", suggest: "suggested", escalate: "escalated" } as const;
/** Draws of a fresh reference before giving up; with 32^5 references a second draw is already rare. */
const REFERENCE_DRAWS = 8;

/** The stored ticket of an idempotency key, if the request is the same; 409 when the key was used for another ticket. */
function replay(existing: TicketRow, input: CreateTicketInput): SubmitResult {
  const same = existing.body === input.body && (existing.subject ?? null) === (input.subject ?? null) && existing.channel === input.channel;
  if (!same) {
    throw new ConflictError(
      `Idempotency key '${input.idempotencyKey}' was already used for a different ticket (${existing.id})`,
      { ticketId: existing.id },
      "IDEMPOTENCY_CONFLICT",
    );
  }
  return { ticket: toTicketDto(existing), verdict: (existing.verdict as Verdict | null) ?? null, replayed: true, customerMessage: null };
}

/** A replay answers with the message stored when the first request escalated (not composed again). */
async function withStoredMessage(db: Executor, result: SubmitResult): Promise<SubmitResult> {
  const escalationId = result.verdict?.escalation?.id;
  const escalation = escalationId ? await getEscalation(db, escalationId) : undefined;
  return { ...result, customerMessage: storedCustomerMessage(escalation?.handoff) };
}

/**
 * POST /v1/tickets (and portal intake): stores the ticket and its verdict, and opens the
 * escalation when the verdict escalates — ticket, verdict and escalation in one transaction.
 * The decision itself is evaluateTicket (no writes), computed before the transaction so the
 * database is held only for the writes. An idempotency key returns the first request's ticket and
 * verdict, also under concurrent identical requests: the unique key decides the winner and the
 * loser reads the winner's row.
 */
export async function submitTicket(args: {
  deps: Deps;
  input: CreateTicketInput;
  caller: Caller;
  source?: string;
  /**
   * The customer already confirmed that this public fix solved the problem (portal: found by
   * search, "Yes"). The ticket is stored as answered with that article and never escalated: the
   * evaluation is kept for the record, but no human is needed for a solved problem.
   */
  selfServed?: { articleId: string };
  /**
   * The sender is told the outcome (portal): whether they are answered is decided on public
   * fixes alone, so it never reveals hidden articles; the stored verdict still shows the agent
   * every match (evaluateCustomerTicket).
   */
  customerFacing?: boolean;
}): Promise<SubmitResult> {
  const { deps, caller } = args;
  const { input } = args;
  const db = deps.database.db;
  if (input.idempotencyKey) {
    const existing = await getTicketByIdempotencyKey(db, input.idempotencyKey);
    if (existing) return withStoredMessage(db, replay(existing, input));
  }
  const text = { subject: input.subject ?? null, body: input.body, channel: input.channel, language: input.language ?? null, customerRef: input.customerRef ?? null };
  const hierarchicalPolicy = hierarchicalPolicyFor(deps, { category: input.category ?? null, product: input.product ?? null, priority: input.priority ?? null });
  const evaluation = args.customerFacing
    ? await evaluateCustomerTicket({ deps, input: text, hierarchicalPolicy })
    : await evaluateTicket({ deps, input: text, viewer: caller.role, hierarchicalPolicy });
  const now = deps.clock.now();
  const verdict: Verdict = args.selfServed
    ? {
        ...evaluation.verdict,
        decision: "answer",
        explanation: `The customer confirmed that article ${args.selfServed.articleId} solved the problem (self-service); deflection said: ${evaluation.verdict.explanation}`,
        escalation: null,
      }
    : evaluation.verdict;
  const topArticleId = args.selfServed?.articleId ?? evaluation.topArticleId;
  // Read before the transaction, and only when a brief will be recomposed with the escalation's due time.
  const templates = verdict.escalation && verdict.frustration && verdict.deescalation ? await loadDeescalationTemplates(deps) : [];
  const result = await db.transaction(async (tx): Promise<SubmitResult> => {
    const row: NewTicketRow = {
      id: newId("ticket"),
      idempotencyKey: input.idempotencyKey ?? null,
      subject: input.subject ?? null,
      body: input.body,
      cleanText: evaluation.cleanText,
      channel: input.channel,
      customerRef: input.customerRef ?? null,
      language: evaluation.language,
      category: input.category ?? null,
      product: input.product ?? null,
      priority: input.priority ?? "normal",
      source: args.source ?? (caller.role === "portal" ? "portal" : "api"),
      status: statusFor[verdict.decision],
      decision: verdict.decision,
      confidence: verdict.confidence,
      topArticleId,
      verdict,
      embedderId: evaluation.queryVector ? deps.embedder.id : null,
      embedding: evaluation.queryVector,
      createdAt: now,
      updatedAt: now,
      firstResponseAt: verdict.decision === "answer" ? now : null,
    };
    const inserted = await insertWithFreshReference(tx, row, input.idempotencyKey);
    if ("replayOf" in inserted) return replay(inserted.replayOf, input);
    if (!verdict.escalation) return { ticket: toTicketDto(inserted.row), verdict, replayed: false, customerMessage: null };
    const escalation = await createEscalationForTicket(tx, deps, {
      ticket: inserted.row,
      type: verdict.escalation.type,
      reason: verdict.escalation.reason,
      signals: verdict.signals.filter((s) => s.escalates).map((s) => ({ kind: s.kind, phrase: s.phrase, language: s.language })),
      matches: verdict.matches.map((m) => ({ articleId: m.articleId, title: m.title, score: m.scores.fused })),
      createdBy: caller.name,
      deescalation: (due) => withEscalationDue(verdict, due, templates).deescalation,
    });
    // The brief now says who takes over and by when (the escalation's first-response due time).
    const finalVerdict: Verdict = withEscalationDue(
      { ...verdict, escalation: { ...verdict.escalation, id: escalation.id, record: toEscalationDto(escalation) as Record<string, unknown> } },
      escalationDueOf(escalation),
      templates,
    );
    const updated = await updateTicket(tx, inserted.row.id, { verdict: finalVerdict, status: "escalated", updatedAt: now });
    return { ticket: toTicketDto(updated ?? inserted.row), verdict: finalVerdict, replayed: false, customerMessage: storedCustomerMessage(escalation.handoff) };
  });
  if (result.replayed) return withStoredMessage(db, result);
  // Counted once committed, and never for a replay (the first request counted it).
  if (!result.replayed && result.verdict) {
    deps.telemetry?.ticketDecided(result.verdict.decision);
    if (result.verdict.escalation) deps.telemetry?.escalationCreated(result.verdict.escalation.type);
  }
  return result;
}

/**
 * Inserts the ticket with a reference the database draws. Nothing inserted means a unique value
 * was taken: the idempotency key (another request won: replay it) or the reference (draw again).
 */
async function insertWithFreshReference(tx: Executor, row: NewTicketRow, idempotencyKey: string | undefined): Promise<{ row: TicketRow } | { replayOf: TicketRow }> {
  for (let draw = 1; draw <= REFERENCE_DRAWS; draw++) {
    const inserted = await insertTicketOnce(tx, row);
    if (inserted) return { row: inserted };
    const existing = idempotencyKey ? await getTicketByIdempotencyKey(tx, idempotencyKey) : undefined;
    if (existing) return { replayOf: existing };
  }
  throw new Error(`no free ticket reference after ${REFERENCE_DRAWS} draws`);
}

/**
 * One ticket with its stored verdict, by internal id or by the reference a customer quotes (any
 * case, hyphens optional). A reference with a wrong check symbol is INVALID_REFERENCE, so a
 * mistyped reference is told apart from one that does not exist; NOT_FOUND otherwise.
 */
export async function getTicket(args: { deps: Deps; id: string }): Promise<{ ticket: TicketDto; verdict: Verdict | null }> {
  const db = args.deps.database.db;
  const parsed = args.id.startsWith("tkt_") ? undefined : parseReference(args.id);
  if (parsed && !parsed.ok && parsed.shaped) requireReference(args.id, "id");
  const row = parsed?.ok ? await getTicketByReference(db, parsed.reference) : await getTicketById(db, args.id);
  if (!row) throw new NotFoundError("ticket", args.id);
  return { ticket: toTicketDto(row), verdict: (row.verdict as Verdict | null) ?? null };
}

/**
 * Marks a ticket re-opened (the customer came back: the answer did not hold). Metrics count a
 * re-open within the deflection window as "not deflected". Re-opening twice keeps the first time.
 */
export async function reopenTicket(args: { deps: Deps; id: string }): Promise<TicketDto> {
  const { deps, id } = args;
  return deps.database.db.transaction(async (tx) => {
    const row = await getTicketById(tx, id);
    if (!row) throw new NotFoundError("ticket", id);
    if (row.status === "reopened") return toTicketDto(row);
    const now = deps.clock.now();
    const updated = await updateTicket(tx, id, { status: "reopened", reopenedAt: now, updatedAt: now });
    return toTicketDto(updated ?? row);
  });
}

/** A page of tickets, newest first, with the cursor of the next page (null on the last). */
export async function listTicketPage(args: {
  deps: Deps;
  query: { limit: number; cursor?: string; status?: TicketRow["status"]; decision?: NonNullable<TicketRow["decision"]>; channel?: TicketRow["channel"]; ref?: string };
}): Promise<{ items: TicketDto[]; nextCursor: string | null }> {
  const { ref, ...query } = args.query;
  const reference = ref === undefined ? undefined : requireReference(ref, "ref");
  const rows = await listTickets(args.deps.database.db, { ...query, reference, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toTicketDto), nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null };
}
