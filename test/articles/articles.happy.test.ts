import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { ArticleListSchema, ArticleSchema, ArticleVersionListSchema, ArticleVersionSchema } from "../../src/articles/articles.schemas.js";
import { createArticle, updateArticle } from "../../src/articles/articles.service.js";
import { createTestContext, json, type TestContext } from "../support/context.js";
import { createArticleViaApi, subscribeAll } from "./helpers.js";
import { type OpenApiDoc, readJson } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("articles: create, read, list", () => {
  it("creates an article as a draft by the caller, indexed for search in the same write", async () => {
    const created = ArticleSchema.parse(await createArticleViaApi(ctx, { tags: ["PDF", "invoice", "pdf"] }));
    expect(created).toMatchObject({ state: "draft", version: 1, author: "test-expert", language: "en", tags: ["pdf", "invoice"] });
    expect(created.id).toMatch(/^art_/);

    const [indexed] = await queryRows<{ tsv: boolean; vec: number }>(
      ctx.database.db,
      sql`select a.search_tsv is not null as tsv, (select count(*)::int from article_embeddings e where e.article_id = a.id and e.embedder_id = ${ctx.deps.embedder.id}) as vec from articles a where a.id = ${created.id}`,
    );
    expect(indexed).toEqual({ tsv: true, vec: 1 });

    const res = await ctx.req("GET", `/v1/articles/${created.id}`, undefined, "expert");
    expect(res.status).toBe(200);
    expect(await readJson(res, ArticleSchema)).toEqual(created);
  });

  it("detects the language when none is given", async () => {
    const pt = await createArticleViaApi(ctx, {
      language: undefined,
      title: "Fatura em PDF aparece em branco",
      problem: "Quando abro a fatura na página de cobrança, o PDF abre mas todas as páginas estão em branco.",
      resolution: "1. Clique em Baixar em vez de Abrir.\n2. Abra o arquivo com um leitor de PDF no computador.",
    });
    expect(pt.language).toBe("pt");
  });

  it("lists with filters and an opaque cursor that pages through every match once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await createArticleViaApi(ctx, { title: `Sync error number ${i}`, tags: ["sync"], category: "Integrations & API" })).id);
    }
    await createArticleViaApi(ctx, { title: "Nastavení jednotného přihlášení", language: "cs", tags: ["sso"], category: "Account & Login" });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await ctx.req("GET", `/v1/articles?tag=sync&limit=2${cursor ? `&cursor=${cursor}` : ""}`, undefined, "expert");
      expect(res.status).toBe(200);
      const page = await readJson(res, ArticleListSchema);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const byLang = await readJson(await ctx.req("GET", "/v1/articles?language=cs", undefined, "expert"), ArticleListSchema);
    expect(byLang.items.map((a: { title: string }) => a.title)).toEqual(["Nastavení jednotného přihlášení"]);
    const byQ = await readJson(await ctx.req("GET", "/v1/articles?q=NUMBER%203", undefined, "expert"), ArticleListSchema);
    expect(byQ.items.map((a: { id: string }) => a.id)).toEqual([ids[3]]);
    const byCat = await readJson(
      await ctx.req("GET", `/v1/articles?category=${encodeURIComponent("Account & Login")}&state=draft&visibility=public`, undefined, "expert"),
      ArticleListSchema,
    );
    expect(byCat.items).toHaveLength(1);
    const none = await readJson(await ctx.req("GET", "/v1/articles?q=100%25", undefined, "expert"), ArticleListSchema);
    expect(none.items).toEqual([]);
  });
});

