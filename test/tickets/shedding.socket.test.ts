import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { ProblemSchema } from "../../src/http/errors.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { withQueryBatching } from "../../src/embeddings/batcher.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { KB, seedArticles } from "../search/fixtures.js";
import { backend, createTestContext, type TestContext } from "../support/context.js";
import { type StartedServer, startServer } from "../support/socket.js";

/**
 * A deliberately slow embedder: while `hold()` is in force, every query embedding waits for
 * `release()` (no timers: the test decides when it ends). `entered` counts calls that reached it.
 */
class HeldEmbedder implements Embedder {
  private readonly inner = new HashingEmbedder(384);
  readonly batches: number[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  readonly id = this.inner.id;
  readonly dims = this.inner.dims;
  readonly lexical = this.inner.lexical;
  status = () => this.inner.status();
  ready = () => this.inner.ready();
  embedPassages = (texts: string[]) => this.inner.embedPassages(texts);
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }
  release(): void {
    this.open?.();
    this.gate = undefined;
  }
  async embedQueries(texts: string[]): Promise<number[][]> {
    this.batches.push(texts.length);
    if (this.gate) await this.gate;
    return this.inner.embedQueries(texts);
  }
}

let ctx: TestContext | undefined;
let server: StartedServer | undefined;
afterEach(async () => {
  await server?.close();
  await ctx?.close();
  server = undefined;
  ctx = undefined;
});

async function start(embedder: Embedder, config: Record<string, unknown> = {}) {
  ctx = await createTestContext({ embedder, config });
  await seedArticles(ctx, [KB.reset!]);
  server = await startServer(ctx);
  const agent = await ctx.auth("agent");
  const post = async (body: string) => {
    const res = await fetch(`${server?.base}/v1/tickets`, {
      method: "POST",
      headers: { ...agent, "content-type": "application/json" },
      body: JSON.stringify({ body, channel: "email" }),
    });
    const answer: unknown = await res.json();
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      retryAfter: res.headers.get("retry-after"),
      problem: res.status >= 400 ? ProblemSchema.parse(answer) : undefined,
      ticket: res.status < 400 ? TicketSubmittedSchema.parse(answer) : undefined,
    };
  };
  const tickets = async () => Number((await queryRows<{ n: number }>(ctx!.database.db, sql`select count(*)::int as n from tickets`))[0]?.n);
  return { post, tickets };
}

describe("POST /v1/tickets under more load than it can serve", () => {
  it("micro-batches the queries that wait for the embedder, and beyond the bound answers 503 EMBEDDER_BUSY with Retry-After", async () => {
    const held = new HeldEmbedder();
    const embedder = withQueryBatching(held, { max: 2, batchSize: 16 });
    const { post, tickets } = await start(embedder);
    held.hold();
    held.batches.length = 0;
    const first = post("The password reset email never arrives, first");
    await vi.waitFor(() => expect(held.batches).toEqual([1]));
    const second = post("The password reset email never arrives, second");
    const third = post("The password reset email never arrives, third");
    await vi.waitFor(() => expect(embedder.status().queue?.waiting).toBe(2));
    const refused = await post("The password reset email never arrives, fourth");
    expect(refused.status).toBe(503);
    expect(refused.type).toContain("application/problem+json");
    expect(refused.problem?.code).toBe("EMBEDDER_BUSY");
    expect(refused.retryAfter).toBe("1");
    held.release();
    expect((await first).status).toBe(201);
    expect((await second).status).toBe(201);
    expect((await third).status).toBe(201);
    // The two that waited went to the embedder as one batch; the refused one wrote nothing.
    expect(held.batches).toEqual([1, 2]);
    expect(await tickets()).toBe(3);
    expect((await post("After the queue drained")).status).toBe(201);
  });

  it.skipIf(backend !== "pglite")("on the embedded database, bounds the requests waiting for it: 503 OVERLOADED with Retry-After, nothing written", async () => {
    const held = new HeldEmbedder();
    const { post, tickets } = await start(held, { PGLITE_CONCURRENCY: "1", PGLITE_QUEUE_MAX: "0" });
    held.hold();
    held.batches.length = 0;
    const first = post("The password reset email never arrives, first");
    // The first request holds the one slot (it waits inside the embedder).
    await vi.waitFor(() => expect(held.batches).toEqual([1]));
    const refused = await post("The password reset email never arrives, second");
    expect(refused.status).toBe(503);
    expect(refused.type).toContain("application/problem+json");
    expect(refused.problem?.code).toBe("OVERLOADED");
    expect(refused.retryAfter).toBe("1");
    held.release();
    expect((await first).status).toBe(201);
    expect(await tickets()).toBe(1);
    // The slot is free again.
    expect((await post("The password reset email never arrives, third")).status).toBe(201);
  });
});
