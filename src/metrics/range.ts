import type { Executor } from "../db/database.js";
import { ValidationError } from "../errors.js";
import { isKnownTimeZone, localMidnight } from "./metrics.queries.js";

const DAY_MS = 86_400_000;

/**
 * The [from, to) range of an insights request: a date without time is local midnight in `tz`, `to`
 * defaults to now and `from` to `defaultDays` before it. Unknown zones, an empty range and one
 * longer than `maxDays` are 400s naming the field.
 */
export async function resolveInsightsRange(
  db: Executor,
  input: { from?: string; to?: string; tz: string },
  opts: { now: Date; defaultDays: number; maxDays: number; maxNote?: string },
): Promise<{ from: Date; to: Date }> {
  if (!(await isKnownTimeZone(db, input.tz))) {
    throw new ValidationError(`Unknown time zone '${input.tz}'`, [{ field: "tz", message: "must be an IANA time zone name, e.g. Europe/Prague" }]);
  }
  const resolve = async (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? localMidnight(db, v, input.tz) : new Date(v));
  const to = input.to ? await resolve(input.to) : opts.now;
  const from = input.from ? await resolve(input.from) : new Date(to.getTime() - opts.defaultDays * DAY_MS);
  const issues = [];
  if (from.getTime() >= to.getTime()) issues.push({ field: "from", message: "must be before to" });
  if (to.getTime() - from.getTime() > opts.maxDays * DAY_MS) issues.push({ field: "to", message: `range may span at most ${opts.maxDays} days${opts.maxNote ?? ""}` });
  if (issues.length > 0) throw new ValidationError(`Invalid range: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`, issues);
  return { from, to };
}
