import type { Deps } from "../deps.js";
import { evaluateTicket } from "../deflection/evaluate.service.js";
import type { Role } from "../caller.js";
import { getArticleTopics } from "./escalations.queries.js";
import type { Evaluate, Evaluation } from "./replay.service.js";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/**
 * Reduces a deflection verdict to what routing needs. The category and product come from the
 * closest article (even below the answer threshold): that is the topic the ticket is about.
 */
export function toEvaluation(verdict: unknown): Evaluation {
  const v = isObj(verdict) ? verdict : {};
  const decision = v.decision === "answer" || v.decision === "suggest" ? v.decision : "escalate";
  const esc = isObj(v.escalation) ? v.escalation : {};
  const escalationType = esc.type === "hierarchical" || esc.type === "functional" ? esc.type : decision === "escalate" ? "functional" : null;
  const signals = (Array.isArray(v.signals) ? v.signals : [])
    .filter(isObj)
    .filter((s) => s.escalates !== false)
    .map((s) => str(s.kind))
    .filter((k): k is string => k !== null);
  const anger = (Array.isArray(v.signals) ? v.signals : []).filter(isObj).some((s) => s.kind === "anger" && s.escalates !== false);
  const frustration = isObj(v.frustration) ? v.frustration : {};
  const level = typeof frustration.level === "number" && Number.isInteger(frustration.level) ? frustration.level : null;
  const list = [v.articles, v.candidates, v.matches, v.suggestions].find((x) => Array.isArray(x) && x.length > 0) as unknown[] | undefined;
  const top = isObj(v.article) ? v.article : list?.find(isObj);
  return {
    decision,
    escalationType,
    signals,
    frustrationLevel: level,
    angerSignal: anger,
    language: str(v.language),
    category: top ? str(top.category) : null,
    product: top ? str(top.product) : null,
  };
}

/**
 * The replay evaluator: the real deflection decision (`evaluateTicket`, which writes nothing) with
 * the current thresholds, and the topic (category, product) of its closest article for routing.
 */
export function deflectionEvaluator(deps: Deps, viewer: Role = "agent"): Evaluate {
  return async (ticket) => {
    const { verdict } = await evaluateTicket({
      deps,
      viewer,
      input: { subject: ticket.subject ?? null, body: ticket.body, channel: ticket.channel },
    });
    const evaluation = toEvaluation(verdict);
    const topId = verdict.matches[0]?.articleId;
    if (topId && !evaluation.category) {
      const [topic] = await getArticleTopics(deps.database.db, [topId]);
      return { ...evaluation, category: topic?.category ?? null, product: topic?.product ?? null };
    }
    return evaluation;
  };
}
