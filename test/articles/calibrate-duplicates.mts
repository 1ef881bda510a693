/**
 * Calibrates DUPLICATE_THRESHOLD of capture.duplicates.ts (not a test; run by hand; EMBEDDER and
 * MODEL_DIR choose the embedder, hashing by default):
 *   npx tsx test/articles/calibrate-duplicates.mts [eval-dir]          # fix text identical
 *   PARTIAL=1 npx tsx test/articles/calibrate-duplicates.mts [eval-dir] # only the first step and cause sentence
 * Publishes the dev KB on an in-memory PGlite with the hashing embedder, then captures each
 * answerable dev ticket as a new article carrying its expected article's fix. True positive =
 * that article's score; false positive = the best score of any other article.
 */
import { readFileSync } from "node:fs";
import { migrateDb, openPglite } from "../../src/db/client.js";
import { loadConfig } from "../../src/config.js";
import { createNodeEmbedder } from "../../src/embeddings/node-factory.js";
import { createLogger } from "../../src/logger.js";
import { createArticle } from "../../src/articles/articles.service.js";
import { findDuplicateCandidates, findArticleVector } from "../../src/articles/capture.queries.js";
import { ensureVectorIndex } from "../../src/embeddings/vector-index.js";
import { DUPLICATE_WEIGHTS } from "../../src/articles/capture.duplicates.js";
import { deriveTitle } from "../../src/articles/capture.service.js";

const database = await openPglite();
await migrateDb(database);
// EMBEDDER=transformers MODEL_DIR=… measures a semantic model instead of the offline hashing one.
const config = loadConfig({ EMBEDDER: "hashing", LOG_LEVEL: "warn", ...process.env });
const embedder = await createNodeEmbedder(config, createLogger(config.LOG_LEVEL));
await embedder.ready();
await ensureVectorIndex(database.db, embedder.id, embedder.dims);
console.log("embedder", embedder.id);
const deps = { database, embedder, clock: { now: () => new Date() } };
const caller = { name: "calib", role: "admin" as const };
type DevArticle = {
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
type DevTicket = { subject: string; body: string; expected: { decision: string; articleId: string | null } };
const dir = process.argv[2] ?? "../shared/eval/dev";
const readJsonl = <T,>(file: string): T[] => readFileSync(`${dir}/${file}`, "utf8").trim().split("\n").map((l) => JSON.parse(l) as T);
const arts = readJsonl<DevArticle>("articles.jsonl");
const tickets = readJsonl<DevTicket>("tickets.jsonl");
const idMap = new Map<string, string>();
for (const a of arts) {
  const { id: _id, lang, ...fields } = a;
  const row = await createArticle({ deps, caller, input: { ...fields, language: lang, state: "published" } });
  idMap.set(a.id, row.id);
}
const tp: number[] = [];
const fp: number[] = [];
const W = { v: DUPLICATE_WEIGHTS.vector, t: DUPLICATE_WEIGHTS.title };
let n = 0;
for (const t of tickets) {
  if (t.expected.decision !== "answer" || !t.expected.articleId) continue;
  const a = arts.find((x) => x.id === t.expected.articleId);
  if (!a) continue;
  const title = deriveTitle(t.subject, t.body);
  const partial = Boolean(process.env.PARTIAL);
  const rootCause = partial ? (a.rootCause.split(". ")[0] ?? "") : a.rootCause;
  const resolution = partial ? (a.resolution.split("\n")[0] ?? "") : a.resolution;
  const input = { title: title || "x", problem: t.body.slice(0, 20000), rootCause, resolution, language: a.lang };
  const draft = await createArticle({ deps, caller, input });
  const vector = await findArticleVector(database.db, draft.id, embedder.id);
  if (!vector) throw new Error("no vector");
  const c = await findDuplicateCandidates(database.db, { embedderId: embedder.id, vector, title: draft.title, excludeId: draft.id, role: "admin", limit: 45 });
  const target = idMap.get(a.id);
  const rest = c.filter((r) => r.id !== target);
  const score = (r: { vector_similarity: number; title_similarity: number }) => W.v * r.vector_similarity + W.t * r.title_similarity;
  const own = c.find((r) => r.id === target);
  if (own) tp.push(score(own));
  fp.push(Math.max(...rest.map(score)));
  await database.pglite?.query("delete from articles where id = $1", [draft.id]);
  n++;
}
const q = (xs: number[], p: number) => {
  const sorted = [...xs].sort((x, y) => x - y);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN).toFixed(3);
};
console.log("n", n);
console.log("TP score   p5", q(tp, 0.05), "p10", q(tp, 0.1), "p50", q(tp, 0.5), "min", q(tp, 0));
console.log("FP max     p50", q(fp, 0.5), "p90", q(fp, 0.9), "p95", q(fp, 0.95), "p99", q(fp, 0.99), "max", q(fp, 1));
for (const th of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) console.log("th", th, "recall", (tp.filter((x) => x >= th).length / tp.length).toFixed(3), "fp-rate", (fp.filter((x) => x >= th).length / fp.length).toFixed(3));
await database.close();
