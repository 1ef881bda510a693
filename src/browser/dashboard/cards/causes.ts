/** Why tickets escalate: escalations stacked by cause per bucket, and who they come from (team, agent). */
import { problemText } from "../../shared/api.js";
import { el } from "../../shared/dom.js";
import { formatPercent } from "../../shared/format.js";
import { apiGet } from "../api.js";
import { chartEmpty, commonOptions, drawChart } from "../charts.js";
import { seriesParams } from "../query.js";
import { type Column, row, table } from "../table.js";
import { cardBox, type DashboardCard } from "./card.js";

interface CauseGroup {
  key: string;
  label: string;
  escalations: number;
  share: number | null;
  escalationRate: number | null;
}

interface EscalationCauses {
  totals: { escalations: number; groups: CauseGroup[] };
  buckets: { label: string; groups: { escalations: number }[] }[];
}

const CAUSE_COLORS: Record<string, string> = {
  knowledge_gap: "#3056d3",
  authorisation: "#8e44ad",
  sla_breach: "#d64545",
  customer_demand: "#e08a1e",
  conflict: "#b83280",
  miscommunication: "#1f9d9d",
  defect: "#6b7280",
};

const NO_ESCALATIONS =
  "No escalations in this period — escalations appear here stacked by cause (knowledge gap, authorisation, SLA breach, customer demand, conflict, miscommunication, defect), with the teams and agents they come from, so you can see where training or articles would help most.";

const columns = (first: string): Column[] => [{ label: first }, { label: "Escalations", num: true }, { label: "Share", num: true }, { label: "Escalations per ticket", num: true }];
const toRow = (g: CauseGroup) => row([g.label, g.escalations, { num: formatPercent(g.share) }, { num: formatPercent(g.escalationRate) }]);

function drawCauses(c: EscalationCauses): void {
  const datasets = c.totals.groups
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g.escalations > 0)
    .map(({ g, i }) => ({
      label: `${g.key.replace(/_/g, " ")} (${g.escalations})`,
      data: c.buckets.map((b) => b.groups[i]?.escalations ?? 0),
      backgroundColor: CAUSE_COLORS[g.key] ?? "#999",
      stack: "causes",
    }));
  drawChart("chart-causes", {
    type: "bar",
    data: { labels: c.buckets.map((b) => b.label), datasets },
    options: { ...commonOptions, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

export const causesCard: DashboardCard = {
  async load(q) {
    const path = (by: string) => `/v1/insights/escalation-causes?${q.range}&${seriesParams(q)}&by=${by}`;
    const [byCause, byTeam, byAgent] = await Promise.all([
      apiGet<EscalationCauses>(path("cause")),
      apiGet<EscalationCauses>(path("team")),
      apiGet<EscalationCauses>(path("agent")),
    ]);
    return () => {
      const box = cardBox("causes");
      if (!byCause.ok || !byTeam.ok || !byAgent.ok) {
        const failed = [byCause, byTeam, byAgent].find((r) => !r.ok);
        chartEmpty("chart-causes", `Could not load escalation causes: ${failed && !failed.ok ? problemText(failed.error) : ""}`);
        return;
      }
      if (chartEmpty("chart-causes", byCause.data.totals.escalations === 0 ? NO_ESCALATIONS : null)) return;
      drawCauses(byCause.data);
      box.append(
        el("h3", { text: "By team (current)" }),
        table(columns("Team"), byTeam.data.totals.groups.map(toRow)),
        el("h3", { text: "By agent (who escalated by hand)" }),
        table(columns("Agent"), byAgent.data.totals.groups.map(toRow)),
      );
    };
  },
};
