import { canSee } from "../articles/visibility.js";
import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import type { Role } from "../caller.js";
import { presentHits, type Retrieval, retrieveArticles } from "../search/search.service.js";
import { cleanMessage } from "../text/clean.js";
import { detectLanguage } from "../text/language.js";
import { detectSignals } from "../text/signals.js";
import { topMatchCoverage } from "./coverage.js";
import { embedderFamily } from "../embeddings/embedder.js";
import { type ConfidenceModel, extractFeatures, type Features, modelFamily, predictConfidence } from "./confidence.js";
import { decide, type DecisionOutcome } from "./decide.js";
import { type BriefNextStep, composeBrief, loadDeescalationTemplates } from "./deescalation.js";
import { type Channel, modelInForce, thresholdsInForce } from "./policy.js";
import { countSameTopicContacts } from "./contacts.queries.js";
import { assessFrustration, countedKinds, NEEDS_HUMAN, needsHumanKinds } from "./frustration.js";
import { loadSignalPhrases } from "./signals.service.js";
import type { DeescalationBrief, Frustration, Match, Verdict } from "./verdict.schemas.js";

export interface TicketText {
  subject?: string | null;
  body: string;
  channel: Channel;
  /** ISO 639-1 code when the caller knows it; detected otherwise. */
  language?: string | null;
  /** Who wrote it (the ticket's customerRef): earlier tickets on the same topic raise the frustration level. */
  customerRef?: string | null;
}

/**
 * The level from which an angry customer goes to a supervisor for this ticket (the matching
 * escalation-matrix rule's `hierarchicalFromLevel`): asked of the ticket layer, which routes.
 */
export type HierarchicalPolicy = (ticket: { language: string | null; channel: Channel }) => Promise<2 | 3>;

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

/**
 * The agent's de-escalation brief for an annoyed, angry or must-see-a-human customer, from the
 * curated templates; the ticket path fills in the escalation's team and due time once it exists.
 */
async function briefFor(
  deps: Deps,
  db: Executor,
  frustration: Frustration,
  outcome: DecisionOutcome,
  language: string | null,
  fixTitle: string | undefined,
): Promise<DeescalationBrief> {
  const templates = await loadDeescalationTemplates(deps, db);
  const nextStep: BriefNextStep = outcome.escalation
    ? { kind: "escalation", type: outcome.escalation.type, teamName: null, dueAt: null }
    : fixTitle
      ? { kind: "fix", title: fixTitle }
      : { kind: "investigation" };
  const kinds = countedKinds(frustration);
  return composeBrief({ language, level: frustration.level as 1 | 2 | 3, kinds, nextStep, templates });
}

type Coverage = Awaited<ReturnType<typeof topMatchCoverage>>;

/**
 * The confidence that the retrieval's top article is the fix: its features (with the IDF-weighted
 * term coverage of the top two) through the confidence model. Shared by the ticket path and the
 * portal's relevance floor.
 */
export async function scoreTopMatch(args: {
  deps: Deps;
  db: Executor;
  retrieval: Retrieval;
  top: { state: string; language: string | null } | undefined;
  language: string | null;
  viewer: Role;
  model: ConfidenceModel;
  /** topMatchCoverage of this retrieval when the caller already read it (alongside other reads). */
  coverage?: Coverage;
}): Promise<{ features: Features | null; confidence: number; crossLanguage: boolean }> {
  const { deps, retrieval, top, language } = args;
  const signalsUsed = retrieval.info.mode === "hybrid" ? 3 : 2;
  const coverage = args.coverage ?? (await topMatchCoverage(deps, args.db, retrieval, args.viewer));
  // A match across languages is judged on the vector evidence alone (see ConfidenceModel.crossLanguage).
  const crossLanguage = Boolean(top && language && top.language && top.language !== language && !deps.embedder.lexical);
  const features = extractFeatures(retrieval.candidates, top?.state, signalsUsed, coverage, crossLanguage);
  const confidence = features && top ? predictConfidence(args.model, features, embedderFamily(deps.embedder)) : 0;
  return { features, confidence, crossLanguage };
}

