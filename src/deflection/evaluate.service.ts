import { canSee } from "../articles/visibility.js";
import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import type { Role } from "../http/env.js";
import { presentHits, retrieveArticles } from "../search/search.service.js";
import { cleanMessage } from "../text/clean.js";
import { detectLanguage } from "../text/language.js";
import { searchScope } from "../search/search.queries.js";
import { termCoverage } from "./coverage.queries.js";
import { embedderFamily } from "../embeddings/embedder.js";
import { extractFeatures, type Features, modelFamily, predictConfidence } from "./confidence.js";
import { decide } from "./decide.js";
import { type Channel, loadModel, loadThresholds } from "./policy.js";
import { findSignals, loadSignalPhrases } from "./signals.service.js";
import type { Match, Verdict } from "./verdict.schemas.js";

export interface TicketText {
  subject?: string | null;
  body: string;
  channel: Channel;
  /** ISO 639-1 code when the caller knows it; detected otherwise. */
  language?: string | null;
}

export interface Evaluation {
  verdict: Verdict;
  language: string | null;
  cleanText: string;
  queryVector: number[] | null;
  topArticleId: string | null;
  features: Features | null;
  /** The top article is in another language than the ticket (scored by the cross-language part). */
  crossLanguage: boolean;
}

/** How many matches a verdict lists. */
const MATCHES = 5;

/**
 * The deflection decision without writing anything: clean → signals → hybrid search →
 * confidence → answer / suggest / escalate. POST /v1/tickets, the replay simulator and the
 * evaluation harness all go through here, so what eval measures is what the API does.
 * Matching sees what an agent may use (published and validated, internal included: an agent can
 * apply an internal fix) unless `matchAs` narrows it (the customer's own answer, see
 * evaluateCustomerTicket); what the verdict shows is cut to what `viewer` may see.
 */
export async function evaluateTicket(args: {
  deps: Deps;
  db?: Executor;
  input: TicketText;
  viewer: Role;
  matchAs?: Role;
  /** The text's query vector from an earlier evaluation of the same ticket. */
  queryVector?: number[];
}): Promise<Evaluation> {
  const { deps, input, viewer } = args;
  const matchAs = args.matchAs ?? "agent";
  const db = args.db ?? deps.database.db;
  const cleaned = cleanMessage(input.body, input.subject);
  const language = input.language ?? detectLanguage(cleaned.matchText) ?? null;
  const [phrases, thresholds, model] = await Promise.all([loadSignalPhrases(deps, db), loadThresholds(db, deps.embedder), loadModel(db, deps.embedder)]);
  const signals = findSignals([input.subject ?? "", cleaned.authorText].join("\n"), phrases);

  const queryVector = args.queryVector ? { queryVector: args.queryVector } : {};
  const retrieval = await retrieveArticles({ deps, db, input: { text: cleaned.matchText, language, ...queryVector }, viewer: matchAs });
  const hits = await presentHits({ deps, db, retrieval, viewer: matchAs, limit: MATCHES });
  const top = hits[0];
  const signalsUsed = retrieval.info.mode === "hybrid" ? 3 : 2;
  const coverage = await termCoverage(db, {
    scope: searchScope(matchAs),
    config: retrieval.info.ftsConfig,
    terms: retrieval.terms,
    ids: retrieval.candidates.slice(0, 2).map((c) => c.id),
  });
  // A match across languages is judged on the vector evidence alone (see ConfidenceModel.crossLanguage).
  const crossLanguage = Boolean(top && language && top.article.language && top.article.language !== language && !deps.embedder.lexical);
  const features = extractFeatures(retrieval.candidates, top?.article.state, signalsUsed, coverage, crossLanguage);
  const confidence = features && top ? predictConfidence(model, features, embedderFamily(deps.embedder)) : 0;
  const outcome = decide({
    channel: input.channel,
    confidence,
    hierarchicalSignals: signals.escalating.map((s) => s.kind),
    top: top ? { visibility: top.article.visibility, state: top.article.state } : undefined,
    thresholds,
  });

  const matches: Match[] = hits
    .filter((h) => canSee(viewer, h.article))
    .map((h) => ({
      articleId: h.article.id,
      title: h.article.title,
      language: h.article.language,
      visibility: h.article.visibility,
      state: h.article.state,
      snippet: h.snippet,
      resolution: h.article.resolution,
      rootCause: h.article.rootCause,
      scores: h.scores,
    }));
  const escalatingKinds = new Set(signals.escalating.map((s) => s.phrase));
  const verdict: Verdict = {
    decision: outcome.decision,
    confidence: Math.round(confidence * 10_000) / 10_000,
    thresholds: { answer: thresholds.answer[input.channel], suggest: thresholds.suggest[input.channel], channel: input.channel },
    explanation: outcome.explanation,
    matches,
    signals: signals.all.map((s) => ({ ...s, escalates: escalatingKinds.has(s.phrase) })),
    escalation: outcome.escalation ? { ...outcome.escalation, id: null, record: null } : null,
    language,
    cleanText: cleaned.matchText,
    retrieval: retrieval.info,
    model: { source: model.source, calibrated: !model.source.startsWith("default") && modelFamily(model) === embedderFamily(deps.embedder) },
  };
  return {
    verdict,
    language,
    cleanText: cleaned.matchText,
    queryVector: retrieval.queryVector,
    topArticleId: top?.article.id ?? null,
    features,
    crossLanguage,
  };
}
