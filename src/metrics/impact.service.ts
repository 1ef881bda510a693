import type { Deps } from "../deps.js";
import { ValidationError } from "../errors.js";
import type { Caller } from "../caller.js";
import { type ImpactRow, type ImpactSort, listArticleImpact } from "./impact.queries.js";

export interface ImpactInput {
  sort: ImpactSort;
  limit: number;
  cursor?: string;
  from?: string;
  to?: string;
  window?: number;
}

/** Opaque keyset cursor: the last row's sort value and id. */
function encodeCursor(v: number, id: string): string {
  return btoa(JSON.stringify({ v, id })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(cursor: string): { v: number; id: string } {
  try {
    const parsed = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/"))) as { v?: unknown; id?: unknown };
    if (typeof parsed.v === "number" && Number.isFinite(parsed.v) && typeof parsed.id === "string") return { v: parsed.v, id: parsed.id };
  } catch {
    // fall through
  }
  throw new ValidationError("Invalid cursor", [{ field: "cursor", message: "must be a cursor returned by a previous page" }]);
}

const sortValue = (row: ImpactRow, sort: ImpactSort) =>
  Number(sort === "failureRatio" ? row.failure_ratio : sort === "reused" ? row.reused : sort === "failed" ? row.failed : row.impact);

/**
 * Article impact (reused, confirmed helpful, failed, escalations avoided) for what the caller may
 * see, ranked by `sort`. Counting rules: see outcomes.queries.ts.
 */
export async function listImpact({ deps, input, caller }: { deps: Deps; input: ImpactInput; caller: Pick<Caller, "role"> }) {
  const from = input.from ? new Date(input.from) : undefined;
  const to = input.to ? new Date(input.to) : undefined;
  if (from && to && from >= to) throw new ValidationError("from must be before to", [{ field: "from", message: "must be before to" }]);
  const windowHours = input.window ?? deps.config.DEFLECTION_WINDOW_HOURS;
  const rows = await listArticleImpact(deps.database.db, {
    role: caller.role,
    windowHours,
    from,
    to,
    sort: input.sort,
    limit: input.limit,
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    sort: input.sort,
    windowHours,
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      state: r.state,
      visibility: r.visibility,
      language: r.language,
      reused: Number(r.reused),
      confirmedHelpful: Number(r.confirmed),
      failed: Number(r.failed),
      escalationsAvoided: Number(r.avoided),
      failureRatio: Math.round(Number(r.failure_ratio) * 1000) / 1000,
      impact: Number(r.impact),
      review: r.review_flagged_at ? { flaggedAt: r.review_flagged_at, reason: r.review_reason } : null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(sortValue(last, input.sort), last.id) : null,
  };
}
