import { z } from "@hono/zod-openapi";
import { NotFoundError } from "../errors.js";
import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { findImport, listImports } from "./imports.queries.js";
import { CreateImportQuerySchema, ImportIdParamSchema, ImportListSchema, ImportStatusSchema, ListImportsQuerySchema, presentImport } from "./imports.schemas.js";
import { importFromRequest } from "./request-import.js";

const rowsBody = z.string().openapi({ description: "One row per line (NDJSON) or a CSV with a header row" });

const createImport = defineRoute({
  method: "post",
  path: "/v1/imports",
  operationId: "createImport",
  tags: ["Imports"],
  summary: "Import resolved tickets or KB rows as articles (streamed; idempotent by external id)",
  description:
    "The body is read as it streams in (never buffered whole) and the response comes once it is consumed: 201 with the " +
    "import's final counts. Meanwhile GET /v1/imports shows the running import and its progress. Rows are written in " +
    "batches, each batch in one transaction with the import's progress; send the same X-Import-Key again after an " +
    "interrupted upload to resume after the last committed line. Rows without an external id get `content:<hash of title " +
    "and problem>`. Bad rows are reported with their line numbers and skipped.",
  roles: ADMIN_ONLY,
  request: {
    query: CreateImportQuerySchema,
    headers: z.object({
      "x-import-key": z.string().optional().openapi({ description: "Client key of this input; an unfinished import with the same key is resumed" }),
      "x-import-map": z.string().optional().openapi({ description: "Column mapping, as ?map=" }),
    }),
    body: {
      required: true,
      content: { "application/x-ndjson": { schema: rowsBody }, "text/csv": { schema: rowsBody } },
    },
  },
  responses: { 201: jsonContent(ImportStatusSchema, "The finished import: counts, failed rows with line numbers, near-duplicates") },
});

const getImport = defineRoute({
  method: "get",
  path: "/v1/imports/{id}",
  operationId: "getImport",
  tags: ["Imports"],
  summary: "An import's status and counts",
  roles: ADMIN_ONLY,
  request: { params: ImportIdParamSchema },
  responses: { 200: jsonContent(ImportStatusSchema, "Status, counts, failed rows and near-duplicates") },
  errors: { 404: "NOT_FOUND" },
});

const listImportsRoute = defineRoute({
  method: "get",
  path: "/v1/imports",
  operationId: "listImports",
  tags: ["Imports"],
  summary: "Recent imports, newest first (running ones show their progress)",
  roles: ADMIN_ONLY,
  request: { query: ListImportsQuerySchema },
  responses: { 200: jsonContent(ImportListSchema, "Recent imports") },
});

/** Bulk import: admin-only; the body is streamed into the import service. */
export function registerImportRoutes(app: App): void {
  app.openapi(createImport, async (c) => {
    const query = c.req.valid("query");
    const state = await importFromRequest({
      deps: c.var.deps,
      caller: c.var.caller,
      input: {
        contentType: c.req.header("content-type"),
        contentLength: c.req.header("content-length"),
        body: c.req.raw.body,
        publish: query.publish,
        dryRun: query.dryRun,
        map: query.map ?? c.req.header("x-import-map"),
        importKey: c.req.header("x-import-key"),
      },
    });
    return c.json(presentImport(state), 201, { location: `/v1/imports/${state.id}` });
  });
  app.openapi(getImport, async (c) => {
    const { id } = c.req.valid("param");
    const record = await findImport(c.var.deps.database.db, id);
    if (!record) throw new NotFoundError("import", id);
    return c.json(presentImport(record), 200);
  });
  app.openapi(listImportsRoute, async (c) => {
    const { limit } = c.req.valid("query");
    const rows = await listImports(c.var.deps.database.db, limit);
    return c.json({ items: rows.map(presentImport) }, 200);
  });
}
