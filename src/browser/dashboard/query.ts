/** The controls' current choice, as every card's request needs it. */
export interface DashboardQuery {
  /** `from=…&to=…`, URL-encoded ISO timestamps. */
  range: string;
  bucket: string;
  tz: string;
}

/** The last `days` days up to `now`, in the given buckets and time zone. */
export function dashboardQuery(days: number, bucket: string, tz: string, now = new Date()): DashboardQuery {
  const from = new Date(now.getTime() - days * 86_400_000);
  return { range: `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(now.toISOString())}`, bucket, tz };
}

/** `bucket=…&tz=…` for the time-series endpoints. */
export function seriesParams(q: DashboardQuery): string {
  return `bucket=${q.bucket}&tz=${encodeURIComponent(q.tz)}`;
}
