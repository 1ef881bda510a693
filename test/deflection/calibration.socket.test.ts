import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openScratchDatabase } from "../../src/db/client.js";
import { queryRows } from "../../src/db/database.js";
import { refreshCalibration } from "../../src/deflection/calibration.state.js";
import { releaseCalibrationLease, takeCalibrationLease } from "../../src/deflection/calibration.queries.js";
import { loadEvalArticles } from "../../scripts/lib/eval-db.js";
import { readEvalArticles } from "../../scripts/lib/eval-format.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import type { TestContext } from "../support/context.js";
import { CalibrationStateSchema } from "../../src/deflection/calibration.routes.js";
import { ThresholdsResponse } from "../../src/deflection/settings.routes.js";
import { PortalSearchResultSchema } from "../../src/portal/portal.schemas.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { present } from "../support/api.js";
import { expectProblem, type RawResponse, readRawJson, socketCaller, type StartedServer, useSocketServer } from "../support/socket.js";

let ctx: TestContext;
let server: StartedServer;
useSocketServer((c, s) => {
  ctx = c;
  server = s;
});
const call = socketCaller(
  () => ctx,
  () => server,
);
const PATH = "/v1/deflection/calibration";
/** Fewer synthetic tickets than the service's default: the same code path in a test's time. */
const SMALL = { minQueries: 40 };
const SAMPLE = readEvalArticles(new URL("../../seed/sample-articles.jsonl", import.meta.url).pathname);

async function loadSample() {
  await loadEvalArticles(ctx.database, ctx.deps.embedder, SAMPLE);
}
const audits = async (action: string) => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]?.n);

/** The calibration state as an admin reads it (GET, PUT target, POST refit). */
const calibration = (res: RawResponse) => readRawJson(ctx, res, CalibrationStateSchema);
/** GET /v1/settings/thresholds. */
const thresholdsOf = (res: RawResponse) => readRawJson(ctx, res, ThresholdsResponse);

describe("calibration API: access and bad input", () => {
  it("401 without a key; agents may not read it, experts read but only admins change it", async () => {
    for (const [method, path, body] of [
      ["GET", PATH],
      ["PUT", `${PATH}/target`, { targetWrongRate: 0.1 }],
      ["POST", `${PATH}/refit`],
    ] as const) {
      expectProblem(await call(method, path, undefined, body), 401, "UNAUTHENTICATED");
      expectProblem(await call(method, path, "agent", body), 403, "FORBIDDEN");
      if (method !== "GET") expectProblem(await call(method, path, "expert", body), 403, "FORBIDDEN");
    }
    expect((await call("GET", PATH, "expert")).status).toBe(200);
    expect(await audits("calibration.target")).toBe(0);
    // Every role on every calibration route, from the route table (the shared matrix).
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith(PATH))).toEqual([]);
  });

  it("rejects a target outside (0.001, 0.5), of the wrong type or with extra fields, and stores nothing", async () => {
    for (const body of [{ targetWrongRate: 0 }, { targetWrongRate: 0.9 }, { targetWrongRate: "5%" }, { targetWrongRate: 0.1, extra: 1 }, {}]) {
      expectProblem(await call("PUT", `${PATH}/target`, "admin", body), 400, "VALIDATION_FAILED");
    }
    expect(calibration(await call("GET", PATH, "admin")).target).toBe(0.05);
  });
});

