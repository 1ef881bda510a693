import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Config } from "../config.js";

/** A model load failure whose cause is already known: what went wrong and what to set. */
export class ModelLoadError extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
    this.name = "ModelLoadError";
  }
}

/** Where the model comes from: a local folder (nothing fetched) or the Hugging Face hub + cache. */
export type ModelSource = { kind: "dir"; dir: string; root: string; name: string } | { kind: "hub"; model: string; cacheDir: string };

export function modelSource(config: Config): ModelSource {
  if (config.MODEL_DIR) {
    const dir = resolve(config.MODEL_DIR);
    return { kind: "dir", dir, root: dirname(dir), name: basename(dir) };
  }
  return { kind: "hub", model: config.EMBEDDING_MODEL, cacheDir: resolve(config.MODEL_CACHE_DIR) };
}

/** The files transformers.js reads for a feature-extraction model, relative to the model folder. */
export function requiredModelFiles(quantized: boolean): string[] {
  return ["config.json", "tokenizer.json", "tokenizer_config.json", quantized ? "onnx/model_quantized.onnx" : "onnx/model.onnx"];
}

const SET_DIR_FIX = (dir: string) =>
  `MODEL_DIR must hold config.json, tokenizer.json, tokenizer_config.json and onnx/model_quantized.onnx ` +
  `(onnx/model.onnx with EMBEDDING_QUANTIZED=false), as in the Xenova/multilingual-e5-small repository; ` +
  `copy the missing files into ${dir} or unset MODEL_DIR to download the model`;

/**
 * Checks a MODEL_DIR before loading, so a broken install names the exact file: missing folder,
 * missing file, unreadable JSON, empty ONNX. Throws ModelLoadError; returns silently when usable.
 */
export function checkModelDir(dir: string, quantized: boolean): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelLoadError(`MODEL_DIR ${dir} does not exist or is not a folder`, SET_DIR_FIX(dir));
  }
  for (const file of requiredModelFiles(quantized)) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      const other = quantized ? "onnx/model.onnx" : "onnx/model_quantized.onnx";
      const hint = file.startsWith("onnx/") && existsSync(join(dir, other)) ? ` (${other} is there: set EMBEDDING_QUANTIZED=${!quantized})` : "";
      throw new ModelLoadError(`missing file ${file} in MODEL_DIR ${dir}${hint}`, SET_DIR_FIX(dir));
    }
    if (file.endsWith(".json")) {
      try {
        JSON.parse(readFileSync(path, "utf8"));
      } catch (err) {
        throw new ModelLoadError(`corrupt JSON file ${file} in MODEL_DIR ${dir}: ${(err as Error).message}`, `replace ${path} with the original from the model repository`);
      }
    } else if (statSync(path).size < 16) {
      throw new ModelLoadError(`corrupt ONNX file ${file} in MODEL_DIR ${dir}: the file is empty or truncated`, `replace ${path} with the original from the model repository`);
    }
  }
}

/** Hidden size from config.json, the expected dimension before the model has run (0 when unknown). */
export function configuredDims(dir: string): number {
  try {
    const cfg = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { hidden_size?: unknown; dim?: unknown };
    const n = Number(cfg.hidden_size ?? cfg.dim);
    return Number.isInteger(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** The upstream model a folder was made from (config.json `_name_or_path`), when it says. */
export function configuredModelName(dir: string): string | undefined {
  try {
    const cfg = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { _name_or_path?: unknown };
    return typeof cfg._name_or_path === "string" && cfg._name_or_path ? cfg._name_or_path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Short content hash of a local model (config, tokenizer and ONNX weights), so two different
 * folders with the same name never share an embedder id and thus never share a vector space.
 */
export async function fingerprintModelDir(dir: string, quantized: boolean): Promise<string> {
  const hash = createHash("sha256");
  for (const file of requiredModelFiles(quantized)) {
    hash.update(`${file}\0`);
    for await (const chunk of createReadStream(join(dir, file))) hash.update(chunk as Buffer);
  }
  return hash.digest("hex").slice(0, 10);
}
