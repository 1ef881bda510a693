import { z } from "@hono/zod-openapi";
import { ValidationError } from "../errors.js";
import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { listAuditRows, type AuditRow } from "./audit.queries.js";

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.string().openapi({ description: "Key name (or `cli:<user>` for the keys CLI)" }),
    role: z.string(),
    action: z.string().openapi({ example: "article.publish" }),
    entityType: z.string().openapi({ example: "article" }),
    entityId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi("AuditEntry");

export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }).openapi("AuditPage");

const AuditQuery = z.object({
  entityType: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  cursor: z.string().min(1).max(300).optional().openapi({ description: "`nextCursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const route = defineRoute({
  method: "get",
  path: "/v1/audit",
  operationId: "listAudit",
  tags: ["Access"],
  summary: "Who created, edited, published, archived articles and changed rules, thresholds or keys",
  roles: ADMIN_ONLY,
  request: { query: AuditQuery },
  responses: { 200: jsonContent(AuditPageSchema, "Newest first; follow nextCursor for older entries") },
});

function encodeCursor(row: AuditRow): string {
  return btoa(`${row.createdAt.toISOString()}|${row.id}`).replace(/=+$/, "");
}

/** A cursor is opaque to clients; a tampered one is a validation error, never a 500. */
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  let text = "";
  try {
    text = atob(cursor);
  } catch {
    /* falls through to the error below */
  }
  const [at, id] = text.split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new ValidationError("Invalid cursor", [{ field: "cursor", message: "not a cursor returned by this endpoint" }]);
  }
  return { createdAt, id };
}

export function registerAuditRoutes(app: App): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const rows = await listAuditRows(c.var.deps.database.db, {
      ...(q.entityType ? { entityType: q.entityType } : {}),
      ...(q.entityId ? { entityId: q.entityId } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.cursor ? { before: decodeCursor(q.cursor) } : {}),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return c.json(
      {
        items: page.map((r) => ({
          id: r.id,
          actor: r.actor,
          role: r.role,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          detail: (r.detail ?? {}) as Record<string, unknown>,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
      },
      200,
    );
  });
}
