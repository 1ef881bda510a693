import ipaddr from "ipaddr.js";
import { z } from "zod";

/** Booleans from the environment: only explicit words count, so a typo is an error, not `false`. */
const envBoolean = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])]).transform((v) => v === true || v === "true" || v === "1" || v === "yes");

const csv = z.string().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Real Postgres server; absent means the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Database pool size for postgres.js. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Embedded database (PGlite) only, which runs one query at a time: requests on the ticket,
   * search and portal routes that may use it at once; more wait (PGLITE_QUEUE_MAX at most, for
   * PGLITE_WAIT_MS at most), beyond that 503 OVERLOADED with Retry-After.
   */
  PGLITE_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  PGLITE_QUEUE_MAX: z.coerce.number().int().min(0).max(10_000).default(32),
  PGLITE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(1_500),
  /**
   * How often an instance asks the database whether settings, signal phrases, templates, the
   * escalation matrix or teams changed (one tiny query); it keeps them in memory in between.
   * Its own changes apply at once; another replica's within this many ms. 0 asks on every use.
   */
  SETTINGS_CHECK_MS: z.coerce.number().int().min(0).max(3_600_000).default(1_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(256 * 1024),
  /** Imports stream larger bodies; this bounds one import request. */
  IMPORT_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),

  // Embeddings
  EMBEDDER: z.enum(["transformers", "hashing", "http"]).default("transformers"),
  EMBEDDING_MODEL: z.string().min(1).default("Xenova/multilingual-e5-small"),
  /** Local folder with config.json, tokenizer.json and onnx/…: nothing is fetched when set. */
  MODEL_DIR: z.string().min(1).optional(),
  /**
   * The model hub to download from (a Hugging Face mirror inside a company network, for instance);
   * files are fetched from `<MODEL_HUB_URL><model>/resolve/main/…`.
   */
  MODEL_HUB_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .transform((u) => (u.endsWith("/") ? u : `${u}/`))
    .default("https://huggingface.co/"),
  /** Where hub downloads are cached; default `<DATA_DIR>/models`. */
  MODEL_CACHE_DIR: z.string().min(1).optional(),
  EMBEDDING_QUANTIZED: envBoolean.default(true),
  /** Fall back to the offline hashing embedder when the model cannot be loaded. */
  EMBEDDER_FALLBACK: envBoolean.default(true),
  EMBED_QUEUE_MAX: z.coerce.number().int().min(1).max(10_000).default(64),
  EMBED_BATCH_SIZE: z.coerce.number().int().min(1).max(256).default(16),
  HASHING_DIMENSIONS: z.coerce.number().int().min(16).max(4096).default(384),
  EMBEDDINGS_URL: z.string().url().optional(),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  /** For EMBEDDER=http: the model id the remote side must report (never mix vector spaces). */
  EMBEDDINGS_MODEL_ID: z.string().min(1).optional(),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  REINDEX_ON_START: envBoolean.default(true),
  /**
   * How long search trusts "every article has a vector of the active embedder" once it was true
   * (checking costs a scan of the knowledge base). 0 checks on every search.
   */
  VECTOR_READY_CACHE_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * HNSW graph search breadth per vector query (pgvector `hnsw.ef_search`, set for that query
   * only); never below the candidates the query asks for. Default from `npm run bench`'s sweep.
   */
  HNSW_EF_SEARCH: z.coerce.number().int().min(1).max(1000).default(100),
  /**
   * pgvector 0.8 iterative index scan: when the visibility filter drops rows the graph found,
   * `relaxed_order`/`strict_order` keep scanning until enough pass; `off` may return fewer.
   */
  HNSW_ITERATIVE_SCAN: z.enum(["off", "relaxed_order", "strict_order"]).default("relaxed_order"),
  /** HNSW build parameters (pgvector `m`, `ef_construction`); a change rebuilds the index on start. */
  HNSW_M: z.coerce.number().int().min(2).max(100).default(16),
  HNSW_EF_CONSTRUCTION: z.coerce.number().int().min(4).max(1000).default(64),

  /**
   * `auto`: on start, load the sample knowledge base (seed/sample-articles.jsonl, published) into
   * an embedded database that has no articles yet, so a first `npm start` can answer a ticket.
   * Never with DATABASE_URL. `off`: start empty. Loading it later: `npm run seed`.
   */
  SAMPLE_DATA: z.enum(["auto", "off"]).default("auto"),
  /**
   * `file`: the first start on a database that has never had an API key makes an admin key and
   * writes it to `<DATA_DIR>/admin-key` (owner-only), logging where it is. `off`: make none
   * (`npm run keys -- create --role admin …` then makes the first one).
   */
  FIRST_ADMIN_KEY: z.enum(["file", "off"]).default("file"),

  // Deflection
  /** Repeat contact: earlier tickets of the same customer (customerRef) on the same topic within this many hours raise the frustration level. */
  REPEAT_WINDOW_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .default(168),
  /** Earlier same-topic contacts within the window at which the customer needs a human (hierarchical); 0 never. */
  REPEAT_ESCALATE_AFTER: z.coerce.number().int().min(0).max(100).default(3),
  /**
   * Self-calibration: fit the confidence model and choose the answer threshold from the knowledge
   * base itself, in the background, from 20 articles on, and again after
   * CALIBRATION_REFIT_CHANGES article changes or a switch of embedder (GET /v1/deflection/calibration).
   */
  SELF_CALIBRATION: envBoolean.default(true),
  /** Wrong-answer rate the answer threshold holds (risk control); admins can change it at PUT /v1/deflection/calibration/target. */
  DEFLECTION_TARGET_WRONG_RATE: z.coerce.number().min(0.001).max(0.5).default(0.05),
  /** Article changes (created, edited, removed) after which self-calibration refits. */
  CALIBRATION_REFIT_CHANGES: z.coerce.number().int().min(1).default(20),
  /** Hours after an answer within which a re-open or escalation means "not deflected". */
  DEFLECTION_WINDOW_HOURS: z.coerce.number().min(0).default(72),

  // Escalations / background work
  SLA_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  WEBHOOK_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /**
   * Webhooks go to public addresses only. On-premise receivers are allowed explicitly: host names
   * or IPs (as in the URL) whatever they resolve to, and CIDRs any host may resolve into.
   */
  WEBHOOK_ALLOWED_HOSTS: csv.pipe(z.array(z.string().regex(/^[^\s/?#@]+$/, "a host name or IP address, without scheme, port or path"))).default([]),
  WEBHOOK_ALLOW_PRIVATE_CIDRS: csv.pipe(z.array(z.string().refine((c) => ipaddr.isValidCIDR(c), "a CIDR such as 10.20.0.0/16 or fd00::/8"))).default([]),
  BACKGROUND_WORKERS: envBoolean.default(true),

  // Access and portal
  PORTAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Invalid or revoked keys per client address and minute before keyed requests get 429. */
  AUTH_FAILURE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  CORS_ORIGINS: csv.default([]),
  /** Trust X-Forwarded-For for the client address (only behind a proxy you control). */
  TRUST_PROXY: envBoolean.default(false),
  /**
   * Bearer token for GET /metrics (Prometheus scrapes without a Deflect key): when set, only this
   * token opens /metrics; unset, admin API keys do. At least 16 characters.
   */
  METRICS_TOKEN: z.string().min(16, "at least 16 characters (e.g. openssl rand -hex 24)").optional(),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, "MODEL_CACHE_DIR"> & { MODEL_CACHE_DIR: string };

export class ConfigError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.field}: ${i.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses settings from a plain record (process.env, a Workers env, a test object).
 * Empty strings count as unset, so `DATABASE_URL=` in a .env file means "embedded".
 * Throws ConfigError listing every bad field, never only the first.
 */
export function loadConfig(raw: Record<string, unknown>): Config {
  const cleaned: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = raw[key];
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(root)", message: i.message })));
  }
  // pgvector refuses to build an index with ef_construction below twice m.
  if (parsed.data.HNSW_EF_CONSTRUCTION < 2 * parsed.data.HNSW_M) {
    throw new ConfigError([{ field: "HNSW_EF_CONSTRUCTION", message: `must be at least 2 × HNSW_M (${2 * parsed.data.HNSW_M})` }]);
  }
  return { ...parsed.data, MODEL_CACHE_DIR: parsed.data.MODEL_CACHE_DIR ?? `${parsed.data.DATA_DIR.replace(/\/+$/, "")}/models` };
}
