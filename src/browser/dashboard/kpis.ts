/**
 * The KPI row. Every figure says what it counts (subtitle, and the full definition as a tooltip),
 * so the numbers can be checked against each other: tickets = answered + escalated + other.
 */
import { el } from "../shared/dom.js";
import { formatDuration, formatPercent, NO_VALUE } from "../shared/format.js";
import type { MetricTotals } from "./metrics.js";

type Tone = "" | "good" | "bad";

function kpi(label: string, value: string, sub: string, tone: Tone, definition: string): HTMLDivElement {
  return el("div", { class: `kpi${tone ? ` ${tone}` : ""}`, title: definition }, [
    el("div", { class: "label", text: label }),
    el("div", { class: "value", text: value }),
    el("div", { class: "sub", text: sub }),
  ]);
}

const above = (x: number | null, limit: number): boolean => x !== null && x > limit;
const atLeast = (x: number | null, limit: number): boolean => x !== null && x >= limit;

export function renderKpis(t: MetricTotals): void {
  const box = document.getElementById("kpis");
  if (!box) return;
  const b = t.breakdown;
  const laterEscalated = t.answered - b.answered;
  const human = t.humanFirstResponseSeconds;
  box.replaceChildren(
    kpi(
      "Tickets",
      String(t.tickets),
      `${b.answered} answered + ${b.escalated} escalated + ${b.other} other`,
      "",
      "Tickets created in the range, each counted once: answered by Deflect and never escalated, escalated (at any point), or other (suggested to an agent, or open).",
    ),
    kpi(
      "Answered by Deflect",
      String(b.answered),
      laterEscalated > 0 ? `no human needed · ${laterEscalated} more answered, then escalated` : "no human needed",
      "",
      "Tickets Deflect answered automatically with an article at intake and that were never escalated afterwards.",
    ),
    kpi(
      "Escalation rate",
      formatPercent(t.escalationRate),
      `${t.escalated} of ${t.tickets} tickets escalated`,
      above(t.escalationRate, 0.3) ? "bad" : "",
      "Tickets escalated to a person at any point (verdict escalate, or escalated later) ÷ tickets.",
    ),
    kpi(
      "De-escalated",
      t.frustrated ? formatPercent(t.deescalationRate) : NO_VALUE,
      `${t.deescalated} of ${t.frustrated} annoyed/angry customers kept at tier 1`,
      t.frustrated && atLeast(t.deescalationRate, 0.7) ? "good" : "",
      "Tickets whose verdict rated the customer annoyed or angry (frustration level 1–2) that were neither escalated hierarchically (to a supervisor, at intake or later, or moved up a level by an agent) nor re-opened within the deflection window ÷ those tickets. " +
        `${t.confirmedResolvedFrustrated} of them confirmed resolved. Level 3 (needs a human now: ${t.byLevel[3]} tickets) goes to a supervisor by design and is not counted.`,
    ),
    kpi(
      "Deflection rate",
      formatPercent(t.deflectionRate),
      `${t.deflected} deflected · ${t.deflectionPending} still in window`,
      atLeast(t.deflectionRate, 0.5) ? "good" : "",
      "Answered tickets not re-opened or escalated within the deflection window ÷ tickets. Tickets whose window is still open count provisionally.",
    ),
    kpi(
      "First contact resolution",
      formatPercent(t.fcrRate),
      `${t.fcr} resolved at first contact · ${t.confirmedResolutions} confirmed by customers`,
      "",
      "Answered (automatically, or suggested with a first response), never escalated, never re-opened and never rated not resolved ÷ tickets.",
    ),
    kpi(
      "Human first response (median)",
      formatDuration(human.median),
      `${human.p90 === null ? "" : `p90 ${formatDuration(human.p90)} · `}${t.humanFirstResponses} answered by people · ${t.awaitingHumanResponse} waiting`,
      "",
      "Over tickets Deflect did not answer automatically: time from the ticket to an agent's first response (acknowledging its escalation). Automatic answers are in 'Answered by Deflect'.",
    ),
    kpi(
      "Escalation resolution",
      formatDuration(t.escalationResolutionSeconds.median),
      `p90 ${formatDuration(t.escalationResolutionSeconds.p90)} · ${t.escalations} escalations opened`,
      "",
      "Median time from opening an escalation to resolving it, over escalations opened in the range and resolved.",
    ),
    kpi(
      "SLA breach rate",
      formatPercent(t.slaBreachRate),
      `${t.slaBreached} of ${t.escalations} escalations opened`,
      above(t.slaBreachRate, 0.1) ? "bad" : "",
      "Escalations opened in the range that breached their SLA ÷ escalations opened in the range (escalations are counted when they are opened, so a ticket from before the range can add one).",
    ),
  );
}
