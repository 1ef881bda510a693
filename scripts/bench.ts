/**
 * `npm run bench [-- --json] [--size 10000|100000] [--backends postgres,pglite] [--http-seconds 20] [--clients 1,8,32,50] [--dev DIR]`
 *
 * Deflect against what a team could assemble itself, on the same corpus, machine and run:
 * ingest, retrieval latency on real Postgres and on PGlite, HNSW recall and its ef_search curve,
 * index size, POST /v1/tickets over HTTP at 1/8/32/50 clients on each backend next to a one-route
 * Hono server (the machine's ceiling), peak memory, and quality on the dev set next to Orama
 * (hybrid, same vectors), MiniSearch (BM25), pgvector alone and Postgres full-text alone.
 * Postgres: TEST_DATABASE_URL or DATABASE_URL names the server; a scratch database is created
 * and dropped. Prints a table; with --json the last line of stdout is one JSON object.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { loadConfig } from "../src/config.js";
import { createApiKey } from "../src/access/keys.service.js";
import { passageText } from "../src/articles/indexing.js";
import type { Deps } from "../src/deps.js";
import { evaluateTicket } from "../src/deflection/evaluate.service.js";
import type { Embedder } from "../src/embeddings/embedder.js";
import { createNodeEmbedder } from "../src/embeddings/node-factory.js";
import { createLogger } from "../src/logger.js";
import { ftsCandidates, type HnswSearch, hnswSearchOf, searchScope, vectorCandidates } from "../src/search/search.queries.js";
import { hnswBuildOf } from "../src/embeddings/vector-index.js";
import type { Role } from "../src/caller.js";
import { MAX_QUERY_CHARS, presentHits, queryEmbeddingText, retrieveArticles } from "../src/search/search.service.js";
import { queryTerms } from "../src/search/query-terms.js";
import { cleanText } from "../src/text/clean.js";
import { detectLanguage, ftsConfigFor } from "../src/text/language.js";
import { generateCorpus, syntheticTickets } from "./lib/bench-corpus.js";
import { type BenchBackend, indexSizes, openPgliteScratch, openPostgresScratch, writeCorpus } from "./lib/bench-db.js";
import { loadPost, type LoadResult, type RunningService, startService } from "./lib/bench-http.js";
import { buildMiniSearch, buildOrama, type Peer, type PeerHits } from "./lib/bench-peers.js";
import { type Latency, ratio, round, summariseLatency, table, timeEach } from "./lib/bench-stats.js";
import { type CliSpec, EMBEDDER_ENV, exitUsage, parseCli } from "./lib/cli.js";
import { type EvalArticle, EvalArticleSchema, type EvalTicket, EvalTicketSchema, readJsonl } from "./lib/eval-format.js";
import { summarise, type Summary } from "./lib/eval-metrics.js";
import type { TicketOutcome } from "./lib/eval-run.js";

const benchFlags = {
  json: { type: "boolean", help: "progress on stderr, one JSON object as the last stdout line" },
  size: { type: "number", value: "N", min: 100, default: 10_000, help: "synthetic articles, added to the dev set's" },
  backends: { type: "string", value: "LIST", default: "postgres,pglite", help: "comma-separated, from: postgres, pglite" },
  "http-seconds": { type: "number", value: "S", integer: false, min: 0, default: 20, help: "seconds per HTTP load step; 0 skips the load phase" },
  clients: { type: "string", value: "LIST", default: "1,8,32,50", help: "concurrent clients of the HTTP load steps" },
  "ef-sweep": {
    type: "string",
    value: "LIST",
    default: "40,64,100,150,200,300",
    help: "hnsw.ef_search values of the recall/latency curve, each with the iterative scan off and as configured",
  },
  peers: { type: "string", value: "LIST", default: "orama,minisearch", help: "in-process peers, from: orama, minisearch (or none)" },
  save: {
    type: "string",
    value: "NAME",
    help: "write the tables to docs/NAME.txt and the JSON to docs/NAME.json, and replace README.md's block\nbetween <!-- bench:NAME --> and <!-- /bench:NAME --> with the tables",
  },
  dev: {
    type: "string",
    value: "DIR",
    defaultText: "../shared/eval/dev when present, else seed/eval (the small set in the repository)",
    help: "labelled set whose articles join the corpus and whose tickets measure quality",
  },
} as const;
const benchCli: CliSpec<typeof benchFlags> = {
  command: "npm run bench",
  summary:
    "Deflect vs Orama, MiniSearch, pgvector alone and full-text alone on one corpus: ingest, latency, HNSW recall curve, HTTP load vs a one-route Hono ceiling, memory, quality.",
  flags: benchFlags,
  env: {
    TEST_DATABASE_URL: "Postgres server for the postgres backend (a scratch database is created and dropped)",
    DATABASE_URL: "used when TEST_DATABASE_URL is unset; with neither, postgres is skipped",
    "HNSW_EF_SEARCH, HNSW_ITERATIVE_SCAN, HNSW_M, HNSW_EF_CONSTRUCTION": "the HNSW settings measured (and passed to the service under load)",
    ...EMBEDDER_ENV,
  },
  examples: [
    "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres EMBEDDER=hashing npm run bench -- --size 2000",
    "TEST_DATABASE_URL=… EMBEDDER=hashing npm run bench -- --size 100000 --backends postgres --peers minisearch",
  ],
};
const { values: cli } = parseCli(benchCli);
const asJson = cli.json;
const size = cli.size;
const backendsWanted = cli.backends.split(",");
const unknownBackend = backendsWanted.find((b) => b !== "postgres" && b !== "pglite");
if (unknownBackend !== undefined) exitUsage(benchCli, `--backends: unknown backend '${unknownBackend}' (postgres, pglite)`);
const httpSeconds = cli["http-seconds"];
const positiveList = (flag: string, text: string): number[] => {
  const list = text.split(",").map((x) => Number(x.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 1000))
    exitUsage(benchCli, `--${flag}: comma-separated whole numbers from 1 to 1000, not '${text}'`);
  return list;
};
const clientSteps = positiveList("clients", cli.clients);
const efSweep = positiveList("ef-sweep", cli["ef-sweep"]);
const peerNames = cli.peers === "none" ? [] : cli.peers.split(",");
const unknownPeer = peerNames.find((p) => p !== "orama" && p !== "minisearch");
if (unknownPeer !== undefined) exitUsage(benchCli, `--peers: unknown peer '${unknownPeer}' (orama, minisearch, none)`);
if (cli.save !== undefined && !/^[\w.-]+$/.test(cli.save)) exitUsage(benchCli, `--save: a file name (letters, digits, . _ -), not '${cli.save}'`);
const devDir = cli.dev ?? (existsSync("../shared/eval/dev/tickets.jsonl") ? "../shared/eval/dev" : "seed/eval");
const printed: string[] = [];
const log = (msg: string) => (asJson ? process.stderr : process.stdout).write(`${msg}\n`);

/** Query vectors computed before any timing: the embedder is measured on its own (ingest, bench:embed). */
class PrecomputedQueries implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly lexical: boolean;
  constructor(
    private readonly inner: Embedder,
    private readonly vectors: Map<string, number[]>,
  ) {
    this.id = inner.id;
    this.dims = inner.dims;
    this.lexical = inner.lexical;
  }
  status() {
    return this.inner.status();
  }
  ready() {
    return this.inner.ready();
  }
  async embedQueries(texts: string[]): Promise<number[][]> {
    const missing = texts.filter((t) => !this.vectors.has(t));
    if (missing.length > 0) {
      const computed = await this.inner.embedQueries(missing);
      missing.forEach((t, i) => this.vectors.set(t, computed[i] ?? []));
    }
    return texts.map((t) => this.vectors.get(t) ?? []);
  }
  embedPassages(texts: string[]) {
    return this.inner.embedPassages(texts);
  }
}

