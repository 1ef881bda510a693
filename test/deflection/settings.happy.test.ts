import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.js";
import { DEFAULT_THRESHOLDS, thresholdsFrom } from "../../src/deflection/policy.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { KB, seedArticles } from "../search/fixtures.js";
import { readJson, readProblem, present } from "../support/api.js";
import { SignalPhraseListSchema, SignalPhraseSchema, ThresholdsResponse } from "../../src/deflection/settings.routes.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("thresholds", () => {
  it("ships defaults (customer-facing stricter than agent channels) and audits a change", async () => {
    const before = await readJson(await ctx.req("GET", "/v1/settings/thresholds", undefined, "admin"), ThresholdsResponse);
    expect(before.isDefault).toBe(true);
    expect(before.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(before.thresholds.answer.email).toBeGreaterThan(before.thresholds.answer.api);
    const next = thresholdsFrom({ answerCustomer: 0.9, answerAgent: 0.6, suggest: 0.5 }, "manual");
    const res = await ctx.req("PUT", "/v1/settings/thresholds", next, "admin");
    expect(res.status).toBe(200);
    const after = await readJson(res, ThresholdsResponse);
    expect(after.isDefault).toBe(false);
    expect(after.thresholds.answer.chat).toBe(0.9);
    const audits = await ctx.deps.database.db.select().from(auditLog).where(eq(auditLog.action, "thresholds.update"));
    expect(audits).toHaveLength(1);
  });

  it("rejects thresholds out of range or suggest above answer", async () => {
    const bad = thresholdsFrom({ answerCustomer: 0.9, answerAgent: 0.6, suggest: 0.5 }, "x");
    const res1 = await ctx.req("PUT", "/v1/settings/thresholds", { ...bad, answer: { ...bad.answer, email: 1.5 } }, "admin");
    expect(res1.status).toBe(400);
    const res2 = await ctx.req("PUT", "/v1/settings/thresholds", { ...bad, suggest: { ...bad.suggest, api: 0.95 } }, "admin");
    expect(res2.status).toBe(400);
    expect((await readProblem(res2)).code).toBe("VALIDATION_FAILED");
  });
});

describe("signal phrases", () => {
  it("seeds the defaults, and the detector follows additions and removals", async () => {
    await seedArticles(ctx, [KB.reset!]);
    const list = await readJson(await ctx.req("GET", "/v1/settings/signal-phrases", undefined, "admin"), SignalPhraseListSchema);
    const langs = new Set(list.items.map((p: { language: string }) => p.language));
    for (const l of ["en", "cs", "fi", "pt", "de", "es"]) expect(langs.has(l)).toBe(true);

    const ticket = { body: "The password reset email does not arrive. If this goes on we will write to the Ombudsperson Office.", channel: "api" };
    const calm = await readJson(await ctx.req("POST", "/v1/tickets", ticket, "agent"), TicketSubmittedSchema);
    expect(present(calm.verdict, "a verdict").escalation?.type).not.toBe("hierarchical");

    const added = await ctx.req("POST", "/v1/settings/signal-phrases", { language: "en", kind: "legal", phrase: "write to the ombudsperson*" }, "admin");
    expect(added.status).toBe(201);
    const phrase = await readJson(added, SignalPhraseSchema);
    const dup = await ctx.req("POST", "/v1/settings/signal-phrases", { language: "en", kind: "legal", phrase: "write to the ombudsperson*" }, "admin");
    expect(dup.status).toBe(409);
    const angry = await readJson(await ctx.req("POST", "/v1/tickets", ticket, "agent"), TicketSubmittedSchema);
    expect(angry.verdict?.escalation?.type).toBe("hierarchical");
    expect(angry.verdict?.signals[0]).toMatchObject({ kind: "legal", phrase: "write to the ombudsperson*", matched: "write to the ombudsperson", escalates: true });

    expect((await ctx.req("DELETE", `/v1/settings/signal-phrases/${phrase.id}`, undefined, "admin")).status).toBe(204);
    expect((await ctx.req("DELETE", `/v1/settings/signal-phrases/${phrase.id}`, undefined, "admin")).status).toBe(404);
    const again = await readJson(await ctx.req("POST", "/v1/tickets", ticket, "agent"), TicketSubmittedSchema);
    expect(present(again.verdict, "a verdict").escalation?.type).not.toBe("hierarchical");
    const audits = await ctx.deps.database.db.select().from(auditLog).where(eq(auditLog.entityType, "signal_phrase"));
    expect(audits.map((a) => a.action).sort()).toEqual(["signal_phrase.create", "signal_phrase.delete"]);
  });

  it("rejects a phrase outside the syntax or an unknown kind", async () => {
    const res = await ctx.req("POST", "/v1/settings/signal-phrases", { language: "en", kind: "legal", phrase: "(sue|court)" }, "admin");
    expect(res.status).toBe(400);
    const res2 = await ctx.req("POST", "/v1/settings/signal-phrases", { language: "en", kind: "rage", phrase: "grr" }, "admin");
    expect(res2.status).toBe(400);
  });
});
