import type { Actor } from "../articles/articles.service.js";
import { analyzeArticleTables } from "../articles/articles.queries.js";
import type { Deps } from "../deps.js";
import { DomainError } from "../errors.js";
import { type BatchEntry, writeBatch } from "./batch.js";
import { PrecomputedEmbedder } from "./batch-embedder.js";
import type { ImportRecord } from "./imports.queries.js";
import { ImportLedger } from "./ledger.js";
import { checkHeader, type ColumnMapping, createExtractor } from "./mapping.js";
import { NearDuplicateIndex } from "./near-duplicates.js";
import { normalizeRow } from "./normalize.js";
import { type ImportFormat, readRecords } from "./records.js";

/** Rows per batch: one embedder call and one transaction each. */
export const DEFAULT_BATCH_SIZE = 32;
/** Largest row accepted: the article limits (3 × 20,000 characters) fit, a 1 MB blob does not. */
export const MAX_ROW_BYTES = 256 * 1024;

export interface RunImportInput {
  source: AsyncIterable<Uint8Array>;
  format: ImportFormat;
  mapping?: ColumnMapping;
  /** Create articles published instead of draft (and publish drafts whose row changed). */
  publish?: boolean;
  /** Validate and count what would happen; no article is written. */
  dryRun?: boolean;
  /** Same key as an unfinished import → resume after its last committed line. */
  sourceKey?: string | null;
  /** False: keep the status in memory only (a CLI dry run writes nothing at all). */
  record?: boolean;
  batchSize?: number;
  maxRowBytes?: number;
}

export interface RunImportHooks {
  /** Called once the import row exists (or was found to resume), before the first row. */
  onStart?: (state: ImportRecord, resumedFrom: number) => void;
  /** Called after each committed batch with the import's totals so far. */
  onProgress?: (state: ImportRecord) => void;
}

/**
 * Imports resolved tickets / KB rows from a byte stream (NDJSON or CSV), streaming: at most one
 * batch of rows is held at a time. Rows go through the article services, so every article has
 * its version rows, search index and vector in the same transaction as the import's progress.
 * Idempotent by external id + source hash; rerunning an interrupted import (same sourceKey)
 * replays the committed lines only to rebuild the duplicate checks, then continues. Bad rows are
 * reported by line and skipped; an error that is not about one row marks the import failed
 * (resumable) and is rethrown.
 */
export async function runImport({ deps, caller, input, hooks = {} }: { deps: Deps; caller: Actor; input: RunImportInput; hooks?: RunImportHooks }): Promise<ImportRecord> {
  const mapping = input.mapping ?? {};
  const batchSize = Math.max(1, input.batchSize ?? DEFAULT_BATCH_SIZE);
  const ledger = await ImportLedger.open(deps, caller, {
    format: input.format,
    publish: input.publish ?? false,
    dryRun: input.dryRun ?? false,
    sourceKey: input.sourceKey ?? null,
    record: input.record ?? true,
  });
  hooks.onStart?.(ledger.state, ledger.resumedFrom);
  const ctx = {
    deps,
    caller,
    ledger,
    publish: input.publish ?? false,
    dryRun: input.dryRun ?? false,
    embedder: new PrecomputedEmbedder(deps.embedder),
  };
  const resumeAfter = ledger.resumedFrom;
  const extract = createExtractor(mapping);
  const near = new NearDuplicateIndex();
  const firstLineOf = new Map<string, number>();
  let batch: BatchEntry[] = [];

  try {
    const records = readRecords(input.source, input.format, {
      maxRowBytes: input.maxRowBytes ?? MAX_ROW_BYTES,
      onColumns: (header) => void checkHeader(header, mapping),
    });
    for await (const rec of records) {
      // Lines already committed are read again only to rebuild the duplicate checks.
      const replay = rec.endLine <= resumeAfter;
      const at = { line: rec.line, endLine: rec.endLine };
      let entry: BatchEntry;
      if ("failure" in rec) entry = { ...at, failure: rec.failure };
      else {
        const result = await normalizeRow(extract(rec.fields));
        if ("failure" in result) entry = { ...at, failure: result.failure };
        else {
          const { row } = result;
          const firstLine = firstLineOf.get(row.externalId);
          if (firstLine !== undefined) {
            entry = { ...at, duplicate: { kind: "duplicate", line: rec.line, externalId: row.externalId, firstLine } };
          } else {
            firstLineOf.set(row.externalId, rec.line);
            const match = near.add(rec.line, row.externalId, row.problem);
            const note = match && {
              kind: "similar" as const,
              line: rec.line,
              externalId: row.externalId,
              similarToLine: match.line,
              similarToExternalId: match.externalId,
              similarity: match.similarity,
            };
            entry = { ...at, row, ...(note ? { note } : {}) };
          }
        }
      }
      if (replay) continue;
      batch.push(entry);
      if (batch.length >= batchSize) {
        await writeBatch(ctx, batch);
        batch = [];
        hooks.onProgress?.(ledger.state);
      }
    }
    if (batch.length > 0) {
      await writeBatch(ctx, batch);
      hooks.onProgress?.(ledger.state);
    }
    await ledger.finish("completed");
    // Statistics for the search planner once the knowledge base has grown or changed in bulk
    // (analyzeArticleTables). Best effort: the import itself is done and recorded.
    if (!ctx.dryRun && ledger.state.created + ledger.state.updated > 0) {
      await analyzeArticleTables(deps.database.db).catch((err: unknown) =>
        deps.logger.warn("statistics not refreshed after the import", { error: err instanceof Error ? err.message : String(err) }),
      );
    }
    return ledger.state;
  } catch (err) {
    const code = err instanceof DomainError ? err.code : "ABORTED";
    // A driver error's message carries the query and its parameters (row text): never store it.
    const why = err instanceof DomainError ? err.message : "internal error (details in the server log or CLI output)";
    const reason = `import stopped after line ${ledger.state.lastLine}: ${why}`;
    await ledger.finish("failed", { line: null, code, reason }).catch(() => {});
    throw err;
  }
}
