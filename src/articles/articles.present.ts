import type { Role } from "../caller.js";
import type { ArticleDto } from "./articles.schemas.js";
import type { ArticleRow, ArticleVersionRow } from "./articles.queries.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The API shape of an article. Portal visitors get the same fields, but who wrote it and which
 * internal escalation or ticket it came from are blanked: they are staff data, not the fix.
 */
export function toArticleDto(a: ArticleRow, role: Role): ArticleDto {
  const staff = role !== "portal";
  return {
    id: a.id,
    title: a.title,
    problem: a.problem,
    rootCause: a.rootCause,
    resolution: a.resolution,
    language: a.language,
    category: a.category,
    product: a.product,
    tags: a.tags,
    visibility: a.visibility,
    state: a.state,
    author: staff ? a.author : null,
    sourceEscalationId: staff ? a.sourceEscalationId : null,
    sourceTicketId: staff ? a.sourceTicketId : null,
    externalId: staff ? a.externalId : null,
    version: a.version,
    reviewFlaggedAt: staff ? iso(a.reviewFlaggedAt) : null,
    reviewReason: staff ? a.reviewReason : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    publishedAt: iso(a.publishedAt),
  };
}

export function toVersionDto(v: ArticleVersionRow) {
  return {
    articleId: v.articleId,
    version: v.version,
    snapshot: (v.snapshot ?? {}) as Record<string, unknown>,
    changedFields: v.changedFields,
    actor: v.actor,
    note: v.note,
    createdAt: v.createdAt.toISOString(),
  };
}

/** Cursors are opaque to clients: base64url of a versioned position, so the format may change. */
export function encodeCursor(lastId: string): string {
  const bytes = new TextEncoder().encode(`v1:${lastId}`);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The id a cursor points after, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const bin = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const text = new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
    const m = /^v1:(art_[0-9a-z]{26})$/.exec(text);
    return m?.[1];
  } catch {
    return undefined;
  }
}
