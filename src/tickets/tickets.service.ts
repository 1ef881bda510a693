import type { Executor } from "../db/database.js";
import { hierarchicalPolicyFor } from "./frustration-policy.js";
import type { Deps } from "../deps.js";
import { newId } from "../db/ids.js";
import { evaluateCustomerTicket } from "../deflection/customer.service.js";
import { type BriefTemplate, type EscalationDue, loadDeescalationTemplates, withEscalationDue } from "../deflection/deescalation.js";
import { type Evaluation, evaluateTicket } from "../deflection/evaluate.service.js";
import type { Verdict } from "../deflection/verdict.schemas.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { escalationDueOf, planEscalation, writeEscalation } from "../escalations/create.service.js";
import type { EscalationRow } from "../escalations/escalation.types.js";
import type { CustomerMessage } from "../escalations/customer-message.js";
import { storedCustomerMessage } from "../escalations/customer-message.schemas.js";
import { getEscalation } from "../escalations/escalations.queries.js";
import { toEscalationDto } from "../escalations/presenters.js";
import type { Caller } from "../caller.js";
import type { CreateTicketInput } from "./tickets.schemas.js";
import { getTicketById, getTicketByIdempotencyKey, getTicketByReference, insertTicketOnce, listTickets, type TicketRow, updateTicket } from "./tickets.queries.js";
import { drawReference, parseReference, requireReference } from "./reference.js";
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

/** A functional escalation the caller asks for whatever the verdict (the portal's "this fix did not help"). */
export interface RequestedEscalation {
  reason: string;
}

/**
 * POST /v1/tickets (and portal intake): stores the ticket and its verdict, and opens the
 * escalation when the verdict escalates (or the caller asks for one). Everything is decided
 * before the database is written — the evaluation (no writes), the routing, the escalation's id,
 * due times and handoff, and the verdict as stored — so the ticket is written once, final: a
 * ticket that is not escalated is one INSERT; an escalated one is one transaction of ticket,
 * escalation, its event and its outbox rows. An idempotency key returns the first request's
 * ticket and verdict, also under concurrent identical requests: the unique key decides the winner
 * and the loser reads the winner's row.
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
  /** Open a functional escalation with this reason when the verdict does not escalate by itself. */
  escalate?: RequestedEscalation;
}): Promise<SubmitResult & { escalation: EscalationRow | null; row: TicketRow | null }> {
  const { deps, caller } = args;
  const { input } = args;
  const db = deps.database.db;
  if (input.idempotencyKey) {
    const existing = await getTicketByIdempotencyKey(db, input.idempotencyKey);
    if (existing) return { ...(await withStoredMessage(db, replay(existing, input))), escalation: null, row: null };
  }
  const text = { subject: input.subject ?? null, body: input.body, channel: input.channel, language: input.language ?? null, customerRef: input.customerRef ?? null };
  const hierarchicalPolicy = hierarchicalPolicyFor(deps, { category: input.category ?? null, product: input.product ?? null, priority: input.priority ?? null });
  const evaluation = args.customerFacing
    ? await evaluateCustomerTicket({ deps, input: text, hierarchicalPolicy })
    : await evaluateTicket({ deps, input: text, viewer: caller.role, hierarchicalPolicy });
  const verdict: Verdict = args.selfServed
    ? {
        ...evaluation.verdict,
        decision: "answer",
        explanation: `The customer confirmed that article ${args.selfServed.articleId} solved the problem (self-service); deflection said: ${evaluation.verdict.explanation}`,
        escalation: null,
      }
    : evaluation.verdict;
  const briefed = verdict.frustration && verdict.deescalation;
  // Cached per instance; only a brief that will be recomposed with the escalation's due time needs them.
  const templates = briefed && (verdict.escalation || args.escalate) ? await loadDeescalationTemplates(deps) : [];
  for (let draw = 1; draw <= REFERENCE_DRAWS; draw++) {
    const written = await writeTicket({ ...args, evaluation, verdict, templates });
    if (written === "reference-taken") continue;
    if (written.replayed) return { ...(await withStoredMessage(db, written)), escalation: null, row: null };
    // Counted once committed, and never for a replay (the first request counted it).
    if (written.verdict) deps.telemetry?.ticketDecided(written.verdict.decision);
    if (written.escalation) deps.telemetry?.escalationCreated(written.escalation.type);
    return written;
  }
  throw new Error(`no free ticket reference after ${REFERENCE_DRAWS} draws`);
}

