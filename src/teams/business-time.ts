/**
 * Business-time arithmetic on a team calendar: pure, DST-correct, no dependency. Wall times are
 * read through Intl.DateTimeFormat in the calendar's IANA zone; each working interval's edges are
 * turned into instants one by one, so an interval across a DST change counts the real minutes.
 */

export interface WorkInterval {
  /** Local "HH:MM". */
  start: string;
  /** Local "HH:MM"; "24:00" = midnight at the end of the day. */
  end: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekday ("1" = Monday … "7" = Sunday) → working intervals; a missing day has none. */
  week: Partial<Record<string, WorkInterval[]>>;
  /** Local dates (YYYY-MM-DD) with no working time. */
  holidays: { date: string; name?: string }[];
}

const MIN = 60_000;
const DAY = 86_400_000;
/** Enough for the longest SLA (a year of minutes) on a calendar with one working minute a week. */
const MAX_DAYS = 366 * 10;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time at `ms` in `timeZone`, as if it were UTC (ms since epoch). */
function wallClockMs(timeZone: string, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) + (((ms % 1000) + 1000) % 1000);
}

const HOUR = 3_600_000;
const offsetAt = (timeZone: string, ms: number) => wallClockMs(timeZone, ms) - ms;

/**
 * The instant of a local wall time (given as UTC-like ms), disambiguated like Temporal's
 * "compatible": a repeated wall time (fall-back) is its first occurrence, a skipped one
 * (spring-forward) is shifted forward by the length of the gap.
 */
function instantOfWall(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - 12 * HOUR);
  const after = offsetAt(timeZone, wall + 12 * HOUR);
  const valid = [wall - before, wall - after].filter((t) => wallClockMs(timeZone, t) === wall);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

const hhmm = (s: string) => {
  const [h, m] = s.split(":").map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * MIN;
};
const isoDate = (dayMs: number) => new Date(dayMs).toISOString().slice(0, 10);
/** ISO weekday of a UTC-midnight day (1 = Monday). */
const isoWeekday = (dayMs: number) => ((new Date(dayMs).getUTCDay() + 6) % 7) + 1;

/** The working intervals of the local days from the one containing `from` on, as instants. */
function* workingSpans(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  const holidays = new Set(cal.holidays.map((h) => h.date));
  const firstDay = Math.floor(wallClockMs(cal.timeZone, from) / DAY) * DAY;
  for (let i = 0; i < MAX_DAYS; i++) {
    const day = firstDay + i * DAY;
    if (holidays.has(isoDate(day))) continue;
    const intervals = [...(cal.week[String(isoWeekday(day))] ?? [])].sort((a, b) => hhmm(a.start) - hhmm(b.start));
    for (const iv of intervals) {
      const start = instantOfWall(cal.timeZone, day + hhmm(iv.start));
      const end = instantOfWall(cal.timeZone, day + hhmm(iv.end));
      if (end > start) yield [start, end];
    }
  }
}

/**
 * The instant `minutes` working minutes after `start` (fractions allowed). A start outside working
 * hours begins at the next opening; a result on the closing minute stays there (17:00, not the
 * next morning). Null calendar = around the clock.
 */
export function addWorkingMinutes(cal: BusinessCalendar | null, start: Date, minutes: number): Date {
  if (!cal) return new Date(start.getTime() + minutes * MIN);
  let left = minutes * MIN;
  const from = start.getTime();
  for (const [s, e] of workingSpans(cal, from)) {
    if (e <= from) continue;
    const begin = Math.max(s, from);
    if (left <= e - begin) return new Date(begin + left);
    left -= e - begin;
  }
  throw new Error(`no working time within ${MAX_DAYS} days in calendar ${cal.timeZone}`);
}

/** Working minutes between two instants (0 when b is not after a). Null calendar = wall-clock minutes. */
export function workingMinutesBetween(cal: BusinessCalendar | null, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  if (!cal) return (to - from) / MIN;
  let total = 0;
  for (const [s, e] of workingSpans(cal, from)) {
    if (s >= to) break;
    if (e <= from) continue;
    total += Math.min(e, to) - Math.max(s, from);
  }
  return total / MIN;
}