/** The text retrieveArticles embeds for a query, so the precomputed vector is the one it asks for. */
function embedTextOf(embedder: Embedder, text: string): string {
  const cut = text.slice(0, MAX_QUERY_CHARS);
  return queryEmbeddingText(embedder, cut, queryTerms(cut));
}

interface Query {
  text: string;
  vector: number[];
  ticket?: EvalTicket;
}

interface QualityRow {
  name: string;
  latency: Latency;
  summary: Summary;
}

/** A peer's ranking turned into decisions: it answers its `answered` most confident tickets. */
function atSameCoverage(tickets: EvalTicket[], hits: PeerHits[], answered: number): TicketOutcome[] {
  const order = hits.map((h, i) => ({ i, score: h.ids.length > 0 ? h.topScore : -Infinity })).sort((a, b) => b.score - a.score);
  const answers = new Set(
    order
      .slice(0, answered)
      .filter((o) => o.score > -Infinity)
      .map((o) => o.i),
  );
  return tickets.map((ticket, i) => ({
    ticket,
    decision: answers.has(i) ? "answer" : "escalate",
    escalation: answers.has(i) ? null : "functional",
    crossLanguage: false,
    confidence: 0,
    ranked: hits[i]?.ids ?? [],
    features: null,
    articleLang: undefined,
  }));
}

