export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * An error as a log field: name, message, stack, SQLSTATE and the cause chain, but never the
 * values a query ran with. drizzle's DrizzleQueryError spells them into its message and stack
 * ("params: …"), driver errors hold them as `params`/`parameters`, and Postgres quotes the
 * refused value in data-exception messages; ticket bodies and customer references would reach
 * the logs. The SQL text itself (placeholders only) is kept: it says which query failed.
 */
export function serializeError(err: Error, depth = 0): Record<string, unknown> {
  const e = err as Error & { code?: unknown; constraint_name?: unknown; table_name?: unknown; column_name?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  let message = err.message.replace(/\nparams: [\s\S]*$/, "");
  if (code?.startsWith("22")) message = message.replace(/(:\s*)"[\s\S]*"\s*$/, '$1"[redacted]"');
  const frames = (err.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const out: Record<string, unknown> = { name: err.name, message, stack: [`${err.name}: ${message}`, ...frames].join("\n") };
  if (code) out.code = code;
  for (const [key, value] of [
    ["constraint", e.constraint_name],
    ["table", e.table_name],
    ["column", e.column_name],
  ] as const) {
    if (typeof value === "string") out[key] = value;
  }
  if (err.cause instanceof Error && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/**
 * One JSON object per line on stderr (stdout stays free for CLI output). Errors are serialised
 * with name, message and stack so a 500's log line is enough to debug it.
 */
export function createLogger(level: LogLevel, base: Record<string, unknown> = {}, write: (line: string) => void = (line) => console.error(line)): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (rank[lvl] < rank[level]) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg, ...base };
    for (const [k, v] of Object.entries(fields ?? {})) {
      record[k] = v instanceof Error ? serializeError(v) : v;
    }
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
