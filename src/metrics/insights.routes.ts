import { z } from "@hono/zod-openapi";
import { AGENT_UP, EXPERT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { findContentGaps } from "./gaps.service.js";
import { listImpact } from "./impact.service.js";

const instant = z.iso.datetime({ offset: true });

export const ArticleImpactSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    state: z.string(),
    visibility: z.string(),
    language: z.string(),
    reused: z.number().int().openapi({ description: "Tickets answered or suggested with it (top match), or with feedback naming it." }),
    confirmedHelpful: z.number().int().openapi({ description: "Reuses whose latest feedback says resolved and that did not bounce." }),
    failed: z.number().int().openapi({ description: "Reuses rated not_resolved, or re-opened/escalated within the window after the answer." }),
    escalationsAvoided: z.number().int().openapi({ description: "Reuses not re-opened or escalated within the window and not rated not_resolved." }),
    failureRatio: z.number(),
    impact: z.number().int().openapi({ description: "escalationsAvoided + confirmedHelpful − failed." }),
    review: z.object({ flaggedAt: z.string(), reason: z.string().nullable() }).nullable(),
  })
  .openapi("ArticleImpact");

/** GET /v1/insights/articles */
export const ArticleImpactPageSchema = z
  .object({ sort: z.string(), windowHours: z.number(), items: z.array(ArticleImpactSchema), nextCursor: z.string().nullable() })
  .openapi("ArticleImpactPage");

const impactRoute = defineRoute({
  method: "get",
  path: "/v1/insights/articles",
  operationId: "listArticleImpact",
  tags: ["Metrics"],
  summary: "Per-article reuse, confirmed help, failures and escalations avoided, ranked",
  description: "Only articles the caller may see (agents: published and validated) that were reused at least once.",
  roles: AGENT_UP,
  request: {
    query: z.object({
      sort: z.enum(["impact", "reused", "failed", "failureRatio"]).default("impact"),
      limit: z.coerce.number().int().min(1).max(200).default(20),
      cursor: z.string().max(500).optional(),
      from: instant.optional().openapi({ description: "Only tickets created at or after this instant." }),
      to: instant.optional(),
      window: z.coerce
        .number()
        .min(0)
        .max(24 * 90)
        .optional()
        .openapi({ description: "Window in hours (default DEFLECTION_WINDOW_HOURS)." }),
    }),
  },
  responses: {
    200: jsonContent(ArticleImpactPageSchema, "A page of articles"),
  },
});

export const GapTopicSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    terms: z.array(z.string()),
    size: z.number().int(),
    previousSize: z.number().int(),
    trend: z.enum(["new", "rising", "steady", "falling"]),
    changePercent: z.number().nullable(),
    languages: z.record(z.string(), z.number()),
    examples: z.array(z.object({ ticketId: z.string(), text: z.string(), language: z.string().nullable(), createdAt: z.string() })),
    ticketIds: z.array(z.string()),
  })
  .openapi("GapTopic");

/** GET /v1/insights/gaps */
export const ContentGapsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    embedderId: z.string(),
    minSimilarity: z.number(),
    minSize: z.number(),
    considered: z.number().int(),
    unembedded: z.number().int(),
    truncated: z.boolean(),
    topics: z.array(GapTopicSchema),
  })
  .openapi("ContentGaps");

const gapsRoute = defineRoute({
  method: "get",
  path: "/v1/insights/gaps",
  operationId: "listContentGaps",
  tags: ["Metrics"],
  summary: "Topics of escalated tickets that matched no article: what to write next",
  description:
    "Escalated tickets with no matching article (functional escalations, or no top article) are clustered by their stored query vectors (active embedder only): average-linkage agglomerative clustering on cosine similarity, cut at `minSimilarity` (default 0.3 for the lexical hashing embedder, 0.82 for semantic models). Deterministic for the same data. Trend compares with the equal period before `from`.",
  roles: EXPERT_UP,
  request: {
    query: z.object({
      from: instant.optional().openapi({ description: "Default: `to` − 30 days." }),
      to: instant.optional().openapi({ description: "Default: now." }),
      minSize: z.coerce.number().int().min(1).max(1000).default(2),
      minSimilarity: z.coerce.number().min(0).max(1).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: jsonContent(ContentGapsSchema, "Gap topics, largest first"),
  },
});

export function registerInsightRoutes(app: App): void {
  app.openapi(impactRoute, async (c) => {
    const page = await listImpact({ deps: c.var.deps, input: c.req.valid("query"), caller: c.var.caller });
    return c.json(page, 200);
  });
  app.openapi(gapsRoute, async (c) => {
    const gaps = await findContentGaps({ deps: c.var.deps, input: c.req.valid("query") });
    return c.json(gaps, 200);
  });
}
