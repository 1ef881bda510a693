import { escalationCauses } from "../db/schema/escalations.js";
import { foldText } from "../text/clean.js";

export type EscalationCause = (typeof escalationCauses)[number];
export { escalationCauses };

export interface CauseInput {
  type: "functional" | "hierarchical";
  /** An agent escalated by hand (POST /v1/tickets/{id}/escalate); false for Deflect's verdict and the portal. */
  manual: boolean;
  /** The escalation's reason (Deflect's own words, or the agent's). */
  reason: string;
  /** The ticket's stored verdict; any shape is tolerated (older verdicts lack frustration). */
  verdict: unknown;
  /** The cause the agent chose when escalating, if any: it always wins. */
  agentCause?: EscalationCause;
}

/** Level-3 kinds that are a demand of the customer (a superior, leaving, suing, reviews, writing again and again). */
const DEMAND_KINDS = new Set(["manager", "churn", "legal", "review", "repeat"]);

/**
 * Words of a request only someone with authority may grant — approval, refund, credit, exception —
 * in en/cs/fi/pt/de/es, matched on accent-folded text at a word start. A credit card is not a credit, a thrown exception no request.
 */
const AUTHORITY =
  /(?<![\p{L}])(approv|authori[sz]|sign-off|refund|credit(?!o|\s*card)|exception(?!\s*(?:thrown|occurred|stack|trace|log))|schval|vraceni penez|vratit penize|refundac|dobropis|kredit(?!ni\s+kart|kart)|vyjim|opravneni|hyvaksyn|hyvaksya|hyvity|hyvitt|poikke|valtuut|aprova|aprob|reembols|(?<!(?:cartao|tarjeta) de )credito|excecao|excepcao|excepcion|autoriza|estorno|devoluc|genehmig|freigabe|(?:ruck)?erstatt|gutschrift|ausnahm|kulanz)/u;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Whether an escalation reason asks for something that needs authority (approval, refund, credit, exception). */
export function needsAuthority(reason: string): boolean {
  return AUTHORITY.test(foldText(reason));
}

/** The verdict's best match exists but is internal: the fix is for someone allowed to apply it. */
function fixIsInternal(verdict: unknown): boolean {
  if (!isObj(verdict) || verdict.decision !== "suggest" || !Array.isArray(verdict.matches)) return false;
  const top: unknown = verdict.matches[0];
  return isObj(top) && top.visibility === "internal";
}

/** The kinds that made the customer need a human: counted phrases, escalating signals and the reason's list ("repeat"). */
function needsHumanKinds(verdict: unknown, reason: string): Set<string> {
  const kinds = new Set<string>();
  if (isObj(verdict)) {
    const evidence = isObj(verdict.frustration) && Array.isArray(verdict.frustration.evidence) ? verdict.frustration.evidence : [];
    for (const e of evidence) if (isObj(e) && (e.cue === "phrase" || e.cue === "intent") && !e.discounted && typeof e.kind === "string") kinds.add(e.kind);
    for (const s of Array.isArray(verdict.signals) ? verdict.signals : []) if (isObj(s) && s.escalates === true && typeof s.kind === "string") kinds.add(s.kind);
  }
  const listed = /needs a human \(([^)]*)\)/i.exec(reason)?.[1];
  for (const k of listed?.split(",") ?? []) if (k.trim()) kinds.add(k.trim());
  return kinds;
}

/**
 * Why an escalation happened, where Deflect knows it (issue 22). The agent's own choice wins;
 * a request needing authority (the reason asks for approval, a refund, a credit or an exception,
 * or the verdict's fix is internal) is `authorisation`; Deflect's hierarchical escalations are
 * `customer_demand` when the customer asked for it (a superior, a threat to leave, sue or post
 * reviews, writing again and again) and `conflict` when only insults or anger put them there;
 * everything else — no article matched, or an agent escalating without saying why — is a
 * `knowledge_gap`. SLA breaches are recorded on the level-up event, not here.
 */
export function causeFor(input: CauseInput): EscalationCause {
  if (input.agentCause) return input.agentCause;
  if (needsAuthority(input.reason) || fixIsInternal(input.verdict)) return "authorisation";
  if (!input.manual && input.type === "hierarchical") {
    const kinds = needsHumanKinds(input.verdict, input.reason);
    return [...kinds].some((k) => DEMAND_KINDS.has(k)) ? "customer_demand" : "conflict";
  }
  return "knowledge_gap";
}
