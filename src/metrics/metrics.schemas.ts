import { z } from "@hono/zod-openapi";
import { escalationCauses } from "../db/schema/escalations.js";

/**
 * An instant with offset, or a plain date meaning local midnight in `tz`, between 1970 and 9998:
 * metrics start with the service, and Postgres has no year 0 (nor JavaScript's years past 9999
 * in this ISO form), so a value outside is a 400 instead of a failed query.
 */
export const isoInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).refine((v) => {
  const year = Number(v.slice(0, 4));
  return year >= 1970 && year <= 9998;
}, "must be between 1970-01-01 and 9998-12-31");

export const MetricsQuerySchema = z.object({
  from: isoInstant.optional().openapi({
    description: "Start (inclusive): ISO 8601 instant with offset, or a date (local midnight in `tz`). Default: `to` − 30 days.",
    example: "2026-03-01T00:00:00+01:00",
  }),
  to: isoInstant.optional().openapi({ description: "End (exclusive), same forms as `from`. Default: now.", example: "2026-04-01T00:00:00+02:00" }),
  bucket: z.enum(["day", "week", "month"]).default("day").openapi({ description: "Bucket size; weeks start on Monday." }),
  groupBy: z.enum(["channel", "language", "category", "team"]).optional().openapi({
    description:
      "Split every bucket by this ticket attribute. `team`: a ticket belongs to the team of its first escalation; escalation metrics use the escalation's current team. Never-escalated tickets form the `null` group.",
  }),
  tz: z.string().min(1).max(64).default("UTC").openapi({ description: "IANA time zone the buckets are cut in (pg_timezone_names).", example: "Europe/Prague" }),
  window: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .optional()
    .openapi({ description: "Deflection window in hours (default DEFLECTION_WINDOW_HOURS)." }),
  fromData: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({
      description:
        "true: start at the local day of the first ticket when that is later than `from` (a chart starts where the data starts), keeping at least 7 days before `to`. Without tickets the range is the last 7 days.",
    }),
});

const Percentiles = z.object({
  median: z.number().nullable(),
  p90: z.number().nullable(),
});

export const MetricValuesSchema = z
  .object({
    tickets: z.number().int().openapi({ description: "Tickets created in the bucket." }),
    escalated: z.number().int().openapi({ description: "Of those, tickets escalated (verdict `escalate` or any escalation record)." }),
    escalationRate: z.number().openapi({ description: "escalated / tickets (0 when there are no tickets)." }),
    answered: z.number().int().openapi({
      description:
        "Automatic answers: tickets whose verdict was `answer` (Deflect sent the article at intake, no human). Some were escalated later, so answered + escalated may exceed tickets; `breakdown` counts each ticket once.",
    }),
    breakdown: z
      .object({
        answered: z.number().int().openapi({ description: "Answered by Deflect and never escalated." }),
        escalated: z.number().int().openapi({ description: "Escalated at any point (= `escalated`), including tickets answered first." }),
        other: z.number().int().openapi({ description: "Neither: suggested to an agent, or still open." }),
      })
      .openapi({ description: "Each ticket exactly once: tickets = answered + escalated + other." }),
    deflected: z.number().int().openapi({ description: "Answered and neither re-opened nor escalated within the window after the answer." }),
    deflectionPending: z.number().int().openapi({ description: "Deflected tickets whose window has not closed yet (provisional)." }),
    deflectionRate: z.number().openapi({ description: "deflected / tickets." }),
    confirmedResolutions: z
      .number()
      .int()
      .openapi({ description: "Answered or suggested tickets whose latest feedback is `resolved` and that were never re-opened or escalated after the answer." }),
    fcr: z.number().int().openapi({
      description: "First contact resolution: answered (verdict answer, or suggest with a first response), never escalated, never re-opened, and never rated not_resolved.",
    }),
    fcrRate: z.number().openapi({ description: "fcr / tickets." }),
    firstResponseSeconds: Percentiles.openapi({
      description: "Ticket first response time (first_response_at − created_at), automatic answers (0 s) included. See humanFirstResponseSeconds for people.",
    }),
    humanFirstResponseSeconds: Percentiles.openapi({
      description:
        "First response by a person, over tickets Deflect did not answer automatically: time to an agent's first response (the ticket's first response, or the first acknowledgement of its escalations, whichever came first). Tickets still waiting are not in it (see awaitingHumanResponse).",
    }),
    humanFirstResponses: z.number().int().openapi({ description: "Tickets Deflect did not answer that a person has responded to." }),
    awaitingHumanResponse: z.number().int().openapi({ description: "Tickets Deflect did not answer that no person has responded to yet." }),
    escalations: z
      .number()
      .int()
      .openapi({ description: "Escalations opened in the bucket (counted by the escalation's own creation time, so a ticket from an earlier bucket can add one here)." }),
    escalationFirstResponseSeconds: Percentiles.openapi({ description: "Escalation time to acknowledge." }),
    escalationResolutionSeconds: Percentiles.openapi({ description: "Escalation time to resolve (resolved ones)." }),
    slaBreached: z.number().int(),
    slaBreachRate: z.number().openapi({ description: "slaBreached / escalations." }),
    escalationsByCause: z.record(z.enum(escalationCauses), z.number().int()).openapi({
      description: "Escalations opened in the bucket per cause (every cause listed, zeros included); they add up to `escalations`. See GET /v1/insights/escalation-causes.",
    }),
    frustrated: z.number().int().openapi({
      description: "Tickets whose stored verdict rates the customer annoyed or angry (frustration level 1 or 2). Verdicts stored before frustration levels existed count nowhere.",
    }),
    deescalated: z.number().int().openapi({
      description:
        "Frustrated tickets kept at tier 1: within the deflection window after creation neither escalated hierarchically (a hierarchical escalation, at intake or later, or a manual level-up) nor re-opened.",
    }),
    deescalationRate: z.number().openapi({ description: "deescalated / frustrated (0 when none)." }),
    confirmedResolvedFrustrated: z.number().int().openapi({
      description: "De-escalated tickets also confirmed resolved: a feedback event `resolved`, or the ticket's status is resolved.",
    }),
    byLevel: z
      .object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int() })
      .openapi({ description: "Tickets per frustration level: 1 annoyed, 2 angry, 3 needs a human now (escalated hierarchically at intake by design)." }),
  })
  .openapi("MetricValues");

export const MetricBucketSchema = MetricValuesSchema.extend({
  label: z.string().openapi({ description: "Local date of the bucket start in `tz`.", example: "2026-03-02" }),
  start: z.string().openapi({ description: "Bucket start, UTC instant." }),
  end: z.string().openapi({ description: "Bucket end (exclusive), UTC instant." }),
}).openapi("MetricBucket");

export const MetricsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    bucket: z.enum(["day", "week", "month"]),
    tz: z.string(),
    windowHours: z.number(),
    groupBy: z.string().nullable(),
    firstTicketAt: z.string().nullable().openapi({ description: "The first ticket ever (any range), or null on a fresh install." }),
    buckets: z.array(MetricBucketSchema),
    totals: MetricValuesSchema,
    groups: z.array(z.object({ key: z.string().nullable(), totals: MetricValuesSchema, buckets: z.array(MetricBucketSchema) })).optional(),
  })
  .openapi("Metrics");

export type MetricValues = z.infer<typeof MetricValuesSchema>;
export type MetricBucket = z.infer<typeof MetricBucketSchema>;
export type Metrics = z.infer<typeof MetricsSchema>;
