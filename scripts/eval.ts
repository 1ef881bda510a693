/**
 * Offline evaluation of the deflection decision on a labelled set (format: ../shared/eval/dev/README.md).
 *
 *   npm run eval [-- --articles A.jsonl --tickets T.jsonl] [--json] [--model calibration.json] [--split even|odd]
 *
 * Loads the articles into a fresh in-memory PGlite, sends every ticket through evaluateTicket
 * (the code path of POST /v1/tickets) and prints the figures of the README's scoring plus a
 * risk–coverage table. `--model` uses a calibration file written by `npm run calibrate -- --out`
 * instead of the shipped defaults; `--split` keeps every other ticket (for calibrate-on-one-half,
 * evaluate-on-the-other). With --json the last stdout line is one JSON object.
 */
import { readFrustrationSet, scoreFrustration } from "./lib/frustration-eval.js";
import { readFileSync, writeFileSync } from "node:fs";
import { riskCoverageSvg } from "./lib/risk-svg.js";
import { putSetting } from "../src/settings/settings.queries.js";
import { MODEL_KEY, THRESHOLDS_KEY } from "../src/deflection/policy.js";
import { parseCli } from "./lib/cli.js";
import { readEvalArticles, readEvalTickets } from "./lib/eval-format.js";
import { formatTable, perLanguage, riskCoverage, summarise } from "./lib/eval-metrics.js";
import { EVAL_EMBEDDER_ENV, evalEmbedder, openEvalSession, runTickets } from "./lib/eval-run.js";
import { selectSplit } from "./lib/split.js";
import { openScratchDatabase } from "./lib/eval-db.js";
import { CalibrationUnavailable, selfCalibrate, storeCalibration } from "../src/deflection/calibration.service.js";
import type { CalibrationReport } from "../src/deflection/calibration.schemas.js";
import { publishedArticles } from "../src/deflection/calibration.queries.js";
import { MIN_ARTICLES } from "../src/deflection/calibration.state.js";

const { values: args } = parseCli({
  command: "npm run eval",
  summary: "Sends a labelled ticket set through the deflection decision on a scratch in-memory database and prints its scores.",
  flags: {
    articles: {
      type: "string",
      value: "FILE",
      default: "seed/eval/articles.jsonl",
      help: "the set's articles.jsonl (its knowledge base); the default is the small set in the repository",
    },
    tickets: { type: "string", value: "FILE", default: "seed/eval/tickets.jsonl", help: "the set's tickets.jsonl (with the expected outcomes)" },
    json: { type: "boolean", help: "tables on stderr, one JSON object as the last stdout line" },
    signals: { type: "boolean", help: "score the frustration detector (levels 0–3) on --signals-file instead of deflection" },
    "signals-file": {
      type: "string",
      value: "FILE",
      default: "test/fixtures/frustration/tickets.jsonl",
      help: "labelled frustration set (test/fixtures/frustration/README.md): tickets.jsonl … fresh8.jsonl are development sets (fresh2–fresh8 were each scored once before they were read), fresh9.jsonl is held out (not read)",
    },
    model: {
      type: "string",
      value: "FILE",
      defaultText: "self-calibration on the set's articles",
      help: "calibration file written by npm run calibrate -- --out (labelled calibration instead of self-calibration)",
    },
    shipped: { type: "boolean", help: "score with the shipped model and thresholds (no calibration): the baseline" },
    svg: { type: "string", value: "FILE", defaultText: "not written", help: "write the risk–coverage picture (predicted by self-calibration vs measured on the tickets) as SVG" },
    target: { type: "number", value: "RATE", integer: false, default: 0.05, help: "wrong-answer rate self-calibration holds, as the service's DEFLECTION_TARGET_WRONG_RATE" },
    split: { type: "string", choices: ["even", "odd"], defaultText: "every ticket", help: "keep every other ticket (calibrate on one half, evaluate on the other)" },
  },
  env: EVAL_EMBEDDER_ENV,
  examples: ["npm run eval", "npm run eval -- --articles ../shared/eval/dev/articles.jsonl --tickets ../shared/eval/dev/tickets.jsonl"],
});

