/**
 * `npm run bench [-- --json] [--size 10000|100000] [--backends postgres,pglite] [--http-seconds 10] [--dev DIR]`
 *
 * Deflect against what a team could assemble itself, on the same corpus, machine and run:
 * ingest, retrieval latency on real Postgres and on PGlite, HNSW recall, index size, deflection
 * end to end over HTTP at 1/8/32 clients, peak memory, and quality on the dev set next to Orama
 * (hybrid, same vectors), MiniSearch (BM25), pgvector alone and Postgres full-text alone.
 * Postgres: TEST_DATABASE_URL or DATABASE_URL names the server; a scratch database is created
 * and dropped. Prints a table; with --json the last line of stdout is one JSON object.
 */
import { existsSync } from "node:fs";
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
import { ftsCandidates, searchScope, vectorCandidates } from "../src/search/search.queries.js";
import { MAX_QUERY_CHARS, presentHits, queryEmbeddingText, retrieveArticles } from "../src/search/search.service.js";
import { queryTerms } from "../src/search/query-terms.js";
import { cleanText } from "../src/text/clean.js";
import { detectLanguage, ftsConfigFor } from "../src/text/language.js";
import { generateCorpus, syntheticTickets } from "./lib/bench-corpus.js";
import { type BenchBackend, indexSizes, openPgliteScratch, openPostgresScratch, writeCorpus } from "./lib/bench-db.js";
import { loadTickets, type LoadResult, startService } from "./lib/bench-http.js";
import { buildMiniSearch, buildOrama, type Peer, type PeerHits } from "./lib/bench-peers.js";
import { type Latency, ratio, round, table, timeEach } from "./lib/bench-stats.js";
import { type CliSpec, EMBEDDER_ENV, exitUsage, parseCli } from "./lib/cli.js";
import { type EvalArticle, EvalArticleSchema, type EvalTicket, EvalTicketSchema, readJsonl } from "./lib/eval-format.js";
import { summarise, type Summary } from "./lib/eval-metrics.js";
import type { TicketOutcome } from "./lib/eval-run.js";

const benchFlags = {
  json: { type: "boolean", help: "progress on stderr, one JSON object as the last stdout line" },
  size: { type: "number", value: "N", min: 100, default: 10_000, help: "synthetic articles, added to the dev set's" },
  backends: { type: "string", value: "LIST", default: "postgres,pglite", help: "comma-separated, from: postgres, pglite" },
  "http-seconds": { type: "number", value: "S", integer: false, min: 1, default: 10, help: "seconds per HTTP load step (1/8/32 clients; postgres only)" },
  dev: {
    type: "string",
    value: "DIR",
    defaultText: "../shared/eval/dev when present, else seed/eval (the small set in the repository)",
    help: "labelled set whose articles join the corpus and whose tickets measure quality",
  },
} as const;
const benchCli: CliSpec<typeof benchFlags> = {
  command: "npm run bench",
  summary: "Deflect vs Orama, MiniSearch, pgvector alone and full-text alone on one corpus: ingest, latency, recall, memory, quality.",
  flags: benchFlags,
  env: {
    TEST_DATABASE_URL: "Postgres server for the postgres backend (a scratch database is created and dropped)",
    DATABASE_URL: "used when TEST_DATABASE_URL is unset; with neither, postgres is skipped",
    ...EMBEDDER_ENV,
  },
  examples: ["TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres EMBEDDER=hashing npm run bench -- --size 2000"],
};
const { values: cli } = parseCli(benchCli);
const asJson = cli.json;
const size = cli.size;
const backendsWanted = cli.backends.split(",");
const unknownBackend = backendsWanted.find((b) => b !== "postgres" && b !== "pglite");
if (unknownBackend !== undefined) exitUsage(benchCli, `--backends: unknown backend '${unknownBackend}' (postgres, pglite)`);
const httpSeconds = cli["http-seconds"];
const devDir = cli.dev ?? (existsSync("../shared/eval/dev/tickets.jsonl") ? "../shared/eval/dev" : "seed/eval");
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

