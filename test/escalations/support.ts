import type { Handoff } from "../../src/escalations/handoff.js";
import { newId } from "../../src/db/ids.js";
import { tickets } from "../../src/db/schema/index.js";
import type { TestContext } from "../support/context.js";
import { readJson } from "../support/api.js";
import { TeamSchema } from "../../src/teams/teams.schemas.js";

type TicketInsert = typeof tickets.$inferInsert;

/** Inserts a ticket directly (the escalation tests do not depend on the intake pipeline). */
export async function insertTicket(ctx: TestContext, over: Partial<TicketInsert> = {}) {
  const body = over.body ?? "Hello, my invoice for March was charged twice. I already checked the billing page. Please refund one charge. Thanks, Ann";
  const [row] = await ctx.database.db
    .insert(tickets)
    .values({
      id: newId("ticket"),
      body,
      cleanText: over.cleanText ?? body,
      channel: "email",
      language: "en",
      priority: "normal",
      createdAt: ctx.clock.now(),
      ...over,
    })
    .returning();
  if (!row) throw new Error("ticket insert failed");
  return row;
}

export interface TeamSpec {
  name: string;
  skills?: string[];
  level: number;
  levelName?: string;
  escalatesTo?: string;
}

/** Creates teams through the API, top of the path first, and answers name → id. */
export async function createTeams(ctx: TestContext, specs: TeamSpec[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const s of [...specs].sort((a, b) => b.level - a.level)) {
    const res = await ctx.req(
      "POST",
      "/v1/teams",
      {
        name: s.name,
        skills: s.skills ?? [],
        level: s.level,
        levelName: s.levelName ?? `tier ${s.level}`,
        escalatesToTeamId: s.escalatesTo ? ids[s.escalatesTo] : null,
      },
      "admin",
    );
    if (res.status !== 201) throw new Error(`team ${s.name}: ${res.status} ${await res.text()}`);
    ids[s.name] = (await readJson(res, TeamSchema)).id;
  }
  return ids;
}

/** A support organisation: billing and network tier 1, a head of team, a manager above. */
export const standardTeams: TeamSpec[] = [
  { name: "Manager", level: 4, levelName: "manager" },
  { name: "Head of support", level: 3, levelName: "head of team", escalatesTo: "Manager" },
  { name: "Billing T2", skills: ["billing"], level: 2, escalatesTo: "Head of support" },
  { name: "Billing T1", skills: ["billing", "invoices"], level: 1, escalatesTo: "Billing T2" },
  { name: "Network T1", skills: ["network"], level: 1, escalatesTo: "Head of support" },
];

export async function escalate(ctx: TestContext, ticketId: string, body: Record<string, unknown> = {}) {
  return ctx.req("POST", `/v1/tickets/${ticketId}/escalate`, { reason: "customer still blocked", ...body }, "agent");
}

/**
 * The handoff of an escalation as src/escalations/handoff.ts writes it. EscalationDetailSchema
 * documents `handoff` only as an object of unknown fields, so its shape is taken on trust here:
 * a typed HandoffSchema in the route would let readJson check it.
 */
export function handoffOf(detail: { handoff: Record<string, unknown> | null }): Handoff {
  if (!detail.handoff) throw new Error("expected a handoff, the escalation has none");
  return detail.handoff as unknown as Handoff;
}