/** Exact cosine top-k over the vectors `allowed` marks (all when absent): the recall baseline. */
function exactTopK(vectors: Float32Array[], norms: Float64Array, q: number[], k: number, allowed?: boolean[]): { ids: number[]; kth: number } {
  let qn = 0;
  for (const x of q) qn += x * x;
  qn = Math.sqrt(qn) || 1;
  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < vectors.length; i++) {
    if (allowed && !allowed[i]) continue;
    const v = vectors[i] as Float32Array;
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += (v[d] as number) * (q[d] as number);
    const s = dot / ((norms[i] || 1) * qn);
    if (best.length < k || s > (best[best.length - 1] as { s: number }).s) {
      best.push({ i, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > k) best.pop();
    }
  }
  return { ids: best.map((b) => b.i), kth: best[best.length - 1]?.s ?? 0 };
}

/** One query's exact top 10 as article ids, and the 10th score (a tie with it counts as a hit). */
interface Exact {
  vector: number[];
  ids: Set<string>;
  kth: number;
  total: number;
}

interface SweepRow {
  backend: string;
  efSearch: number;
  iterativeScan: HnswSearch["iterativeScan"];
  /** recall@10 as an agent (every article) and as a customer (public only: the filter drops 10 %). */
  recallAgent: number;
  recallCustomer: number;
  /** Rows the customer's query returned short of 10 (a filtered scan that ran out). */
  customerShort: number;
  /** The vector query alone (k = 10, agent), SET LOCAL and its transaction included. */
  latency: Latency;
}

/** HNSW recall@10 and vector-query latency of one setting, against the exact neighbours. */
async function measureHnsw(
  db: Deps["database"]["db"],
  embedder: Pick<Embedder, "id" | "dims">,
  hnsw: HnswSearch,
  exact: Record<"agent" | "customer", Exact[]>,
): Promise<Omit<SweepRow, "backend">> {
  const recallOf = async (viewer: Role, list: Exact[]) => {
    const scope = searchScope(viewer);
    let hit = 0;
    let total = 0;
    let short = 0;
    const samples: number[] = [];
    for (const q of list) {
      const start = performance.now();
      const approx = await vectorCandidates(db, { scope, embedderId: embedder.id, dims: embedder.dims, vector: q.vector, k: 10, hnsw });
      samples.push(performance.now() - start);
      for (const r of approx) if (q.ids.has(r.id) || r.score >= q.kth - 1e-6) hit++;
      if (approx.length < Math.min(10, q.total)) short++;
      total += q.ids.size;
    }
    return { recall: round(hit / (total || 1), 4), short, latency: summariseLatency(samples) };
  };
  // Warm-up: the first queries of a setting read the index pages into memory.
  for (const q of exact.agent.slice(0, 10))
    await vectorCandidates(db, { scope: searchScope("agent"), embedderId: embedder.id, dims: embedder.dims, vector: q.vector, k: 10, hnsw });
  const agent = await recallOf("agent", exact.agent);
  const customer = await recallOf("portal", exact.customer);
  return {
    efSearch: hnsw.efSearch,
    iterativeScan: hnsw.iterativeScan,
    recallAgent: agent.recall,
    recallCustomer: customer.recall,
    customerShort: customer.short,
    latency: agent.latency,
  };
}

