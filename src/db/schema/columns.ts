import { customType, timestamp } from "drizzle-orm/pg-core";

/**
 * A pgvector column without a fixed dimension: rows of several embedders (each with its own
 * dimension) can coexist while a re-index runs. Searches always filter on `embedder_id` and cast
 * to the active dimension, which is what the per-embedder partial HNSW index is built on.
 */
export const vectorAny = customType<{ data: number[]; driverData: string }>({
  dataType() {
    return "vector";
  },
  toDriver(value) {
    return `[${value.join(",")}]`;
  },
  fromDriver(value) {
    return JSON.parse(value) as number[];
  },
});

/** Postgres full-text vector; written by SQL (language-aware), never by the app directly. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

export const createdAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();
export const tstz = () => timestamp({ withTimezone: true, mode: "date" });
