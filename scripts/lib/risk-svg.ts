/**
 * The risk–coverage picture of an evaluation: what self-calibration predicted (its out-of-sample
 * curve on the synthetic tickets) beside what the labelled tickets measured, with the live
 * threshold marked on both. Plain SVG, so the README shows it without a chart library.
 */
export interface SvgCurve {
  label: string;
  colour: string;
  points: { coverage: number; risk: number; threshold: number }[];
  live?: { coverage: number; risk: number };
}

const W = 560;
const H = 340;
const M = { left: 56, right: 16, top: 36, bottom: 44 };

export function riskCoverageSvg(title: string, curves: SvgCurve[], opts: { target?: number; maxRisk?: number } = {}): string {
  const maxRisk = opts.maxRisk ?? Math.max(0.1, ...curves.flatMap((c) => c.points.map((p) => p.risk)));
  const x = (coverage: number) => M.left + coverage * (W - M.left - M.right);
  const y = (risk: number) => H - M.bottom - (Math.min(risk, maxRisk) / maxRisk) * (H - M.top - M.bottom);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${M.left}" y="18" font-size="13" font-weight="bold">${esc(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const c = i / 5;
    parts.push(
      `<line x1="${x(c).toFixed(1)}" y1="${y(0)}" x2="${x(c).toFixed(1)}" y2="${y(maxRisk)}" stroke="#eee"/><text x="${x(c).toFixed(1)}" y="${H - M.bottom + 14}" text-anchor="middle">${Math.round(c * 100)} %</text>`,
    );
    const r = (maxRisk * i) / 5;
    parts.push(
      `<line x1="${x(0)}" y1="${y(r).toFixed(1)}" x2="${x(1)}" y2="${y(r).toFixed(1)}" stroke="#eee"/><text x="${M.left - 6}" y="${(y(r) + 4).toFixed(1)}" text-anchor="end">${(r * 100).toFixed(0)} %</text>`,
    );
  }
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">coverage (answerable tickets answered with the right article)</text>`);
  parts.push(`<text x="14" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})">wrong answers / answered</text>`);
  if (opts.target !== undefined) {
    parts.push(
      `<line x1="${x(0)}" y1="${y(opts.target)}" x2="${x(1)}" y2="${y(opts.target)}" stroke="#999" stroke-dasharray="4 3"/><text x="${x(1) - 4}" y="${y(opts.target) - 4}" text-anchor="end" fill="#666">target ${(opts.target * 100).toFixed(0)} %</text>`,
    );
  }
  curves.forEach((c, i) => {
    const pts = [...c.points].sort((a, b) => a.coverage - b.coverage || b.threshold - a.threshold);
    if (pts.length)
      parts.push(`<polyline fill="none" stroke="${c.colour}" stroke-width="2" points="${pts.map((p) => `${x(p.coverage).toFixed(1)},${y(p.risk).toFixed(1)}`).join(" ")}"/>`);
    if (c.live) parts.push(`<circle cx="${x(c.live.coverage).toFixed(1)}" cy="${y(c.live.risk).toFixed(1)}" r="5" fill="${c.colour}" stroke="black"/>`);
    parts.push(
      `<rect x="${M.left + 8}" y="${M.top + 4 + i * 16}" width="12" height="3" fill="${c.colour}"/><text x="${M.left + 26}" y="${M.top + 9 + i * 16}">${esc(c.label)}</text>`,
    );
  });
  parts.push(`<text x="${M.left + 8}" y="${M.top + 9 + curves.length * 16}" fill="#333">● live threshold</text>`);
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