/**
 * One attempt at writing a decided ticket with a freshly drawn reference: the row, and when it
 * escalates, the planned escalation (routed and timed before the transaction, its id already in
 * the stored verdict). Nothing inserted means a unique value was taken: the idempotency key
 * (another request won: its replay) or the reference ("reference-taken": draw again).
 */
async function writeTicket(args: {
  deps: Deps;
  input: CreateTicketInput;
  caller: Caller;
  source?: string;
  selfServed?: { articleId: string };
  escalate?: RequestedEscalation;
  evaluation: Evaluation;
  verdict: Verdict;
  templates: BriefTemplate[];
}): Promise<(SubmitResult & { escalation: EscalationRow | null; row: TicketRow }) | "reference-taken"> {
  const { deps, input, caller, evaluation, verdict, templates } = args;
  const db = deps.database.db;
  const now = deps.clock.now();
  const requested = verdict.escalation ?? (args.escalate ? { type: "functional" as const, reason: args.escalate.reason } : null);
  const row: TicketRow = {
    id: newId("ticket"),
    reference: drawReference(),
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
    status: requested ? "escalated" : statusFor[verdict.decision],
    decision: verdict.decision,
    confidence: verdict.confidence,
    topArticleId: args.selfServed?.articleId ?? evaluation.topArticleId,
    verdict,
    embedderId: evaluation.queryVector ? deps.embedder.id : null,
    embedding: evaluation.queryVector,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: verdict.decision === "answer" ? now : null,
    resolvedAt: null,
    reopenedAt: null,
  };
  const briefFor = verdict.frustration && verdict.deescalation ? (due: EscalationDue) => withEscalationDue(verdict, due, templates).deescalation : undefined;
  const plan = requested
    ? await planEscalation(db, deps, {
        ticket: row,
        id: newId("escalation"),
        type: requested.type,
        reason: requested.reason,
        // A requested escalation (the customer's "no") carries no verdict evidence, as an agent's would not.
        signals: verdict.escalation ? verdict.signals.filter((s) => s.escalates).map((s) => ({ kind: s.kind, phrase: s.phrase, language: s.language })) : [],
        matches: verdict.escalation ? verdict.matches.map((m) => ({ articleId: m.articleId, title: m.title, score: m.scores.fused })) : [],
        createdBy: caller.name,
        ...(briefFor ? { deescalation: briefFor } : {}),
      })
    : undefined;
  // The verdict as stored: an escalating verdict names its escalation, and the brief says who takes over and by when.
  const stored: Verdict =
    plan && verdict.escalation
      ? withEscalationDue(
          { ...verdict, escalation: { ...verdict.escalation, id: plan.escalation.id, record: toEscalationDto(plan.escalation) as Record<string, unknown> } },
          escalationDueOf(plan.escalation),
          templates,
        )
      : verdict;
  const final: TicketRow = { ...row, verdict: stored };
  const insert = async (tx: Executor): Promise<"inserted" | "reference-taken" | TicketRow> => {
    if (await insertTicketOnce(tx, final)) return "inserted";
    const existing = input.idempotencyKey ? await getTicketByIdempotencyKey(tx, input.idempotencyKey) : undefined;
    return existing ?? "reference-taken";
  };
  const outcome = plan
    ? await db.transaction(async (tx) => {
        const inserted = await insert(tx);
        if (inserted === "inserted") await writeEscalation(tx, deps, plan);
        return inserted;
      })
    : await insert(db);
  if (outcome === "reference-taken") return outcome;
  if (outcome !== "inserted") return { ...replay(outcome, input), escalation: null, row: outcome };
  return {
    ticket: toTicketDto(final),
    verdict: stored,
    replayed: false,
    customerMessage: plan ? storedCustomerMessage(plan.escalation.handoff) : null,
    escalation: plan?.escalation ?? null,
    row: final,
  };
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
