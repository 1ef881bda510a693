import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDb, openPglite } from "../../src/db/client.js";
import { queryRows, type Database } from "../../src/db/database.js";
import { parseReference } from "../../src/tickets/reference.js";

/** A copy of drizzle/ whose journal stops after `lastTag`: the schema an earlier release shipped. */
function migrationsUpTo(lastTag: string): string {
  const dir = mkdtempSync(join(tmpdir(), "deflect-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === lastTag);
  if (end < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, end + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const TICKETS = 400;
let database: Database | undefined;
let folder: string | undefined;

afterEach(async () => {
  await database?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  database = undefined;
  folder = undefined;
});

describe("in-place upgrade from the 0001 schema", () => {
  it("keeps every row and gives every existing ticket a valid, distinct reference", async () => {
    database = await openPglite();
    folder = migrationsUpTo("0001_core");
    await migrateDb(database, folder);
    const db = database.db;
    // Rows exactly as the previous release wrote them (its columns, no reference).
    await db.execute(sql`insert into articles (id, title, problem, resolution, language, visibility, state)
                         values ('art_old', 'Reset a password', 'Cannot log in', 'Use the reset link', 'en', 'public', 'published')`);
    await db.execute(sql`insert into api_keys (id, name, role, prefix, hash) values ('key_old', 'Ops', 'admin', 'dfl_admin_abc', 'hash-of-the-old-key')`);
    await db.execute(sql`insert into tickets (id, body, clean_text, channel, status, decision, customer_ref, created_at)
                         select 'tkt_old_' || lpad(i::text, 4, '0'), 'body ' || i, 'body ' || i, 'email',
                                case when i % 3 = 0 then 'escalated' else 'answered' end,
                                case when i % 3 = 0 then 'escalate' else 'answer' end,
                                'cust-' || (i % 7), now() - make_interval(hours => i)
                           from generate_series(1, ${TICKETS}) as i`);
    await db.execute(sql`insert into escalations (id, ticket_id, type, reason, handoff)
                         select 'esc_old_' || substr(id, 9), id, 'functional', 'no match',
                                jsonb_build_object('gist', body, 'text', 'Functional escalation')
                           from tickets where status = 'escalated'`);
    await db.execute(sql`insert into escalations (id, ticket_id, type, reason, status) values ('esc_nohandoff', 'tkt_old_0001', 'hierarchical', 'manager', 'resolved')`);
    await db.execute(sql`insert into feedback_events (id, ticket_id, article_id, outcome, source) values ('fb_old', 'tkt_old_0001', 'art_old', 'resolved', 'portal')`);

    await migrateDb(database);

    const count = async (table: string) => Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n);
    expect(await count("tickets")).toBe(TICKETS);
    expect(await count("escalations")).toBe(Math.floor(TICKETS / 3) + 1);
    expect(await count("articles")).toBe(1);
    expect(await count("api_keys")).toBe(1);
    expect(await count("feedback_events")).toBe(1);
    const key = await queryRows<{ hash: string; role: string }>(db, sql`select hash, role from api_keys where id = 'key_old'`);
    expect(key).toEqual([{ hash: "hash-of-the-old-key", role: "admin" }]);

    const refs = await queryRows<{ id: string; reference: string; status: string }>(db, sql`select id, reference, status from tickets order by id`);
    expect(new Set(refs.map((r) => r.reference)).size).toBe(TICKETS);
    for (const r of refs) expect(parseReference(r.reference)).toEqual({ ok: true, reference: r.reference });
    // Nothing else about the tickets changed.
    expect(refs.filter((r) => r.status === "escalated")).toHaveLength(Math.floor(TICKETS / 3));

    // Escalations name their ticket's reference; one without a handoff is left as it was.
    const escalations = await queryRows<{ id: string; reference: string; handoff_ref: string | null; gist: string | null }>(
      db,
      sql`select e.id, t.reference, e.handoff ->> 'ticketReference' as handoff_ref, e.handoff ->> 'gist' as gist
            from escalations e join tickets t on t.id = e.ticket_id`,
    );
    for (const e of escalations) {
      if (e.id === "esc_nohandoff") expect(e.handoff_ref).toBeNull();
      else expect({ ref: e.handoff_ref, gist: e.gist?.startsWith("body ") }).toEqual({ ref: e.reference, gist: true });
    }

    // The upgraded database takes new tickets with references from the same generator.
    await db.execute(sql`insert into tickets (id, body, clean_text, channel) values ('tkt_new', 'new', 'new', 'chat')`);
    const [fresh] = await queryRows<{ reference: string }>(db, sql`select reference from tickets where id = 'tkt_new'`);
    expect(parseReference(fresh?.reference ?? "").ok).toBe(true);
    // A second start is a no-op.
    await migrateDb(database);
    expect(await count("tickets")).toBe(TICKETS + 1);
  });

  it("refuses a duplicate reference (the unique index exists)", async () => {
    database = await openPglite();
    await migrateDb(database);
    const db = database.db;
    await db.execute(sql`insert into tickets (id, body, clean_text, channel, reference) values ('tkt_a', 'a', 'a', 'chat', 'DF-0000-00')`);
    await expect(db.execute(sql`insert into tickets (id, body, clean_text, channel, reference) values ('tkt_b', 'b', 'b', 'chat', 'DF-0000-00')`)).rejects.toThrow();
  });
});
