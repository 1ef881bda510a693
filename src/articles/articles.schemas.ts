import { z } from "@hono/zod-openapi";
import { PG_INTEGER_MAX } from "../db/limits.js";
import { articleStates, visibilities } from "../db/schema/index.js";
import { isLanguageCode } from "./language-codes.js";

/** Longest accepted text field: a long article is ~5,000 characters; 20,000 leaves room, 100 kB does not. */
export const MAX_TEXT = 20_000;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 64;

const longText = z.string().trim().min(1, "must not be empty").max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
const optionalText = z.string().trim().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
const title = z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");
const label = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const language = z.string().trim().toLowerCase().refine(isLanguageCode, "must be an ISO 639-1 language code such as en, cs, fi, pt, de, es").openapi({ example: "en" });
const tags = z
  .array(z.string().trim().toLowerCase().min(1, "must not be empty").max(MAX_TAG_LENGTH, `must be at most ${MAX_TAG_LENGTH} characters`))
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
  .transform((list) => [...new Set(list)]);

/** Field rules shared with other article-writing bodies (capture), so limits are stated once. */
export const articleFieldSchemas = { longText, title, label, language, tags };

export const VisibilitySchema = z.enum(visibilities);
export const ArticleStateSchema = z.enum(articleStates);

/** The editable fields, as a client sends them. Unknown keys are refused so a typo is not lost silently. */
const editable = {
  title,
  problem: longText.openapi({ description: "Symptoms as customers describe them" }),
  rootCause: optionalText.optional(),
  resolution: longText.openapi({ description: "Numbered steps, one per line" }),
  language: language.optional().openapi({ description: "ISO 639-1; detected from the text when absent" }),
  category: label.nullable().optional(),
  product: label.nullable().optional(),
  tags: tags.optional(),
  visibility: VisibilitySchema.optional().openapi({ description: "Defaults to internal" }),
};

export const CreateArticleBodySchema = z
  .strictObject({
    ...editable,
    state: z.enum(["draft", "validated", "published"]).optional().openapi({ description: "Defaults to draft" }),
  })
  .openapi("CreateArticle");

/** What services accept: the public fields plus the links set by capture and import. */
export const ArticleInputSchema = CreateArticleBodySchema.extend({
  sourceEscalationId: z.string().min(1).max(200).nullable().optional(),
  sourceTicketId: z.string().min(1).max(200).nullable().optional(),
  externalId: z.string().trim().min(1).max(500).nullable().optional(),
  sourceHash: z.string().min(1).max(200).nullable().optional(),
});
/** Parsed article input (services take it typed; routes, capture and imports parse at their edge). */
export type ArticleInput = z.output<typeof ArticleInputSchema>;

const patchFields = {
  title: editable.title.optional(),
  problem: editable.problem.optional(),
  resolution: editable.resolution.optional(),
  rootCause: editable.rootCause,
  language: editable.language,
  category: editable.category,
  product: editable.product,
  tags: editable.tags,
  visibility: editable.visibility,
};
const patchMeta = {
  note: z.string().trim().max(2000, "must be at most 2000 characters").optional().openapi({ description: "Why this edit was made" }),
  expectedVersion: z.number().int().min(1).max(PG_INTEGER_MAX).optional().openapi({ description: "Refuse with 409 CONFLICT unless the article is at this version" }),
};

export const UpdateArticleBodySchema = z
  .strictObject({ ...patchFields, ...patchMeta })
  .refine((b) => Object.keys(patchFields).some((k) => (b as Record<string, unknown>)[k] !== undefined), {
    message: "at least one article field must be given",
  })
  .openapi("UpdateArticle");

export const ArticleUpdateInputSchema = z.strictObject({
  ...patchFields,
  ...patchMeta,
  externalId: z.string().trim().min(1).max(500).nullable().optional(),
  sourceHash: z.string().min(1).max(200).nullable().optional(),
});
export type ArticleUpdateInput = z.output<typeof ArticleUpdateInputSchema>;

export const ChangeStateBodySchema = z
  .strictObject({
    state: ArticleStateSchema,
    note: patchMeta.note,
    reopen: z.boolean().optional().openapi({ description: "Required to move an archived article back to draft" }),
    expectedVersion: patchMeta.expectedVersion,
  })
  .openapi("ChangeArticleState");
export type ChangeStateInput = z.output<typeof ChangeStateBodySchema>;

/**
 * The article, field by field, as stored and served: the one place its fields are written. The
 * API's Article, search hits, the portal's article, import rows and the indexer's input pick
 * from it, and the table's row type is checked against it (articles.queries.ts).
 */
export const ArticleFieldsSchema = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string(),
  rootCause: z.string(),
  resolution: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  product: z.string().nullable(),
  tags: z.array(z.string()),
  visibility: VisibilitySchema,
  state: ArticleStateSchema,
  author: z.string().nullable(),
  sourceEscalationId: z.string().nullable(),
  sourceTicketId: z.string().nullable(),
  externalId: z.string().nullable(),
  version: z.number().int(),
  reviewFlaggedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ArticleFields = z.infer<typeof ArticleFieldsSchema>;

/** What an author writes: the content a version snapshot keeps and an import row fills. */
export const ArticleContentSchema = ArticleFieldsSchema.pick({
  title: true,
  problem: true,
  rootCause: true,
  resolution: true,
  language: true,
  category: true,
  product: true,
  tags: true,
  visibility: true,
});
export type ArticleContent = z.infer<typeof ArticleContentSchema>;
export const ARTICLE_CONTENT_FIELDS = ArticleContentSchema.keyof().options;

/** What search and the indexer read of an article: its id and content, without visibility. */
export type IndexableArticle = Pick<ArticleFields, "id"> & Omit<ArticleContent, "visibility">;

export const ArticleSchema = ArticleFieldsSchema.extend({
  id: ArticleFieldsSchema.shape.id.openapi({ example: "art_01jq3v7x4bf9stq0v9d0m9n1ke" }),
}).openapi("Article");
export type ArticleDto = z.infer<typeof ArticleSchema>;

export const ArticleListSchema = z.object({ items: z.array(ArticleSchema), nextCursor: z.string().nullable() }).openapi("ArticleList");

export const ListArticlesQuerySchema = z.object({
  state: ArticleStateSchema.optional(),
  visibility: VisibilitySchema.optional(),
  category: z.string().trim().min(1).max(200).optional(),
  product: z.string().trim().min(1).max(200).optional(),
  language: language.optional(),
  tag: z.string().trim().toLowerCase().min(1).max(MAX_TAG_LENGTH).optional(),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: "Title contains (case-insensitive)" }),
  cursor: z.string().min(1).max(200).optional().openapi({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListArticlesQuery = z.infer<typeof ListArticlesQuerySchema>;

export const ArticleVersionSchema = z
  .object({
    articleId: z.string(),
    version: z.number().int(),
    snapshot: z.record(z.string(), z.unknown()),
    changedFields: z.array(z.string()),
    actor: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ArticleVersion");

export const ArticleVersionListSchema = z.object({ items: z.array(ArticleVersionSchema) }).openapi("ArticleVersionList");

export const ArticleIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "art_01jq3v7x4bf9stq0v9d0m9n1ke" }),
});
export const VersionParamSchema = ArticleIdParamSchema.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(PG_INTEGER_MAX)
    .openapi({ param: { name: "version", in: "path" }, example: 2 }),
});
