import { z } from "@hono/zod-openapi";
import { escalationStatuses } from "../db/schema/index.js";
import { ArticleSchema, ArticleStateSchema, articleFieldSchemas as f, VisibilitySchema } from "./articles.schemas.js";

export const ResolveBodySchema = z
  .strictObject({
    rootCause: f.longText.optional().openapi({ description: "Why it happened; required unless linkArticleId is given" }),
    resolution: f.longText.optional().openapi({ description: "Numbered steps; required unless linkArticleId is given" }),
    visibility: VisibilitySchema.optional().openapi({ description: "Required unless linkArticleId is given" }),
    title: f.title.optional().openapi({ description: "Defaults to the ticket subject or its first sentence" }),
    category: f.label.optional(),
    product: f.label.optional(),
    tags: f.tags.optional(),
    language: f.language.optional().openapi({ description: "Defaults to the ticket language, else detected" }),
    publish: z.boolean().optional().openapi({ description: "Publish the new article at once (experts and admins only)" }),
    linkArticleId: z.string().min(1).max(200).optional().openapi({ description: "Resolve with this existing article instead of writing a new one" }),
    note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  })
  .superRefine((b, ctx) => {
    if (b.linkArticleId !== undefined) {
      for (const field of ["rootCause", "resolution", "visibility", "title", "category", "product", "tags", "language", "publish"] as const) {
        if (b[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: "not allowed with linkArticleId: the linked article is used as it is" });
      }
      return;
    }
    for (const field of ["rootCause", "resolution", "visibility"] as const) {
      if (b[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "required unless linkArticleId is given" });
    }
  })
  .openapi("ResolveEscalation");
export type ResolveInput = z.output<typeof ResolveBodySchema>;

export const PossibleDuplicateSchema = z
  .object({
    articleId: z.string(),
    title: z.string(),
    state: ArticleStateSchema,
    visibility: VisibilitySchema,
    score: z.number().openapi({ description: "0.7 × vector similarity + 0.3 × title trigram similarity" }),
    vectorSimilarity: z.number().openapi({ description: "Cosine similarity of the passage vectors (active embedder)" }),
    titleSimilarity: z.number().openapi({ description: "pg_trgm similarity of the accent-folded titles" }),
  })
  .openapi("PossibleDuplicate");
export type PossibleDuplicate = z.infer<typeof PossibleDuplicateSchema>;

export const ResolveResultSchema = z
  .object({
    escalation: z.object({
      id: z.string(),
      ticketId: z.string(),
      status: z.enum(escalationStatuses),
      resolvedAt: z.string(),
      resolutionArticleId: z.string(),
    }),
    article: ArticleSchema,
    linked: z.boolean().openapi({ description: "True when an existing article was linked instead of a new one written" }),
    possibleDuplicates: z.array(PossibleDuplicateSchema),
    duplicateThreshold: z.number().openapi({ description: "Minimum score for a possible duplicate with the active embedder" }),
  })
  .openapi("ResolveResult");

export const EscalationIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "esc_01jq3v7x4bf9stq0v9d0m9n1ke" }),
});
