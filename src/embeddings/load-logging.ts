import type { Logger } from "../logger.js";

interface ProgressEvent {
  status?: string;
  file?: string;
  progress?: number;
  loaded?: number;
  total?: number;
}

/** Logs each download's start, every ~10 % (at most every 2 s) and its end; cached files stay quiet. */
export function downloadProgressLogger(logger: Logger): (e: ProgressEvent) => void {
  const last = new Map<string, { pct: number; at: number }>();
  return (e) => {
    const file = e.file ?? "?";
    if (e.status === "download") logger.info("downloading model file", { file });
    else if (e.status === "progress" && typeof e.progress === "number") {
      const prev = last.get(file) ?? { pct: -100, at: 0 };
      const now = Date.now();
      if (e.progress - prev.pct >= 10 && now - prev.at >= 2000) {
        last.set(file, { pct: e.progress, at: now });
        logger.info("model download progress", { file, percent: Math.round(e.progress), loadedBytes: e.loaded, totalBytes: e.total });
      }
    } else if (e.status === "done" && last.has(file)) logger.info("model file downloaded", { file });
  };
}

/**
 * transformers.js reports the real cause of a failed session (e.g. "protobuf parsing failed")
 * only through console.warn before throwing a generic error. During a load, warnings go to the
 * debug log instead, and the first one is appended to the error so the explanation names it.
 */
export async function withCapturedWarnings<T>(logger: Logger, load: () => Promise<T>): Promise<T> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
    warnings.push(text);
    logger.debug("transformers.js warning", { text });
  };
  try {
    return await load();
  } catch (err) {
    const cause = warnings.find((w) => !w.startsWith("Something went wrong during model construction"));
    if (err instanceof Error && cause && !err.message.includes(cause)) err.message = `${err.message} (${cause})`;
    throw err;
  } finally {
    console.warn = original;
  }
}
