import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/audit/audit.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readJson } from "../support/api.js";
import { AuditPageSchema } from "../../src/audit/audit.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("audit log", () => {
  it("pages newest first through every entry exactly once, with filters", async () => {
    const alice = { name: "alice", role: "expert" as const };
    const bob = { name: "bob", role: "admin" as const };
    const at = new Date("2026-03-01T10:00:00Z");
    // Seven entries, two of them in the very same millisecond: the cursor must still not skip one.
    for (let i = 0; i < 7; i++) {
      const actor = i % 2 === 0 ? alice : bob;
      await recordAudit(
        ctx.database.db,
        actor,
        i === 6 ? "settings.update" : "article.publish",
        i === 6 ? "setting" : "article",
        `e${i}`,
        { i },
        new Date(at.getTime() + Math.min(i, 5) * 1000),
      );
    }
    const seen: (string | null)[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await ctx.req("GET", `/v1/audit?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, undefined, "admin");
      const page = await readJson(res, AuditPageSchema);
      seen.push(...page.items.map((i) => i.entityId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen.slice(2)).toEqual(["e4", "e3", "e2", "e1", "e0"]);
    expect(seen.slice(0, 2).sort()).toEqual(["e5", "e6"]);

    const byAlice = await readJson(await ctx.req("GET", "/v1/audit?actor=alice", undefined, "admin"), AuditPageSchema);
    expect(byAlice.items.map((i) => i.entityId)).toEqual(["e6", "e4", "e2", "e0"]);
    expect(byAlice.items[0]).toMatchObject({ actor: "alice", role: "expert", action: "settings.update", entityType: "setting", detail: { i: 6 } });
    const one = await readJson(await ctx.req("GET", "/v1/audit?entityType=article&entityId=e3", undefined, "admin"), AuditPageSchema);
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).toBeNull();
  });
});
