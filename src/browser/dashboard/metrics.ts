/** What the dashboard reads of GET /v1/metrics (the full schema: src/metrics/). */
export interface Percentiles {
  median: number | null;
  p90: number | null;
}

export interface MetricTotals {
  tickets: number;
  answered: number;
  escalated: number;
  breakdown: { answered: number; escalated: number; other: number };
  escalationRate: number | null;
  frustrated: number;
  deescalated: number;
  deescalationRate: number | null;
  confirmedResolvedFrustrated: number;
  byLevel: Record<number, number>;
  deflected: number;
  deflectionPending: number;
  deflectionRate: number | null;
  fcr: number;
  fcrRate: number | null;
  confirmedResolutions: number;
  humanFirstResponseSeconds: Percentiles;
  humanFirstResponses: number;
  awaitingHumanResponse: number;
  escalationResolutionSeconds: Percentiles;
  escalations: number;
  slaBreached: number;
  slaBreachRate: number | null;
}

export interface MetricBucket {
  label: string;
  tickets: number;
  escalationRate: number | null;
  deflectionRate: number | null;
  fcrRate: number | null;
}

export interface Metrics {
  from: string;
  to: string;
  tz: string;
  bucket: string;
  windowHours: number;
  firstTicketAt: string | null;
  totals: MetricTotals;
  buckets: MetricBucket[];
}
