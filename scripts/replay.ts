/**
 * Replay simulator: what would the current thresholds and escalation matrix do with these tickets?
 *
 *   npm run replay -- --articles A.jsonl --tickets T.jsonl [--matrix scenario.json | --from-db] [--model calibration.json] [--json]
 *
 * Loads the articles into a fresh in-memory PGlite (nothing of a real installation is touched),
 * applies the scenario (teams + matrix, e.g. src/escalations/examples/nimbus.matrix.json; without
 * it the built-in default matrix routes), sends every ticket through the deflection decision
 * without writing tickets, routes the escalations and prints the projected deflection rate,
 * escalation rate and load per team and level. --from-db copies the teams, matrix in force,
 * thresholds and confidence model of the configured installation (DATABASE_URL, or DATA_DIR —
 * stop a PGlite server first, or use POST /v1/replay) instead, reading only.
 * With --json the last stdout line is one JSON object.
 */
import { readFileSync } from "node:fs";
import { MODEL_KEY, THRESHOLDS_KEY } from "../src/deflection/policy.js";
import { deflectionEvaluator } from "../src/escalations/replay.evaluator.js";
import { formatReplay, replayTickets } from "../src/escalations/replay.service.js";
import { loadConfig } from "../src/config.js";
import { createDbOrExit } from "../src/db/client.js";
import { applyScenario, copyInstallation, ScenarioSchema } from "../src/escalations/replay.setup.js";
import { putSetting } from "../src/settings/settings.queries.js";
import { DATABASE_ENV, parseCli } from "./lib/cli.js";
import { readEvalArticles, readEvalTickets } from "./lib/eval-format.js";
import { EVAL_EMBEDDER_ENV, evalEmbedder, openEvalSession } from "./lib/eval-run.js";

const { values: args } = parseCli({
  command: "npm run replay",
  summary: "Simulates what the thresholds and escalation matrix would do with a ticket history, on a scratch in-memory database.",
  flags: {
    articles: { type: "string", value: "FILE", required: true, help: "articles.jsonl: the knowledge base" },
    tickets: { type: "string", value: "FILE", required: true, help: "tickets.jsonl: the tickets to replay" },
    matrix: {
      type: "string",
      value: "FILE",
      defaultText: "the built-in default matrix, no teams",
      help: "scenario: teams + matrix (e.g. src/escalations/examples/nimbus.matrix.json)",
    },
    "from-db": { type: "boolean", help: "copy teams, matrix, thresholds and model of the configured installation (read only)" },
    model: { type: "string", value: "FILE", defaultText: "the shipped model and thresholds", help: "calibration file written by npm run calibrate -- --out" },
    json: { type: "boolean", help: "report on stderr, one JSON object as the last stdout line" },
  },
  env: { ...EVAL_EMBEDDER_ENV, ...DATABASE_ENV },
  notes: "DATABASE_URL / DATA_DIR are read with --from-db only (stop a PGlite server first, or use POST /v1/replay).",
  examples: ["npm run replay -- --articles ../shared/eval/dev/articles.jsonl --tickets ../shared/eval/dev/tickets.jsonl --matrix src/escalations/examples/nimbus.matrix.json"],
});

async function main(): Promise<void> {
  const json = args.json;
  const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));
  const started = Date.now();
  const articles = readEvalArticles(args.articles);
  const tickets = readEvalTickets(args.tickets);
  const scenario = args.matrix !== undefined ? ScenarioSchema.safeParse(JSON.parse(readFileSync(args.matrix, "utf8"))) : undefined;
  if (scenario && !scenario.success) {
    const issue = scenario.error.issues[0];
    console.error(`${String(args.matrix)}: ${issue?.path.join(".") || "(file)"}: ${issue?.message ?? "invalid"}`);
    process.exit(2);
  }
  const session = await openEvalSession(articles, await evalEmbedder());
  try {
    if (scenario?.success) await applyScenario(session.deps, scenario.data);
    if (args["from-db"]) {
      const source = await createDbOrExit(loadConfig(process.env));
      try {
        const copied = await copyInstallation(source.db, session.deps, [MODEL_KEY, THRESHOLDS_KEY]);
        log(`from the configured database: ${copied.teams} teams, matrix ${copied.matrixVersion ?? "built-in default"}`);
      } finally {
        await source.close();
      }
    }
    if (args.model !== undefined) {
      const calib = JSON.parse(readFileSync(args.model, "utf8")) as { model: unknown; thresholds: unknown };
      await putSetting(session.database.db, MODEL_KEY, calib.model, "replay");
      await putSetting(session.database.db, THRESHOLDS_KEY, calib.thresholds, "replay");
    }
    const report = await replayTickets({ deps: session.deps, input: { tickets, evaluate: deflectionEvaluator(session.deps) } });
    const seconds = (Date.now() - started) / 1000;
    log(`${tickets.length} tickets, ${articles.length} articles, embedder ${session.deps.embedder.id}, ${seconds.toFixed(1)} s`);
    if (!args["from-db"]) log(args.matrix !== undefined ? `scenario: ${args.matrix}` : "scenario: built-in default matrix, no teams");
    log(formatReplay(report));
    if (json) console.log(JSON.stringify({ ...report, seconds }));
  } finally {
    await session.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
