import type { Channel, Thresholds } from "./policy.js";

export type Decision = "answer" | "suggest" | "escalate";

export interface DecisionInput {
  channel: Channel;
  confidence: number;
  /** Why the customer needs a human now (frustration level 3): signal kinds, or `repeat`. */
  needsHuman: string[];
  /** The frustration level (0–3) and the level from which this ticket's policy hands it to a supervisor. */
  frustrationLevel: number;
  hierarchicalFromLevel: 2 | 3;
  top: { visibility: "internal" | "public"; state: string } | undefined;
  thresholds: Thresholds;
}

export interface DecisionOutcome {
  decision: Decision;
  escalation: { type: "functional" | "hierarchical"; reason: string } | null;
  /** Why, in one sentence, for the agent and the audit trail. */
  explanation: string;
}

/**
 * The answer/suggest/escalate rule. A customer who must reach a human now (frustration level 3:
 * threats, insults, a demand for a superior, or the same problem again and again) is escalated
 * hierarchically even when an article fits; an angry one (level 2) only where the matrix rule says
 * so — elsewhere the agent de-escalates with the brief and the ticket is decided on its merits. Otherwise confidence
 * at or above the channel's answer threshold answers — but only a public, published fix may go
 * to a customer, so an internal one is suggested to the agent instead; at or above the suggest
 * threshold the agent gets it as a suggestion; below, nothing fits well enough: functional.
 */
export function decide(input: DecisionInput): DecisionOutcome {
  const answerAt = input.thresholds.answer[input.channel];
  const suggestAt = input.thresholds.suggest[input.channel];
  if (input.needsHuman.length > 0) {
    const kinds = [...new Set(input.needsHuman)].join(", ");
    return {
      decision: "escalate",
      escalation: { type: "hierarchical", reason: `Customer needs a human (${kinds})` },
      explanation: input.needsHuman.includes("repeat")
        ? `The customer keeps writing about the same problem (${kinds})`
        : `Escalation signals in the customer's own words: ${kinds}`,
    };
  }
  if (input.frustrationLevel >= 2 && input.hierarchicalFromLevel === 2) {
    return {
      decision: "escalate",
      escalation: { type: "hierarchical", reason: "Angry customer (frustration level 2): this team hands angry customers to a supervisor" },
      explanation: "The customer is angry and the matching escalation-matrix rule escalates from level 2 (hierarchicalFromLevel: 2)",
    };
  }
  if (input.top && input.confidence >= answerAt) {
    if (input.top.visibility === "public" && input.top.state === "published") {
      return { decision: "answer", escalation: null, explanation: `Confidence ${input.confidence.toFixed(2)} ≥ answer threshold ${answerAt}` };
    }
    return {
      decision: "suggest",
      escalation: null,
      explanation: `Confident match (${input.confidence.toFixed(2)}), but the fix is ${input.top.visibility === "public" ? "not yet published" : "internal"}: for the agent to apply`,
    };
  }
  if (input.top && input.confidence >= suggestAt) {
    return { decision: "suggest", escalation: null, explanation: `Confidence ${input.confidence.toFixed(2)} ≥ suggest threshold ${suggestAt}` };
  }
  return {
    decision: "escalate",
    escalation: {
      type: "functional",
      reason: input.top ? `No article matches with enough confidence (${input.confidence.toFixed(2)} < ${suggestAt})` : "No article matches",
    },
    explanation: "Nothing in the knowledge base fits well enough",
  };
}
