import { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import { ValidationError } from "../errors.js";
import { readLines } from "./lines.js";

export type ImportFormat = "jsonl" | "csv";

/** Stable reasons a row is skipped as failed; clients and the CLI summary group by them. */
export type RowErrorCode =
  | "INVALID_JSON"
  | "INVALID_ENCODING"
  | "INVALID_CSV"
  | "ROW_TOO_LARGE"
  | "MISSING_FIELD"
  | "INVALID_FIELD"
  | "FIELD_TOO_LONG"
  | "UNKNOWN_LANGUAGE"
  | "REJECTED";

export interface RowFailure {
  code: RowErrorCode;
  reason: string;
}

/** A parsed input record (`line` is where it starts, `endLine` where it ends) or why it failed. */
export type SourceRecord = { line: number; endLine: number; fields: Record<string, unknown> } | { line: number; endLine: number; failure: RowFailure };

export interface ReadOptions {
  /** Largest accepted row; bigger rows are reported as ROW_TOO_LARGE and skipped. */
  maxRowBytes: number;
  /** CSV: called once with the header, before any record (mapping checks may throw). */
  onColumns?: (columns: string[]) => void;
}

/** Yields the records of an NDJSON or CSV byte stream in order, streaming, one row in memory. */
export function readRecords(source: AsyncIterable<Uint8Array>, format: ImportFormat, options: ReadOptions): AsyncGenerator<SourceRecord> {
  return format === "csv" ? readCsv(source, options) : readJsonl(source, options);
}

async function* readJsonl(source: AsyncIterable<Uint8Array>, { maxRowBytes }: ReadOptions): AsyncGenerator<SourceRecord> {
  for await (const l of readLines(source, maxRowBytes)) {
    const at = { line: l.line, endLine: l.line };
    if ("tooLarge" in l) {
      yield { ...at, failure: { code: "ROW_TOO_LARGE", reason: `row is ${l.bytes} bytes; the limit is ${maxRowBytes}` } };
      continue;
    }
    if ("invalidUtf8" in l) {
      yield { ...at, failure: { code: "INVALID_ENCODING", reason: "row is not valid UTF-8" } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch (err) {
      yield { ...at, failure: { code: "INVALID_JSON", reason: `invalid JSON: ${(err as Error).message}` } };
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      yield { ...at, failure: { code: "INVALID_JSON", reason: "row is not a JSON object" } };
      continue;
    }
    yield { ...at, fields: value as Record<string, unknown> };
  }
}

/** Beyond this a CSV record cannot be recovered from (usually an unterminated quote): the import stops. */
const CSV_FATAL_RECORD_BYTES = 16 * 1024 * 1024;

interface CsvOutput {
  record: Record<string, string>;
  info: { lines: number };
  raw: string;
}

async function* readCsv(source: AsyncIterable<Uint8Array>, { maxRowBytes, onColumns }: ReadOptions): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  let columnsError: unknown;
  let lastYieldedLine = 0;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const columns = header.map((h) => String(h).trim());
      try {
        onColumns?.(columns);
      } catch (err) {
        columnsError = err;
      }
      return columns;
    },
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: Math.max(CSV_FATAL_RECORD_BYTES, maxRowBytes * 2),
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const line = typeof err.lines === "number" ? err.lines : 0;
      // One broken record can raise several errors (e.g. two stray quotes): report it once.
      if (skipped.at(-1)?.line === line || line <= lastYieldedLine) return;
      skipped.push({ line, endLine: line, failure: { code: "INVALID_CSV", reason: err.message } });
    },
  });
  const input = Readable.from(source, { objectMode: false });
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const out of parser as AsyncIterable<CsvOutput>) {
      if (columnsError) throw columnsError;
      const raw = out.raw.replace(/^(\r?\n)+/, "");
      const endLine = out.info.lines;
      const line = endLine - countNewlines(raw.replace(/\r?\n$/, ""));
      while (skipped.length > 0 && (skipped[0]?.line ?? 0) < line) {
        const failure = skipped.shift() as SourceRecord;
        lastYieldedLine = failure.line;
        yield failure;
      }
      const bytes = new TextEncoder().encode(raw).length;
      if (bytes > maxRowBytes) {
        yield { line, endLine, failure: { code: "ROW_TOO_LARGE", reason: `row is ${bytes} bytes; the limit is ${maxRowBytes}` } };
        continue;
      }
      yield { line, endLine, fields: out.record };
    }
    if (columnsError) throw columnsError;
  } catch (err) {
    if (err === columnsError || err instanceof ValidationError) throw err;
    const csvErr = err as CsvError;
    if (csvErr.code === "CSV_MAX_RECORD_SIZE") {
      throw new ValidationError(`CSV record near line ${csvErr.lines ?? "?"} exceeds ${CSV_FATAL_RECORD_BYTES} bytes; is a quote left open?`);
    }
    throw err;
  } finally {
    input.unpipe(parser);
    input.destroy();
  }
  yield* skipped;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
