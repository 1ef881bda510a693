/** Number and time formatting shared by the portal and the dashboard; "–" stands for no value. */

export const NO_VALUE = "–";

/** A ratio in [0, 1] as "12.5 %". */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? NO_VALUE : `${(ratio * 100).toFixed(1)} %`;
}

/** Seconds in the largest unit that keeps the number readable: s, min, h, d. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return NO_VALUE;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** A timestamp as a date in the browser's locale. */
export function formatDate(iso: string | number | Date): string {
  return new Date(iso).toLocaleDateString();
}

/** Replaces `{name}` placeholders; unknown names stay as written. */
export function interpolate(template: string, vars: Record<string, string | number> = {}): string {
  let out = template;
  for (const [name, value] of Object.entries(vars)) out = out.split(`{${name}}`).join(String(value));
  return out;
}
