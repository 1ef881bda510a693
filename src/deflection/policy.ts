import { z } from "@hono/zod-openapi";
import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import { getSetting } from "../settings/settings.queries.js";
import { cachedSetting } from "../settings/snapshot.js";
import { type ConfidenceModel, FEATURE_NAMES, modelFamily } from "./confidence.js";
import type { Embedder } from "../embeddings/embedder.js";
import { profileFor } from "./profiles.js";
import { type Thresholds, ThresholdsSchema } from "./thresholds.js";

export { type Channel, CUSTOMER_FACING, type Thresholds, ThresholdsSchema, thresholdsFrom } from "./thresholds.js";

export const THRESHOLDS_KEY = "deflection.thresholds";
export const MODEL_KEY = "deflection.confidenceModel";

const LogisticPartSchema = z.object({
  features: z.array(z.enum(FEATURE_NAMES)),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});

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
  family: z.string().optional(),
  trainingSize: z.number().optional(),
  crossLanguage: LogisticPartSchema.optional(),
});

/**
 * The hashing embedder's shipped thresholds (see profiles.ts): the baseline GET
 * /v1/settings/thresholds reports as `defaults` when no profile fits better.
 */
export const DEFAULT_THRESHOLDS: Thresholds = profileFor({ id: "hashing:", family: "hashing" }).profile.thresholds;

/** The thresholds in force: the settings table's, or the serving embedder's shipped profile. */
export async function loadThresholds(db: Executor, embedder: Pick<Embedder, "id" | "family">): Promise<Thresholds> {
  const stored = ThresholdsSchema.safeParse(await getSetting(db, THRESHOLDS_KEY));
  return stored.success ? stored.data : profileFor(embedder).profile.thresholds;
}

/**
 * The confidence model in force: a calibrated one from settings when it was fitted with the
 * serving embedder's family (or names none), else that family's shipped profile. A model fitted
 * for another family stays stored — switching back restores it — but does not serve.
 */
export async function loadModel(db: Executor, embedder: Pick<Embedder, "id" | "family">): Promise<ConfidenceModel> {
  const active = profileFor(embedder);
  const stored = ConfidenceModelSchema.safeParse(await getSetting(db, MODEL_KEY));
  if (stored.success) {
    const fitted = modelFamily(stored.data);
    if (fitted === undefined || fitted === active.family) return stored.data;
  }
  return active.profile.model;
}

/** loadThresholds once per instance and settings version (cachedSetting); `db` another transaction reads it there. */
export function thresholdsInForce(deps: Pick<Deps, "database" | "clock" | "config" | "embedder">, db?: Executor): Promise<Thresholds> {
  return cachedSetting(deps, `deflection.thresholds:${deps.embedder.id}`, (from) => loadThresholds(from, deps.embedder), db);
}

/** loadModel once per instance and settings version (cachedSetting); `db` another transaction reads it there. */
export function modelInForce(deps: Pick<Deps, "database" | "clock" | "config" | "embedder">, db?: Executor): Promise<ConfidenceModel> {
  return cachedSetting(deps, `deflection.model:${deps.embedder.id}`, (from) => loadModel(from, deps.embedder), db);
}
