import { z } from "@hono/zod-openapi";

export const CALIBRATION_KEY = "deflection.calibration";
/** Set by POST /v1/deflection/calibration/refit, cleared by the fit that answers it. */
export const CALIBRATION_REQUEST_KEY = "deflection.calibration.request";

export const CurvePointSchema = z
  .object({
    threshold: z.number().openapi({ description: "Answer when confidence ≥ this" }),
    answered: z.number().openapi({ description: "Share of the calibration stream answered at this threshold" }),
    risk: z.number().openapi({ description: "Wrong answers / answered (point estimate)" }),
    riskBound: z.number().openapi({ description: "Upper confidence bound of the wrong-answer rate at 1-δ" }),
    coverage: z.number().openapi({ description: "Share of answerable tickets answered with the right article" }),
    support: z.number().openapi({ description: "Effective number of answered examples behind the estimate" }),
  })
  .openapi("RiskCoveragePoint");

export const CalibrationReportSchema = z
  .object({
    target: z.number().openapi({ description: "The wrong-answer rate the answer threshold holds (the operator's choice)" }),
    delta: z.number().openapi({ description: "Probability that the true rate exceeds the target anyway (risk control's δ)" }),
    threshold: z.number().openapi({ description: "The live answer threshold (1 when no threshold reached the target: nothing is answered)" }),
    predictedWrongAnswerRate: z.number(),
    riskBound: z.number(),
    predictedCoverage: z.number(),
    reached: z.boolean().openapi({ description: "False when no threshold kept the bound under the target" }),
    relevanceFloor: z.number().openapi({ description: "Below this confidence the portal shows no result as a fix" }),
    curve: z.array(CurvePointSchema),
    offTopicConfidences: z.array(z.number()).openapi({ description: "Out-of-sample confidences of the off-topic messages (the relevance floor sits above nine in ten)" }),
    fittedOn: z.object({
      articles: z.number().int(),
      queriedArticles: z.number().int(),
      rounds: z.number().int(),
      positives: z.number().int(),
      nearMisses: z.number().int(),
      offTopic: z.number().int(),
      history: z.number().int(),
      unanswerableShare: z.number(),
    }),
    fittedAt: z.string(),
    embedderId: z.string(),
    durationMs: z.number().int(),
    method: z.enum(["self-calibration"]),
  })
  .openapi("CalibrationReport");
export type CalibrationReport = z.infer<typeof CalibrationReportSchema>;
