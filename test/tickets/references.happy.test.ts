import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { parseReference, REFERENCE_ALPHABET, referenceCheckSymbol } from "../../src/tickets/reference.js";
import { EscalationPageSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema } from "../../src/escalations/escalations.schemas.js";
import { PortalTicketResultSchema } from "../../src/portal/portal.schemas.js";
import { TicketListSchema, TicketSubmittedSchema, TicketWithVerdictSchema } from "../../src/tickets/tickets.schemas.js";
import { type OpenApiDoc, present, readJson, readProblem, rememberRequest } from "../support/api.js";
import { json, type TestContext } from "../support/context.js";
import { type StartedServer, useSocketServer } from "../support/socket.js";
import { KB, seedArticles } from "../search/fixtures.js";

let ctx: TestContext;
let server: StartedServer;
let agent: Record<string, string>;
const REF = /^DF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

useSocketServer(
  (c, s) => {
    ctx = c;
    server = s;
  },
  { resetEachTest: false },
);
beforeEach(async () => {
  await ctx.reset();
  await seedArticles(ctx, [KB.reset!]);
  agent = await ctx.auth("agent");
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = agent) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // Tied to its route like an answer of ctx.req, so readJson and readProblem check it against the route table.
  return rememberRequest(res, ctx.app, method, path);
}

