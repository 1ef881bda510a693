/**
 * Without labels (`npm run calibrate`): the service's self-calibration, now, on the configured
 * database's knowledge base (what the background task does after imports and edits).
 *
 * With labels: fits the confidence model and the answer/suggest thresholds on a labelled set.
 *
 *   npm run calibrate -- --articles A.jsonl --tickets T.jsonl --target-precision 0.97 [--out file.json] [--dry-run] [--split even|odd]
 *
 * 1. Loads the articles into a scratch database and runs every ticket through evaluateTicket,
 *    collecting the retrieval features of its top article and whether that article is right.
 * 2. Fits a logistic regression (src/deflection/logistic.ts): P(top article is right | features).
 * 3. Prints the risk–coverage table of the fitted model and picks, from it:
 *      suggest (all channels) and answer on agent channels (api, phone): lowest threshold with
 *        precision ≥ target;
 *      answer on customer-facing channels (email, chat, portal, social): lowest threshold with
 *        precision ≥ 1 − (1 − target) / 2 (half the error budget: the customer reads it unreviewed).
 * 4. Writes model + thresholds to the `settings` table of the configured database (DATABASE_URL
 *    or DATA_DIR, as the service) unless --dry-run, and to --out as JSON for `npm run eval -- --model`.
 */
import { writeFileSync } from "node:fs";
import { openScratchDatabase } from "../src/db/client.js";
import { calibrationState, refreshCalibration } from "../src/deflection/calibration.state.js";
import { systemClock, type Deps } from "../src/deps.js";
import { createNodeEmbedder } from "../src/embeddings/node-factory.js";
import { createLogger } from "../src/logger.js";
import { loadConfig } from "../src/config.js";
import { createDbOrExit, migrateDb } from "../src/db/client.js";
import { type ConfidenceModel, predictConfidence } from "../src/deflection/confidence.js";
import { type Embedder, embedderFamily } from "../src/embeddings/embedder.js";
import { type LabelledExample, fitLogistic, vectorOnlyPart } from "../src/deflection/logistic.js";
import { MODEL_KEY, THRESHOLDS_KEY, thresholdsFrom } from "../src/deflection/policy.js";
import { putSetting } from "../src/settings/settings.queries.js";
import { type CliSpec, DATABASE_ENV, exitUsage, parseCli } from "./lib/cli.js";
import { lowestThresholdFor } from "./lib/choose-thresholds.js";
import { readEvalArticles, readEvalTickets } from "./lib/eval-format.js";
import { formatTable, riskCoverage } from "./lib/eval-metrics.js";
import { EVAL_EMBEDDER_ENV, evalEmbedder, openEvalSession, runTickets } from "./lib/eval-run.js";
import { selectSplit } from "./lib/split.js";

const flags = {
  articles: {
    type: "string",
    value: "FILE[,FILE…]",
    defaultText: "none: self-calibration of the configured database",
    help: "articles.jsonl of each labelled set (comma-separated, paired with --tickets)",
  },
  tickets: {
    type: "string",
    value: "FILE[,FILE…]",
    defaultText: "none: self-calibration of the configured database",
    help: "tickets.jsonl of each labelled set, in the same order",
  },
  "target-precision": {
    type: "number",
    value: "P",
    integer: false,
    default: 0.97,
    help: "precision the suggest threshold must reach, above 0.5 and below 1 (customer-facing answers: half its error)",
  },
  out: { type: "string", value: "FILE", defaultText: "not written", help: "also write model + thresholds as JSON, for npm run eval -- --model" },
  "dry-run": { type: "boolean", help: "do not write the settings table of the configured database" },
  force: { type: "boolean", help: "self-calibration: fit even a knowledge base under 20 articles (its bound rarely reaches the target: nothing would be answered)" },
  split: { type: "string", choices: ["even", "odd"], defaultText: "every ticket", help: "fit on every other ticket only" },
} as const;
const spec: CliSpec<typeof flags> = {
  command: "npm run calibrate",
  summary:
    "Without labels: self-calibrates the configured database's knowledge base now. With --articles and --tickets: fits the confidence model and thresholds on labelled sets and stores them (pinned: self-calibration leaves them alone until POST /v1/deflection/calibration/refit).",
  flags,
  env: { ...EVAL_EMBEDDER_ENV, ...DATABASE_ENV },
  notes:
    "DATABASE_URL / DATA_DIR name the database whose settings table receives the result (not read with --dry-run). Without labels the embedder is the service's own (EMBEDDER and the rest as for npm start, with its fallback), so the fit is for the embedder that serves; with labels, EMBEDDER unset means the offline hashing embedder.",
  examples: [
    "npm run calibrate",
    "npm run calibrate -- --articles ../shared/eval/dev/articles.jsonl --tickets ../shared/eval/dev/tickets.jsonl --split even --out calib.json --dry-run",
  ],
};
const { values: args } = parseCli(spec);

