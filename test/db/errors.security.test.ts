import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { createLogger } from "../../src/logger.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { expectProblem, rawRequest, startServer, type StartedServer } from "../support/socket.js";

/**
 * Issue 17 item 8 (logs) and the database side of item 3, over a real socket: a failed query's
 * log line carried its parameters (ticket bodies, customer references), and a value Postgres
 * refuses answered 500. Failures are forced with a trigger on tickets, on both backends.
 */
const BODY = "SECRET-BODY-7731 my card 4111 1111 1111 1111 was charged twice";
const CUSTOMER = "CUST-REF-5512@example.com";
let ctx: TestContext;
let server: StartedServer;
let lines: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  const logger = createLogger("debug", {}, (line) => lines.push(line));
  server = await startServer({ deps: { ...ctx.deps, logger } });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});
beforeEach(async () => {
  await ctx.reset();
  lines = [];
});
afterEach(async () => {
  await ctx.database.db.execute(sql`drop trigger if exists force_failure on tickets`);
});

/** Makes every ticket insert run `statement` (PL/pgSQL) first. */
async function failTicketInsertsWith(statement: string): Promise<void> {
  await ctx.database.db.execute(sql.raw(`create or replace function force_failure() returns trigger language plpgsql as $$ begin ${statement}; return new; end $$`));
  await ctx.database.db.execute(sql.raw(`create trigger force_failure before insert on tickets for each row execute function force_failure()`));
}

const ticketCount = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from tickets`))[0]?.n);

function linesOf(requestId: string): string[] {
  return lines.filter((l) => l.includes(requestId));
}

describe("database errors", () => {
  it("an unexpected failure answers 500 and its log line names the query, never the values", async () => {
    await failTicketInsertsWith("raise exception 'forced failure'");
    const res = await rawRequest(server.port, {
      method: "POST",
      path: "/v1/tickets",
      headers: await ctx.auth("agent"),
      body: { body: BODY, channel: "email", customerRef: CUSTOMER },
    });
    expect(res.status, res.body).toBe(500);
    const problem = expectProblem(res, 500, "INTERNAL");
    expect(res.body).not.toContain("SECRET");
    const logged = linesOf(problem.requestId);
    const error = logged.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled error");
    expect(error?.err.message).toMatch(/^Failed query: insert into "tickets"/);
    expect(error?.err.cause).toMatchObject({ message: "forced failure", code: "P0001" });
    for (const line of logged) {
      expect(line).not.toContain("SECRET-BODY");
      expect(line).not.toContain("4111");
      expect(line).not.toContain("CUST-REF");
      expect(line).not.toContain("params:");
    }
    expect(await ticketCount()).toBe(0);
  });

  it("a value Postgres refuses is a 400, logged as a warning without the value (portal, no key)", async () => {
    // A real data exception whose Postgres message quotes the value: invalid input syntax for type integer: "…".
    await failTicketInsertsWith("perform new.body::int");
    const res = await rawRequest(server.port, { method: "POST", path: "/portal/api/tickets", body: { body: BODY, email: CUSTOMER } });
    expect(res.status, res.body).toBe(400);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    const logged = linesOf(expectProblem(res, 400, "VALIDATION_FAILED").requestId);
    const warning = logged.map((l) => JSON.parse(l)).find((l) => l.msg === "database refused a request value");
    expect(warning?.sqlState).toBe("22P02");
    expect(warning?.err.cause.message).toContain("invalid input syntax for type integer");
    for (const line of logged) {
      expect(line).not.toContain("SECRET-BODY");
      expect(line).not.toContain("CUST-REF");
    }
    expect(await ticketCount()).toBe(0);
  });

  it("a number past int4 that reaches SQL is a 400, not a 500", async () => {
    await failTicketInsertsWith("perform (2147483647 + length(new.body))::int");
    const res = await rawRequest(server.port, { method: "POST", path: "/v1/tickets", headers: await ctx.auth("agent"), body: { body: BODY, channel: "chat" } });
    expect(res.status, res.body).toBe(400);
    expectProblem(res, 400, "VALIDATION_FAILED");
    expect(await ticketCount()).toBe(0);
  });
});
