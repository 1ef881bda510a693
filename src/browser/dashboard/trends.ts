/**
 * The two trend charts from /v1/metrics. They start where the data starts (`fromData`, at least
 * a week), not at the picked range.
 */
import { formatDate } from "../shared/format.js";
import { chartEmpty, commonOptions, drawChart, percentAxis } from "./charts.js";
import type { Metrics } from "./metrics.js";

export const NO_TICKETS = "No tickets yet — tickets created through POST /v1/tickets or the portal appear here.";

export function renderTrends(m: Metrics): void {
  const empty = m.firstTicketAt === null ? NO_TICKETS : m.totals.tickets === 0 ? `No tickets in this range — the first ticket arrived on ${formatDate(m.firstTicketAt)}.` : null;
  // Both charts say so, not just the first.
  const escalationEmpty = chartEmpty("chart-escalation", empty);
  const deflectionEmpty = chartEmpty("chart-deflection", empty);
  if (escalationEmpty || deflectionEmpty) return;
  const labels = m.buckets.map((b) => b.label);
  const rate = (pick: (b: Metrics["buckets"][number]) => number | null) => m.buckets.map((b) => (b.tickets ? pick(b) : null));
  drawChart("chart-escalation", {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          type: "line",
          label: "Escalation rate",
          data: rate((b) => b.escalationRate),
          borderColor: "#d64545",
          backgroundColor: "#d64545",
          yAxisID: "rate",
          tension: 0.25,
          spanGaps: true,
        },
        { type: "bar", label: "Tickets", data: m.buckets.map((b) => b.tickets), backgroundColor: "rgba(48,86,211,.18)", yAxisID: "count" },
      ],
    },
    options: { ...commonOptions, scales: { rate: { position: "left", ...percentAxis }, count: { position: "right", beginAtZero: true, grid: { display: false } } } },
  });
  drawChart("chart-deflection", {
    type: "line",
    data: {
      labels,
      datasets: [
        {
          label: "Deflection rate",
          data: rate((b) => b.deflectionRate),
          borderColor: "#1f9d6b",
          backgroundColor: "rgba(31,157,107,.12)",
          fill: true,
          tension: 0.25,
          spanGaps: true,
        },
        { label: "FCR", data: rate((b) => b.fcrRate), borderColor: "#3056d3", backgroundColor: "#3056d3", tension: 0.25, spanGaps: true },
      ],
    },
    options: { ...commonOptions, scales: { y: percentAxis } },
  });
}
