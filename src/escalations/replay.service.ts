import type { Deps } from "../deps.js";
import { listTeams } from "../teams/teams.queries.js";
import { getCurrentMatrix } from "./matrix.queries.js";
import { formatProjectedSlas, type ProjectedSla, type SlaClockCounts, slaProjector } from "./replay.sla.js";
import { routeEscalation } from "./routing.js";

export interface ReplayTicket {
  id: string;
  lang?: string;
  channel: "email" | "chat" | "phone" | "portal" | "social" | "api";
  subject?: string | null;
  body: string;
  category?: string | null;
  product?: string | null;
  priority?: "low" | "normal" | "high" | "urgent";
  customerRef?: string | null;
  /** ISO instant the ticket came in; projected SLA due times count from it (default: now). */
  createdAt?: string;
  expected?: { decision: "answer" | "escalate"; articleId?: string | null; escalation: "none" | "functional" | "hierarchical" };
}

/** What the deflection decision says about one ticket, reduced to what routing needs. */
export interface Evaluation {
  decision: "answer" | "suggest" | "escalate";
  escalationType: "functional" | "hierarchical" | null;
  signals: string[];
  /** Frustration level 0–3 of the verdict; null when the verdict has none (older evaluators). */
  frustrationLevel: number | null;
  /** Whether an escalating signal of kind `anger` was detected (counted or not). */
  angerSignal: boolean;
  language: string | null;
  category: string | null;
  product: string | null;
}

export type Evaluate = (ticket: ReplayTicket) => Promise<Evaluation>;

export interface ReplayReport {
  tickets: number;
  matrixVersion: number | null;
  decisions: { answer: number; suggest: number; escalate: number };
  projectedDeflectionRate: number;
  escalationRate: number;
  escalations: { functional: number; hierarchical: number };
  loadByTeam: { teamId: string | null; teamName: string | null; level: number; functional: number; hierarchical: number; total: number; share: number }[];
  loadByLevel: { level: number; total: number; share: number }[];
  byRule: { ruleId: string; total: number }[];
  /** Projected escalations by the clock their SLA counted in. */
  slaClocks: SlaClockCounts;
  /** Each projected escalation's due times, with the clock and calendar used. */
  projectedSlas: ProjectedSla[];
  /** Agreement with the labels when the tickets carry `expected` (the eval format). */
  agreement: { labelled: number; decision: number; escalationType: number } | null;
  /**
   * Tickets the old policy (every anger or frustration signal escalated hierarchically: an
   * escalating `anger` signal, or frustration level 2 or more) would have sent to a supervisor and
   * the graded policy (level 3 only, or level 2 where the matrix says so) keeps at tier 1.
   */
  hierarchicalAvoided: { total: number; ticketIds: string[]; byLevel: Record<"0" | "1" | "2" | "3", number> };
}

/** The old policy: anger, or frustration from level 2, always went to a supervisor. */
export function oldPolicyHierarchical(ev: Pick<Evaluation, "angerSignal" | "frustrationLevel">): boolean {
  return ev.angerSignal || (ev.frustrationLevel ?? 0) >= 2;
}

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);

/**
 * Runs tickets through the current thresholds (via `evaluate`, which must not write) and the
 * current matrix, and projects deflection, escalation and load per team and level, and each
 * escalation's SLA due times in the clock the live service would use (the target team's current
 * calendar for business-hours rules). Nothing is written: no ticket, no escalation, no webhook.
 */
