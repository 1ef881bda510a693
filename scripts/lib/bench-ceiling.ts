/**
 * The machine's ceiling for the bench's HTTP load: one Hono route, served the way the service is
 * (`@hono/node-server`'s serve, Node's own Response), that reads the JSON body and answers JSON.
 * `PORT=… HOST=… node dist/scripts/lib/bench-ceiling.js`; /health answers for startService.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono().get("/health", (c) => c.json({ status: "ok" })).post("/v1/tickets", async (c) => c.json({ received: Object.keys(await c.req.json()).length }, 201));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: process.env.HOST ?? "127.0.0.1", overrideGlobalObjects: false });
process.on("SIGTERM", () => server.close(() => process.exit(0)));
