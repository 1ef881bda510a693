import { AGENT_UP, EVERYONE, EXPERT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { toArticleDto, toVersionDto } from "./articles.present.js";
import {
  ArticleIdParamSchema,
  ArticleListSchema,
  ArticleSchema,
  ArticleVersionListSchema,
  ArticleVersionSchema,
  ChangeStateBodySchema,
  CreateArticleBodySchema,
  ListArticlesQuerySchema,
  UpdateArticleBodySchema,
  VersionParamSchema,
} from "./articles.schemas.js";
import { createArticle, getArticle, getVersion, listArticles, listVersions, updateArticle } from "./articles.service.js";
import { changeArticleState } from "./articles.state.js";

const tags = ["Articles"];

const createRoute = defineRoute({
  method: "post",
  path: "/v1/articles",
  operationId: "createArticle",
  tags,
  summary: "Create a knowledge-base article (draft unless a state is given)",
  roles: EXPERT_UP,
  request: { body: jsonBody(CreateArticleBodySchema) },
  responses: { 201: jsonContent(ArticleSchema, "The article, version 1, indexed for search") },
  errors: { 503: "EMBEDDER_BUSY or EMBEDDER_UNAVAILABLE: the text could not be embedded, nothing was written" },
});

const getRoute = defineRoute({
  method: "get",
  path: "/v1/articles/{id}",
  operationId: "getArticle",
  tags,
  summary: "Read one article the caller may see",
  description:
    "Portal: public published articles; agents: published and validated; experts: all. Anything else is 404. Without a key: rate-limited per client address, with the portal API (429 RATE_LIMITED, Retry-After).",
  roles: EVERYONE,
  request: { params: ArticleIdParamSchema },
  responses: { 200: jsonContent(ArticleSchema, "The article") },
  errors: { 404: "NOT_FOUND" },
});

const listRoute = defineRoute({
  method: "get",
  path: "/v1/articles",
  operationId: "listArticles",
  tags,
  summary: "List articles the caller may see, newest first, with filters and cursor pagination",
  description: "Without a key: public published articles only, rate-limited per client address with the portal API (429 RATE_LIMITED, Retry-After).",
  roles: EVERYONE,
  request: { query: ListArticlesQuerySchema },
  responses: { 200: jsonContent(ArticleListSchema, "One page; pass nextCursor as cursor for the next") },
});

const updateRoute = defineRoute({
  method: "patch",
  path: "/v1/articles/{id}",
  operationId: "updateArticle",
  tags,
  summary: "Edit an article; every edit makes a new version",
  roles: EXPERT_UP,
  request: { params: ArticleIdParamSchema, body: jsonBody(UpdateArticleBodySchema) },
  responses: { 200: jsonContent(ArticleSchema, "The article after the edit") },
  errors: {
    404: "NOT_FOUND",
    409: "CONFLICT: expectedVersion is not the current version",
    503: "EMBEDDER_BUSY or EMBEDDER_UNAVAILABLE: the text could not be embedded, nothing was written",
  },
});

const stateRoute = defineRoute({
  method: "post",
  path: "/v1/articles/{id}/state",
  operationId: "changeArticleState",
  tags,
  summary: "Move an article through the KCS lifecycle",
  description:
    "draft → validated | published | archived; validated → published | draft | archived; published → validated (unpublish) | archived; archived → draft only with reopen: true.",
  roles: EXPERT_UP,
  request: { params: ArticleIdParamSchema, body: jsonBody(ChangeStateBodySchema) },
  responses: { 200: jsonContent(ArticleSchema, "The article in its new state") },
  errors: { 404: "NOT_FOUND", 409: "INVALID_STATE_TRANSITION (with `allowed`) or CONFLICT (expectedVersion)" },
});

const versionsRoute = defineRoute({
  method: "get",
  path: "/v1/articles/{id}/versions",
  operationId: "listArticleVersions",
  tags,
  summary: "Version history of an article, newest first",
  roles: AGENT_UP,
  request: { params: ArticleIdParamSchema },
  responses: { 200: jsonContent(ArticleVersionListSchema, "Every version with who, when, what changed and a snapshot") },
  errors: { 404: "NOT_FOUND" },
});

const versionRoute = defineRoute({
  method: "get",
  path: "/v1/articles/{id}/versions/{version}",
  operationId: "getArticleVersion",
  tags,
  summary: "One version of an article",
  roles: AGENT_UP,
  request: { params: VersionParamSchema },
  responses: { 200: jsonContent(ArticleVersionSchema, "The version") },
  errors: { 404: "NOT_FOUND" },
});

export function registerArticleRoutes(app: App): void {
  app.openapi(createRoute, async (c) => {
    const article = await createArticle({ deps: c.var.deps, input: c.req.valid("json"), caller: c.var.caller });
    return c.json(toArticleDto(article, c.var.caller.role), 201);
  });

  app.openapi(getRoute, async (c) => {
    const article = await getArticle(c.var.deps.database.db, c.req.valid("param").id, c.var.caller.role);
    return c.json(toArticleDto(article, c.var.caller.role), 200);
  });

  app.openapi(listRoute, async (c) => {
    const page = await listArticles(c.var.deps.database.db, c.var.caller.role, c.req.valid("query"));
    return c.json({ items: page.items.map((a) => toArticleDto(a, c.var.caller.role)), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(updateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const article = await updateArticle({ deps: c.var.deps, id, input: c.req.valid("json"), caller: c.var.caller });
    return c.json(toArticleDto(article, c.var.caller.role), 200);
  });

  app.openapi(stateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const article = await changeArticleState({ deps: c.var.deps, id, input: c.req.valid("json"), caller: c.var.caller });
    return c.json(toArticleDto(article, c.var.caller.role), 200);
  });

  app.openapi(versionsRoute, async (c) => {
    const versions = await listVersions(c.var.deps.database.db, c.req.valid("param").id, c.var.caller.role);
    return c.json({ items: versions.map(toVersionDto) }, 200);
  });

  app.openapi(versionRoute, async (c) => {
    const { id, version } = c.req.valid("param");
    return c.json(toVersionDto(await getVersion(c.var.deps.database.db, id, version, c.var.caller.role)), 200);
  });
}
