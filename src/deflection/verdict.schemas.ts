import { z } from "@hono/zod-openapi";
import { ArticleFieldsSchema } from "../articles/articles.schemas.js";
import { RetrievalInfoSchema, ScoreBreakdownSchema } from "../search/search.schemas.js";

const article = ArticleFieldsSchema.shape;

export const MatchSchema = z
  .object({
    articleId: article.id,
    title: article.title,
    language: article.language,
    visibility: article.visibility,
    state: z.string(),
    snippet: z.string(),
    /** The fix, only when the caller may see this article. */
    resolution: article.resolution.optional(),
    rootCause: article.rootCause.optional(),
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

export const frustrationLevels = ["calm", "annoyed", "angry", "needs-human"] as const;

export const FrustrationEvidenceSchema = z
  .object({
    cue: z.enum(["phrase", "intent", "shouting", "punctuation", "repeat-mention", "contact-history"]).openapi({
      description:
        "phrase: a signal phrase; intent: the writer's own intent found in a sentence (leave, sue, regulator, go public, someone with more authority, an insult); shouting: words in capitals; punctuation: !!! or ?!; repeat-mention: 'third time I write'; contact-history: earlier tickets of this customer on the same topic",
    }),
    kind: z.string().optional().openapi({ description: "The signal kind of a phrase (manager, churn, legal, review, insult, anger, frustration)" }),
    matched: z.string().openapi({ description: "The words or marks found (accent-folded), or the earlier tickets' count" }),
    discounted: z.enum(["quoted", "negated", "reported", "harmless"]).optional().openapi({
      description:
        'Found but not counted: inside a quotation, negated ("we are not going to cancel"), said by someone else ("a passenger said he would sue"), or in a harmless sense ("our ops manager", "Sue" as a name)',
    }),
    clause: z.string().optional().openapi({ description: "The sentence the cue was found in (accent-folded, at most 160 characters)" }),
    reason: z.string().optional().openapi({ description: "Why the cue counts or is discounted" }),
  })
  .openapi("FrustrationEvidence");

export const FrustrationSchema = z
  .object({
    level: z
      .number()
      .int()
      .min(0)
      .max(3)
      .openapi({ description: "0 calm, 1 annoyed, 2 angry, 3 needs a human now (manager demand, threat to leave, sue or post reviews, insult)" }),
    label: z.enum(frustrationLevels),
    evidence: z.array(FrustrationEvidenceSchema),
    priorContacts: z.number().int().min(0).openapi({ description: "Earlier tickets of the same customer (customerRef) on the same topic within the repeat window" }),
  })
  .openapi("Frustration");

export const DeescalationBriefSchema = z
  .object({
    language: z.string().openapi({ description: "The language the brief is written in (the customer's when templates exist for it, else English)" }),
    level: z.number().int().min(1).max(3),
    technique: z.string().openapi({ description: "Which de-escalation technique fits, in one line" }),
    steps: z.array(z.string()).openapi({ description: "The practice, in order: let them vent, listen, acknowledge, empathise, own, state the next step and when" }),
    opening: z.string().openapi({ description: "An acknowledging opening sentence to say or write, from the curated templates" }),
    ownership: z.string().openapi({ description: "An ownership sentence with the next step and its time" }),
    avoid: z.array(z.string()).openapi({ description: "What not to say or do" }),
    nextStep: z.object({
      kind: z.enum(["fix", "escalation", "investigation"]),
      text: z.string(),
      dueAt: z.string().nullable().openapi({ description: "When the customer will hear back (the escalation's first-response due time), if known" }),
    }),
    customerMessage: z.string().openapi({ description: "Customer-facing wording (portal confirmation): acknowledgement and next step, no internal detail" }),
    templateIds: z.array(z.string()).openapi({ description: "The curated templates used" }),
  })
  .openapi("DeescalationBrief");

export type Frustration = z.infer<typeof FrustrationSchema>;
export type FrustrationEvidence = z.infer<typeof FrustrationEvidenceSchema>;
export type DeescalationBrief = z.infer<typeof DeescalationBriefSchema>;

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
    /** Absent on verdicts stored by releases before the de-escalation assist. */
    frustration: FrustrationSchema.optional(),
    /** For the agent when the customer is annoyed or angry (level 1–3); null when calm. */
    deescalation: DeescalationBriefSchema.nullable().optional(),
  })
  .openapi("Verdict");

export type Verdict = z.infer<typeof VerdictSchema>;
export type Match = z.infer<typeof MatchSchema>;
