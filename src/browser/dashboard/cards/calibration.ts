/**
 * Answer confidence: the self-calibration's risk–coverage curve (wrong answers against coverage,
 * predicted out of sample) with the live threshold as a point, and what it was fitted on (admins).
 */
import { el } from "../../shared/dom.js";
import { formatPercent } from "../../shared/format.js";
import { apiGet } from "../api.js";
import { chartEmpty, commonOptions, drawChart } from "../charts.js";
import { emptyNote, errorNote } from "../table.js";
import { cardBox, type DashboardCard } from "./card.js";

interface CurvePoint {
  threshold: number;
  risk: number;
  riskBound: number;
  coverage: number;
}

interface CalibrationState {
  state: string;
  reason: string;
  target: number;
  live: { answerThreshold: number; source: string | null };
  report: null | {
    threshold: number;
    reached: boolean;
    predictedWrongAnswerRate: number;
    riskBound: number;
    predictedCoverage: number;
    delta: number;
    relevanceFloor: number;
    curve: CurvePoint[];
    fittedAt: string;
    fittedOn: { articles: number; positives: number; nearMisses: number; offTopic: number };
  };
}

export const calibrationCard: DashboardCard = {
  async load() {
    const res = await apiGet<CalibrationState>("/v1/deflection/calibration");
    return () => {
      const box = cardBox("calibration");
      const id = "chart-calibration";
      if (!res.ok && res.error.status === 403) {
        chartEmpty(id, "The answer-confidence curve is visible to admins.");
        return;
      }
      if (!res.ok) {
        chartEmpty(id, "Could not load the calibration.");
        return void box.appendChild(errorNote("calibration", res.error));
      }
      const { report } = res.data;
      if (!report) {
        chartEmpty(id, `No self-calibration yet (${res.data.state}): ${res.data.reason}`);
        return;
      }
      chartEmpty(id, null);
      const sorted = [...report.curve].sort((a, b) => a.coverage - b.coverage || b.threshold - a.threshold);
      const live = report.reached ? [{ x: report.predictedCoverage, y: report.predictedWrongAnswerRate }] : [];
      drawChart(id, {
        type: "scatter",
        data: {
          datasets: [
            { label: "wrong answers (predicted)", data: sorted.map((p) => ({ x: p.coverage, y: p.risk })), showLine: true, borderColor: "#d97706", pointRadius: 0 },
            {
              label: `bound (${formatPercent(1 - report.delta)} confidence)`,
              data: sorted.map((p) => ({ x: p.coverage, y: p.riskBound })),
              showLine: true,
              borderColor: "#fbbf24",
              borderDash: [4, 3],
              pointRadius: 0,
            },
            {
              label: "target",
              data: [
                { x: 0, y: res.data.target },
                { x: 1, y: res.data.target },
              ],
              showLine: true,
              borderColor: "#9ca3af",
              borderDash: [2, 2],
              pointRadius: 0,
            },
            { label: "live threshold", data: live, pointRadius: 6, backgroundColor: "#2563eb" },
          ],
        },
        options: {
          ...commonOptions,
          interaction: { mode: "nearest", intersect: false },
          scales: {
            x: { min: 0, max: 1, title: { display: true, text: "coverage" }, ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } },
            y: { min: 0, max: 0.4, title: { display: true, text: "wrong answers / answered" }, ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } },
          },
        },
      });
      const summary = report.reached
        ? `Answer threshold ${report.threshold}: ${formatPercent(report.predictedWrongAnswerRate)} wrong answers predicted (at most ${formatPercent(report.riskBound)} with ${formatPercent(1 - report.delta)} confidence), ${formatPercent(report.predictedCoverage)} of answerable tickets answered.`
        : `No threshold keeps wrong answers under ${formatPercent(res.data.target)}: every ticket goes to an agent until the knowledge base grows or the target is raised.`;
      box.append(
        el("p", { text: summary }),
        el("p", {
          class: "muted",
          text: `Fitted ${new Date(report.fittedAt).toLocaleString()} on ${report.fittedOn.articles} articles (${report.fittedOn.positives} synthetic tickets with an article, ${report.fittedOn.nearMisses} near-misses, ${report.fittedOn.offTopic} off-topic). State: ${res.data.state} — ${res.data.reason}. Portal relevance floor ${report.relevanceFloor}.`,
        }),
      );
      if (!report.curve.length) box.appendChild(emptyNote("The curve is empty."));
    };
  },
};
