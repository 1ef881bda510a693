import type { TicketRow } from "./tickets.queries.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API shape of a ticket: no vector, times as ISO strings. */
export function toTicketDto(t: TicketRow) {
  return {
    id: t.id,
    reference: t.reference,
    subject: t.subject,
    body: t.body,
    cleanText: t.cleanText,
    channel: t.channel,
    customerRef: t.customerRef,
    language: t.language,
    category: t.category,
    product: t.product,
    priority: t.priority,
    source: t.source,
    status: t.status,
    decision: t.decision,
    confidence: t.confidence,
    topArticleId: t.topArticleId,
    idempotencyKey: t.idempotencyKey,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    reopenedAt: iso(t.reopenedAt),
  };
}
export type TicketDto = ReturnType<typeof toTicketDto>;