/** The targets of issue 19 for the HTTP load, checked in the table (not in any test). */
const LOAD_TARGETS = { postgresReqPerSecond: 150, postgresP99Ms: 500, pgliteReqPerSecond: 60, pgliteMaxMs: 2000 };

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig({ ...process.env, LOG_LEVEL: "warn", BACKGROUND_WORKERS: "false" });
  const hnsw = hnswSearchOf(config);
  const build = hnswBuildOf(config);
  const logger = createLogger("warn");
  const inner = await createNodeEmbedder(config, logger);
  await inner.ready();
  const status = inner.status();
  const embedderLabel = `${inner.id}${status.fallback ? ` (offline fallback: ${status.fallback.reason.slice(0, 80)})` : ""}`;
  log(`embedder: ${embedderLabel}`);
  log(`hnsw: ef_search ${hnsw.efSearch}, iterative scan ${hnsw.iterativeScan}, m ${build.m}, ef_construction ${build.efConstruction}`);

  // Corpus: N synthetic articles + the dev set's real ones (the tickets' answers live among them).
  const devArticles = readJsonl(`${devDir}/articles.jsonl`, EvalArticleSchema);
  const devTickets = readJsonl(`${devDir}/tickets.jsonl`, EvalTicketSchema);
  const synthetic = generateCorpus(size);
  const corpus: EvalArticle[] = [...synthetic, ...devArticles];
  log(`corpus: ${synthetic.length} synthetic + ${devArticles.length} dev articles; queries: ${devTickets.length} dev tickets + 300 synthetic`);

  // Ingest, part 1: passage embedding, batched as the re-index does.
  const texts = corpus.map((a) => passageText({ ...a, language: a.lang, category: a.category ?? null, product: a.product ?? null }));
  const embedStart = performance.now();
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += config.EMBED_BATCH_SIZE) {
    vectors.push(...(await inner.embedPassages(texts.slice(i, i + config.EMBED_BATCH_SIZE))));
    if (!inner.lexical && (i / config.EMBED_BATCH_SIZE) % 50 === 0) log(`  embedded ${vectors.length}/${texts.length}`);
  }
  const embedSeconds = (performance.now() - embedStart) / 1000;
  log(`embedded ${corpus.length} passages in ${embedSeconds.toFixed(1)} s`);

  // Queries: dev tickets (cleaned as the service cleans them) and synthetic tickets.
  const queryTexts = [
    ...devTickets.map((t) => ({ text: cleanText(t.body, t.subject), ticket: t })),
    ...syntheticTickets(synthetic, 300).map((t) => ({ text: t.text, ticket: undefined })),
  ];
  const queryVectors = new Map<string, number[]>();
  const embedTexts = queryTexts.map((q) => embedTextOf(inner, q.text));
  const qv = await inner.embedQueries(embedTexts);
  embedTexts.forEach((t, i) => queryVectors.set(t, qv[i] ?? []));
  const queries: Query[] = queryTexts.map((q, i) => ({ text: q.text, vector: qv[i] ?? [], ...(q.ticket ? { ticket: q.ticket } : {}) }));
  const embedder = new PrecomputedQueries(inner, queryVectors);

  // Exact neighbours for the recall figures, computed once: as an agent and as a customer.
  const dense = vectors.map((v) => Float32Array.from(v));
  const norms = Float64Array.from(dense.map((v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0))));
  const publicOnly = corpus.map((a) => a.visibility === "public");
  const publicCount = publicOnly.filter(Boolean).length;
  const recallQueries = queries.filter((q, i) => i % 2 === 0 && q.vector.some((x) => x !== 0)).slice(0, 200);
  const exactIndexes = recallQueries.map((q) => ({ q, agent: exactTopK(dense, norms, q.vector, 10), customer: exactTopK(dense, norms, q.vector, 10, publicOnly) }));

  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const backendRows: Record<string, unknown>[] = [];
  const sweepRows: SweepRow[] = [];
  const qualityRows: QualityRow[] = [];
  const http: LoadResult[] = [];
  const servicePeakRss: Record<string, number | null> = {};
  let devCoverage = 0;
  let built = false;
  const bodies = devTickets.map((t) => JSON.stringify({ subject: t.subject ?? null, body: t.body, channel: t.channel }));

  /** The load steps against one started server; `target` names it in the table. */
  const loadSteps = async (target: string, service: RunningService, headers: Record<string, string>) => {
    for (const connections of clientSteps) {
      const r = await loadPost({ target, url: service.url, path: "/v1/tickets", headers, bodies, connections, seconds: httpSeconds });
      log(`http ${target}, ${connections} clients: ${r.throughput} req/s, p99 ${r.latency.p99} ms, max ${r.maxMs} ms, errors ${r.errors}, 503 ${r.status503}`);
      http.push(r);
    }
  };
  const buildOnce = () => {
    if (built) return;
    log("http: building the service…");
    execFileSync("npm", ["run", "-s", "build"], { stdio: "ignore" });
    built = true;
  };

  for (const wanted of backendsWanted) {
    if (wanted !== "postgres" && wanted !== "pglite") throw new Error(`unknown backend ${wanted}`);
    if (wanted === "postgres" && !serverUrl) {
      log("postgres: skipped (set TEST_DATABASE_URL or DATABASE_URL)");
      continue;
    }
    const backend: BenchBackend = wanted === "postgres" ? await openPostgresScratch(serverUrl as string) : await openPgliteScratch();
    try {
      log(`${backend.name}: writing ${corpus.length} articles…`);
      const written = await writeCorpus(backend.database, inner, corpus, vectors, build, (n) => n % 5000 === 0 && log(`  ${n}`));
      log(`${backend.name}: written in ${written.seconds.toFixed(1)} s`);
      const setIdOf = new Map([...written.ids].map(([setId, id]) => [id, setId]));
      const deps: Deps = {
        config,
        database: backend.database,
        embedder,
        logger,
        clock: { now: () => new Date() },
        version: "bench",
        runtime: "node",
      };
      const db = backend.database.db;
      const scope = searchScope("agent");

      const search = await timeEach(queries, async (q) => {
        const retrieval = await retrieveArticles({ deps, input: { text: q.text }, viewer: "agent" });
        return presentHits({ deps, retrieval, viewer: "agent", limit: 10 });
      });
      const ranking = await timeEach(queries, async (q) => retrieveArticles({ deps, input: { text: q.text }, viewer: "agent" }));

      // HNSW recall@10 against exact cosine over every stored vector (ties at the 10th count as hits),
      // at the configured settings and along the ef_search sweep.
      const idOfIndex = corpus.map((a) => written.ids.get(a.id) ?? "");
      const toExact = (e: { ids: number[]; kth: number }, q: Query, total: number): Exact => ({
        vector: q.vector,
        ids: new Set(e.ids.map((i) => idOfIndex[i] ?? "")),
        kth: e.kth,
        total,
      });
      const exact = {
        agent: exactIndexes.map((e) => toExact(e.agent, e.q, corpus.length)),
        customer: exactIndexes.map((e) => toExact(e.customer, e.q, publicCount)),
      };
      const configured = await measureHnsw(db, inner, hnsw, exact);
      log(
        `${backend.name}: search p95 ${search.latency.p95} ms, ranking p95 ${ranking.latency.p95} ms, recall@10 ${configured.recallAgent} (customer ${configured.recallCustomer})`,
      );
      for (const efSearch of efSweep) {
        for (const iterativeScan of [...new Set<HnswSearch["iterativeScan"]>(["off", hnsw.iterativeScan])]) {
          const row = await measureHnsw(db, inner, { efSearch, iterativeScan }, exact);
          sweepRows.push({ backend: backend.name, ...row });
          log(`  ef_search ${efSearch} ${iterativeScan}: recall@10 ${row.recallAgent} / customer ${row.recallCustomer}, vector p95 ${row.latency.p95} ms`);
        }
      }
      const sizes = await indexSizes(backend.database, inner.id);
      const n = corpus.length;
      backendRows.push({
        backend: backend.name,
        articles: n,
        ingestPerSecond: round(n / (embedSeconds + written.seconds), 1),
        writeSeconds: round(written.seconds, 1),
        search: search.latency,
        ranking: ranking.latency,
        hnswRecallAt10: configured.recallAgent,
        hnswRecallAt10Customer: configured.recallCustomer,
        bytesPerArticle: {
          hnsw: Math.round(sizes.hnswBytes / n),
          fullText: Math.round(sizes.ftsBytes / n),
          trigram: Math.round(sizes.trigramBytes / n),
          total: Math.round(sizes.totalBytes / n),
        },
      });

      // Quality and peers: on the first backend measured (Postgres when available).
      if (qualityRows.length === 0) {
        const devQueries = queries.filter((q) => q.ticket);
        const deflect = await timeEach(devQueries, async (q) =>
          evaluateTicket({ deps, input: { subject: q.ticket?.subject ?? null, body: q.ticket?.body ?? q.text, channel: q.ticket?.channel ?? "api" }, viewer: "agent" }),
        );
        const outcomes: TicketOutcome[] = deflect.results.map((e, i) => {
          const ticket = devQueries[i]?.ticket as EvalTicket;
          return {
            ticket,
            decision: e.verdict.decision,
            escalation: e.verdict.escalation?.type ?? null,
            crossLanguage: e.crossLanguage,
            confidence: e.verdict.confidence,
            ranked: e.verdict.matches.map((m) => setIdOf.get(m.articleId) ?? m.articleId),
            features: e.features,
            articleLang: undefined,
          };
        });
        const deflectSummary = summarise(outcomes);
        devCoverage = deflectSummary.answered;
        qualityRows.push({ name: `Deflect (${backend.name}, verdict)`, latency: deflect.latency, summary: deflectSummary });

        const tickets = devQueries.map((q) => q.ticket as EvalTicket);
        const sqlPeer = async (name: string, run: (q: Query) => Promise<{ id: string; score: number }[]>) => {
          const timed = await timeEach(devQueries, run);
          const hits = timed.results.map((rows) => ({ ids: rows.map((r) => setIdOf.get(r.id) ?? r.id), topScore: rows[0]?.score ?? 0 }));
          qualityRows.push({ name, latency: timed.latency, summary: summarise(atSameCoverage(tickets, hits, devCoverage)) });
        };
        await sqlPeer(`pgvector only (${backend.name})`, (q) => vectorCandidates(db, { scope, embedderId: inner.id, dims: inner.dims, vector: q.vector, k: 10, hnsw }));
        await sqlPeer(`Postgres full-text only (${backend.name})`, (q) => {
          const config = ftsConfigFor(detectLanguage(q.text));
          return ftsCandidates(db, { scope, config, terms: queryTerms(q.text), k: 10 });
        });
        const peers: Peer[] = [];
        if (peerNames.includes("orama")) peers.push(await buildOrama(corpus, vectors, inner.dims));
        if (peerNames.includes("minisearch")) peers.push(await buildMiniSearch(corpus));
        for (const peer of peers) {
          log(`peer ${peer.name}: built in ${peer.buildSeconds.toFixed(1)} s`);
          const timed = await timeEach(devQueries, (q) => peer.search({ text: q.text, vector: q.vector.some((x) => x !== 0) ? q.vector : null }, 10));
          qualityRows.push({ name: `${peer.name} (in process)`, latency: timed.latency, summary: summarise(atSameCoverage(tickets, timed.results, devCoverage)) });
          // Latency over the whole query mix too, comparable with Deflect's search line.
          const all = await timeEach(queries, (q) => peer.search({ text: q.text, vector: q.vector.some((x) => x !== 0) ? q.vector : null }, 10));
          backendRows.push({ backend: `${peer.name} (in process)`, articles: n, ingestPerSecond: round(n / (embedSeconds + peer.buildSeconds), 1), ranking: all.latency });
        }
      }

      if (httpSeconds > 0) {
        buildOnce();
        // The ceiling: the same load on a one-route Hono server, once per run, before the first backend's.
        if (!http.some((h) => h.target === CEILING)) {
          const ceiling = await startService({}, "dist/scripts/lib/bench-ceiling.js");
          try {
            await loadSteps(CEILING, ceiling, {});
          } finally {
            await ceiling.stop();
          }
        }
        const { secret } = await createApiKey({ deps, input: { name: "bench", role: "agent" } });
        const env: Record<string, string> = {
          EMBEDDER: status.fallback ? "hashing" : (process.env.EMBEDDER ?? config.EMBEDDER),
          LOG_LEVEL: "warn",
          API_RATE_LIMIT_PER_MINUTE: "100000000",
          SAMPLE_DATA: "off",
          FIRST_ADMIN_KEY: "off",
          // Background work (self-calibration's fit, SLA sweeps) would take the cores at random
          // moments of the steps: the load measures the ticket path alone.
          BACKGROUND_WORKERS: "false",
        };
        if (backend.name === "postgres") env.DATABASE_URL = backend.url as string;
        else {
          // PGlite is one process's: the bench lets go of the folder so the service can open it.
          await backend.release();
          env.DATABASE_URL = "";
          env.DATA_DIR = backend.dataDir as string;
        }
        log(`http: starting the service on ${backend.name}…`);
        const service = await startService(env);
        try {
          // Warm-up, not counted: JIT, the settings cache, and the knowledge base's word statistics
          // (deflection/coverage.ts) for every ticket text the steps send — the steps measure a
          // service in its steady state, not its first minutes. A failing service stops the bench
          // here, loudly.
          for (const body of bodies) {
            const res = await fetch(`${service.url}/v1/tickets`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body });
            if (!res.ok) throw new Error(`POST /v1/tickets answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
          }
          await loadSteps(`Deflect (${backend.name})`, service, { authorization: `Bearer ${secret}` });
          servicePeakRss[backend.name] = service.peakRssMiB();
        } finally {
          await service.stop();
        }
      }
    } finally {
      await backend.close();
    }
  }

  const ceilingAt = new Map(http.filter((h) => h.target === CEILING).map((h) => [h.connections, h.throughput]));
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version },
    embedder: { id: inner.id, kind: status.kind, lexical: inner.lexical, fallback: status.fallback?.reason ?? null, passagesPerSecond: round(corpus.length / embedSeconds, 1) },
    hnsw: { ...hnsw, ...build },
    corpus: { synthetic: synthetic.length, dev: devArticles.length, queries: queries.length, devTickets: devTickets.length, recallQueries: recallQueries.length },
    retrieval: backendRows,
    hnswSweep: sweepRows,
    quality: qualityRows.map((q) => ({
      name: q.name,
      latency: q.latency,
      top1: q.summary.top1,
      recallAt5: q.summary.recallAt5,
      answered: q.summary.answered,
      wrongAnswerRate: q.summary.wrongAnswerRate,
      coverage: q.summary.coverage,
    })),
    http: http.map((h) => ({ ...h, ofCeiling: h.target === CEILING ? null : round(h.throughput / (ceilingAt.get(h.connections) ?? Number.NaN), 3) })),
    memory: { servicePeakRssMiB: servicePeakRss, benchPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) },
    goals: {
      retrievalP95Ms: size > 20_000 ? 15 : 10,
      hnswRecallAt10: 0.95,
      ...LOAD_TARGETS,
    },
    seconds: round((performance.now() - started) / 1000, 1),
  };
  printTables(result);
  if (cli.save !== undefined) save(cli.save, printed.join("\n"), result);
  if (asJson) process.stdout.write(`${JSON.stringify(result)}\n`);
  await inner.close?.();
}

const CEILING = "Hono, one route";

/** docs/NAME.txt and .json, and the README block between <!-- bench:NAME --> and <!-- /bench:NAME -->. */
function save(name: string, text: string, result: unknown): void {
  writeFileSync(`docs/${name}.txt`, `${text.trim()}\n`);
  writeFileSync(`docs/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const readme = readFileSync("README.md", "utf8");
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const from = readme.indexOf(open);
  const to = readme.indexOf(close);
  if (from < 0 || to < from) {
    log(`saved docs/${name}.txt and .json; README.md has no ${open} … ${close} block to fill`);
    return;
  }
  writeFileSync("README.md", `${readme.slice(0, from + open.length)}\n\`\`\`\n${text.trim()}\n\`\`\`\n${readme.slice(to)}`);
  log(`saved docs/${name}.txt and .json, and the README.md block ${open}`);
}

type HttpRow = LoadResult & { ofCeiling: number | null };

function printTables(r: {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  embedder: { id: string; passagesPerSecond: number };
  hnsw: HnswSearch & { m: number; efConstruction: number };
  retrieval: Record<string, unknown>[];
  hnswSweep: SweepRow[];
  quality: { name: string; latency: Latency; top1: number | null; recallAt5: number | null; answered: number; wrongAnswerRate: number | null }[];
  http: HttpRow[];
  memory: { servicePeakRssMiB: Record<string, number | null>; benchPeakRssMiB: number };
  seconds: number;
}): void {
  const out: string[] = [];
  out.push(`Deflect bench — ${r.date.slice(0, 10)} · ${r.machine.cpus} × ${r.machine.cpuModel} · ${r.machine.memoryGiB} GiB · Node ${r.machine.node}`);
  out.push(`embedder ${r.embedder.id}: ${r.embedder.passagesPerSecond} passages/s`);
  out.push(`HNSW: ef_search ${r.hnsw.efSearch}, iterative scan ${r.hnsw.iterativeScan}, m ${r.hnsw.m}, ef_construction ${r.hnsw.efConstruction}\n`);
  const deflectRanking = (r.retrieval.find((x) => x.backend === "postgres")?.ranking ?? r.retrieval[0]?.ranking) as Latency | undefined;
  out.push("Retrieval (query embedding excluded; search = ranking + snippets of the top 10, as POST /v1/search)");
  out.push(
    table(
      ["engine", "articles", "ingest art/s", "search p50", "p95", "p99", "ranking p50", "p95", "p95 vs Deflect PG", "HNSW recall@10", "bytes/article"],
      r.retrieval.map((x) => {
        const s = x.search as Latency | undefined;
        const k = x.ranking as Latency | undefined;
        const b = x.bytesPerArticle as { total: number; hnsw: number } | undefined;
        return [
          String(x.backend),
          x.articles as number,
          x.ingestPerSecond as number,
          s?.p50,
          s?.p95,
          s?.p99,
          k?.p50,
          k?.p95,
          ratio(k?.p95, deflectRanking?.p95),
          x.hnswRecallAt10 as number | undefined,
          b ? `${b.total} (hnsw ${b.hnsw})` : null,
        ];
      }),
    ),
  );
  if (r.hnswSweep.length > 0) {
    out.push("\nHNSW recall@10 against exact cosine, by hnsw.ef_search (vector query alone, k = 10; customer = the portal's view: public articles only, 10 % filtered out)");
    out.push(
      table(
        ["backend", "ef_search", "iterative scan", "recall@10 agent", "recall@10 customer", "customer lists short", "vector p50 ms", "p95 ms"],
        r.hnswSweep.map((w) => [w.backend, w.efSearch, w.iterativeScan, w.recallAgent, w.recallCustomer, w.customerShort, w.latency.p50, w.latency.p95]),
      ),
    );
  }
  const base = r.quality[0];
  out.push(`\nQuality on the dev set inside the mixed corpus (every method answers as many tickets as Deflect: ${base?.answered ?? "–"})`);
  out.push(
    table(
      ["method", "p50 ms", "p95 ms", "p95 vs Deflect", "top-1", "recall@5", "wrong answers", "wrong vs Deflect"],
      r.quality.map((q) => [
        q.name,
        q.latency.p50,
        q.latency.p95,
        ratio(q.latency.p95, base?.latency.p95),
        q.top1,
        q.recallAt5,
        q.wrongAnswerRate,
        ratio(q.wrongAnswerRate, base?.wrongAnswerRate),
      ]),
    ),
  );
  if (r.http.length > 0) {
    out.push(
      `\nPOST /v1/tickets over HTTP (autocannon in the bench process, ${r.http[0]?.seconds ?? "–"} s per step, 10 s client time-out; query embedding included), next to the same load on a one-route Hono server`,
    );
    out.push(
      table(
        ["target", "clients", "req/s", "of ceiling", "p50 ms", "p95 ms", "p99 ms", "max ms", "answers", "errors", "time-outs", "non-2xx", "503"],
        r.http.map((h) => [
          h.target,
          h.connections,
          h.throughput,
          h.ofCeiling === null ? null : `${(h.ofCeiling * 100).toFixed(1)} %`,
          h.latency.p50,
          h.latency.p95,
          h.latency.p99,
          h.maxMs,
          h.latency.n,
          h.errors,
          h.timeouts,
          h.non2xx,
          h.status503,
        ]),
      ),
    );
  }
  const rss = Object.entries(r.memory.servicePeakRssMiB)
    .map(([k, v]) => `${k} ${v ?? "–"} MiB`)
    .join(", ");
  out.push(`\nmemory: service peak RSS ${rss || "–"}; bench process peak RSS ${r.memory.benchPeakRssMiB} MiB; run took ${r.seconds} s`);
  printed.push(out.join("\n"));
  log(`\n${out.join("\n")}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