function exactTopK(vectors: Float32Array[], norms: Float64Array, q: number[], k: number): { ids: number[]; kth: number } {
  let qn = 0;
  for (const x of q) qn += x * x;
  qn = Math.sqrt(qn) || 1;
  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < vectors.length; i++) {
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

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig({ ...process.env, LOG_LEVEL: "warn", BACKGROUND_WORKERS: "false" });
  const logger = createLogger("warn");
  const inner = await createNodeEmbedder(config, logger);
  await inner.ready();
  const status = inner.status();
  const embedderLabel = `${inner.id}${status.fallback ? ` (offline fallback: ${status.fallback.reason.slice(0, 80)})` : ""}`;
  log(`embedder: ${embedderLabel}`);

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
  for (let i = 0; i < texts.length; i += config.EMBED_BATCH_SIZE) vectors.push(...(await inner.embedPassages(texts.slice(i, i + config.EMBED_BATCH_SIZE))));
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

  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const backendRows: Record<string, unknown>[] = [];
  const qualityRows: QualityRow[] = [];
  let http: LoadResult[] = [];
  let servicePeakRss: number | null = null;
  let devCoverage = 0;

  for (const wanted of backendsWanted) {
    if (wanted !== "postgres" && wanted !== "pglite") throw new Error(`unknown backend ${wanted}`);
    if (wanted === "postgres" && !serverUrl) {
      log("postgres: skipped (set TEST_DATABASE_URL or DATABASE_URL)");
      continue;
    }
    const backend: BenchBackend = wanted === "postgres" ? await openPostgresScratch(serverUrl as string) : await openPgliteScratch();
    try {
      log(`${backend.name}: writing ${corpus.length} articles…`);
      const written = await writeCorpus(backend.database, inner, corpus, vectors, (n) => n % 5000 === 0 && log(`  ${n}`));
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

      // HNSW recall@10 against exact cosine over every stored vector (ties at the 10th count as hits).
      const dense = vectors.map((v) => Float32Array.from(v));
      const norms = Float64Array.from(dense.map((v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0))));
      const idOfIndex = corpus.map((a) => written.ids.get(a.id) ?? "");
      const recallQueries = queries.filter((_, i) => i % 2 === 0).slice(0, 200);
      let hit = 0;
      let total = 0;
      for (const q of recallQueries) {
        if (!q.vector.some((x) => x !== 0)) continue;
        const exact = exactTopK(dense, norms, q.vector, 10);
        const approx = await vectorCandidates(db, { scope, embedderId: inner.id, dims: inner.dims, vector: q.vector, k: 10 });
        const exactIds = new Set(exact.ids.map((i) => idOfIndex[i]));
        for (const r of approx) if (exactIds.has(r.id) || r.score >= exact.kth - 1e-6) hit++;
        total += exact.ids.length;
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
        hnswRecallAt10: round(hit / (total || 1), 4),
        bytesPerArticle: {
          hnsw: Math.round(sizes.hnswBytes / n),
          fullText: Math.round(sizes.ftsBytes / n),
          trigram: Math.round(sizes.trigramBytes / n),
          total: Math.round(sizes.totalBytes / n),
        },
      });
      log(`${backend.name}: search p95 ${search.latency.p95} ms, recall@10 ${round(hit / (total || 1), 4)}`);

      if (backend.name !== "postgres" && qualityRows.length > 0) continue;
      // Quality and peers: on the first backend measured (Postgres when available).
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
      await sqlPeer(`pgvector only (${backend.name})`, (q) => vectorCandidates(db, { scope, embedderId: inner.id, dims: inner.dims, vector: q.vector, k: 10 }));
      await sqlPeer(`Postgres full-text only (${backend.name})`, (q) => {
        const config = ftsConfigFor(detectLanguage(q.text));
        return ftsCandidates(db, { scope, config, terms: queryTerms(q.text), k: 10 });
      });
      const peers: Peer[] = [await buildOrama(corpus, vectors, inner.dims), await buildMiniSearch(corpus)];
      for (const peer of peers) {
        const timed = await timeEach(devQueries, (q) => peer.search({ text: q.text, vector: q.vector.some((x) => x !== 0) ? q.vector : null }, 10));
        qualityRows.push({ name: `${peer.name} (in process)`, latency: timed.latency, summary: summarise(atSameCoverage(tickets, timed.results, devCoverage)) });
        // Latency over the whole query mix too, comparable with Deflect's search line.
        const all = await timeEach(queries, (q) => peer.search({ text: q.text, vector: q.vector.some((x) => x !== 0) ? q.vector : null }, 10));
        backendRows.push({ backend: `${peer.name} (in process)`, articles: n, ingestPerSecond: round(n / (embedSeconds + peer.buildSeconds), 1), ranking: all.latency });
      }

      if (backend.name === "postgres" && backend.url) {
        log("http: building and starting the service…");
        execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "ignore" });
        const { secret } = await createApiKey({ deps, input: { name: "bench", role: "agent" } });
        const service = await startService({
          DATABASE_URL: backend.url,
          EMBEDDER: status.fallback ? "hashing" : (process.env.EMBEDDER ?? config.EMBEDDER),
          LOG_LEVEL: "warn",
          API_RATE_LIMIT_PER_MINUTE: "100000000",
        });
        try {
          const bodies = devTickets.map((t) => JSON.stringify({ subject: t.subject ?? null, body: t.body, channel: t.channel }));
          http = [];
          for (const connections of [1, 8, 32]) {
            const r = await loadTickets({ url: service.url, apiKey: secret, bodies, connections, seconds: httpSeconds });
            log(`http ${connections} clients: ${r.throughput} req/s, p95 ${r.latency.p95} ms, errors ${r.errors}, non-2xx ${r.non2xx}`);
            http.push(r);
          }
          servicePeakRss = service.peakRssMiB();
        } finally {
          await service.stop();
        }
      }
    } finally {
      await backend.close();
    }
  }

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version },
    embedder: { id: inner.id, kind: status.kind, lexical: inner.lexical, fallback: status.fallback?.reason ?? null, passagesPerSecond: round(corpus.length / embedSeconds, 1) },
    corpus: { synthetic: synthetic.length, dev: devArticles.length, queries: queries.length, devTickets: devTickets.length },
    retrieval: backendRows,
    quality: qualityRows.map((q) => ({
      name: q.name,
      latency: q.latency,
      top1: q.summary.top1,
      recallAt5: q.summary.recallAt5,
      answered: q.summary.answered,
      wrongAnswerRate: q.summary.wrongAnswerRate,
      coverage: q.summary.coverage,
    })),
    deflectionHttp: http,
    memory: { servicePeakRssMiB: servicePeakRss, benchPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) },
    goals: {
      retrievalP95Ms: 10,
      hnswRecallAt10: 0.97,
      deflectionP95Ms: 50,
    },
    seconds: round((performance.now() - started) / 1000, 1),
  };
  printTables(result);
  if (asJson) process.stdout.write(`${JSON.stringify(result)}\n`);
  await inner.close?.();
}

