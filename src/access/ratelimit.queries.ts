import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/database.js";

/**
 * Counts one request in a fixed window and returns the new count. One atomic upsert, so replicas
 * sharing the database share the limit without any state of their own.
 */
export async function hitRateLimit(db: Executor, bucket: string, windowStart: Date): Promise<number> {
  const rows = await queryRows<{ count: number | string }>(
    db,
    sql`insert into rate_limits (bucket, window_start, count) values (${bucket}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (bucket, window_start) do update set count = rate_limits.count + 1
        returning count`,
  );
  return Number(rows[0]?.count ?? 1);
}

/** Deletes finished windows (bounded per call, so a cleanup never stalls the request it rides on). */
export async function deleteOldWindows(db: Executor, before: Date, max = 1000): Promise<void> {
  await db.execute(sql`
    delete from rate_limits where ctid in (
      select ctid from rate_limits where window_start < ${before.toISOString()}::timestamptz limit ${max}
    )`);
}
