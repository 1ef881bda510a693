import { z } from "@hono/zod-openapi";
import { RetrievalInfoSchema, ScoreBreakdownSchema } from "../search/search.schemas.js";

export const MatchSchema = z
  .object({
    articleId: z.string(),
    title: z.string(),
    language: z.string(),
    visibility: z.enum(["internal", "public"]),
    state: z.string(),
    snippet: z.string(),
    /** The fix, only when the caller may see this article. */
    resolution: z.string().optional(),
    rootCause: z.string().optional(),
    scores: ScoreBreakdownSchema,
  })
  .openapi("Match");

export const SignalSchema = z
  .object({
    kind: z.string().openapi({ example: "manager" }),
    language: z.string(),
    phrase: z.string().openapi({ description: "The configured phrase" }),
    matched: z.string().openapi({ description: "The customer's words it matched (accent-folded)" }),
    escalates: z.boolean(),
  })
  .openapi("Signal");

export const VerdictSchema = z
  .object({
    decision: z.enum(["answer", "suggest", "escalate"]),
    confidence: z.number().min(0).max(1).openapi({ description: "Calibrated probability that the top article is the right fix" }),
    thresholds: z.object({ answer: z.number(), suggest: z.number(), channel: z.string() }),
    explanation: z.string(),
    matches: z.array(MatchSchema),
    signals: z.array(SignalSchema),
    escalation: z
      .object({
        type: z.enum(["functional", "hierarchical"]),
        reason: z.string(),
        id: z.string().nullable(),
        record: z.record(z.string(), z.unknown()).nullable(),
      })
      .nullable(),
    language: z.string().nullable(),
    cleanText: z.string(),
    retrieval: RetrievalInfoSchema,
    model: z.object({ source: z.string(), calibrated: z.boolean() }),
  })
  .openapi("Verdict");

export type Verdict = z.infer<typeof VerdictSchema>;
export type Match = z.infer<typeof MatchSchema>;
