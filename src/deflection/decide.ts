import type { Channel, Thresholds } from "./policy.js";

export type Decision = "answer" | "suggest" | "escalate";

export interface DecisionInput {
  channel: Channel;
  confidence: number;
  /** Kinds of the escalating signals found in the author's text. */
  hierarchicalSignals: string[];
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
 * The answer/suggest/escalate rule. A customer who must reach a human (anger, threats, demand
 * for a superior) is escalated hierarchically even when an article fits. Otherwise confidence
 * at or above the channel's answer threshold answers — but only a public, published fix may go
 * to a customer, so an internal one is suggested to the agent instead; at or above the suggest
 * threshold the agent gets it as a suggestion; below, nothing fits well enough: functional.
 */
export function decide(input: DecisionInput): DecisionOutcome {
  const answerAt = input.thresholds.answer[input.channel];
  const suggestAt = input.thresholds.suggest[input.channel];
  if (input.hierarchicalSignals.length > 0) {
    const kinds = [...new Set(input.hierarchicalSignals)].join(", ");
    return {
      decision: "escalate",
      escalation: { type: "hierarchical", reason: `Customer needs a human (${kinds})` },
      explanation: `Escalation signals in the customer's own words: ${kinds}`,
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
