import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runImportCli } from "../src/imports/cli.js";
import { DATABASE_ENV, EMBEDDER_ENV, parseCli } from "./lib/cli.js";

/**
 * `npm run seed`: loads the sample knowledge base (seed/sample-articles.jsonl) through the same
 * import path as `npm run import`, published, so a fresh install can answer a ticket. Idempotent:
 * a second run finds every row unchanged and writes nothing.
 */
const { values } = parseCli({
  command: "npm run seed",
  summary: "Loads the sample knowledge base (seed/sample-articles.jsonl, published) through the import path; a rerun changes nothing.",
  flags: {
    "dry-run": { type: "boolean", help: "validate and report; nothing is written" },
    "batch-size": { type: "number", value: "N", min: 1, max: 1000, default: 32, help: "rows per batch: one embedding call and one transaction each" },
    verbose: { type: "boolean", help: "one line per committed batch" },
  },
  env: { ...DATABASE_ENV, ...EMBEDDER_ENV, LOG_LEVEL: "log level; info is shown as warn under the progress bar (default: info)" },
  examples: ["EMBEDDER=hashing npm run seed -- --dry-run"],
});
const file = join(dirname(fileURLToPath(import.meta.url)), "..", "seed", "sample-articles.jsonl");
if (!existsSync(file)) {
  console.error(`seed file missing: ${file}`);
  process.exitCode = 2;
} else {
  process.exitCode = await runImportCli({
    file,
    format: "jsonl",
    publish: true,
    dryRun: values["dry-run"],
    mapping: {},
    batchSize: values["batch-size"],
    verbose: values.verbose,
  });
}
