import { articles } from "../../src/db/schema/index.js";
import { newId } from "../../src/db/ids.js";
import { indexArticle } from "../../src/articles/indexing.js";
import type { ArticleFields } from "../../src/articles/articles.schemas.js";
import type { TestContext } from "../support/context.js";

/** An article to seed: its content and state, the required fields given, the rest defaulted. */
export type ArticleSeed = Pick<ArticleFields, "title" | "problem" | "resolution"> &
  Partial<Pick<ArticleFields, "rootCause" | "language" | "category" | "product" | "tags" | "visibility" | "state">>;

/** Inserts articles with drizzle and indexes them as the articles service does (one transaction). */
export async function seedArticles(ctx: TestContext, seeds: ArticleSeed[]): Promise<string[]> {
  const ids: string[] = [];
  await ctx.deps.database.db.transaction(async (tx) => {
    for (const s of seeds) {
      const defaults = { rootCause: "", language: "en", category: null, product: null, tags: [], visibility: "public", state: "published" } as const;
      const row = { id: newId("article"), ...defaults, ...s, tags: s.tags ?? [] };
      await tx.insert(articles).values(row);
      await indexArticle(tx, ctx.deps.embedder, row);
      ids.push(row.id);
    }
  });
  return ids;
}

/** A small help-desk knowledge base used across the search and ticket tests. */
export const KB: Record<string, ArticleSeed> = {
  reset: {
    title: "Password reset email does not arrive",
    problem: "User clicks Forgot password and sees the confirmation, but no reset email arrives in the inbox.",
    rootCause: "Corporate mail gateways quarantine the reset email because it contains a login link.",
    resolution: "1. Check the spam folder and the mail quarantine.\n2. Allowlist auth.example.com.\n3. Request the reset once more after 5 minutes.",
    category: "Account & Login",
    tags: ["password", "reset", "email"],
  },
  sms: {
    title: "Two-factor SMS code does not arrive",
    problem: "At sign-in the six-digit verification code sent by text message never comes.",
    rootCause: "The phone number lacks the international prefix or the carrier filters short-code senders.",
    resolution: "1. Wait 60 seconds before resending.\n2. Use a backup code.\n3. Switch to an authenticator app.",
    category: "Account & Login",
    tags: ["2fa", "sms"],
  },
  webhook: {
    title: "Webhook stopped firing",
    problem: "Our endpoint no longer receives webhook events; the webhook shows as automatically disabled.",
    rootCause: "After 20 consecutive failed deliveries the webhook is disabled automatically.",
    resolution: "1. Fix the endpoint so it answers 2xx.\n2. Re-enable the webhook in Settings > Webhooks.\n3. Replay failed events from the delivery log.",
    category: "Integrations & API",
    tags: ["webhook"],
  },
  invoicePayment: {
    title: "Switch from card to invoice payment",
    problem: "Finance no longer allows credit cards; customer wants to pay by bank transfer with an invoice.",
    rootCause: "Invoice payment is enabled per account by billing staff in the Admin Console.",
    resolution: "INTERNAL: 1. Open Admin Console > Billing.\n2. Enable invoice payment with 30-day terms.\n3. Confirm to the customer.",
    category: "Billing & Invoices",
    visibility: "internal",
    tags: ["billing", "invoice", "bank transfer"],
  },
};
