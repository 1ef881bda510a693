import { type Embedder, embedderFamily } from "../embeddings/embedder.js";
import type { ConfidenceModel } from "./confidence.js";
import { DEFAULT_MODEL, E5_SMALL_MODEL } from "./default-model.js";
import { type Thresholds, thresholdsFrom } from "./thresholds.js";

/**
 * What Deflect ships per embedder family: a confidence model fitted with that family's vectors
 * and the thresholds chosen with it. A cosine of 0.8 is a weak match for multilingual-e5-small and
 * an excellent one for the hashing embedder, so neither family's model may serve the other.
 */
export interface DeflectionProfile {
  family: string;
  model: ConfidenceModel;
  thresholds: Thresholds;
}

export const PROFILES: Readonly<Record<string, DeflectionProfile>> = {
  hashing: {
    family: "hashing",
    model: DEFAULT_MODEL,
    // Chosen on the Nimbus dev set with the hashing embedder, rounded up for unseen data.
    thresholds: thresholdsFrom({ answerCustomer: 0.95, answerAgent: 0.85, suggest: 0.85 }, "default (hashing)"),
  },
  "multilingual-e5-small": {
    family: "multilingual-e5-small",
    model: E5_SMALL_MODEL,
    thresholds: thresholdsFrom(E5_SMALL_MODEL.thresholds, "default (multilingual-e5-small)"),
  },
};

export interface ActiveProfile {
  profile: DeflectionProfile;
  /** The serving embedder's family. */
  family: string;
  /** False when no profile exists for that family and the hashing one stands in (vector features neutralised). */
  exact: boolean;
}

/** The shipped profile for the serving embedder, chosen by its family, never by a guess of scale. */
export function profileFor(embedder: Pick<Embedder, "id" | "family">): ActiveProfile {
  const family = embedderFamily(embedder);
  const profile = PROFILES[family];
  return profile ? { profile, family, exact: true } : { profile: PROFILES.hashing as DeflectionProfile, family, exact: false };
}

/** What /health/details and the settings endpoints say about the profile in force. */
export function profileSummary(embedder: Pick<Embedder, "id" | "family">): { embedderFamily: string; shipped: string; exact: boolean } {
  const active = profileFor(embedder);
  return { embedderFamily: active.family, shipped: active.profile.family, exact: active.exact };
}