async function selfCalibration(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const logger = createLogger(config.LOG_LEVEL);
  const database = await createDbOrExit(config);
  // The service's own embedder (EMBEDDER, MODEL_DIR … as for npm start), so the fit is for what serves.
  const embedder: Embedder = await createNodeEmbedder(config, logger);
  try {
    await migrateDb(database);
    const deps: Deps = { config, database, embedder, logger, clock: systemClock, version: "calibrate", runtime: "node" };
    const before = await calibrationState(deps);
    if (before.state === "too-small" && !args.force) {
      console.log(`no self-calibration: ${before.reason} (--force fits it anyway)`);
      process.exitCode = 1;
      return;
    }
    const report = await refreshCalibration(deps, { openScratch: openScratchDatabase, force: true });
    const state = await calibrationState(deps);
    if (!report) {
      console.log(`no self-calibration: ${state.reason}`);
      process.exitCode = 1;
      return;
    }
    console.log(formatTable(report.curve.filter((p) => Math.round(p.threshold * 100) % 5 === 0 || p.threshold === report.threshold).map((p) => ({ ...p }))));
    console.log(
      `\nself-calibration on ${report.fittedOn.articles} articles (${report.fittedOn.positives} + ${report.fittedOn.nearMisses} near-miss + ${report.fittedOn.offTopic} off-topic synthetic tickets, ${(report.durationMs / 1000).toFixed(1)} s, embedder ${report.embedderId})`,
    );
    console.log(
      report.reached
        ? `answer threshold ${report.threshold}: predicted wrong-answer rate ${report.predictedWrongAnswerRate} (≤ ${report.riskBound} with probability ${1 - report.delta}), predicted coverage ${report.predictedCoverage}; portal relevance floor ${report.relevanceFloor}`
        : `no threshold keeps wrong answers under ${report.target} with probability ${1 - report.delta}: every ticket escalates (answer threshold 1) until the knowledge base or the target changes`,
    );
  } finally {
    await embedder.close?.();
    await database.close();
  }
}

async function main(): Promise<void> {
  if (args.articles === undefined && args.tickets === undefined) return selfCalibration();
  if (args.articles === undefined || args.tickets === undefined) exitUsage(spec, "--articles and --tickets go together (or neither, for self-calibration)");
  const target = args["target-precision"];
  if (!(target > 0.5 && target < 1)) exitUsage(spec, `--target-precision must be above 0.5 and below 1, not ${target}`);
  // Several labelled sets may be pooled (comma-separated, pairwise): each keeps its own knowledge
  // base, so the model learns what a right match looks like across knowledge bases, not in one.
  const articleFiles = (args.articles as string).split(",");
  const ticketFiles = (args.tickets as string).split(",");
  if (articleFiles.length !== ticketFiles.length) {
    exitUsage(spec, "--articles and --tickets must name as many files each (comma-separated, in pairs)");
  }
  const embedder = await evalEmbedder();
  const embedderId = embedder.id;
  const outcomes: Awaited<ReturnType<typeof runTickets>> = [];
  const tickets: unknown[] = [];
  for (const [i, file] of articleFiles.entries()) {
    const setTickets = selectSplit(readEvalTickets(ticketFiles[i] as string), args.split);
    const session = await openEvalSession(readEvalArticles(file), embedder);
    outcomes.push(...(await runTickets(session, setTickets)));
    tickets.push(...setTickets);
    await session.database.close();
  }
  await embedder.close?.();

  const examples: LabelledExample[] = outcomes
    .filter((o) => o.features !== null)
    .map((o) => ({ features: o.features as NonNullable<typeof o.features>, label: o.ranked[0] !== undefined && o.ranked[0] === o.ticket.expected.articleId ? 1 : 0 }));
  const fitted = fitLogistic(examples);
  // A semantic embedder also gets the cross-language part: the same tickets, vector features only.
  const crossLanguage = embedder.lexical ? undefined : vectorOnlyPart(examples);
  const model: ConfidenceModel = {
    ...fitted,
    source: `calibrate ${new Date().toISOString()} on ${tickets.length} tickets`,
    fittedAt: new Date().toISOString(),
    embedderId,
    family: embedderFamily(embedder),
    ...(crossLanguage ? { crossLanguage } : {}),
  };
  const confidenceOf = new Map(outcomes.map((o) => [o, o.features ? predictConfidence(model, o.features) : 0]));
  const grid = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
  const table = riskCoverage(outcomes, grid, (o) => confidenceOf.get(o) ?? 0);

  const strict = 1 - (1 - target) / 2;
  const suggest = lowestThresholdFor(table, target);
  const answerCustomer = Math.max(suggest, lowestThresholdFor(table, strict));
  const thresholds = thresholdsFrom(
    { answerCustomer, answerAgent: suggest, suggest },
    `calibrate: target precision ${target} (customer-facing ${strict}) on ${tickets.length} tickets`,
  );

  console.log(`Fitted on ${examples.length} tickets (${examples.filter((e) => e.label === 1).length} with the right top article), embedder ${embedderId}`);
  console.log("weights:", Object.fromEntries(model.features.map((f, i) => [f, Number((model.weights[i] ?? 0).toFixed(3))])), "bias", model.bias.toFixed(3));
  console.log("\nrisk–coverage of the fitted model (tickets not escalated by signals):");
  console.log(formatTable(table.filter((r) => Math.round(r.threshold * 100) % 5 === 0 || r.threshold === suggest || r.threshold === answerCustomer).map((r) => ({ ...r }))));
  console.log(
    `\nchosen: suggest ≥ ${suggest} (precision ≥ ${target}); answer on agent channels ≥ ${suggest}; answer on customer-facing channels ≥ ${answerCustomer} (precision ≥ ${strict})`,
  );

  const payload = { model, thresholds };
  if (args.out !== undefined) {
    writeFileSync(args.out, `${JSON.stringify(payload, null, 2)}\n`);
    console.log(`wrote ${args.out}`);
  }
  if (!args["dry-run"]) {
    const config = loadConfig(process.env);
    const database = await createDbOrExit(config);
    try {
      await migrateDb(database);
      await database.db.transaction(async (tx) => {
        await putSetting(tx, MODEL_KEY, model, "calibrate");
        await putSetting(tx, THRESHOLDS_KEY, thresholds, "calibrate");
      });
      console.log(`wrote ${MODEL_KEY} and ${THRESHOLDS_KEY} to the settings table (${config.DATABASE_URL ? "DATABASE_URL" : config.DATA_DIR})`);
    } finally {
      await database.close();
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