describe("articles: edits make versions", () => {
  it("PATCH writes a version naming the changed fields, actor and note; old versions stay readable", async () => {
    const a = await createArticleViaApi(ctx);
    const res = await ctx.req(
      "PATCH",
      `/v1/articles/${a.id}`,
      { title: "Invoice PDF is blank in the browser", tags: ["invoice", "pdf", "chrome"], note: "clearer title", expectedVersion: 1 },
      "expert",
    );
    expect(res.status).toBe(200);
    const edited = await readJson(res, ArticleSchema);
    expect(edited).toMatchObject({ version: 2, title: "Invoice PDF is blank in the browser", problem: a.problem });

    const noop = await readJson(await ctx.req("PATCH", `/v1/articles/${a.id}`, { title: "Invoice PDF is blank in the browser" }, "admin"), ArticleSchema);
    expect(noop.version).toBe(2);

    const list = await readJson(await ctx.req("GET", `/v1/articles/${a.id}/versions`, undefined, "expert"), ArticleVersionListSchema);
    expect(list.items.map((v) => v.version)).toEqual([2, 1]);
    expect(list.items[0]).toMatchObject({ changedFields: ["title", "tags"], actor: "test-expert", note: "clearer title" });
    const v1 = await readJson(await ctx.req("GET", `/v1/articles/${a.id}/versions/1`, undefined, "expert"), ArticleVersionSchema);
    expect(v1.snapshot.title).toBe(a.title);
    expect(v1.note).toBe("created");
  });

  it("services accept externalId and sourceHash for imports", async () => {
    const caller = { name: "import", role: "admin" as const };
    const a = await createArticle({
      deps: ctx.deps,
      caller,
      input: { title: "Webhook retries", problem: "Webhooks arrive twice.", resolution: "1. Deduplicate on the delivery id.", externalId: "ZD-42", sourceHash: "h1" },
    });
    expect(a).toMatchObject({ externalId: "ZD-42", sourceHash: "h1", version: 1 });
    const b = await updateArticle({ deps: ctx.deps, id: a.id, caller, input: { sourceHash: "h2", resolution: "1. Deduplicate on the X-Delivery-Id header." } });
    expect(b).toMatchObject({ sourceHash: "h2", version: 2 });
    const again = createArticle({ deps: ctx.deps, caller, input: { title: "Dup", problem: "p", resolution: "1. r", externalId: "ZD-42" } });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT", details: { externalId: "ZD-42" } });
    const [n] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from articles`);
    expect(n?.n).toBe(1);
  });

  it("documents every route in the OpenAPI document with roles and problem codes", async () => {
    const doc = await json<OpenApiDoc>(await ctx.req("GET", "/openapi.json"));
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const byId = new Map(ops.map((o) => [o.operationId, o]));
    for (const id of ["createArticle", "getArticle", "listArticles", "updateArticle", "changeArticleState", "listArticleVersions", "getArticleVersion", "resolveEscalation"]) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(byId.get("getArticle")?.["x-roles"]).toContain("portal");
    expect(byId.get("createArticle")?.["x-roles"]).toEqual(["expert", "admin"]);
    expect(byId.get("changeArticleState")?.responses).toHaveProperty("409");
    expect(byId.get("resolveEscalation")?.responses).toHaveProperty("409");
  });
});

describe("articles: KCS lifecycle", () => {
  it("draft → validated → published → validated → archived → reopened draft, each with an event and a version", async () => {
    await subscribeAll(ctx);
    const a = await createArticleViaApi(ctx);
    const steps: [Record<string, unknown>, string][] = [
      [{ state: "validated" }, "validated"],
      [{ state: "published", note: "reviewed by billing" }, "published"],
      [{ state: "validated" }, "unpublished"],
      [{ state: "archived" }, "archived"],
      [{ state: "draft", reopen: true }, "reopened"],
    ];
    let version = 1;
    for (const [body] of steps) {
      const res = await ctx.req("POST", `/v1/articles/${a.id}/state`, body, "expert");
      expect(res.status, await res.clone().text()).toBe(200);
      const after = await readJson(res, ArticleSchema);
      expect(after.state).toBe(body.state);
      expect(after.version).toBe(++version);
      if (body.state === "published") expect(after.publishedAt).toBe(ctx.clock.now().toISOString());
    }
    const events = await queryRows<{ kind: string; actor: string }>(
      ctx.database.db,
      sql`select kind, actor from article_events where article_id = ${a.id} order by created_at, id`,
    );
    expect(events.map((e) => e.kind)).toEqual(steps.map((s) => s[1]));
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set(["test-expert"]));
    const hooks = await queryRows<{ event: string; article_id: string }>(ctx.database.db, sql`select event, payload->>'articleId' as article_id from webhook_deliveries`);
    expect(hooks).toEqual([{ event: "article.published", article_id: a.id }]);
    const audits = await queryRows<{ action: string }>(ctx.database.db, sql`select action from audit_log where entity_id = ${a.id} order by created_at, id`);
    expect(audits.map((r) => r.action)).toContain("article.published");
    const versions = await readJson(await ctx.req("GET", `/v1/articles/${a.id}/versions`, undefined, "expert"), ArticleVersionListSchema);
    expect(versions.items).toHaveLength(6);
  });

  it("an expert may publish a draft directly, and create an article already published", async () => {
    const a = await createArticleViaApi(ctx);
    const res = await ctx.req("POST", `/v1/articles/${a.id}/state`, { state: "published" }, "expert");
    expect((await readJson(res, ArticleSchema)).state).toBe("published");
    const b = await createArticleViaApi(ctx, { state: "published" });
    expect(b.publishedAt).toBe(ctx.clock.now().toISOString());
    const agentView = await ctx.req("GET", `/v1/articles/${b.id}`, undefined, "agent");
    expect(agentView.status).toBe(200);
  });
});
