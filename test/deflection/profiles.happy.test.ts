import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MODEL, E5_SMALL_MODEL } from "../../src/deflection/default-model.js";
import { loadModel, loadThresholds, MODEL_KEY } from "../../src/deflection/policy.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readJson } from "../support/api.js";
import { SettingsOverview } from "../../src/deflection/settings.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const e5 = { id: "transformers:dir/e5@0123456789:q8:384", family: "intfloat/multilingual-e5-small" };

describe("the confidence model in force follows the serving embedder's family", () => {
  it("serves each family its shipped profile when nothing is calibrated", async () => {
    expect(await loadModel(ctx.database.db, ctx.deps.embedder)).toBe(DEFAULT_MODEL);
    expect(await loadModel(ctx.database.db, e5)).toBe(E5_SMALL_MODEL);
    expect((await loadThresholds(ctx.database.db, e5)).answer.api).toBe(E5_SMALL_MODEL.thresholds.answerAgent);
  });

  it("serves a calibrated model only while its family serves", async () => {
    const calibrated = { ...DEFAULT_MODEL, source: "calibrate test", family: "multilingual-e5-small", bias: 3 };
    await putSetting(ctx.database.db, MODEL_KEY, calibrated, "test");
    expect((await loadModel(ctx.database.db, e5)).source).toBe("calibrate test");
    expect(await loadModel(ctx.database.db, ctx.deps.embedder)).toBe(DEFAULT_MODEL);
  });

  it("says which profile serves in GET /v1/settings", async () => {
    const res = await ctx.req("GET", "/v1/settings", undefined, "admin");
    expect(res.status).toBe(200);
    const body = await readJson(res, SettingsOverview);
    expect(body.embedder).toMatchObject({ family: "hashing", lexical: true });
    expect(body.deflection.profile).toEqual({ embedderFamily: "hashing", shipped: "hashing", exact: true });
    expect(body.deflection.model.family).toBe("hashing");
    expect((await ctx.req("GET", "/v1/settings", undefined, "agent")).status).toBe(403);
  });
});
