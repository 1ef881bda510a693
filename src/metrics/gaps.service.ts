import type { Deps } from "../deps.js";
import { ValidationError } from "../errors.js";
import { centroid, clusterByCosine, cosine } from "./clustering.js";
import { countUnembeddedGapTickets, type GapTicketRow, listGapTickets } from "./gaps.queries.js";
import { contentTerms, topTermsPerGroup } from "./terms.js";

export interface GapsInput {
  from?: string;
  to?: string;
  minSize: number;
  minSimilarity?: number;
  limit: number;
}

const DAY_MS = 86_400_000;
/** At most this many gap tickets (newest first, both periods together) are clustered per call. */
export const MAX_GAP_TICKETS = 1500;
export const MAX_GAP_RANGE_DAYS = 366;
/**
 * Default similarity at which two groups of tickets count as one topic (average linkage).
 * Lexical vectors (hashing) score related texts far lower than a semantic model does.
 */
export function defaultMinSimilarity(lexical: boolean): number {
  return lexical ? 0.3 : 0.82;
}

/**
 * Content gaps: escalated tickets that matched no article, over [from, to) and the equal period
 * before it, clustered by meaning (average-linkage agglomerative clustering of their stored query
 * vectors, cut at `minSimilarity`). Each topic reports this period's size, the previous period's,
 * a trend, languages, representative examples (closest to the centre) and its top terms.
 */
export async function findContentGaps({ deps, input }: { deps: Deps; input: GapsInput }) {
  const to = input.to ? new Date(input.to) : deps.clock.now();
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * DAY_MS);
  const span = to.getTime() - from.getTime();
  if (span <= 0) throw new ValidationError("from must be before to", [{ field: "from", message: "must be before to" }]);
  if (span > MAX_GAP_RANGE_DAYS * DAY_MS) {
    throw new ValidationError("range too long", [{ field: "to", message: `range may span at most ${MAX_GAP_RANGE_DAYS} days` }]);
  }
  const previousFrom = new Date(from.getTime() - span);
  const embedderId = deps.embedder.id;
  const minSimilarity = input.minSimilarity ?? defaultMinSimilarity(deps.embedder.lexical);
  const db = deps.database.db;
  const rows = await listGapTickets(db, { from: previousFrom, to, embedderId, max: MAX_GAP_TICKETS });
  const unembedded = await countUnembeddedGapTickets(db, { from, to, embedderId });

  const vectors = rows.map((r) => JSON.parse(r.embedding) as number[]);
  const clusters = clusterByCosine(vectors, minSimilarity);
  const isCurrent = (r: GapTicketRow) => new Date(r.created_at).getTime() >= from.getTime();
  const labels = topTermsPerGroup(clusters.map((members) => members.map((i) => contentTerms(textOf(rows[i] as GapTicketRow)))));

  const topics = clusters
    .map((members, c) => {
      const current = members.filter((i) => isCurrent(rows[i] as GapTicketRow));
      const previous = members.length - current.length;
      const centre = centroid(members.map((i) => vectors[i] as number[]));
      const languages: Record<string, number> = {};
      for (const i of current) {
        const lang = (rows[i] as GapTicketRow).language ?? "unknown";
        languages[lang] = (languages[lang] ?? 0) + 1;
      }
      const examples = [...current]
        .map((i) => ({ i, s: cosine(vectors[i] as number[], centre) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, 3)
        .map(({ i }) => {
          const r = rows[i] as GapTicketRow;
          return { ticketId: r.id, text: firstLine(r), language: r.language, createdAt: r.created_at };
        });
      const ticketIds = members.map((i) => (rows[i] as GapTicketRow).id).sort();
      const terms = labels[c] ?? [];
      return {
        id: `gap_${ticketIds[0]}`,
        label: terms.slice(0, 3).join(" · ") || firstLine(rows[members[0] as number] as GapTicketRow),
        terms,
        size: current.length,
        previousSize: previous,
        trend: trendOf(current.length, previous),
        changePercent: previous > 0 ? Math.round(((current.length - previous) / previous) * 100) : null,
        languages,
        examples,
        ticketIds: current.map((i) => (rows[i] as GapTicketRow).id),
      };
    })
    .filter((t) => t.size >= input.minSize)
    .sort((a, b) => b.size - a.size || a.previousSize - b.previousSize || a.id.localeCompare(b.id))
    .slice(0, input.limit);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    previousFrom: previousFrom.toISOString(),
    embedderId,
    minSimilarity,
    minSize: input.minSize,
    considered: rows.filter(isCurrent).length,
    unembedded,
    truncated: rows.length >= MAX_GAP_TICKETS,
    topics,
  };
}

function textOf(r: GapTicketRow): string {
  return `${r.subject ?? ""}\n${r.clean_text}`;
}

function firstLine(r: GapTicketRow): string {
  const line = (r.subject?.trim() || r.clean_text.split(/\r?\n/).find((l) => l.trim()) || "").trim();
  return line.length > 140 ? `${line.slice(0, 137)}…` : line;
}

/** new: nothing before; rising/falling: ±25 % or more against the previous period. */
function trendOf(current: number, previous: number): "new" | "rising" | "steady" | "falling" {
  if (previous === 0) return "new";
  const ratio = current / previous;
  if (ratio >= 1.25) return "rising";
  if (ratio <= 0.8) return "falling";
  return "steady";
}
