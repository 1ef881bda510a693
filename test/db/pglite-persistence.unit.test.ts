import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, migrateDb } from "../../src/db/client.js";
import { queryRows } from "../../src/db/database.js";
import { newId } from "../../src/db/ids.js";
import { teams } from "../../src/db/schema/index.js";
import journal from "../../drizzle/meta/_journal.json" with { type: "json" };

const dir = mkdtempSync(join(tmpdir(), "deflect-persist-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded PGlite database", () => {
  it("migrates idempotently and keeps data across a restart", async () => {
    const config = { DATA_DIR: dir, DATABASE_POOL_MAX: 1 };
    const first = await createDb(config);
    await migrateDb(first);
    await migrateDb(first); // a second start must be a no-op
    const id = newId("team");
    await first.db.insert(teams).values({ id, name: "Billing", level: 2, levelName: "tier 2", skills: ["billing"] });
    await first.close();

    const second = await createDb(config);
    await migrateDb(second);
    const rows = await queryRows<{ name: string; n: number }>(
      second.db,
      sql`select name, (select count(*)::int from drizzle.__drizzle_migrations) as n from teams where id = ${id}`,
    );
    expect(rows).toEqual([{ name: "Billing", n: journal.entries.length }]);
    const ext = await queryRows<{ extname: string }>(second.db, sql`select extname from pg_extension order by extname`);
    expect(ext.map((e) => e.extname)).toEqual(expect.arrayContaining(["pg_trgm", "unaccent", "vector"]));
    await second.close();
  });
});
