import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import type { Deps } from "../../src/deps.js";
import { evaluateTicket } from "../../src/deflection/evaluate.service.js";
import type { Features } from "../../src/deflection/confidence.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { createNodeEmbedder } from "../../src/embeddings/node-factory.js";
import { createLogger } from "../../src/logger.js";
import { loadEvalArticles, openScratchDatabase } from "./eval-db.js";
import type { EvalArticle, EvalTicket } from "./eval-format.js";

export interface TicketOutcome {
  ticket: EvalTicket;
  decision: "answer" | "suggest" | "escalate";
  escalation: "functional" | "hierarchical" | null;
  confidence: number;
  /** Set ids (A01…) of the top matches, best first. */
  ranked: string[];
  features: Features | null;
  /** The top article is in another language than the ticket (the service scores it so). */
  crossLanguage: boolean;
  articleLang: string | undefined;
}

export interface EvalSession {
  deps: Deps;
  database: Database;
  /** Set id → article id and back. */
  ids: Map<string, string>;
  setIdOf: Map<string, string>;
  articleLang: Map<string, string>;
  close(): Promise<void>;
}

/** The variables evalEmbedder reads, for the help of the scripts that use it. */
export const EVAL_EMBEDDER_ENV: Record<string, string> = {
  EMBEDDER: "transformers, hashing or http; unset: the offline hashing embedder (a model that fails to load fails the run)",
  MODEL_DIR: "local model folder for EMBEDDER=transformers",
  EMBEDDING_MODEL: "hub model id when MODEL_DIR is unset (default: Xenova/multilingual-e5-small)",
  EMBEDDING_QUANTIZED: "load onnx/model_quantized.onnx (default: true)",
  EMBEDDINGS_URL: "the remote embedder for EMBEDDER=http (with EMBEDDINGS_API_KEY, EMBEDDINGS_MODEL_ID)",
};

/**
 * The embedder an offline run uses: the one the environment configures (EMBEDDER, MODEL_DIR,
 * EMBEDDING_QUANTIZED … as for the service) when EMBEDDER is set, else the offline hashing one.
 * Never the silent fallback: a model that does not load fails the run instead of measuring hashing.
 */
export async function evalEmbedder(env: NodeJS.ProcessEnv = process.env): Promise<Embedder> {
  if (!env.EMBEDDER) return new HashingEmbedder(loadConfig({}).HASHING_DIMENSIONS);
  const config = loadConfig({ ...env, EMBEDDER_FALLBACK: "false", LOG_LEVEL: "warn" });
  return createNodeEmbedder(config, createLogger("warn"));
}

/**
 * A scratch installation for offline evaluation: fresh in-memory PGlite, migrations, the given
 * articles indexed as the service indexes them. Embedder: the offline hashing one unless given.
 */
export async function openEvalSession(articles: EvalArticle[], embedder?: Embedder): Promise<EvalSession> {
  const config = loadConfig({ EMBEDDER: "hashing", LOG_LEVEL: "silent", BACKGROUND_WORKERS: "false" });
  const database = await openScratchDatabase();
  const emb = embedder ?? new HashingEmbedder(config.HASHING_DIMENSIONS);
  const deps: Deps = {
    config,
    database,
    embedder: emb,
    logger: createLogger("silent"),
    clock: { now: () => new Date() },
    version: "eval",
    runtime: "node",
  };
  const ids = await loadEvalArticles(database, emb, articles);
  return {
    deps,
    database,
    ids,
    setIdOf: new Map([...ids].map(([setId, id]) => [id, setId])),
    articleLang: new Map(articles.map((a) => [a.id, a.lang])),
    close: () => database.close(),
  };
}

/** Sends every ticket through evaluateTicket, the code path of POST /v1/tickets (as an agent's API call). */
export async function runTickets(session: EvalSession, tickets: EvalTicket[], onProgress?: (done: number) => void): Promise<TicketOutcome[]> {
  const out: TicketOutcome[] = [];
  for (const ticket of tickets) {
    const e = await evaluateTicket({
      deps: session.deps,
      input: { subject: ticket.subject ?? null, body: ticket.body, channel: ticket.channel },
      viewer: "agent",
    });
    const ranked = e.verdict.matches.map((m) => session.setIdOf.get(m.articleId) ?? m.articleId);
    out.push({
      ticket,
      decision: e.verdict.decision,
      escalation: e.verdict.escalation?.type ?? null,
      confidence: e.verdict.confidence,
      ranked,
      features: e.features,
      crossLanguage: e.crossLanguage,
      articleLang: ticket.expected.articleId ? session.articleLang.get(ticket.expected.articleId) : undefined,
    });
    onProgress?.(out.length);
  }
  return out;
}
