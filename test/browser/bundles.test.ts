import { describe, expect, it } from "vitest";
import { BROWSER_ASSETS } from "../../src/browser/assets.js";
import { dashboardQuery, seriesParams } from "../../src/browser/dashboard/query.js";
import { PORTAL_STRINGS } from "../../src/browser/portal/strings.js";

describe("the bundled browser code", () => {
  it("is plain script that parses, with a short content hash per file", () => {
    for (const asset of [BROWSER_ASSETS.portalJs, BROWSER_ASSETS.dashboardJs]) {
      expect(() => new Function(asset.body)).not.toThrow();
      expect(asset.body).not.toMatch(/^\s*(import|export)\s/m);
    }
    for (const asset of Object.values(BROWSER_ASSETS)) expect(asset.hash).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(Object.values(BROWSER_ASSETS).map((a) => a.hash)).size).toBe(4);
  });

  it("never parses text as HTML and loads nothing from another host (works offline, CSP 'self')", () => {
    for (const asset of Object.values(BROWSER_ASSETS)) {
      expect(asset.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
      const urls = asset.body.match(/https?:\/\/[^\s"'`)]+/g) ?? [];
      expect(urls.filter((u) => u !== "http://www.w3.org/2000/svg")).toEqual([]);
    }
  });

  it("carries the portal's strings in every language, bundled from the server's table", () => {
    for (const strings of Object.values(PORTAL_STRINGS)) expect(BROWSER_ASSETS.portalJs.body).toContain(strings.heading);
  });
});

describe("dashboard query", () => {
  it("covers the last N days up to now, URL-encoded", () => {
    const now = new Date("2026-03-31T12:00:00.000Z");
    const q = dashboardQuery(7, "day", "Europe/Prague", now);
    expect(q.range).toBe(`from=${encodeURIComponent("2026-03-24T12:00:00.000Z")}&to=${encodeURIComponent("2026-03-31T12:00:00.000Z")}`);
    expect(seriesParams(q)).toBe("bucket=day&tz=Europe%2FPrague");
  });
});
