import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runImportCli } from "../src/imports/cli.js";

/**
 * `npm run seed`: loads the sample knowledge base (seed/sample-articles.jsonl) through the same
 * import path as `npm run import`, published, so a fresh install can answer a ticket. Idempotent:
 * a second run finds every row unchanged and writes nothing. Extra arguments (e.g. --dry-run)
 * are passed on.
 */
const file = join(dirname(fileURLToPath(import.meta.url)), "..", "seed", "sample-articles.jsonl");
if (!existsSync(file)) {
  console.error(`seed file missing: ${file}`);
  process.exitCode = 2;
} else {
  process.exitCode = await runImportCli([file, ...process.argv.slice(2)], { publish: true });
}
