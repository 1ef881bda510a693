import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { HealthSchema } from "../../src/health/health.routes.js";
import { openApiOf, rawRequest, readRawJson, startServer, type StartedServer } from "../support/socket.js";

/** /docs is Swagger UI served from the installed package, over the service's own /openapi.json. */
let ctx: TestContext;
let server: StartedServer;
beforeAll(async () => {
  ctx = await createTestContext();
  server = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const get = (path: string) => rawRequest(server.port, { method: "GET", path });

describe("/docs over a real socket", () => {
  it("serves the page, Swagger UI's script and stylesheet and the init script, each with its content type", async () => {
    const page = await get("/docs");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    for (const asset of ["/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/init.js"]) expect(page.body).toContain(asset);
    expect(page.body).not.toMatch(/<script>|<style|https?:\/\//);

    const bundle = await get("/docs/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(bundle.body.length).toBeGreaterThan(500_000);
    expect(bundle.body).toContain("SwaggerUIBundle");

    const css = await get("/docs/swagger-ui.css");
    expect(css.status).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.body).toContain(".swagger-ui");

    const init = await get("/docs/init.js");
    expect(init.status).toBe(200);
    expect(init.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(init.body).toContain("SwaggerUIBundle(");
    expect(init.body).toMatch(/validatorUrl:\s*null/);
    expect(init.body).toContain('"openapi.json"');
    expect(() => new Function(init.body)).not.toThrow();
  });

  it("/reference redirects to /docs, /health links to it, and every docs route is in /openapi.json", async () => {
    const redirect = await get("/reference");
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe("/docs");
    expect(readRawJson(ctx, await get("/health"), HealthSchema).docs).toBe("/docs");
    const doc = openApiOf(await get("/openapi.json"));
    for (const path of ["/docs", "/docs/init.js", "/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/reference"]) {
      expect(doc.paths[path]?.get?.operationId, path).toBeTruthy();
    }
  });

  it("on Workers (no file system) the page and Swagger UI answer 404 problem+json, and /health points at /openapi.json", async () => {
    const app = createApp({ ...ctx.deps, runtime: "workers" });
    for (const path of ["/docs", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect((await res.json()).code).toBe("NOT_FOUND");
    }
    expect((await (await app.request("/health")).json()).docs).toBe("/openapi.json");
  });

  it("the dashboard links to the reference", async () => {
    expect((await get("/dashboard")).body).toContain('href="/docs"');
  });
});