async function main(): Promise<void> {
  const json = args.json;
  const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));
  if (args.signals) {
    const set = selectSplit(readFrustrationSet(args["signals-file"]), args.split);
    const score = scoreFrustration(set);
    log(`\nFrustration levels: ${score.count} messages (${args["signals-file"]}); exact level ${score.exact} (${score.accuracy})`);
    log(`needs a human (level 3): recall ${score.hierarchicalRecall}; others sent to a supervisor: ${score.falseHierarchicalRate}\n`);
    log(
      formatTable(
        score.levels.map((l) => ({
          level: `${l.level} ${["calm", "annoyed", "angry", "needs-human"][l.level]}`,
          n: l.n,
          predicted: l.predicted,
          correct: l.correct,
          precision: l.precision ?? "–",
          recall: l.recall ?? "–",
        })),
      ),
    );
    log("\nconfusion (rows: labelled, columns: predicted 0 1 2 3):");
    log(formatTable(score.confusion.map((row, i) => ({ labelled: i, p0: row[0], p1: row[1], p2: row[2], p3: row[3] }))));
    if (process.env.EVAL_SHOW_MISSES) for (const m of score.misses) log(`${m.id} ${m.lang} labelled ${m.level} predicted ${m.predicted}: ${m.note ?? ""}`);
    if (json) console.log(JSON.stringify(score));
    return;
  }
  const started = Date.now();
  const articles = readEvalArticles(args.articles);
  const tickets = selectSplit(readEvalTickets(args.tickets), args.split);
  const session = await openEvalSession(articles, await evalEmbedder());
  try {
    let calibration: CalibrationReport | null = null;
    let uncalibrated: string | null = null;
    if (args.model !== undefined) {
      const calib = JSON.parse(readFileSync(args.model, "utf8")) as { model: unknown; thresholds: unknown };
      await putSetting(session.database.db, MODEL_KEY, calib.model, "eval");
      await putSetting(session.database.db, THRESHOLDS_KEY, calib.thresholds, "eval");
    } else if (!args.shipped && articles.length >= MIN_ARTICLES) {
      // As the service does after an import: calibrate on the articles alone, never on the tickets' labels.
      try {
        const result = await selfCalibrate(session.deps, { articles: await publishedArticles(session.database.db), target: args.target, openScratch: openScratchDatabase });
        await storeCalibration(session.database.db, result, "eval");
        calibration = result.report;
      } catch (err) {
        // As the service: a knowledge base that gives too few synthetic tickets keeps the shipped profile.
        if (!(err instanceof CalibrationUnavailable)) throw err;
        uncalibrated = err.message;
      }
    }
    const outcomes = await runTickets(session, tickets, (n) => {
      if (!json && process.stdout.isTTY && n % 20 === 0) process.stdout.write(`\r${n}/${tickets.length}`);
    });
    const summary = summarise(outcomes);
    const languages = perLanguage(outcomes);
    const grid = Array.from({ length: 20 }, (_, i) => Math.round(i * 5) / 100);
    const rc = riskCoverage(outcomes, grid);
    const seconds = (Date.now() - started) / 1000;
    log(
      `\nDeflection eval: ${tickets.length} tickets, ${articles.length} articles, embedder ${session.deps.embedder.id} (lexical: ${session.deps.embedder.lexical}), ${seconds.toFixed(1)} s`,
    );
    log(
      args.model !== undefined
        ? `model + thresholds: ${args.model}`
        : calibration
          ? `model + thresholds: self-calibration on the articles (${calibration.fittedOn.positives} + ${calibration.fittedOn.nearMisses} near-miss + ${calibration.fittedOn.offTopic} off-topic synthetic tickets, ${(calibration.durationMs / 1000).toFixed(1)} s): threshold ${calibration.threshold}, predicted wrong-answer rate ${calibration.predictedWrongAnswerRate} (bound ${calibration.riskBound} at δ ${calibration.delta}), predicted coverage ${calibration.predictedCoverage}`
          : `model + thresholds: shipped defaults${args.shipped ? "" : uncalibrated ? ` (no self-calibration: ${uncalibrated})` : ` (${articles.length} articles: self-calibration starts at ${MIN_ARTICLES}, as in the service)`}`,
    );
    log("suggest counts as answering with its top article (the agent acts on it).\n");
    log(formatTable([{ ...summary }]));
    log("\nper language:");
    log(
      formatTable(
        Object.entries(languages).map(([lang, s]) => ({
          lang,
          n: s.count,
          answered: s.answered,
          wrong: s.wrongAnswers,
          wrongRate: s.wrongAnswerRate,
          coverage: s.coverage,
          funcRecall: s.functionalRecall,
          hierRecall: s.hierarchicalRecall,
          top1: s.top1,
          recallAt5: s.recallAt5,
        })),
      ),
    );
    log("\nrisk–coverage (tickets not escalated by signals; answer when confidence ≥ threshold):");
    log(formatTable(rc.map((r) => ({ ...r }))));
    if (args.svg !== undefined) {
      const fine = riskCoverage(
        outcomes,
        Array.from({ length: 100 }, (_, i) => i / 100),
      );
      const measured = fine.filter((r) => r.coverage !== null && r.risk !== null).map((r) => ({ coverage: r.coverage as number, risk: r.risk as number, threshold: r.threshold }));
      const live = calibration ? fine.find((r) => r.threshold >= calibration.threshold - 1e-9) : undefined;
      const name = articles.length ? `${args.articles.split("/").slice(-2, -1)[0] ?? "set"}` : "set";
      writeFileSync(
        args.svg,
        riskCoverageSvg(
          `${name}: ${tickets.length} tickets, ${articles.length} articles, ${session.deps.embedder.id.split(":")[0]} embedder`,
          [
            ...(calibration
              ? [
                  {
                    label: "predicted (self-calibration, out of sample)",
                    colour: "#d97706",
                    points: calibration.curve,
                    live: { coverage: calibration.predictedCoverage, risk: calibration.predictedWrongAnswerRate },
                  },
                ]
              : []),
            {
              label: "measured on the labelled tickets",
              colour: "#2563eb",
              points: measured,
              ...(live && live.coverage !== null && live.risk !== null ? { live: { coverage: live.coverage, risk: live.risk } } : {}),
            },
          ],
          { target: args.target, maxRisk: 0.4 },
        ),
      );
      log(`wrote ${args.svg}`);
    }
    if (json) {
      const predicted = calibration
        ? { predictedWrongAnswerRate: calibration.predictedWrongAnswerRate, predictedCoverage: calibration.predictedCoverage, threshold: calibration.threshold, calibration }
        : {};
      console.log(JSON.stringify({ ...summary, ...predicted, perLanguage: languages, riskCoverage: rc, seconds, embedder: session.deps.embedder.id }));
    }
  } finally {
    await session.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