/** POST /v1/tickets as an agent: 201 with the ticket and its verdict. */
async function submit(body = "The password reset email never arrives in my inbox") {
  const res = await call("POST", "/v1/tickets", { body, channel: "email" });
  expect(res.status).toBe(201);
  const out = await readJson(res, TicketSubmittedSchema);
  return { status: res.status, body: { ...out, verdict: present(out.verdict, "the verdict") } };
}
const ticketCount = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from tickets`))[0]?.n);

/** A valid reference other than `not` (the check symbol computed, the payload fixed). */
function someReference(payload: string): string {
  return `DF-${payload.slice(0, 4)}-${payload.slice(4)}${referenceCheckSymbol(payload)}`;
}

/** The reference with its check symbol replaced by another one: a mistyped reference. */
function mistyped(reference: string): string {
  const last = reference.slice(-1);
  return reference.slice(0, -1) + (last === "A" ? "B" : "A");
}

describe("ticket references over a real socket", () => {
  it("every new ticket gets a short reference; GET finds it by id or by the reference in any case, with or without hyphens", async () => {
    const created = await submit();
    expect(created.status).toBe(201);
    const { id, reference } = created.body.ticket as { id: string; reference: string };
    expect(reference).toMatch(REF);
    expect(parseReference(reference)).toEqual({ ok: true, reference });
    const compact = reference.replace(/-/g, "");
    for (const asTyped of [id, reference, reference.toLowerCase(), compact, compact.toLowerCase(), compact.slice(2), ` ${reference.toLowerCase()} `]) {
      const res = await call("GET", `/v1/tickets/${encodeURIComponent(asTyped)}`);
      const got = res.status === 200 ? (await readJson(res, TicketWithVerdictSchema)).ticket : undefined;
      expect({ asTyped, status: res.status, id: got?.id, reference: got?.reference }).toEqual({ asTyped, status: 200, id, reference });
    }
  });

  it("references are random, not sequential, and distinct", async () => {
    const refs: string[] = [];
    for (let i = 0; i < 10; i++) refs.push((await submit(`Reset email number ${i} never arrives`)).body.ticket.reference);
    expect(new Set(refs).size).toBe(10);
    expect([...refs].sort()).not.toEqual(refs);
  });

  it("?ref= lists exactly that ticket; a valid but unknown reference lists none", async () => {
    const { id, reference } = (await submit()).body.ticket;
    await submit("A second ticket about invoices");
    const found = await call("GET", `/v1/tickets?ref=${reference.toLowerCase().replace(/-/g, "")}`);
    expect(found.status).toBe(200);
    expect((await readJson(found, TicketListSchema)).items.map((t) => t.id)).toEqual([id]);
    const none = await call("GET", `/v1/tickets?ref=${encodeURIComponent(someReference(reference === someReference("ZZZZZ") ? "YYYYY" : "ZZZZZ"))}`);
    expect(await readJson(none, TicketListSchema)).toEqual({ items: [], nextCursor: null });
  });

  it("a mistyped reference is 400 INVALID_REFERENCE naming the field, in GET and in ?ref=", async () => {
    const { reference } = (await submit()).body.ticket;
    const bad = mistyped(reference);
    const get = await call("GET", `/v1/tickets/${bad}`);
    expect(get.status).toBe(400);
    expect(get.headers.get("content-type")).toContain("application/problem+json");
    expect(await readProblem(get)).toMatchObject({ code: "INVALID_REFERENCE", errors: [{ field: "id", message: expect.stringContaining("check character") }] });
    for (const ref of [bad, "DF-12", "not a reference", "DF-UUUU-UU"]) {
      const list = await call("GET", `/v1/tickets?ref=${encodeURIComponent(ref)}`);
      expect(list.headers.get("content-type")).toContain("application/problem+json");
      const problem = await readProblem(list);
      expect({ ref, status: list.status, code: problem.code, field: problem.errors?.[0]?.field }).toEqual({ ref, status: 400, code: "INVALID_REFERENCE", field: "ref" });
    }
    // Neither an internal id nor reference-shaped: nothing by that name.
    expect((await readProblem(await call("GET", "/v1/tickets/tkt_nope"))).code).toBe("NOT_FOUND");
    expect((await readProblem(await call("GET", "/v1/tickets/whatever-this-is"))).code).toBe("NOT_FOUND");
    expect((await call("GET", `/v1/tickets/${someReference("ABCDE")}`)).status).toBe(404);
  });

  it("every single mistyped symbol of a reference is caught by its check character", async () => {
    const { reference } = (await submit()).body.ticket;
    const symbols = reference.replace(/-/g, "").slice(2);
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < symbols.length; i++) {
      for (const ch of "0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
        if (ch === symbols[i]) continue;
        tried++;
        if (!parseReference(symbols.slice(0, i) + ch + symbols.slice(i + 1)).ok) caught++;
      }
    }
    expect(caught).toBe(tried);
  });

  it("a drawn reference that is taken is drawn again; when every draw collides nothing is written", async () => {
    const taken = (await submit()).body.ticket.reference;
    const fallback = someReference(taken.startsWith("DF-ZZZZ") ? "YYYYY" : "ZZZZZ");
    const db = ctx.database.db;
    // The ticket path draws references with Web Crypto (drawReference): the first `collisions`
    // draws are made to repeat the taken reference, later ones give the fallback.
    const symbolsOf = (reference: string) => Uint8Array.from([...reference.replace(/-/g, "").slice(2, 7)].map((ch) => REFERENCE_ALPHABET.indexOf(ch)));
    const real = crypto.getRandomValues.bind(crypto);
    let draws = 0;
    let collisions = 0;
    const spy = vi.spyOn(crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (!(array instanceof Uint8Array) || array.length !== 5) return real(array as Uint8Array) as unknown as T;
      array.set(symbolsOf(draws++ < collisions ? taken : fallback));
      return array;
    });
    try {
      collisions = 2;
      const retried = await submit("Second ticket, first two draws collide");
      expect(retried.status).toBe(201);
      expect(retried.body.ticket.reference).toBe(fallback);
      expect(draws).toBe(3);
      expect(await ticketCount()).toBe(2);

      const escalationCount = async () => Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from escalations`))[0]?.n);
      const escalationsBefore = await escalationCount();
      draws = 0;
      collisions = 1000;
      const exhausted = await call("POST", "/v1/tickets", { body: "Nothing matches this one at all, escalate", channel: "email" });
      expect(exhausted.status).toBe(500);
      expect((await readProblem(exhausted)).code).toBe("INTERNAL");
      expect(await ticketCount()).toBe(2);
      expect(await escalationCount()).toBe(escalationsBefore);
    } finally {
      spy.mockRestore();
    }
    expect((await submit("After the generator is restored")).body.ticket.reference).toMatch(REF);
  });

  it("the database's own generator (other insert paths) draws the same form of reference", async () => {
    const [row] = await queryRows<{ reference: string }>(ctx.database.db, sql`select new_ticket_reference() as reference`);
    expect(row?.reference).toMatch(REF);
    expect(parseReference(row?.reference ?? "").ok).toBe(true);
  });

  it("the portal shows the customer the reference; its feedback still needs the unguessable id", async () => {
    const created = await call("POST", "/portal/api/tickets", { body: "Something odd happened with my account yesterday", email: "ann@example.com" }, {});
    expect(created.status).toBe(201);
    const { ticketId, reference } = await readJson(created, PortalTicketResultSchema);
    expect(reference).toMatch(REF);
    expect(ticketId).toMatch(/^tkt_/);
    // The short reference is for reading out, not a key: feedback by reference finds nothing.
    const byRef = await call("POST", `/portal/api/tickets/${reference}/feedback`, { articleId: "art_x", helped: false }, {});
    expect(byRef.status).toBe(404);
    // The agent finds the customer's ticket by what the customer reads out.
    const found = await call("GET", `/v1/tickets/${reference.toLowerCase()}`);
    expect((await readJson(found, TicketWithVerdictSchema)).ticket).toMatchObject({ id: ticketId, reference, source: "portal", customerRef: "ann@example.com" });
  });

  it("escalations name their ticket's reference (API, handoff text; webhook payloads use the same shape)", async () => {
    const created = await submit("Our warehouse scanner prints labels upside down since the firmware update");
    const { reference } = created.body.ticket;
    const escalation = present(created.body.verdict.escalation, "the escalation");
    const escalationId = present(escalation.id, "the escalation id");
    expect(escalationId).toMatch(/^esc_/);
    expect(present(escalation.record, "the escalation record").ticketReference).toBe(reference);
    const esc = await readJson(await call("GET", `/v1/escalations/${escalationId}`), EscalationDetailSchema);
    expect(esc).toMatchObject({ ticketReference: reference, handoff: { ticketReference: reference } });
    expect(present(esc.handoff, "the handoff").text).toContain(`Ticket ${reference}:`);
    const list = await readJson(await call("GET", "/v1/escalations"), EscalationPageSchema);
    expect(list.escalations[0]).toMatchObject({ id: escalationId, ticketReference: reference });
  });

  it("/openapi.json documents the reference, the lookup by reference and INVALID_REFERENCE", async () => {
    const spec = await json<OpenApiDoc>(await call("GET", "/openapi.json", undefined, {}));
    const ticket = present(spec.components.schemas.Ticket, "the Ticket schema");
    expect(ticket.properties?.reference).toMatchObject({ type: "string", example: "DF-7K3Q-92" });
    expect(ticket.required).toContain("reference");
    expect(spec.components.schemas.Escalation?.properties?.ticketReference).toBeDefined();
    const get = present(spec.paths["/v1/tickets/{id}"]?.get, "GET /v1/tickets/{id}");
    expect(get.responses["400"]?.description).toContain("INVALID_REFERENCE");
    expect(get.responses["400"]?.content).toHaveProperty(["application/problem+json"]);
    const list = present(spec.paths["/v1/tickets"]?.get, "GET /v1/tickets");
    expect(list.parameters?.map((p) => p.name)).toContain("ref");
    expect(list.responses["400"]?.description).toContain("INVALID_REFERENCE");
  });
});
