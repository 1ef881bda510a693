import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PortalArticleSchema, PortalSearchResultSchema } from "../../src/portal/portal.schemas.js";
import { keysAt, present, readJsonText } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { seedPortalArticles } from "./fixtures.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("portal page and assets", () => {
  it("serves the page in the browser's language, with versioned same-origin assets and no inline code", async () => {
    const res = await ctx.req("GET", "/portal", undefined, undefined, { "accept-language": "fi-FI,fi;q=0.9,en;q=0.8" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("vary")).toContain("Accept-Language");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="fi"');
    expect(html).toContain("Miten voimme auttaa?");
    expect(html).toMatch(/<script src="\/portal\/app\.js\?v=[0-9a-f]{8}" defer><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/portal\/app\.css\?v=[0-9a-f]{8}">/);
    expect(html).not.toMatch(/<script>|<style|\sstyle="|\son[a-z]+="|https?:\/\//);
    expect(html).toMatch(/<label for="q"/);
    for (const lang of ["en", "cs", "fi", "pt"]) expect(html).toContain(`hreflang="${lang}"`);
  });

  it("lets ?lang= override Accept-Language, and falls back to English", async () => {
    expect(await (await ctx.req("GET", "/portal?lang=cs", undefined, undefined, { "accept-language": "pt-BR" })).text()).toContain("Jak vám můžeme pomoci?");
    expect(await (await ctx.req("GET", "/portal", undefined, undefined, { "accept-language": "pt-BR,pt;q=0.9" })).text()).toContain("Como podemos ajudar?");
    const fallback = await (await ctx.req("GET", "/portal", undefined, undefined, { "accept-language": "de-DE" })).text();
    expect(fallback).toContain('data-lang-source="default"');
    expect(fallback).toContain("How can we help?");
  });

  it("serves app.js and app.css with their content types, immutable when versioned, and 304 by ETag", async () => {
    const html = await (await ctx.req("GET", "/portal")).text();
    const jsUrl = html.match(/src="(\/portal\/app\.js\?v=[0-9a-f]+)"/)?.[1] ?? "";
    const js = await ctx.req("GET", jsUrl);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toContain("immutable");
    const body = await js.text();
    expect(body).toContain("Miten voimme auttaa?"); // all four languages travel with the script
    const etag = js.headers.get("etag") ?? "";
    const again = await ctx.req("GET", "/portal/app.js", undefined, undefined, { "if-none-match": etag });
    expect(again.status).toBe(304);
    const css = await ctx.req("GET", "/portal/app.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("cache-control")).toContain("max-age=300");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
  });
});

describe("portal API", () => {
  it("finds the public fix, highlights it, and shows nothing else about it", async () => {
    const f = await seedPortalArticles(ctx);
    const res = await ctx.req("POST", "/portal/api/search", { query: "password reset email does not arrive" });
    expect(res.status).toBe(200);
    const { body, text } = await readJsonText(res, PortalSearchResultSchema);
    const top = present(body.results[0], "a result");
    expect(top).toMatchObject({ id: f.publicId, title: "Password reset email never arrives", language: "en" });
    expect(top.snippet).toMatch(/«[^»]+»/);
    expect(keysAt(text, "results", 0).sort()).toEqual(["id", "language", "snippet", "title"]);
  });

  it("opens a public fix by id", async () => {
    const f = await seedPortalArticles(ctx);
    const res = await ctx.req("GET", `/portal/api/articles/${f.publicId}`);
    expect(res.status).toBe(200);
    const { body: a, text } = await readJsonText(res, PortalArticleSchema);
    expect(a).toMatchObject({ id: f.publicId, rootCause: "The message was filtered as spam." });
    expect(a.resolution).toContain("spam folder");
    expect(keysAt(text).sort()).toEqual(["id", "language", "problem", "resolution", "rootCause", "title", "updatedAt"]);
  });

  it("answers the customer's site when CORS_ORIGINS lists it", async () => {
    const embedded = await createTestContext({ config: { CORS_ORIGINS: "https://shop.example" } });
    try {
      const pre = await embedded.app.request("/portal/api/search", {
        method: "OPTIONS",
        headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      expect(pre.headers.get("access-control-allow-origin")).toBe("https://shop.example");
      const res = await embedded.req("POST", "/portal/api/search", { query: "invoice pdf" }, undefined, { origin: "https://shop.example" });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
      const foreign = await embedded.req("POST", "/portal/api/search", { query: "invoice pdf" }, undefined, { origin: "https://evil.example" });
      expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await embedded.close();
    }
  });
});
