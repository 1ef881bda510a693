import { z } from "@hono/zod-openapi";
import type { ImportNote } from "./batch.js";
import type { ImportRecord } from "./imports.queries.js";

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

export const CreateImportQuerySchema = z.object({
  publish: flag.openapi({ description: "Create articles published (default: draft)", example: "false" }),
  dryRun: flag.openapi({ description: "Validate and count only; no article is written", example: "false" }),
  map: z.string().max(2000).optional().openapi({ description: "Column mapping, e.g. `subject=Title,body=Description,resolution=Fix` (or the X-Import-Map header)" }),
});

export const ImportIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "imp_01jq3v7x4bf9stq0v9d0m9n1ke" }),
});

export const ListImportsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const RowErrorSchema = z.object({
  line: z.number().int().nullable().openapi({ description: "1-based input line; null for an error that stopped the import" }),
  code: z.string().openapi({ example: "MISSING_FIELD" }),
  reason: z.string(),
});

const NearDuplicateSchema = z.object({
  line: z.number().int(),
  externalId: z.string(),
  similarToLine: z.number().int(),
  similarToExternalId: z.string(),
  similarity: z.number().openapi({ description: "Trigram similarity of the problem texts (0–1)" }),
});

const DuplicateSchema = z.object({ line: z.number().int(), externalId: z.string(), firstLine: z.number().int() });

export const ImportStatusSchema = z
  .object({
    id: z.string(),
    status: z.enum(["running", "completed", "failed"]),
    format: z.enum(["jsonl", "csv"]),
    publish: z.boolean(),
    dryRun: z.boolean(),
    sourceKey: z.string().nullable(),
    lastLine: z.number().int().openapi({ description: "Last input line committed; a resumed import continues after it" }),
    read: z.number().int(),
    created: z.number().int(),
    updated: z.number().int().openapi({ description: "Rows whose content changed: written as a new article version" }),
    skipped: z.number().int().openapi({ description: "skippedUnchanged + skippedDuplicate" }),
    skippedUnchanged: z.number().int(),
    skippedDuplicate: z.number().int().openapi({ description: "Rows repeating an external id seen earlier in the same import" }),
    failed: z.number().int(),
    errors: z.array(RowErrorSchema).openapi({ description: "Failed rows with line and reason (first 1000)" }),
    nearDuplicates: z.array(NearDuplicateSchema).openapi({ description: "Rows whose problem nearly repeats an earlier row (imported, not merged)" }),
    duplicates: z.array(DuplicateSchema),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("ImportStatus");
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const ImportListSchema = z.object({ items: z.array(ImportStatusSchema) }).openapi("ImportList");

/** The status a client sees, from the `imports` row (or a dry run's in-memory copy). */
export function presentImport(r: ImportRecord): ImportStatus {
  const notes = r.nearDuplicates as ImportNote[];
  const duplicates = notes.filter((n): n is Extract<ImportNote, { kind: "duplicate" }> => n.kind === "duplicate");
  const similar = notes.filter((n): n is Extract<ImportNote, { kind: "similar" }> => n.kind === "similar");
  const skippedDuplicate = Math.min(r.skipped, duplicates.length);
  return {
    id: r.id,
    status: r.status as ImportStatus["status"],
    format: r.format as ImportStatus["format"],
    publish: r.publish,
    dryRun: r.dryRun,
    sourceKey: r.sourceKey,
    lastLine: r.lastLine,
    read: r.read,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    skippedUnchanged: r.skipped - skippedDuplicate,
    skippedDuplicate,
    failed: r.failed,
    errors: r.errors as ImportStatus["errors"],
    nearDuplicates: similar.map(({ kind: _k, ...n }) => n),
    duplicates: duplicates.map(({ kind: _k, ...d }) => d),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
