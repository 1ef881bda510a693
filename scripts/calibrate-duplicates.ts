/**
 * `npm run calibrate:duplicates [-- --eval-dir DIR] [--partial]`: measures the duplicate score of
 * articles/capture.duplicates.ts so DUPLICATE_THRESHOLD can be chosen. Publishes the labelled
 * knowledge base on an in-memory PGlite, then captures each answerable ticket as a new article
 * carrying its expected article's fix. True positive = that article's score; false positive = the
 * best score of any other article. Prints percentiles and recall / false-positive rate per threshold.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { ArticleInputSchema } from "../src/articles/articles.schemas.js";
import { createArticle } from "../src/articles/articles.service.js";
import { DUPLICATE_WEIGHTS } from "../src/articles/capture.duplicates.js";
import { findArticleVector, findDuplicateCandidates } from "../src/articles/capture.queries.js";
import { deriveTitle } from "../src/articles/capture.service.js";
import { ConfigError, loadConfig } from "../src/config.js";
import { migrateDb, openPglite } from "../src/db/client.js";
import { articles } from "../src/db/schema/index.js";
import { createNodeEmbedder } from "../src/embeddings/node-factory.js";
import { ensureVectorIndex } from "../src/embeddings/vector-index.js";
import { createLogger } from "../src/logger.js";
import { parseOrThrow } from "../src/parse.js";
import { EMBEDDER_ENV, parseCli } from "./lib/cli.js";

const { values } = parseCli({
  command: "npm run calibrate:duplicates",
  summary: "Measures the duplicate score of captured articles on a labelled set, to choose DUPLICATE_THRESHOLD.",
  flags: {
    "eval-dir": { type: "string", value: "DIR", default: "../shared/eval/dev", help: "folder with articles.jsonl and tickets.jsonl (the eval format)" },
    partial: { type: "boolean", help: "capture only the first fix step and cause sentence, not the whole fix" },
  },
  env: { ...EMBEDDER_ENV, EMBEDDER: "hashing (default here), transformers or http" },
  notes: "Runs on an in-memory PGlite; nothing is written elsewhere.",
  examples: ["npm run calibrate:duplicates", "EMBEDDER=transformers MODEL_DIR=./models/multilingual-e5-small npm run calibrate:duplicates -- --partial"],
});

type EvalArticle = {
  id: string;
  lang: string;
  title: string;
  problem: string;
  rootCause: string;
  resolution: string;
  category: string;
  product: string;
  tags: string[];
  visibility: "public" | "internal";
};
type EvalTicket = { subject: string; body: string; expected: { decision: string; articleId: string | null } };

const readJsonl = <T>(file: string): T[] =>
  readFileSync(join(values["eval-dir"], file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as T);

/** The score p-quantile, as text with three decimals. */
function quantile(xs: number[], p: number): string {
  const sorted = [...xs].sort((x, y) => x - y);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN).toFixed(3);
}

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig({ EMBEDDER: "hashing", LOG_LEVEL: "warn", ...process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const evalArticles = readJsonl<EvalArticle>("articles.jsonl");
  const tickets = readJsonl<EvalTicket>("tickets.jsonl");
  const database = await openPglite();
  try {
    await migrateDb(database);
    const embedder = await createNodeEmbedder(config, createLogger(config.LOG_LEVEL));
    await embedder.ready();
    await ensureVectorIndex(database.db, embedder.id, embedder.dims);
    console.log("embedder", embedder.id);
    const deps = { database, embedder, clock: { now: () => new Date() } };
    const caller = { name: "calibrate-duplicates", role: "admin" as const };
    const idMap = new Map<string, string>();
    for (const a of evalArticles) {
      const { id: _id, lang, ...fields } = a;
      const input = parseOrThrow(ArticleInputSchema, { ...fields, language: lang, state: "published" }, "article");
      idMap.set(a.id, (await createArticle({ deps, caller, input })).id);
    }
    const tp: number[] = [];
    const fp: number[] = [];
    const score = (r: { vector_similarity: number; title_similarity: number }) => DUPLICATE_WEIGHTS.vector * r.vector_similarity + DUPLICATE_WEIGHTS.title * r.title_similarity;
    for (const t of tickets) {
      const a = t.expected.decision === "answer" ? evalArticles.find((x) => x.id === t.expected.articleId) : undefined;
      if (!a) continue;
      const rootCause = values.partial ? (a.rootCause.split(". ")[0] ?? "") : a.rootCause;
      const resolution = values.partial ? (a.resolution.split("\n")[0] ?? "") : a.resolution;
      const title = deriveTitle(t.subject, t.body) || "x";
      const input = parseOrThrow(ArticleInputSchema, { title, problem: t.body.slice(0, 20_000), rootCause, resolution, language: a.lang }, "article");
      const draft = await createArticle({ deps, caller, input });
      const vector = await findArticleVector(database.db, draft.id, embedder.id);
      if (!vector) throw new Error(`no vector for ${draft.id}`);
      const candidates = await findDuplicateCandidates(database.db, { embedderId: embedder.id, vector, title: draft.title, excludeId: draft.id, role: "admin", limit: 45 });
      const target = idMap.get(a.id);
      const own = candidates.find((r) => r.id === target);
      if (own) tp.push(score(own));
      fp.push(Math.max(...candidates.filter((r) => r.id !== target).map(score)));
      await database.db.delete(articles).where(eq(articles.id, draft.id));
    }
    console.log("n", fp.length);
    console.log("TP score   p5", quantile(tp, 0.05), "p10", quantile(tp, 0.1), "p50", quantile(tp, 0.5), "min", quantile(tp, 0));
    console.log("FP max     p50", quantile(fp, 0.5), "p90", quantile(fp, 0.9), "p95", quantile(fp, 0.95), "p99", quantile(fp, 0.99), "max", quantile(fp, 1));
    for (const th of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
      const recall = tp.filter((x) => x >= th).length / tp.length;
      const fpRate = fp.filter((x) => x >= th).length / fp.length;
      console.log("th", th, "recall", recall.toFixed(3), "fp-rate", fpRate.toFixed(3));
    }
    return 0;
  } finally {
    await database.close();
  }
}

process.exit(await main());
