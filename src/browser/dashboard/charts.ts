/**
 * Chart.js, loaded by the page as a global from /assets/chart.umd.js (served from the installed
 * package: no CDN). Only its types are imported here; one chart per canvas, replaced on redraw.
 */
import type { Chart, ChartConfiguration } from "chart.js";
import { byId } from "../shared/dom.js";

declare global {
  interface Window {
    Chart: typeof Chart;
  }
}

const charts = new Map<string, Chart>();

export function drawChart(id: string, config: ChartConfiguration): void {
  charts.get(id)?.destroy();
  charts.set(id, new window.Chart(byId<HTMLCanvasElement>(id), config));
}

/**
 * A chart without data says what will appear there instead of drawing an empty axis: with a
 * message the canvas hides and `#<id>-empty` shows it. Returns whether the chart is empty.
 */
export function chartEmpty(id: string, message: string | null): boolean {
  const canvas = byId(id);
  const note = byId(`${id}-empty`);
  canvas.hidden = !!message;
  note.hidden = !message;
  note.textContent = message ?? "";
  if (message) {
    charts.get(id)?.destroy();
    charts.delete(id);
  }
  return !!message;
}

export const percentAxis = {
  min: 0,
  max: 1,
  ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` },
  grid: { color: "#eef1f6" },
};

export const commonOptions = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  interaction: { mode: "index", intersect: false },
  plugins: { legend: { position: "bottom" } },
} as const;
