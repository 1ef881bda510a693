/**
 * `npm run bench:embed [-- --passages 256 --queries 200]`: throughput of passage embedding
 * (batched as the re-index does) and latency of single queries (as a ticket or search does), for
 * the embedder the environment configures (EMBEDDER, MODEL_DIR, EMBEDDING_QUANTIZED, EMBED_BATCH_SIZE…).
 */
import { loadConfig } from "../src/config.js";
import { createNodeEmbedder } from "../src/embeddings/node-factory.js";
import { createLogger } from "../src/logger.js";
import { EMBEDDER_ENV, parseCli } from "./lib/cli.js";

const { values } = parseCli({
  command: "npm run bench:embed",
  summary: "Measures the configured embedder alone: passage throughput (batched as the re-index does) and single-query latency.",
  flags: {
    passages: { type: "number", value: "N", min: 1, default: 256, help: "passages embedded for the throughput figure" },
    queries: { type: "number", value: "N", min: 1, default: 200, help: "single queries timed for the latency percentiles" },
  },
  env: { ...EMBEDDER_ENV, LOG_LEVEL: "log level; info is shown as warn (default: info)" },
  examples: ["EMBEDDER=transformers MODEL_DIR=./models/multilingual-e5-small npm run bench:embed -- --passages 512"],
});

const SUBJECTS = ["Password reset link", "Printer", "Invoice download", "VPN connection", "Mobile app sync", "Salasana", "Faktura", "Anmeldung", "Connexion", "Licence"];
const PROBLEMS = [
  "expired after a few minutes",
  "shows offline after the update",
  "fails with error 0x80070005",
  "is very slow since Monday",
  "nefunguje po aktualizaci",
  "ei toimi päivityksen jälkeen",
  "schlägt fehl mit Fehler 403",
  "est bloqué depuis hier",
];
const FIXES = [
  "Clear the browser cache and sign in again.",
  "Reinstall the vendor driver from the support site.",
  "Ask an administrator to unlock the account in the admin console.",
  "Update the app to the latest version and restart the device.",
  "Renew the certificate and restart the service.",
];

/** Deterministic, varied support texts (≈40–120 words), so every run measures the same work. */
function makeText(i: number, long: boolean): string {
  const s = SUBJECTS[i % SUBJECTS.length];
  const p = PROBLEMS[(i * 7) % PROBLEMS.length];
  const f = FIXES[(i * 3) % FIXES.length];
  const body = `${s} ${p}. Customer #${i} reports it on ${["Windows 11", "macOS 14", "Android", "iOS"][i % 4]}.`;
  return long ? `${body}\n${f} ${body} ${f} Steps: open settings, choose account, confirm. ${f}` : `${s} ${p}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { passages, queries } = values;
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const loadStart = performance.now();
  const embedder = await createNodeEmbedder(config, logger);
  const loadMs = performance.now() - loadStart;
  const status = embedder.status();
  await embedder.embedPassages([makeText(0, true)]);

  const texts = Array.from({ length: passages }, (_, i) => makeText(i, true));
  const t0 = performance.now();
  await embedder.embedPassages(texts);
  const passageSeconds = (performance.now() - t0) / 1000;

  const latencies: number[] = [];
  for (let i = 0; i < queries; i++) {
    const q = makeText(i + 1000, false);
    const start = performance.now();
    await embedder.embedQueries([q]);
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  const rows: [string, string][] = [
    ["embedder", embedder.id],
    ["kind / state", `${status.kind} / ${status.state}${status.fallback ? ` (fallback from ${status.fallback.from})` : ""}`],
    ["dims", String(embedder.dims)],
    ["load + warm-up", `${loadMs.toFixed(0)} ms`],
    [`passages (${passages}, batch ${config.EMBED_BATCH_SIZE})`, `${(passages / passageSeconds).toFixed(1)} texts/s`],
    [`query p50 (${queries} single)`, `${percentile(latencies, 50).toFixed(2)} ms`],
    ["query p95", `${percentile(latencies, 95).toFixed(2)} ms`],
    ["query p99", `${percentile(latencies, 99).toFixed(2)} ms`],
    ["rss", `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${"metric".padEnd(width)} | value\n${"-".repeat(width)}-+-${"-".repeat(40)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);
  if (status.fallback) console.log(`\nnote: ${status.fallback.reason}`);
  await embedder.close?.();
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
