import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import { checkModelDir, ModelLoadError, modelSource, requiredModelFiles } from "./model-files.js";

const NETWORK = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|network|socket hang up|certificate/i;
const ONNX = /protobuf|onnx|InferenceSession|session|graph|opset|Load model|model_path/i;

/** The message of an error and of its causes (fetch hides the DNS error in `cause`). */
function fullMessage(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) {
      parts.push(e.message);
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(": ");
}

/**
 * Says exactly why the configured model could not be loaded and what to set: no network (and
 * not cached), a model missing on the hub, a missing or unreadable file in MODEL_DIR, a corrupt
 * ONNX file. Used by the log line at start-up and by /health/details when the service fell back.
 */
export function explainLoadFailure(err: unknown, config: Config): { reason: string; fix: string } {
  if (err instanceof ModelLoadError) return { reason: err.reason, fix: err.fix };
  const message = fullMessage(err);
  const source = modelSource(config);
  const hub = hubName(config.MODEL_HUB_URL);
  const orHashing = "or set EMBEDDER=hashing to run on the offline lexical embedder (no cross-language matching)";
  if (source.kind === "dir") {
    try {
      checkModelDir(source.dir, config.EMBEDDING_QUANTIZED);
    } catch (inner) {
      if (inner instanceof ModelLoadError) return { reason: inner.reason, fix: inner.fix };
    }
    const onnxFile = requiredModelFiles(config.EMBEDDING_QUANTIZED)[3] as string;
    const path = join(source.dir, onnxFile);
    if (ONNX.test(message) && existsSync(path)) {
      return {
        reason: `corrupt ONNX file ${onnxFile} in MODEL_DIR ${source.dir} (${statSync(path).size} bytes): ${message}`,
        fix: `replace ${path} with the original from the model repository (or set EMBEDDING_QUANTIZED=${!config.EMBEDDING_QUANTIZED} to use the other ONNX file), ${orHashing}`,
      };
    }
    return { reason: `the model in MODEL_DIR ${source.dir} could not be loaded: ${message}`, fix: `check the files of ${source.dir} against the model repository, ${orHashing}` };
  }
  const copyFix =
    `copy the model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx of ${source.model}) ` +
    `from a machine with network access and set MODEL_DIR to it, or allow access to ${hub} once (the files are cached in MODEL_CACHE_DIR=${source.cacheDir}), ${orHashing}`;
  if (NETWORK.test(message)) {
    return { reason: `no network: ${source.model} is not in the cache ${source.cacheDir} and could not be downloaded from ${hub} (${message})`, fix: copyFix };
  }
  if (/Could not locate file|\(404\)|not found/i.test(message)) {
    return {
      reason: `model ${source.model} was not found on ${hub}: ${message}`,
      fix: `check EMBEDDING_MODEL (default Xenova/multilingual-e5-small; it needs ONNX files under onnx/), or ${copyFix}`,
    };
  }
  if (/\(401\)|\(403\)|Unauthorized|access/i.test(message)) {
    return { reason: `${hub} refused the download of ${source.model}: ${message}`, fix: `use a public model in EMBEDDING_MODEL, or ${copyFix}` };
  }
  if (ONNX.test(message)) {
    return {
      reason: `corrupt ONNX file for ${source.model} in the cache ${source.cacheDir}: ${message}`,
      fix: `delete ${join(source.cacheDir, source.model)} so it is downloaded again, or ${copyFix}`,
    };
  }
  return { reason: `model ${source.model} could not be loaded: ${message}`, fix: copyFix };
}

/** The hub as people name it: its host (with a port or path only when it has one). */
function hubName(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname === "/" ? "" : u.pathname.replace(/\/$/, "")}`;
}
