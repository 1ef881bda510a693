import { type SQL, sql } from "drizzle-orm";
import type { Role } from "../caller.js";

/**
 * What each role may see of the knowledge base, as SQL. Every query that returns, ranks or counts
 * articles for a caller must AND this in, so a portal request can never see internal text or
 * drafts, whatever the handler does.
 *   portal: public + published
 *   agent:  published and validated, internal or public
 *   expert, admin: everything (drafts and archived included; filters narrow it)
 */
export function articleVisibility(role: Role, alias = "articles"): SQL {
  const a = sql.raw(`"${alias}"`);
  switch (role) {
    case "portal":
      return sql`(${a}.visibility = 'public' and ${a}.state = 'published')`;
    case "agent":
      return sql`(${a}.state in ('published', 'validated'))`;
    case "expert":
    case "admin":
      return sql`true`;
  }
}

/** Whether a role may see an article with this visibility and state (same rule, in JS). */
export function canSee(role: Role, article: { visibility: string; state: string }): boolean {
  switch (role) {
    case "portal":
      return article.visibility === "public" && article.state === "published";
    case "agent":
      return article.state === "published" || article.state === "validated";
    case "expert":
    case "admin":
      return true;
  }
}
