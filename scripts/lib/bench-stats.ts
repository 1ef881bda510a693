/** Latency summary of one series of timings (milliseconds). */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentiles: no interpolation, so every figure is a latency that was measured. */
export function summariseLatency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), mean: round(mean) };
}

/** Runs `fn` once per item, timing each call; a warm-up pass over the first items is not counted. */
export async function timeEach<T, R>(items: T[], fn: (item: T) => Promise<R>, warmup = 20): Promise<{ latency: Latency; results: R[] }> {
  for (const item of items.slice(0, warmup)) await fn(item);
  const samples: number[] = [];
  const results: R[] = [];
  for (const item of items) {
    const start = performance.now();
    results.push(await fn(item));
    samples.push(performance.now() - start);
  }
  return { latency: summariseLatency(samples), results };
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/** Plain-text table, right-aligned numbers, `–` for missing values. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "–" : String(v));
  const cells = rows.map((r) => r.map(cell));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** "1.8×" style ratio of a peer's figure to Deflect's; for latency > 1 means the peer is slower. */
export function ratio(value: number | null | undefined, base: number | null | undefined): string | null {
  if (value === null || value === undefined || base === null || base === undefined || base === 0) return null;
  return `${(value / base).toFixed(2)}×`;
}
