import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { addEscalation, addTicket, at, HOUR, MIN, plus } from "./fixtures.js";
import { readJson } from "../support/api.js";
import { MetricsSchema } from "../../src/metrics/metrics.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set("2026-03-10T12:00:00Z");
});

const NOW = at("2026-03-10T12:00:00Z");
const metrics = async (query = "") => {
  const res = await ctx.req("GET", `/v1/metrics?tz=UTC${query}`, undefined, "agent");
  expect(res.status).toBe(200);
  return readJson(res, MetricsSchema);
};

/**
 * Twelve tickets on 2026-03-09:
 *   3 answered by Deflect, never escalated
 *   2 answered by Deflect, escalated 2 h later (an agent acknowledged after 40 min)
 *   5 escalated at intake: 3 acknowledged after 10, 20 and 30 min, 2 still waiting
 *   1 suggested to an agent (no response yet), 1 open (no verdict)
 */
async function seed() {
  const day = at("2026-03-09T08:00:00Z");
  for (let i = 0; i < 3; i++) {
    const c = plus(day, i * MIN);
    await addTicket(ctx, { createdAt: c, decision: "answer", status: "answered", firstResponseAt: c });
  }
  for (let i = 0; i < 2; i++) {
    const c = plus(day, (10 + i) * MIN);
    const id = await addTicket(ctx, { createdAt: c, decision: "answer", status: "escalated", firstResponseAt: c });
    await addEscalation(ctx, id, { createdAt: plus(c, 2 * HOUR), acknowledgedAt: plus(c, 2 * HOUR + 40 * MIN) });
  }
  for (let i = 0; i < 5; i++) {
    const c = plus(day, (20 + i) * MIN);
    const ack = i < 3 ? plus(c, (i + 1) * 10 * MIN) : null;
    const id = await addTicket(ctx, { createdAt: c, decision: "escalate", status: "escalated", firstResponseAt: ack });
    await addEscalation(ctx, id, { createdAt: c, acknowledgedAt: ack });
  }
  await addTicket(ctx, { createdAt: plus(day, 30 * MIN), decision: "suggest", status: "suggested" });
  await addTicket(ctx, { createdAt: plus(day, 31 * MIN) });
}

describe("GET /v1/metrics: the card numbers add up", () => {
  it("counts each ticket once in the breakdown: tickets = answered + escalated + other", async () => {
    await seed();
    const { totals } = await metrics();
    expect(totals.tickets).toBe(12);
    // The old card row: automatic answers and escalations overlap (answered, then escalated).
    expect(totals.answered).toBe(5);
    expect(totals.escalated).toBe(7);
    expect(totals.breakdown).toEqual({ answered: 3, escalated: 7, other: 2 });
    expect(totals.breakdown.answered + totals.breakdown.escalated + totals.breakdown.other).toBe(totals.tickets);
    expect(totals.escalationRate).toBeCloseTo(7 / 12, 4);
    expect(totals.escalations).toBe(7);
  });

  it("separates automatic answers from people's first responses", async () => {
    await seed();
    const { totals } = await metrics();
    // With automatic answers (0 s) mixed in, the median says nothing about people.
    expect(totals.firstResponseSeconds.median).toBe(0);
    // People: the 7 tickets Deflect did not answer; 3 got a response (10, 20, 30 min), 4 wait.
    expect(totals.humanFirstResponses).toBe(3);
    expect(totals.awaitingHumanResponse).toBe(4);
    expect(totals.humanFirstResponseSeconds).toEqual({ median: 20 * 60, p90: 28 * 60 });
    expect(totals.humanFirstResponses + totals.awaitingHumanResponse + totals.answered).toBe(totals.tickets);
  });

  it("every bucket adds up the same way, and the buckets add up to the totals", async () => {
    await seed();
    const m = await metrics("&fromData=true");
    let tickets = 0;
    for (const b of m.buckets) {
      expect(b.breakdown.answered + b.breakdown.escalated + b.breakdown.other).toBe(b.tickets);
      tickets += b.tickets;
    }
    expect(tickets).toBe(m.totals.tickets);
  });

  it("fromData starts the range at the first ticket's day, but never shows less than a week", async () => {
    await seed(); // first ticket yesterday: a week, not 30 days and not one day
    const week = await metrics("&fromData=true");
    expect(week.firstTicketAt).toBe("2026-03-09T08:00:00Z");
    expect(week.from).toBe(new Date(NOW.getTime() - 7 * 24 * HOUR).toISOString());
    expect(week.buckets).toHaveLength(8);
    await addTicket(ctx, { createdAt: at("2026-02-25T15:00:00Z"), decision: "answer", firstResponseAt: at("2026-02-25T15:00:00Z") });
    const fromFirst = await metrics("&fromData=true");
    expect(fromFirst.from).toBe("2026-02-25T00:00:00.000Z");
    expect(fromFirst.buckets[0]?.label).toBe("2026-02-25");
    expect(fromFirst.buckets[0]?.tickets).toBe(1);
    // Without fromData the range is what was asked for (30 days by default).
    expect((await metrics()).buckets).toHaveLength(31);
    // Data older than `from`: `from` stays.
    const asked = await metrics("&fromData=true&from=2026-03-01");
    expect(asked.from).toBe("2026-03-01T00:00:00.000Z");
  });

  it("a fresh install: no first ticket, a week of empty buckets", async () => {
    const m = await metrics("&fromData=true");
    expect(m.firstTicketAt).toBeNull();
    expect(m.buckets).toHaveLength(8);
    expect(m.totals).toMatchObject({ tickets: 0, breakdown: { answered: 0, escalated: 0, other: 0 }, humanFirstResponseSeconds: { median: null, p90: null } });
  });
});
