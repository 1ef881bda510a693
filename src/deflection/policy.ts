import { z } from "@hono/zod-openapi";
import type { Executor } from "../db/database.js";
import { channels } from "../db/schema/index.js";
import { getSetting } from "../settings/settings.queries.js";
import { type ConfidenceModel, FEATURE_NAMES } from "./confidence.js";
import { DEFAULT_MODEL } from "./default-model.js";

export type Channel = (typeof channels)[number];
/** Channels where an `answer` reaches the customer directly: stricter than an agent asking. */
export const CUSTOMER_FACING: readonly Channel[] = ["email", "chat", "portal", "social"];

export const THRESHOLDS_KEY = "deflection.thresholds";
export const MODEL_KEY = "deflection.confidenceModel";

const perChannel = z.object(Object.fromEntries(channels.map((c) => [c, z.number().min(0).max(1)])) as Record<Channel, z.ZodNumber>);

export const ThresholdsSchema = z
  .object({
    answer: perChannel,
    suggest: perChannel,
    /** Where they came from: "default" or a calibration run (target precision, set sizes). */
    source: z.string().max(500).optional(),
  })
  .refine((t) => channels.every((c) => t.suggest[c] <= t.answer[c]), { message: "suggest thresholds must not exceed answer thresholds" })
  .openapi("Thresholds");
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const ConfidenceModelSchema = z.object({
  kind: z.literal("logistic"),
  features: z.array(z.enum(FEATURE_NAMES)),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
  source: z.string(),
  fittedAt: z.string().optional(),
  embedderId: z.string().optional(),
  trainingSize: z.number().optional(),
});

/** Same threshold on every channel, customer-facing channels raised to `customer`. */
export function thresholdsFrom(values: { answerCustomer: number; answerAgent: number; suggest: number }, source: string): Thresholds {
  const answer = Object.fromEntries(
    channels.map((c) => [c, CUSTOMER_FACING.includes(c) ? values.answerCustomer : values.answerAgent]),
  ) as Record<Channel, number>;
  const suggest = Object.fromEntries(channels.map((c) => [c, Math.min(values.suggest, answer[c])])) as Record<Channel, number>;
  return { answer, suggest, source };
}

/**
 * Shipped thresholds, used until `npm run calibrate` writes others: chosen on the Nimbus dev set
 * with the hashing embedder (see scripts/calibrate.ts) and rounded up for safety on unseen data.
 */
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsFrom({ answerCustomer: 0.95, answerAgent: 0.85, suggest: 0.85 }, "default");

/** The thresholds in force: the settings table's, or the shipped defaults. */
export async function loadThresholds(db: Executor): Promise<Thresholds> {
  const stored = ThresholdsSchema.safeParse(await getSetting(db, THRESHOLDS_KEY));
  return stored.success ? stored.data : DEFAULT_THRESHOLDS;
}

/** The confidence model in force: the calibrated one from settings, or the shipped default. */
export async function loadModel(db: Executor): Promise<ConfidenceModel> {
  const stored = ConfidenceModelSchema.safeParse(await getSetting(db, MODEL_KEY));
  return stored.success ? stored.data : DEFAULT_MODEL;
}
