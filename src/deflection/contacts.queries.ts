import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";

/**
 * Earlier tickets of one customer (customerRef) on the same topic since `since`: the same top
 * article (fitting both, at `minConfidence` or more), or — for tickets that matched nothing — a query vector of the same embedder within
 * `maxDistance` (cosine distance) of this one. Counts what the customer sent, not what agents did.
 */
export async function countSameTopicContacts(
  db: Executor,
  args: { customerRef: string; since: Date; topArticleId: string | null; minConfidence: number; embedderId: string; vector: number[] | null; maxDistance: number },
): Promise<number> {
  const sameArticle = args.topArticleId ? sql`(t.top_article_id = ${args.topArticleId} and t.confidence >= ${args.minConfidence})` : sql`false`;
  const dims = args.vector?.length ?? 0;
  const nearVector =
    args.vector && dims > 0
      ? sql`(t.embedder_id = ${args.embedderId} and t.embedding is not null
             and (t.embedding::vector(${sql.raw(String(dims))}) <=> ${`[${args.vector.join(",")}]`}::vector(${sql.raw(String(dims))})) <= ${args.maxDistance})`
      : sql`false`;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from tickets t
         where t.customer_ref = ${args.customerRef} and t.created_at >= ${args.since.toISOString()}::timestamptz
           and (${sameArticle} or ${nearVector})`,
  );
  return row?.n ?? 0;
}
