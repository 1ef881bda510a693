import { createArticle } from "../../src/articles/articles.service.js";
import { changeArticleState } from "../../src/articles/articles.state.js";
import type { TestContext } from "../support/context.js";

const expert = { name: "test-expert", role: "expert" as const };

/** Hidden articles carry marker words that must never appear in any portal response. */
export const HIDDEN_MARKERS = ["KRAKEN", "ZEPHYRINE", "QUOKKA", "MARZIPAN", "kraken-admin", "zephyr-tool"];

export interface PortalFixture {
  publicId: string;
  otherPublicId: string;
  hiddenIds: string[];
}

/**
 * One public published fix for password-reset mail, and four articles that match the same words
 * even more strongly but must stay hidden from the portal: internal, draft, validated, archived.
 * `hidden: false` seeds the public fixes alone: the same knowledge base as a customer sees it.
 */
export async function seedPortalArticles(ctx: TestContext, options: { hidden?: boolean } = {}): Promise<PortalFixture> {
  const deps = ctx.deps;
  const make = (input: Parameters<typeof createArticle>[0]["input"]) => createArticle({ deps, input, caller: expert });
  const pub = await make({
    title: "Password reset email never arrives",
    problem: "The customer asks for a password reset but the reset email never arrives in the inbox.",
    rootCause: "The message was filtered as spam.",
    resolution: "Check the spam folder, add no-reply@example.com to your contacts and request a new reset link.",
    language: "en",
    visibility: "public",
    state: "published",
  });
  const other = await make({
    title: "Invoice PDF download fails",
    problem: "Downloading an invoice as PDF shows an error.",
    resolution: "Use the Download button in Billing > Invoices after the invoice is finalised.",
    language: "en",
    visibility: "public",
    state: "published",
  });
  if (options.hidden === false) return { publicId: pub.id, otherPublicId: other.id, hiddenIds: [] };
  const strong = "password reset email never arrives reset email password reset never arrives inbox";
  const hidden = await Promise.all([
    make({
      title: `Password reset email never arrives KRAKEN`,
      problem: `${strong} KRAKEN`,
      rootCause: "Internal SMTP relay KRAKEN queue stuck",
      resolution: "Run kraken-admin flush on the relay.",
      language: "en",
      visibility: "internal",
      state: "published",
    }),
    make({
      title: `Password reset email never arrives ZEPHYRINE`,
      problem: `${strong} ZEPHYRINE`,
      resolution: "Use zephyr-tool to resend.",
      language: "en",
      visibility: "public",
      state: "draft",
    }),
    make({
      title: `Password reset email never arrives QUOKKA`,
      problem: `${strong} QUOKKA`,
      resolution: "QUOKKA validated but not published.",
      language: "en",
      visibility: "public",
      state: "validated",
    }),
    make({
      title: `Password reset email never arrives MARZIPAN`,
      problem: `${strong} MARZIPAN`,
      resolution: "MARZIPAN archived fix.",
      language: "en",
      visibility: "public",
      state: "published",
    }),
  ]);
  // Archive the last one through the lifecycle, so it really was public and published once.
  await changeArticleState({ deps, id: hidden[3]!.id, input: { state: "archived" }, caller: expert });
  return { publicId: pub.id, otherPublicId: other.id, hiddenIds: hidden.map((a) => a.id) };
}

/** Fails with the offending marker or id when a response body shows hidden content. */
export function leaks(body: string, fixture: PortalFixture): string[] {
  return [...HIDDEN_MARKERS, ...fixture.hiddenIds].filter((m) => body.toLowerCase().includes(m.toLowerCase()));
}
