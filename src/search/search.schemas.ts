import { z } from "@hono/zod-openapi";
import { ArticleContentSchema, ArticleFieldsSchema } from "../articles/articles.schemas.js";
import { isLanguageCode } from "../articles/language-codes.js";

const boundedText = (max: number) => z.string().trim().min(1).max(max);

export const SearchFiltersSchema = z
  .object({
    category: boundedText(200).optional(),
    product: boundedText(200).optional(),
    language: z.string().refine(isLanguageCode, "must be an ISO 639-1 code such as en, cs, fi").optional(),
    tags: z.array(boundedText(100)).max(20).optional(),
    visibility: z.enum(["internal", "public"]).optional(),
  })
  .strict()
  .openapi("SearchFilters");

export const SearchRequestSchema = z
  .object({
    query: boundedText(10_000).openapi({ example: "password reset email never arrives" }),
    filters: SearchFiltersSchema.optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict()
  .openapi("SearchRequest");

const SignalScoreSchema = z.object({ rank: z.number().int(), score: z.number() }).openapi("SignalScore");

export const ScoreBreakdownSchema = z
  .object({
    fused: z.number().openapi({ description: "Reciprocal-rank-fusion score: sum of weight / (60 + rank) over the signals that found it" }),
    vector: SignalScoreSchema.nullable().openapi({ description: "Cosine similarity of the query and article vectors (null: not among the nearest)" }),
    fts: SignalScoreSchema.nullable().openapi({ description: "Postgres full-text ts_rank of the OR-query (null: no term matched)" }),
    trigram: SignalScoreSchema.nullable().openapi({ description: "Trigram similarity of the folded query to title + problem" }),
  })
  .openapi("ScoreBreakdown");

export const SearchHitSchema = z
  .object({
    article: z.object({ id: ArticleFieldsSchema.shape.id, ...ArticleContentSchema.shape, state: ArticleFieldsSchema.shape.state }),
    snippet: z.string().openapi({ description: "Problem and fix excerpt; matched words are between « and »" }),
    scores: ScoreBreakdownSchema,
  })
  .openapi("SearchHit");

export const RetrievalInfoSchema = z
  .object({
    mode: z.enum(["hybrid", "lexical-only"]),
    modeReason: z.string().optional().openapi({ description: "Why vectors were not used, when lexical-only" }),
    embedder: z.object({
      id: z.string(),
      lexical: z.boolean().openapi({ description: "A lexical embedder (hashing) matches shared words only, not meaning across languages" }),
      crossLanguage: z.boolean(),
    }),
    queryLanguage: z.string().nullable(),
    ftsConfig: z.string(),
  })
  .openapi("RetrievalInfo");

export const SearchResponseSchema = z
  .object({
    hits: z.array(SearchHitSchema),
    retrieval: RetrievalInfoSchema,
  })
  .openapi("SearchResponse");

export type SearchRequest = z.infer<typeof SearchRequestSchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type RetrievalInfo = z.infer<typeof RetrievalInfoSchema>;
export type ScoreBreakdown = z.infer<typeof ScoreBreakdownSchema>;
