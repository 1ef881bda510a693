import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { formatWhen } from "../../src/deflection/deescalation-phrases.js";
import { DEFAULT_DEESCALATION_TEMPLATES } from "../../src/deflection/deescalation-defaults.js";
import type { TestContext } from "../support/context.js";
import { seedPortalArticles } from "../portal/fixtures.js";

/**
 * The frustration detector is another change: here verdicts get their frustration and first brief
 * (no due time yet, as evaluateTicket composes it) from the test, over the real evaluation. With
 * `level` null the verdict has neither, as verdicts had before the detector.
 */
const inject = vi.hoisted(() => ({ level: null as null | 0 | 1 | 2 | 3, hierarchical: false }));
vi.mock("../../src/deflection/evaluate.service.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/deflection/evaluate.service.js")>();
  const { composeBrief, loadDeescalationTemplates } = await import("../../src/deflection/deescalation.js");
  const labels = ["calm", "annoyed", "angry", "needs-human"] as const;
  return {
    ...real,
    evaluateTicket: async (args: Parameters<typeof real.evaluateTicket>[0]) => {
      const result = await real.evaluateTicket(args);
      const { frustration: _f, deescalation: _d, ...verdict } = result.verdict;
      if (inject.level === null) return { ...result, verdict };
      const escalation = inject.hierarchical ? { type: "hierarchical" as const, reason: "Customer needs a human (manager)", id: null, record: null } : verdict.escalation;
      const level = inject.level;
      const templates = await loadDeescalationTemplates(args.deps);
      const deescalation =
        level === 0
          ? null
          : composeBrief({
              language: verdict.language,
              level,
              kinds: ["anger"],
              nextStep: escalation ? { kind: "escalation", type: escalation.type, teamName: null, dueAt: null } : { kind: "investigation" },
              templates,
            });
      return {
        ...result,
        verdict: {
          ...verdict,
          ...(inject.hierarchical ? { decision: "escalate" as const, escalation } : {}),
          frustration: { level, label: labels[level], evidence: level ? [{ cue: "phrase" as const, kind: "anger", matched: "x" }] : [], priorContacts: 0 },
          deescalation,
        },
      };
    },
  };
});

let ctx: TestContext;
// Imported afresh with the app (below): readJson checks the route's own schema object, and ctx.req
// records its requests in this copy of test/support/api.ts.
let api: typeof import("../support/api.js");
let schemas: {
  tickets: typeof import("../../src/tickets/tickets.schemas.js");
  escalations: typeof import("../../src/escalations/escalations.schemas.js");
  escalationRoutes: typeof import("../../src/escalations/escalations.routes.js");
  portal: typeof import("../../src/portal/portal.schemas.js");
};
beforeAll(async () => {
  // Test files share their worker's module cache (vitest.config.ts, isolate: false): another file
  // may have loaded the real evaluate.service already, so the app is imported afresh under the mock.
  vi.resetModules();
  const { createTestContext } = await import("../support/context.js");
  ctx = await createTestContext();
  api = await import("../support/api.js");
  schemas = {
    tickets: await import("../../src/tickets/tickets.schemas.js"),
    escalations: await import("../../src/escalations/escalations.schemas.js"),
    escalationRoutes: await import("../../src/escalations/escalations.routes.js"),
    portal: await import("../../src/portal/portal.schemas.js"),
  };
});

/** POST /v1/tickets as an agent, read with its schema; these tickets all get a verdict. */
async function submit(body: Record<string, unknown>) {
  const res = await ctx.req("POST", "/v1/tickets", body, "agent");
  expect(res.status).toBe(201);
  const out = await api.readJson(res, schemas.tickets.TicketSubmittedSchema);
  return { ...out, verdict: api.present(out.verdict, "the verdict") };
}

async function escalationOf(id: string | null | undefined) {
  const res = await ctx.req("GET", `/v1/escalations/${api.present(id, "an escalation id")}`, undefined, "agent");
  const escalation = await api.readJson(res, schemas.escalations.EscalationDetailSchema);
  return { ...escalation, handoff: api.present(escalation.handoff, "the handoff") };
}

const portalTicket = async (path: string, body: Record<string, unknown>) => api.readJson(await ctx.req("POST", path, body), schemas.portal.PortalTicketResultSchema);
afterAll(async () => {
  await ctx.close();
  // The worker's next test files must get the real evaluate.service again (shared module cache).
  vi.doUnmock("../../src/deflection/evaluate.service.js");
  vi.resetModules();
});
beforeEach(async () => {
  await ctx.reset();
  inject.level = null;
  inject.hierarchical = false;
});

const VAGUE_DE = "Es funktioniert schon wieder nicht, bitte helfen Sie mir";
const dueOf = async (ticketId: string) =>
  (await queryRows<{ due: Date | string }>(ctx.database.db, sql`select first_response_due_at as due from escalations where ticket_id = ${ticketId}`)).map(
    (r) => new Date(r.due),
  )[0];

