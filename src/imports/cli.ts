import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { createDbOrExit, migrateDb } from "../db/client.js";
import { systemClock, type Deps } from "../deps.js";
import { createNodeEmbedder } from "../embeddings/node-factory.js";
import { prepareEmbedderIndex } from "../embeddings/vector-index.js";
import { DomainError } from "../errors.js";
import { createLogger } from "../logger.js";
import { formatSummary, ImportProgress } from "./cli-output.js";
import { runImport } from "./import.service.js";
import { CountingSource } from "./lines.js";
import { parseMapping } from "./mapping.js";
import type { ImportFormat } from "./records.js";

export const IMPORT_USAGE = `usage: npm run import -- <file> [--format jsonl|csv] [--publish] [--dry-run] [--map field=Column,...]
                        [--batch-size N] [--verbose]

  <file>        NDJSON (.jsonl/.ndjson) or CSV (.csv) of resolved tickets or KB articles
  --format      override the format guessed from the extension
  --publish     create articles published (default: draft)
  --dry-run     validate and report; nothing is written
  --map         column mapping, e.g. subject=Title,body=Description,resolution=Fix,id=Ticket ID
                fields: subject|title, body|problem|description, resolution, rootCause, language,
                category, product, visibility, tags, externalId|id, resolvedAt
                (unmapped fields are found by common column names)
  --batch-size  rows per batch: one embedding call and one transaction each (default 32)
  --verbose     one line per committed batch

Re-importing a file changes nothing; edited rows become new article versions. An interrupted
import (Ctrl-C, kill -9, crash) resumes where it stopped when run again on the same file.`;

const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = { ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv" };

/** SHA-256 of a file, streamed: part of the key that lets a rerun resume the same import. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * `npm run import` and `npm run seed`: opens the configured database and embedder, streams the
 * file through the import service with a progress bar, prints the summary. Returns the exit
 * code: 0 done (bad rows are reported, not fatal), 1 the import stopped, 2 usage or config error.
 */
export async function runImportCli(argv: string[], fixed: { publish?: boolean } = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        publish: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        map: { type: "string" },
        "batch-size": { type: "string" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const path = resolve(file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    console.error(`cannot read ${path}`);
    return 2;
  }
  const format = (values.format ?? FORMAT_BY_EXTENSION[extname(path).toLowerCase()]) as ImportFormat | undefined;
  if (format !== "jsonl" && format !== "csv") {
    console.error(`cannot tell the format of ${file}: pass --format jsonl or --format csv`);
    return 2;
  }
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)) {
    console.error("--batch-size must be an integer from 1 to 1000");
    return 2;
  }
  let mapping;
  let config;
  try {
    mapping = parseMapping(values.map);
    config = loadConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    return err instanceof DomainError || err instanceof ConfigError ? 2 : 1;
  }
  const publish = fixed.publish ?? values.publish;
  const dryRun = values["dry-run"];

  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, { service: "deflect-import" });
  const database = await createDbOrExit(config);
  try {
    await migrateDb(database);
    const embedder = await createNodeEmbedder(config, logger);
    const deps: Deps = { config, database, embedder, logger, clock: systemClock, version: "cli", runtime: "node" };
    await prepareEmbedderIndex(deps);
    const sourceKey = `file:${path}:${await hashFile(path)}`;
    const source = new CountingSource(createReadStream(path, { highWaterMark: 64 * 1024 }));
    const progress = new ImportProgress(size, () => source.bytes, values.verbose);
    const started = performance.now();
    try {
      const state = await runImport({
        deps,
        caller: { name: "import-cli", role: "admin" },
        input: { source, format, mapping, publish, dryRun, sourceKey, record: !dryRun, batchSize },
        hooks: { onStart: (s, from) => progress.start(s, from), onProgress: (s) => progress.update(s) },
      });
      progress.stop();
      process.stdout.write(formatSummary(state, { seconds: (performance.now() - started) / 1000, rowsPerSecond: progress.rate(), dryRun }));
      return 0;
    } catch (err) {
      progress.stop();
      console.error(`import stopped: ${(err as Error).message}\nrun the same command again to resume after the last committed line`);
      return 1;
    } finally {
      await embedder.close?.();
    }
  } finally {
    await database.close();
  }
}