function printTables(r: {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  embedder: { id: string; passagesPerSecond: number };
  retrieval: Record<string, unknown>[];
  quality: { name: string; latency: Latency; top1: number | null; recallAt5: number | null; answered: number; wrongAnswerRate: number | null }[];
  deflectionHttp: LoadResult[];
  memory: { servicePeakRssMiB: number | null; benchPeakRssMiB: number };
  seconds: number;
}): void {
  const out: string[] = [];
  out.push(`\nDeflect bench — ${r.date.slice(0, 10)} · ${r.machine.cpus} × ${r.machine.cpuModel} · ${r.machine.memoryGiB} GiB · Node ${r.machine.node}`);
  out.push(`embedder ${r.embedder.id}: ${r.embedder.passagesPerSecond} passages/s\n`);
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
  if (r.deflectionHttp.length > 0) {
    out.push("\nDeflection end to end: POST /v1/tickets over HTTP (autocannon), service on Postgres, query embedding included");
    out.push(
      table(
        ["clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests", "errors", "non-2xx"],
        r.deflectionHttp.map((h) => [h.connections, h.throughput, h.latency.p50, h.latency.p95, h.latency.p99, h.requests, h.errors, h.non2xx]),
      ),
    );
  }
  out.push(`\nmemory: service peak RSS ${r.memory.servicePeakRssMiB ?? "–"} MiB; bench process peak RSS ${r.memory.benchPeakRssMiB} MiB; run took ${r.seconds} s`);
  log(out.join("\n"));
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