describe("self-calibration as an admin sees it, over a real socket", () => {
  it("an empty knowledge base is too small: the shipped profile serves and no report exists", async () => {
    const res = await call("GET", PATH, "admin");
    expect(res.status).toBe(200);
    expect(calibration(res)).toMatchObject({ state: "too-small", target: 0.05, report: null, live: { answerThreshold: 0.95 } });
    expect(await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, plan: SMALL })).toBeNull();
  });

  it("a refit fits on the articles, stores thresholds and curve together, and the target re-chooses the threshold on the curve", async () => {
    await loadSample();
    const asked = await call("POST", `${PATH}/refit`, "admin");
    expect(asked.status).toBe(202);
    expect(calibration(asked)).toMatchObject({ state: "due", reason: expect.stringContaining("admin") });
    expect(await audits("calibration.refit")).toBe(1);

    const report = await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, plan: SMALL });
    expect(report).not.toBeNull();
    const state = calibration(await call("GET", PATH, "admin"));
    expect(state.state).toBe("current");
    const fitted = present(state.report, "the calibration report");
    expect(fitted).toMatchObject({ method: "self-calibration", target: 0.05, embedderId: ctx.deps.embedder.id, fittedOn: { articles: SAMPLE.length } });
    expect(fitted.fittedOn.positives).toBeGreaterThan(10);
    expect(fitted.curve).toHaveLength(99);
    // The curve answers less as the threshold rises, and the live threshold is the report's.
    const answered = fitted.curve.map((p) => p.answered);
    expect([...answered].sort((a, b) => b - a)).toEqual(answered);
    expect(state.live.answerThreshold).toBe(fitted.threshold);
    const thresholds = thresholdsOf(await call("GET", "/v1/settings/thresholds", "admin")).thresholds;
    expect(thresholds.answer.api).toBe(fitted.threshold);
    expect(thresholds.source).toMatch(/^self-calibration/);
    if (!fitted.reached) expect(fitted.threshold).toBe(1);

    // A looser target: chosen on the same curve at once, never stricter than before.
    const looser = await call("PUT", `${PATH}/target`, "admin", { targetWrongRate: 0.4 });
    expect(looser.status).toBe(200);
    const loose = calibration(looser);
    const looseReport = present(loose.report, "the calibration report");
    expect(looseReport.target).toBe(0.4);
    expect(looseReport.fittedAt).toBe(fitted.fittedAt);
    expect(looseReport.threshold).toBeLessThanOrEqual(fitted.threshold);
    expect(looseReport.reached).toBe(true);
    expect(looseReport.riskBound).toBeLessThanOrEqual(0.4);
    expect(loose.live.answerThreshold).toBe(looseReport.threshold);
    expect(await audits("calibration.target")).toBe(1);
    expect(calibration(await call("GET", PATH, "admin")).target).toBe(0.4);

    // Thresholds set by hand pin the calibration until an admin asks for a refit.
    const hand = { answer: thresholds.answer, suggest: thresholds.suggest, source: "set by hand" };
    expect((await call("PUT", "/v1/settings/thresholds", "admin", hand)).status).toBe(200);
    expect(calibration(await call("GET", PATH, "admin")).state).toBe("pinned");
    expect(await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, plan: SMALL })).toBeNull();
    // …and an admin's refit request unpins them: the background run (not forced) refits.
    expect(calibration(await call("POST", `${PATH}/refit`, "admin")).state).toBe("due");
    expect(await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, plan: SMALL })).not.toBeNull();
    expect(thresholdsOf(await call("GET", "/v1/settings/thresholds", "admin")).thresholds.source).toMatch(/^self-calibration/);
    expect(calibration(await call("GET", PATH, "admin")).state).toBe("current");
  });

  it("tickets whose fix got an outcome join the fit as labelled history", async () => {
    await loadSample();
    const article = SAMPLE[1] as (typeof SAMPLE)[number];
    const ticket = await call("POST", "/v1/tickets", "agent", { channel: "chat", subject: article.title, body: article.problem });
    expect(ticket.status, ticket.body).toBe(201);
    const submitted = readRawJson(ctx, ticket, TicketSubmittedSchema);
    const top = present(submitted.verdict?.matches[0], "a match").articleId;
    const fb = await call("POST", `/v1/tickets/${submitted.ticket.id}/feedback`, "agent", { outcome: "resolved", articleId: top });
    expect(fb.status, fb.body).toBe(201);
    const report = await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, force: true, plan: SMALL });
    expect(report?.fittedOn.history).toBe(1);
  });

  it("a knowledge base that gives too few synthetic tickets fails once, says why, and is not retried until it changes", async () => {
    const terse = Array.from({ length: 20 }, (_, i) => ({ ...(SAMPLE[0] as (typeof SAMPLE)[number]), id: `T${i}`, title: `Fix ${i}`, problem: `Broken ${i}.` }));
    await loadEvalArticles(ctx.database, ctx.deps.embedder, terse);
    expect((await call("POST", `${PATH}/refit`, "admin")).status).toBe(202);
    expect(await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, plan: SMALL })).toBeNull();
    const state = calibration(await call("GET", PATH, "admin"));
    expect(state).toMatchObject({ state: "failed", report: null, reason: expect.stringContaining("too few examples") });
    // Not due again: the next background run does nothing (no second attempt on the same articles).
    expect(await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, plan: SMALL })).toBeNull();
    expect(thresholdsOf(await call("GET", "/v1/settings/thresholds", "admin")).isDefault).toBe(true);
  });

  it("one calibration at a time: the lease is taken once, freed on release", async () => {
    const until = new Date(Date.now() + 60_000);
    expect(await takeCalibrationLease(ctx.database.db, "a", until)).toBe(true);
    expect(await takeCalibrationLease(ctx.database.db, "b", until)).toBe(false);
    await releaseCalibrationLease(ctx.database.db, "a");
    expect(await takeCalibrationLease(ctx.database.db, "b", until)).toBe(true);
    expect(await takeCalibrationLease(ctx.database.db, "c", new Date(Date.now() + 60_000))).toBe(false);
  });

  it("the portal shows no fix for an off-topic question once calibrated, and still shows the matching one", async () => {
    await loadSample();
    const title = SAMPLE[0]?.title as string;
    await refreshCalibration(ctx.deps, { openScratch: openScratchDatabase, force: true, plan: SMALL });
    const report = present(calibration(await call("GET", PATH, "admin")).report, "the calibration report");
    expect(report.relevanceFloor).toBeGreaterThan(0);
    const offTopic = await call("POST", "/portal/api/search", undefined, { query: "which goldfish name is the funniest one for a birthday" });
    expect(offTopic.status, offTopic.body).toBe(200);
    expect(readRawJson(ctx, offTopic, PortalSearchResultSchema).results).toEqual([]);
    const matching = await call("POST", "/portal/api/search", undefined, { query: title });
    expect(readRawJson(ctx, matching, PortalSearchResultSchema).results.map((r) => r.title)).toContain(title);
  });
});
