import { loadDeescalationTemplates, storedBriefFor } from "../deflection/deescalation.js";
import type { Deps } from "../deps.js";
import { NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import { createEscalationForTicket } from "./create.service.js";
import type { EscalationCause } from "./causes.js";
import type { EscalationRow, EscalationType } from "./escalation.types.js";
import { listRejectedArticleIds, lockTicket } from "./escalations.queries.js";
import type { HandoffMatch, HandoffSignal } from "./handoff.js";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Signals and suggested articles from a stored verdict, read defensively (any shape is tolerated). */
export function fromVerdict(verdict: unknown): { signals: HandoffSignal[]; matches: HandoffMatch[] } {
  if (!isObj(verdict)) return { signals: [], matches: [] };
  const signals = (Array.isArray(verdict.signals) ? verdict.signals : [])
    .filter(isObj)
    .filter((s) => typeof s.kind === "string")
    .map((s) => ({ kind: String(s.kind), phrase: String(s.phrase ?? s.kind), ...(typeof s.language === "string" ? { language: s.language } : {}) }));
  const list = [verdict.matches, verdict.suggestions, verdict.articles].find(Array.isArray) ?? [];
  const matches = (list as unknown[])
    .filter(isObj)
    .map((m) => ({
      articleId: String(m.articleId ?? m.id ?? ""),
      title: String(m.title ?? ""),
      score: Number((isObj(m.scores) ? m.scores.fused : undefined) ?? m.score ?? 0) || 0,
    }))
    .filter((m) => m.articleId.length > 0);
  return { signals, matches };
}

/**
 * An agent escalates a ticket by hand. The handoff carries the verdict's signals and suggestions;
 * articles the customer marked "did not help" count as rejected.
 */
export async function escalateTicket({
  deps,
  caller,
  input,
}: {
  deps: Deps;
  caller: Pick<Caller, "name">;
  input: { ticketId: string; reason: string; type: EscalationType; notes?: string; cause?: EscalationCause };
}): Promise<EscalationRow> {
  // Outside the transaction: the first use seeds the templates in a transaction of its own.
  const templates = await loadDeescalationTemplates(deps);
  const escalation = await deps.database.db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId);
    if (!ticket) throw new NotFoundError("ticket", input.ticketId);
    const { signals, matches } = fromVerdict(ticket.verdict);
    const rejected = new Set(await listRejectedArticleIds(tx, ticket.id));
    return createEscalationForTicket(tx, deps, {
      ticket,
      type: input.type,
      reason: input.reason,
      notes: input.notes,
      signals,
      matches: matches.map((m) => (rejected.has(m.articleId) ? { ...m, rejected: true } : m)),
      createdBy: caller.name,
      manual: true,
      ...(input.cause ? { cause: input.cause } : {}),
      deescalation: storedBriefFor(ticket.verdict, templates),
    });
  });
  deps.telemetry?.escalationCreated(escalation.type);
  return escalation;
}
