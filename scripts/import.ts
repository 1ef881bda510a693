import { DomainError } from "../src/errors.js";
import { runImportCli } from "../src/imports/cli.js";
import { parseMapping } from "../src/imports/mapping.js";
import type { ImportFormat } from "../src/imports/records.js";
import { type CliSpec, DATABASE_ENV, EMBEDDER_ENV, exitUsage, parseCli } from "./lib/cli.js";

/** `npm run import -- <file> [--format jsonl|csv] [--publish] [--dry-run] [--map ...]`: resolved tickets or KB articles into the knowledge base. */
const flags = {
  format: { type: "string", choices: ["jsonl", "csv"], defaultText: "from the extension: .jsonl/.ndjson, .csv", help: "the file's format" },
  publish: { type: "boolean", help: "create articles published instead of as drafts" },
  "dry-run": { type: "boolean", help: "validate and report; nothing is written" },
  map: {
    type: "string",
    value: "field=Column,...",
    defaultText: "each field from its common column names",
    help:
      "column mapping, e.g. subject=Title,body=Description,resolution=Fix,id=Ticket ID\n" +
      "fields: subject|title, body|problem|description, resolution, rootCause, language,\n" +
      "category, product, visibility, tags, externalId|id, resolvedAt",
  },
  "batch-size": { type: "number", value: "N", min: 1, max: 1000, default: 32, help: "rows per batch: one embedding call and one transaction each" },
  verbose: { type: "boolean", help: "one line per committed batch" },
} as const;

const spec: CliSpec<typeof flags> = {
  command: "npm run import",
  summary: "Imports resolved tickets or knowledge-base articles from NDJSON or CSV into the configured database.",
  positionals: [{ name: "<file>", help: "NDJSON (.jsonl/.ndjson) or CSV (.csv) file" }],
  flags,
  notes:
    "Re-importing a file changes nothing; edited rows become new article versions. An interrupted import\n" +
    "(Ctrl-C, kill -9, crash) resumes where it stopped when run again on the same file.",
  env: { ...DATABASE_ENV, ...EMBEDDER_ENV, LOG_LEVEL: "log level; info is shown as warn under the progress bar (default: info)" },
  examples: ["npm run import -- tickets.csv --map subject=Title,body=Description,resolution=Fix --dry-run"],
};

const { values, positionals } = parseCli(spec);
let mapping;
try {
  mapping = parseMapping(values.map);
} catch (err) {
  if (!(err instanceof DomainError)) throw err;
  exitUsage(spec, `--map: ${err.message}`);
}
process.exitCode = await runImportCli({
  file: positionals[0] as string,
  ...(values.format ? { format: values.format as ImportFormat } : {}),
  publish: values.publish,
  dryRun: values["dry-run"],
  mapping,
  batchSize: values["batch-size"],
  verbose: values.verbose,
});
