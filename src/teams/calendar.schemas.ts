import { z } from "@hono/zod-openapi";
import { isKnownTimeZone } from "./business-time.js";

const time = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export const WorkIntervalSchema = z
  .object({
    start: z.string().regex(time, "Expected a local time HH:MM (00:00–23:59)").openapi({ example: "09:00" }),
    end: z.string().regex(time, "Expected a local time HH:MM (00:00–24:00)").openapi({ example: "17:00" }),
  })
  .strict()
  .openapi("WorkInterval");

const day = z.array(WorkIntervalSchema).max(12);
const weekdays = ["1", "2", "3", "4", "5", "6", "7"] as const;

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const PutCalendarSchema = z
  .object({
    timeZone: z.string().min(1).max(64).openapi({ example: "Europe/Prague", description: "IANA time zone" }),
    week: z
      .object(Object.fromEntries(weekdays.map((d) => [d, day.optional()])) as Record<(typeof weekdays)[number], z.ZodOptional<typeof day>>)
      .strict()
      .openapi({
        description: "Working intervals per ISO weekday (1 = Monday … 7 = Sunday); a missing day has none",
        example: {
          "1": [{ start: "09:00", end: "17:00" }],
          "5": [
            { start: "09:00", end: "12:00" },
            { start: "13:00", end: "17:00" },
          ],
        },
      }),
    holidays: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a local date YYYY-MM-DD"), name: z.string().trim().min(1).max(120).optional() }).strict())
      .max(366)
      .default([])
      .openapi({ description: "Local dates with no working time (at most 366)" }),
  })
  .strict()
  .superRefine((cal, ctx) => {
    if (!isKnownTimeZone(cal.timeZone)) ctx.addIssue({ code: "custom", path: ["timeZone"], message: `Unknown IANA time zone ${cal.timeZone}` });
    let working = 0;
    for (const d of weekdays) {
      const intervals = cal.week[d] ?? [];
      if (!intervals.every((iv) => time.test(iv.start) && time.test(iv.end))) continue;
      intervals.forEach((iv, i) => {
        if (iv.start === "24:00") ctx.addIssue({ code: "custom", path: ["week", d, i, "start"], message: "An interval cannot start at 24:00" });
        else if (minutesOf(iv.end) <= minutesOf(iv.start)) {
          ctx.addIssue({ code: "custom", path: ["week", d, i], message: `Interval ${iv.start}–${iv.end} ends before it starts` });
        }
      });
      const sorted = intervals.map((iv, i) => ({ ...iv, i })).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1];
        const cur = sorted[k];
        if (prev && cur && minutesOf(cur.start) < minutesOf(prev.end)) {
          ctx.addIssue({ code: "custom", path: ["week", d, cur.i], message: `Interval ${cur.start}–${cur.end} overlaps ${prev.start}–${prev.end}` });
        }
      }
      working += intervals.reduce((sum, iv) => sum + Math.max(0, minutesOf(iv.end) - minutesOf(iv.start)), 0);
    }
    if (working === 0) ctx.addIssue({ code: "custom", path: ["week"], message: "The week has no working time" });
    const seen = new Set<string>();
    cal.holidays.forEach((h, i) => {
      if (!isRealDate(h.date)) ctx.addIssue({ code: "custom", path: ["holidays", i, "date"], message: `${h.date} is not a calendar date` });
      else if (seen.has(h.date)) ctx.addIssue({ code: "custom", path: ["holidays", i, "date"], message: `Duplicate holiday ${h.date}` });
      seen.add(h.date);
    });
  })
  .openapi("PutTeamCalendar");

export const TeamCalendarSchema = z
  .object({
    teamId: z.string(),
    version: z.number().int(),
    timeZone: z.string(),
    week: z.record(z.string(), z.array(WorkIntervalSchema)),
    holidays: z.array(z.object({ date: z.string(), name: z.string().optional() })),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("TeamCalendar");

export type PutCalendar = z.infer<typeof PutCalendarSchema>;
