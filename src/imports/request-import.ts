import type { Actor } from "../articles/articles.service.js";
import type { Deps } from "../deps.js";
import { DomainError, ValidationError } from "../errors.js";
import { runImport } from "./import.service.js";
import type { ImportRecord } from "./imports.queries.js";
import { CountingSource, iterateStream } from "./lines.js";
import { parseMapping } from "./mapping.js";
import type { ImportFormat } from "./records.js";

/** Media types an import body may have, and the format each means. */
export const IMPORT_MEDIA_TYPES: Record<string, ImportFormat> = {
  "application/x-ndjson": "jsonl",
  "application/jsonl": "jsonl",
  "application/jsonlines": "jsonl",
  "application/x-jsonlines": "jsonl",
  "text/csv": "csv",
};

export interface RequestImportInput {
  contentType: string | undefined;
  contentLength: string | undefined;
  body: ReadableStream<Uint8Array> | null;
  publish: boolean;
  dryRun: boolean;
  /** `?map=` or the X-Import-Map header. */
  map: string | undefined;
  /** X-Import-Key: the same key on a later request resumes an unfinished import. */
  importKey: string | undefined;
}

/**
 * Runs an import from an HTTP request body as it streams in: the body is never buffered whole,
 * and IMPORT_BODY_LIMIT_BYTES is enforced on the bytes actually read (a lying or absent
 * Content-Length cannot get past it). Returns once the body is consumed, with the final counts.
 */
export async function importFromRequest({ deps, caller, input }: { deps: Deps; caller: Actor; input: RequestImportInput }): Promise<ImportRecord> {
  const type = input.contentType?.split(";")[0]?.trim().toLowerCase();
  const format = type ? IMPORT_MEDIA_TYPES[type] : undefined;
  if (!format) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", `Send the rows as application/x-ndjson or text/csv (got ${type ?? "no content-type"})`, {
      expected: Object.keys(IMPORT_MEDIA_TYPES),
    });
  }
  const limit = deps.config.IMPORT_BODY_LIMIT_BYTES;
  const tooLarge = () => new DomainError("PAYLOAD_TOO_LARGE", `The import body exceeds ${limit} bytes`, { limitBytes: limit });
  if (input.contentLength !== undefined && Number(input.contentLength) > limit) throw tooLarge();
  if (!input.body) throw new ValidationError("The import body is empty", [{ field: "(body)", message: "send one row per line" }]);
  const mapping = parseMapping(input.map);
  const key = input.importKey?.trim();
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw new ValidationError("X-Import-Key must be 1–200 characters", [{ field: "x-import-key", message: "1–200 characters" }]);
  }
  const source = new CountingSource(iterateStream(input.body), limit, tooLarge);
  return runImport({
    deps,
    caller,
    input: { source, format, mapping, publish: input.publish, dryRun: input.dryRun, sourceKey: key ? `api:${key}` : null },
  });
}
