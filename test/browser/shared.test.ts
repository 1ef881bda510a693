import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchJson, parseProblem, problemText, settle } from "../../src/browser/shared/api.js";
import { formatDuration, formatPercent, interpolate } from "../../src/browser/shared/format.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** fetch answering with one canned response, recording what it was asked. */
function stubFetch(body: string, init: ResponseInit & { contentType?: string }) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, requestInit: RequestInit) => {
    calls.push({ url, init: requestInit });
    return new Response(body, { ...init, headers: { "content-type": init.contentType ?? "application/json" } });
  });
  return calls;
}

describe("fetchJson", () => {
  it("sends JSON bodies as JSON and returns the parsed answer", async () => {
    const calls = stubFetch('{"results":[1,2]}', { status: 200 });
    const data = await fetchJson<{ results: number[] }>("/portal/api/search", { method: "POST", body: { query: "vpn" } });
    expect(data.results).toEqual([1, 2]);
    expect(calls[0]?.init.method).toBe("POST");
    expect(calls[0]?.init.body).toBe('{"query":"vpn"}');
    expect(calls[0]?.init.headers).toMatchObject({ accept: "application/json", "content-type": "application/json" });
  });

  it("turns a problem+json answer into an ApiError with its status, code and detail", async () => {
    stubFetch(JSON.stringify({ type: "about:blank", title: "Too Many Requests", status: 429, detail: "slow down", code: "RATE_LIMITED" }), {
      status: 429,
      statusText: "Too Many Requests",
      contentType: "application/problem+json",
    });
    const err = await fetchJson("/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: "RATE_LIMITED", detail: "slow down", message: "slow down" });
  });

  it("survives an error page that is not JSON (a proxy's 502): no code, the status text as message", async () => {
    stubFetch("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", contentType: "text/html" });
    const err = await fetchJson("/x").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: undefined, message: "Bad Gateway" });
    expect(problemText(err as ApiError)).toBe("502");
  });

  it("answers null for an empty 2xx body", async () => {
    stubFetch("", { status: 200 });
    expect(await fetchJson("/x")).toBeNull();
  });

  it("settle keeps HTTP errors as values but lets network failures reject", async () => {
    stubFetch('{"code":"FORBIDDEN","detail":"experts only"}', { status: 403 });
    const settled = await settle(fetchJson("/v1/insights/gaps"));
    expect(settled.ok).toBe(false);
    if (!settled.ok) expect(settled.error.status).toBe(403);
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(settle(fetchJson("/x"))).rejects.toThrow("Failed to fetch");
  });
});

describe("parseProblem", () => {
  it("keeps only string fields it knows", () => {
    expect(parseProblem('{"code":"NOT_FOUND","detail":"gone","title":7}')).toEqual({ code: "NOT_FOUND", detail: "gone" });
    expect(parseProblem("")).toEqual({});
    expect(parseProblem("[1]")).toEqual({});
  });
});

describe("formatting", () => {
  it("formats ratios as percentages with one decimal, and no value as a dash", () => {
    expect(formatPercent(0.125)).toBe("12.5 %");
    expect(formatPercent(0)).toBe("0.0 %");
    expect(formatPercent(null)).toBe("–");
    expect(formatPercent(undefined)).toBe("–");
  });

  it("formats durations in the largest readable unit", () => {
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(89)).toBe("89 s");
    expect(formatDuration(90)).toBe("2 min");
    expect(formatDuration(5400)).toBe("1.5 h");
    expect(formatDuration(172800)).toBe("2.0 d");
  });

  it("fills every {placeholder}, leaving unknown ones as written", () => {
    expect(interpolate("{n} of {max} characters, {n}!", { n: 3, max: 10 })).toBe("3 of 10 characters, 3!");
    expect(interpolate("{missing}", {})).toBe("{missing}");
  });
});
