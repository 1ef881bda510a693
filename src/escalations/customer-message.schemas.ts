import { z } from "@hono/zod-openapi";
import type { CustomerMessage } from "./customer-message.js";

export const CustomerMessageSchema = z
  .object({
    language: z.string().openapi({ description: "The language of `text`: the ticket's when curated (en, cs, fi, pt, de, es), else en", example: "cs" }),
    text: z.string().openapi({
      description:
        "For the customer, word for word: a specialist (functional) or a supervisor (hierarchical) has the case, the first-response due time on the team's clock, and the ticket reference. Never team names, articles or internal reasons",
      example: "Váš případ nyní převzal specialista a ozve se vám nejpozději v pondělí v 10:00 SEČ. Číslo vašeho požadavku je DF-7K3Q-92.",
    }),
    dueAt: z.string().openapi({ description: "The escalation's firstResponseDueAt that the text names (ISO 8601)", example: "2026-03-09T09:00:00.000Z" }),
    timeZone: z.string().openapi({ description: "IANA zone the text's time is written in: the team's calendar, UTC without one", example: "Europe/Prague" }),
  })
  .openapi("CustomerMessage");

/** The message stored in an escalation's handoff at creation; null for handoffs written before it existed. */
export function storedCustomerMessage(handoff: unknown): CustomerMessage | null {
  const stored = (handoff as { customerMessage?: unknown } | null)?.customerMessage;
  const parsed = CustomerMessageSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