export async function replayTickets({ deps, input }: { deps: Pick<Deps, "database" | "clock">; input: { tickets: ReplayTicket[]; evaluate: Evaluate } }): Promise<ReplayReport> {
  const [matrix, teams] = await Promise.all([getCurrentMatrix(deps.database.db), listTeams(deps.database.db)]);
  const slas = slaProjector(deps.database.db);
  const decisions = { answer: 0, suggest: 0, escalate: 0 };
  const escalations = { functional: 0, hierarchical: 0 };
  const byTeam = new Map<string, ReplayReport["loadByTeam"][number]>();
  const byLevel = new Map<number, number>();
  const byRule = new Map<string, number>();
  let labelled = 0;
  let decisionAgree = 0;
  let typeAgree = 0;
  const avoided: ReplayReport["hierarchicalAvoided"] = { total: 0, ticketIds: [], byLevel: { 0: 0, 1: 0, 2: 0, 3: 0 } };
  for (const ticket of input.tickets) {
    const ev = await input.evaluate(ticket);
    decisions[ev.decision] += 1;
    const type = ev.decision === "escalate" ? (ev.escalationType ?? "functional") : null;
    // Without a level there is no graded decision to compare with: such tickets are not counted.
    const level = ev.frustrationLevel;
    if (level !== null && level >= 0 && level <= 3 && type !== "hierarchical" && oldPolicyHierarchical(ev)) {
      avoided.total += 1;
      avoided.ticketIds.push(ticket.id);
      avoided.byLevel[String(level) as "0" | "1" | "2" | "3"] += 1;
    }
    if (ticket.expected) {
      labelled += 1;
      const projected = ev.decision === "escalate" ? "escalate" : "answer";
      if (projected === ticket.expected.decision) decisionAgree += 1;
      if ((type ?? "none") === ticket.expected.escalation) typeAgree += 1;
    }
    if (!type) continue;
    escalations[type] += 1;
    const route = routeEscalation(matrix, teams, {
      type,
      category: ev.category ?? ticket.category,
      product: ev.product ?? ticket.product,
      priority: ticket.priority ?? "normal",
      language: ev.language ?? ticket.lang,
      channel: ticket.channel,
      signals: ev.signals,
    });
    const key = `${route.teamId ?? ""}#${route.level}`;
    const row = byTeam.get(key) ?? { teamId: route.teamId, teamName: route.teamName, level: route.level, functional: 0, hierarchical: 0, total: 0, share: 0 };
    row[type] += 1;
    row.total += 1;
    byTeam.set(key, row);
    byLevel.set(route.level, (byLevel.get(route.level) ?? 0) + 1);
    byRule.set(route.ruleId, (byRule.get(route.ruleId) ?? 0) + 1);
    await slas.project(ticket.id, route, ticket.createdAt ? new Date(ticket.createdAt) : deps.clock.now());
  }
  const total = input.tickets.length;
  const escalated = escalations.functional + escalations.hierarchical;
  return {
    tickets: total,
    matrixVersion: matrix.version,
    decisions,
    projectedDeflectionRate: rate(decisions.answer, total),
    escalationRate: rate(escalated, total),
    escalations,
    loadByTeam: [...byTeam.values()].map((r) => ({ ...r, share: rate(r.total, escalated) })).sort((a, b) => a.level - b.level || b.total - a.total),
    loadByLevel: [...byLevel.entries()].map(([level, n]) => ({ level, total: n, share: rate(n, escalated) })).sort((a, b) => a.level - b.level),
    byRule: [...byRule.entries()].map(([ruleId, n]) => ({ ruleId, total: n })).sort((a, b) => b.total - a.total),
    slaClocks: slas.counts,
    projectedSlas: slas.projected,
    agreement: labelled > 0 ? { labelled, decision: rate(decisionAgree, labelled), escalationType: rate(typeAgree, labelled) } : null,
    hierarchicalAvoided: avoided,
  };
}

/** Readable report for the CLI and the closing note. */
export function formatReplay(r: ReplayReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Replayed ${r.tickets} tickets against matrix ${r.matrixVersion ?? "built-in default"}`,
    `  decisions: answer ${r.decisions.answer}, suggest ${r.decisions.suggest}, escalate ${r.decisions.escalate}`,
    `  projected deflection rate ${pct(r.projectedDeflectionRate)}, escalation rate ${pct(r.escalationRate)} (functional ${r.escalations.functional}, hierarchical ${r.escalations.hierarchical})`,
    "  load per team and level:",
    ...r.loadByTeam.map(
      (t) =>
        `    L${t.level} ${(t.teamName ?? "(no team)").padEnd(24)} ${String(t.total).padStart(4)}  ${pct(t.share).padStart(7)}  (functional ${t.functional}, hierarchical ${t.hierarchical})`,
    ),
    "  load per level:",
    ...r.loadByLevel.map((l) => `    L${l.level} ${String(l.total).padStart(4)}  ${pct(l.share)}`),
    ...formatProjectedSlas(r.slaClocks, r.projectedSlas),
  ];
  if (r.agreement) {
    lines.push(`  agreement with labels (${r.agreement.labelled}): decision ${pct(r.agreement.decision)}, escalation type ${pct(r.agreement.escalationType)}`);
  }
  const a = r.hierarchicalAvoided;
  lines.push(
    `  kept at tier 1 by the graded policy (the old one sent every anger/frustration signal to a supervisor): ${a.total}` +
      (a.total > 0
        ? ` (level 0 ${a.byLevel[0]}, level 1 ${a.byLevel[1]}, level 2 ${a.byLevel[2]}): ${a.ticketIds.slice(0, 20).join(", ")}${a.ticketIds.length > 20 ? ", …" : ""}`
        : ""),
  );
  return lines.join("\n");
}
