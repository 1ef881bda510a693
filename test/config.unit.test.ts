import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("applies defaults: embedded database, transformers embedder with fallback", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe("./data");
    expect(config.PORT).toBe(3000);
    expect(config.EMBEDDER).toBe("transformers");
    expect(config.EMBEDDING_MODEL).toBe("Xenova/multilingual-e5-small");
    expect(config.EMBEDDER_FALLBACK).toBe(true);
    expect(config.MODEL_CACHE_DIR).toBe("./data/models");
    expect(config.SAMPLE_DATA).toBe("auto");
  });

  it("keeps the model cache inside DATA_DIR unless MODEL_CACHE_DIR is set", () => {
    expect(loadConfig({ DATA_DIR: "/var/lib/deflect/" }).MODEL_CACHE_DIR).toBe("/var/lib/deflect/models");
    expect(loadConfig({ DATA_DIR: "/x", MODEL_CACHE_DIR: "/models" }).MODEL_CACHE_DIR).toBe("/models");
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("lists every bad field at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "not a url", LOG_LEVEL: "loud", EMBEDDER: "magic", BACKGROUND_WORKERS: "maybe" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).issues.map((i) => i.field).sort();
    expect(fields).toEqual(["BACKGROUND_WORKERS", "DATABASE_URL", "EMBEDDER", "LOG_LEVEL", "PORT"]);
    expect((error as ConfigError).message).toContain("PORT");
  });

  it("parses lists and booleans", () => {
    const config = loadConfig({ CORS_ORIGINS: "https://a.example, https://b.example", TRUST_PROXY: "yes" });
    expect(config.CORS_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
    expect(config.TRUST_PROXY).toBe(true);
  });
});
