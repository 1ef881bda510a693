import { z } from "@hono/zod-openapi";
import { channels } from "../db/schema/index.js";

export type Channel = (typeof channels)[number];
/** Channels where an `answer` reaches the customer directly: stricter than an agent asking. */
export const CUSTOMER_FACING: readonly Channel[] = ["email", "chat", "portal", "social"];

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

/** Same threshold on every channel, customer-facing channels raised to `customer`. */
export function thresholdsFrom(values: { answerCustomer: number; answerAgent: number; suggest: number }, source: string): Thresholds {
  const answer = Object.fromEntries(channels.map((c) => [c, CUSTOMER_FACING.includes(c) ? values.answerCustomer : values.answerAgent])) as Record<Channel, number>;
  const suggest = Object.fromEntries(channels.map((c) => [c, Math.min(values.suggest, answer[c])])) as Record<Channel, number>;
  return { answer, suggest, source };
}
