import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import { type Evaluation, evaluateTicket, type HierarchicalPolicy, type TicketText } from "./evaluate.service.js";

/**
 * The deflection decision for a ticket whose sender is told the outcome at once (the portal's
 * customer). What the customer sees — a public fix, or "an agent will take it" — is decided on
 * public, published articles alone: matched against everything an agent may use, an internal or
 * validated article changed the answer (it turned "escalated" into "received", and outranking a
 * public fix it withheld that fix), so the portal told anyone whether hidden fixes about a topic
 * exist. Only the text and the public knowledge base decide; hidden articles never do.
 *
 * The agent loses nothing: the stored verdict lists every article an agent may use, internal
 * included. When the public fixes answer, the ticket is answered with that fix (listed first);
 * otherwise the agent's own decision stands (suggest an internal fix, or escalate), except that a
 * ticket the customer was not answered is never stored as answered: it becomes a suggestion.
 */
export async function evaluateCustomerTicket(args: { deps: Deps; db?: Executor; input: TicketText; hierarchicalPolicy?: HierarchicalPolicy }): Promise<Evaluation> {
  const publicOnly = await evaluateTicket({ ...args, viewer: "portal", matchAs: "portal" });
  const agent = await evaluateTicket({ ...args, viewer: "agent", ...(publicOnly.queryVector ? { queryVector: publicOnly.queryVector } : {}) });
  const pub = publicOnly.verdict;
  if (pub.decision === "answer") {
    const answered = pub.matches[0];
    const others = agent.verdict.matches.filter((m) => m.articleId !== answered?.articleId);
    return {
      ...publicOnly,
      verdict: {
        ...pub,
        explanation: `${pub.explanation}, on public fixes alone (what a customer is answered from)`,
        matches: [...(answered ? [answered] : []), ...others],
      },
    };
  }
  if (agent.verdict.decision === "answer") {
    return {
      ...agent,
      verdict: {
        ...agent.verdict,
        decision: "suggest",
        explanation: `${agent.verdict.explanation}, but not on public fixes alone (${pub.explanation}): the customer was not answered, for the agent to apply`,
      },
    };
  }
  return agent;
}
