import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { TransformersEmbedder } from "../../src/embeddings/transformers.js";
import { createLogger } from "../../src/logger.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { makeModelDir } from "../embeddings/support.js";
import { createTestContext, testConfig, type TestContext } from "../support/context.js";
import { createArticleViaApi, insertEscalation } from "./helpers.js";
import { readJson, present } from "../support/api.js";
import { ResolveResultSchema } from "../../src/articles/capture.schemas.js";

/**
 * Capture through the real transformers.js pipeline (the generated test model, 64 dimensions):
 * the article's vector is written by that embedder and duplicates are ranked with its vectors,
 * through the dimension cast of vectorDistance.
 */
let ctx: TestContext;
let embedder: TransformersEmbedder;
beforeAll(async () => {
  const overrides = { EMBEDDER: "transformers", MODEL_DIR: makeModelDir() };
  embedder = new TransformersEmbedder(testConfig(overrides), createLogger("silent"));
  await embedder.ready();
  ctx = await createTestContext({ embedder, config: overrides });
});
afterAll(async () => {
  await ctx.close();
  await embedder.close?.();
});
beforeEach(async () => ctx.reset());

describe("capture with the model embedder", () => {
  it("indexes the captured article with the model and ranks the same fix first among duplicates", async () => {
    const fix = {
      rootCause: "The SAML signing certificate was renewed in the identity provider but not in the workspace.",
      resolution: "1. Download the new certificate from the identity provider.\n2. Upload it under Settings > SSO.\n3. Sign in again.",
      visibility: "public",
    };
    const same = await createArticleViaApi(ctx, {
      title: "SSO login loops after certificate renewal",
      problem: "After the IdP certificate renewal users bounce back to the login page.",
      ...fix,
      state: "published",
    });
    const other = await createArticleViaApi(ctx, {
      title: "Invoice sent to the wrong contact",
      problem: "The monthly invoice e-mail goes to a former employee.",
      rootCause: "The billing contact was never updated.",
      resolution: "1. Open Billing > Contacts.\n2. Change the invoice recipient.",
      visibility: "public",
      state: "published",
    });
    await putSetting(ctx.database.db, "capture.duplicateThreshold", 0);
    const { escalationId } = await insertEscalation(ctx, {
      subject: "SSO keeps looping after certificate renewal",
      cleanText: "Since we renewed the certificate, SSO sends everyone back to the login page.",
    });
    const res = await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, fix, "expert");
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await readJson(res, ResolveResultSchema);

    const [vec] = await queryRows<{ embedder_id: string; dims: number }>(
      ctx.database.db,
      sql`select embedder_id, dims from article_embeddings where article_id = ${body.article.id}`,
    );
    expect(vec).toEqual({ embedder_id: embedder.id, dims: embedder.dims });
    const ids = body.possibleDuplicates.map((d: { articleId: string }) => d.articleId);
    expect(ids[0]).toBe(same.id);
    expect(ids).toContain(other.id);
    expect(body.possibleDuplicates[0]?.vectorSimilarity).toBeGreaterThan(present(body.possibleDuplicates[1], "a second duplicate").vectorSimilarity);
  });
});