/** Cosine distance within which an earlier ticket's text is "the same topic" (it matched no article). */
const SAME_TOPIC_DISTANCE = 0.2;

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
  /** Default: level 3 only (angry customers are de-escalated at tier 1). */
  hierarchicalPolicy?: HierarchicalPolicy;
}): Promise<Evaluation> {
  const { deps, input, viewer } = args;
  const matchAs = args.matchAs ?? "agent";
  const db = args.db ?? deps.database.db;
  const cleaned = cleanMessage(input.body, input.subject);
  const language = input.language ?? detectLanguage(cleaned.matchText) ?? null;
  const signalText = [input.subject ?? "", cleaned.authorText].join("\n");
  const queryVector = args.queryVector ? { queryVector: args.queryVector } : {};
  // Independent work at once: retrieval (the query's embedding, the vector and full-text
  // searches) while the instance's cached settings are read and the signals detected.
  const [retrieval, signals, thresholds, model] = await Promise.all([
    retrieveArticles({ deps, db, input: { text: cleaned.matchText, language, ...queryVector }, viewer: matchAs }),
    // The author's own words only: quoted history was removed by cleanMessage.
    loadSignalPhrases(deps, db).then((phrases) => detectSignals(signalText, phrases)),
    thresholdsInForce(deps, db),
    modelInForce(deps, db),
  ]);
  const [hits, coverage] = await Promise.all([presentHits({ deps, db, retrieval, viewer: matchAs, limit: MATCHES }), topMatchCoverage(deps, db, retrieval, matchAs)]);
  const top = hits[0];
  const { features, confidence, crossLanguage } = await scoreTopMatch({ deps, db, retrieval, top: top?.article, language, viewer: matchAs, model, coverage });
  const priorContacts = input.customerRef
    ? await countSameTopicContacts(db, {
        customerRef: input.customerRef,
        since: new Date(deps.clock.now().getTime() - deps.config.REPEAT_WINDOW_HOURS * 3_600_000),
        // The same fix is the same topic only when it fits (here and on the earlier ticket).
        topArticleId: top && confidence >= thresholds.suggest[input.channel] ? top.article.id : null,
        minConfidence: thresholds.suggest[input.channel],
        embedderId: deps.embedder.id,
        vector: retrieval.queryVector,
        maxDistance: SAME_TOPIC_DISTANCE,
      })
    : 0;
  const repeatPolicy = { repeatEscalateAfter: deps.config.REPEAT_ESCALATE_AFTER };
  const frustration = assessFrustration({ authorText: signalText, signals, priorContacts, policy: repeatPolicy, language, channel: input.channel });
  const hierarchicalFromLevel = frustration.level === 2 && args.hierarchicalPolicy ? await args.hierarchicalPolicy({ language, channel: input.channel }) : 3;
  const outcome = decide({
    channel: input.channel,
    confidence,
    needsHuman: frustration.level === 3 ? needsHumanKinds(frustration, repeatPolicy) : [],
    frustrationLevel: frustration.level,
    hierarchicalFromLevel,
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
  // A phrase escalates when it counted toward a level 3 (not quoted, reported or negated).
  // At level 2 under a "from level 2" rule the anger and frustration phrases escalate (and route).
  const escalatingKinds = new Set(
    outcome.escalation?.type === "hierarchical"
      ? signals
          .filter((s) => !frustration.evidence.some((e) => e.cue === "phrase" && e.kind === s.kind && e.matched === s.matched && e.discounted))
          .filter((s) => (frustration.level === 3 ? (NEEDS_HUMAN as readonly string[]).includes(s.kind) : s.kind === "anger" || s.kind === "frustration"))
          .map((s) => s.phrase)
      : [],
  );
  const verdict: Verdict = {
    decision: outcome.decision,
    confidence: Math.round(confidence * 10_000) / 10_000,
    thresholds: { answer: thresholds.answer[input.channel], suggest: thresholds.suggest[input.channel], channel: input.channel },
    explanation: outcome.explanation,
    matches,
    signals: signals.map((s) => ({ ...s, escalates: escalatingKinds.has(s.phrase) })),
    escalation: outcome.escalation ? { ...outcome.escalation, id: null, record: null } : null,
    language,
    cleanText: cleaned.matchText,
    retrieval: retrieval.info,
    model: { source: model.source, calibrated: !model.source.startsWith("default") && modelFamily(model) === embedderFamily(deps.embedder) },
    frustration,
    deescalation: frustration.level > 0 ? await briefFor(deps, db, frustration, outcome, language, hits[0]?.article.title) : null,
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
