import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { createDbOrExit, migrateDb } from "../db/client.js";
import { systemClock, type Deps } from "../deps.js";
import { createNodeEmbedder } from "../embeddings/node-factory.js";
import { prepareEmbedderIndex } from "../embeddings/vector-index.js";
import { createLogger } from "../logger.js";
import { formatSummary, ImportProgress } from "./cli-output.js";
import { runImport } from "./import.service.js";
import { CountingSource } from "./lines.js";
import type { ColumnMapping } from "./mapping.js";
import type { ImportFormat } from "./records.js";

const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = { ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv" };

/** SHA-256 of a file, streamed: part of the key that lets a rerun resume the same import. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** What `npm run import` and `npm run seed` ask for, their arguments already parsed and checked (scripts/import.ts). */
export interface ImportCliInput {
  file: string;
  /** Guessed from the file's extension when absent. */
  format?: ImportFormat;
  publish: boolean;
  dryRun: boolean;
  mapping: ColumnMapping;
  batchSize?: number;
  verbose: boolean;
}

/**
 * `npm run import` and `npm run seed`: opens the configured database and embedder, streams the
 * file through the import service with a progress bar, prints the summary. Returns the exit
 * code: 0 done (bad rows are reported, not fatal), 1 the import stopped, 2 unreadable file,
 * unknown format or config error.
 */
export async function runImportCli(input: ImportCliInput): Promise<number> {
  const path = resolve(input.file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    console.error(`cannot read ${path}`);
    return 2;
  }
  const format = input.format ?? FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (format !== "jsonl" && format !== "csv") {
    console.error(`cannot tell the format of ${input.file}: pass --format jsonl or --format csv`);
    return 2;
  }
  const { mapping, batchSize, publish, dryRun } = input;
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    return err instanceof ConfigError ? 2 : 1;
  }

  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, { service: "deflect-import" });
  const database = await createDbOrExit(config);
  try {
    await migrateDb(database);
    const embedder = await createNodeEmbedder(config, logger);
    const deps: Deps = { config, database, embedder, logger, clock: systemClock, version: "cli", runtime: "node" };
    await prepareEmbedderIndex(deps);
    const sourceKey = `file:${path}:${await hashFile(path)}`;
    const source = new CountingSource(createReadStream(path, { highWaterMark: 64 * 1024 }));
    const progress = new ImportProgress(size, () => source.bytes, input.verbose);
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