describe("the brief on the ticket path", () => {
  it("does nothing for verdicts without frustration (before the detector)", async () => {
    const out = await submit({ body: VAGUE_DE, channel: "email", language: "de" });
    expect(out.verdict.decision).toBe("escalate");
    expect(out.verdict.deescalation).toBeUndefined();
    const escalation = await escalationOf(out.verdict.escalation?.id);
    expect(escalation.handoff.deescalation).toBeUndefined();
    expect(escalation.handoff.text).not.toContain("De-escalation");
  });

  it("a calm customer (level 0) gets no brief and no handoff lines", async () => {
    inject.level = 0;
    const out = await submit({ body: VAGUE_DE, channel: "email", language: "de" });
    expect(out.verdict.deescalation).toBeNull();
    const escalation = await escalationOf(out.verdict.escalation?.id);
    expect(escalation.handoff.text).not.toContain("De-escalation");
  });

  it("once the escalation exists, the returned and stored brief carry its first-response due time; the handoff carries the brief", async () => {
    inject.level = 2;
    const out = await submit({ body: VAGUE_DE, channel: "email", language: "de" });
    const due = await dueOf(out.ticket.id);
    expect(due).toBeInstanceOf(Date);
    const when = formatWhen(due ?? null, "de");
    const brief = api.present(out.verdict.deescalation, "the brief");
    expect(brief).toMatchObject({ language: "de", level: 2, nextStep: { kind: "escalation", dueAt: due?.toISOString() } });
    expect(brief.ownership).toContain(when);
    expect(brief.customerMessage).toContain(when);
    expect(brief.customerMessage).not.toContain("so schnell wie möglich");
    const stored = await api.readJson(await ctx.req("GET", `/v1/tickets/${out.ticket.id}`, undefined, "agent"), schemas.tickets.TicketWithVerdictSchema);
    expect(stored.verdict?.deescalation).toEqual(brief);

    const escalation = await escalationOf(out.verdict.escalation?.id);
    expect(escalation.handoff.deescalation).toEqual({
      level: 2,
      language: "de",
      technique: brief.technique,
      opening: brief.opening,
      ownership: brief.ownership,
      avoid: brief.avoid,
    });
    expect(escalation.handoff.text).toContain("De-escalation (level 2, angry; wording in de)");
    expect(escalation.handoff.text).toContain(`Open with: "${DEFAULT_DEESCALATION_TEMPLATES.de?.opening[1]}"`);
    expect(escalation.handoff.text).toContain(when);
  });
});

describe("the brief on a manual escalation", () => {
  it("an agent escalating a ticket whose verdict has a brief gets it in the handoff, with that escalation's due time", async () => {
    await seedPortalArticles(ctx);
    inject.level = 1;
    const out = await submit({ body: "The password reset email never arrives in my inbox", channel: "api", language: "en" });
    expect(out.verdict.escalation).toBeNull();
    const res = await ctx.req("POST", `/v1/tickets/${out.ticket.id}/escalate`, { reason: "customer still blocked", type: "functional" }, "agent");
    expect(res.status).toBe(201);
    const escalation = await api.readJson(res, schemas.escalationRoutes.TicketEscalatedSchema);
    const due = await dueOf(out.ticket.id);
    expect(api.present(escalation.handoff, "the handoff").deescalation).toMatchObject({
      level: 1,
      language: "en",
      ownership: `I'm taking care of this: our specialist team will take over your case, ${formatWhen(due ?? null, "en")}.`,
    });
  });
});

describe("the portal's human-contact confirmation", () => {
  it("received: customer-facing wording in the customer's language; no due time unless the escalation follows from their own words", async () => {
    inject.level = 2;
    const received = await portalTicket("/portal/api/tickets", { body: VAGUE_DE, language: "de" });
    expect(received.status).toBe("received");
    // Functional escalation or agent suggestion (which depend on unpublished articles) read alike.
    expect(received.customerMessage).toBe(DEFAULT_DEESCALATION_TEMPLATES.de?.customer[1].replace("{when}", "so schnell wie möglich"));

    inject.level = 3;
    inject.hierarchical = true;
    const urgent = await portalTicket("/portal/api/tickets", { body: "Ich will sofort Ihren Vorgesetzten sprechen", language: "de" });
    expect(urgent.status).toBe("received");
    const due = await dueOf(urgent.ticketId);
    expect(urgent.customerMessage).toBe(DEFAULT_DEESCALATION_TEMPLATES.de?.customer[2].replace("{when}", formatWhen(due ?? null, "de")));
    expect(JSON.stringify(urgent)).not.toMatch(/technique|ownership|deescalation/);
  });

  it("no customerMessage without frustration", async () => {
    const out = await portalTicket("/portal/api/tickets", { body: VAGUE_DE, language: "de" });
    expect(out.status).toBe("received");
    expect(out).not.toHaveProperty("customerMessage");
  });

  it("'did not help' → a person takes over: the confirmation names when, from that escalation", async () => {
    const f = await seedPortalArticles(ctx);
    inject.level = 1;
    const out = await portalTicket("/portal/api/tickets", {
      body: "I asked for a password reset but the reset email never arrives in my inbox",
      language: "en",
      articleId: f.publicId,
      helped: false,
    });
    expect(out.status).toBe("escalated");
    const due = await dueOf(out.ticketId);
    expect(out.customerMessage).toBe(
      `Thank you for your patience: we understand this is annoying. Our team has your case and will get back to you ${formatWhen(due ?? null, "en")}.`,
    );
    const again = await portalTicket(`/portal/api/tickets/${out.ticketId}/feedback`, { articleId: f.publicId, helped: false });
    expect(again.customerMessage).toBe(out.customerMessage);
  });
});
