import { writeSync } from "node:fs";
import { parseArgs } from "node:util";

/**
 * One command-line surface for every `npm run` script: each declares its flags, usage and
 * environment once (a CliSpec); `parseCli` parses strictly (node:util parseArgs), prints the help
 * on `--help`/`-h` (stdout, exit 0) and refuses an unknown flag or a bad value (one line naming
 * it + the usage on stderr, exit 2) — in both cases before the script has done anything else.
 */

interface FlagBase {
  /** What it does; the rendered help adds the default. A "\n" continues on an indented line. */
  help: string;
  short?: string;
  /** Placeholder for the value in the help: N, FILE, DIR… */
  value?: string;
  /** The default as the help shows it, when it is not a fixed value (e.g. "4 × EMBED_BATCH_SIZE"). */
  defaultText?: string;
  required?: true;
}
export type Flag =
  | (FlagBase & { type: "boolean" })
  | (FlagBase & { type: "string"; default?: string; choices?: readonly string[] })
  | (FlagBase & { type: "number"; default?: number; min?: number; max?: number; integer?: boolean });

export interface CliSpec<F extends Record<string, Flag>> {
  /** How it is run, e.g. "npm run reindex". */
  command: string;
  /** What it does, in one line. */
  summary: string;
  /** Required positional arguments, in order (every script takes a fixed number). */
  positionals?: readonly { name: string; help: string }[];
  flags: F;
  /** Environment variables it reads, with what they do. */
  env: Record<string, string>;
  examples: readonly string[];
  /** A paragraph after the flags (exit codes, caveats). */
  notes?: string;
}

type FlagValue<T extends Flag> = T extends { type: "boolean" }
  ? boolean
  : T extends { type: "number" }
    ? T extends { default: number } | { required: true }
      ? number
      : number | undefined
    : T extends { default: string } | { required: true }
      ? string
      : string | undefined;

export type CliValues<F extends Record<string, Flag>> = { [K in keyof F]: FlagValue<F[K]> };

export interface ParsedCli<F extends Record<string, Flag>> {
  values: CliValues<F>;
  positionals: string[];
}

function defaultOf(flag: Flag): string | undefined {
  if (flag.defaultText) return flag.defaultText;
  if (flag.required) return undefined;
  if (flag.type === "boolean") return "off";
  return flag.default === undefined ? undefined : String(flag.default);
}

/** The --help text: usage line, summary, arguments and flags with defaults, environment, examples. */
export function formatUsage<F extends Record<string, Flag>>(spec: CliSpec<F>): string {
  const names = Object.keys(spec.flags);
  const label = (name: string) => {
    const flag = spec.flags[name] as Flag;
    const placeholder = flag.type === "string" && flag.choices ? flag.choices.join("|") : "VALUE";
    const long = `--${name}${flag.type === "boolean" ? "" : ` ${flag.value ?? placeholder}`}`;
    return flag.short ? `-${flag.short}, ${long}` : long;
  };
  const synopsis = [...(spec.positionals ?? []).map((p) => p.name), ...names.map((n) => (spec.flags[n]?.required ? label(n) : `[${label(n)}]`))].join(" ");
  const rows: [string, string][] = [
    ...(spec.positionals ?? []).map((p): [string, string] => [p.name, p.help]),
    ...names.map((n): [string, string] => {
      const flag = spec.flags[n] as Flag;
      const fallback = defaultOf(flag);
      const tail = flag.required ? " (required)" : fallback === undefined ? "" : ` (default: ${fallback})`;
      return [label(n), `${flag.help}${tail}`];
    }),
    ["-h, --help", "print this help and exit"],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const envRows = Object.entries(spec.env);
  const envWidth = Math.max(0, ...envRows.map(([k]) => k.length));
  return [
    `usage: ${spec.command}${synopsis ? ` -- ${synopsis}` : ""}`,
    spec.summary,
    "",
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v.replaceAll("\n", `\n  ${" ".repeat(width)}  `)}`),
    ...(spec.notes ? ["", spec.notes] : []),
    "",
    envRows.length > 0 ? "environment:" : "environment: none read",
    ...envRows.map(([k, v]) => `  ${k.padEnd(envWidth)}  ${v}`),
    "",
    spec.examples.length > 1 ? "examples:" : "example:",
    ...spec.examples.map((e) => `  ${e}`),
  ].join("\n");
}

/** Writes synchronously, so nothing is lost when the process exits right after. */
function print(fd: 1 | 2, text: string): void {
  writeSync(fd, `${text}\n`);
}

/** Refuses the arguments: one line naming what is wrong, the usage, exit code 2. */
export function exitUsage<F extends Record<string, Flag>>(spec: CliSpec<F>, message: string): never {
  print(2, `${spec.command.replace(/^npm run /, "")}: ${message}\n\n${formatUsage(spec)}`);
  process.exit(2);
}

/** parseArgs' own message, first sentence only ("Unknown option '--x'"; the rest is advice on `--`). */
function firstSentence(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = (message.split("\n")[0] ?? message).replace(/\. .*$/, "").replace(/\.$/, "");
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function convert<F extends Record<string, Flag>>(spec: CliSpec<F>, name: string, flag: Flag, raw: string | boolean | undefined): unknown {
  if (flag.type === "boolean") return raw === true;
  if (raw === undefined) {
    if (flag.required) exitUsage(spec, `--${name} is required`);
    return flag.default;
  }
  const text = String(raw);
  if (flag.type === "string") {
    if (flag.choices && !flag.choices.includes(text)) exitUsage(spec, `--${name} must be one of ${flag.choices.join(", ")}, not '${text}'`);
    return text;
  }
  const n = text.trim() === "" ? Number.NaN : Number(text);
  const integer = flag.integer !== false;
  const bad = !Number.isFinite(n) || (integer && !Number.isInteger(n)) || (flag.min !== undefined && n < flag.min) || (flag.max !== undefined && n > flag.max);
  if (bad) {
    const range =
      flag.min !== undefined && flag.max !== undefined
        ? ` from ${flag.min} to ${flag.max}`
        : flag.min !== undefined
          ? ` ≥ ${flag.min}`
          : flag.max !== undefined
            ? ` ≤ ${flag.max}`
            : "";
    exitUsage(spec, `--${name} must be ${integer ? "an integer" : "a number"}${range}, not '${text}'`);
  }
  return n;
}

/**
 * A reader that stops early (`npm run eval | head`) closes stdout: the command ends quietly, as
 * Unix tools do, instead of crashing on EPIPE with a stack trace.
 */
let pipeWatched = false;
function quietOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

/**
 * Parses `argv` against the spec, or ends the process: help → stdout, exit 0; an unknown flag, a
 * missing or invalid value, a missing or extra positional → stderr, exit 2. `--help` wins over
 * everything else on the line, so `--help` never runs anything.
 */
export function parseCli<const F extends Record<string, Flag>>(spec: CliSpec<F>, argv: readonly string[] = process.argv.slice(2)): ParsedCli<F> {
  quietOnClosedPipe();
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const [name, flag] of Object.entries(spec.flags)) {
    options[name] = { type: flag.type === "boolean" ? "boolean" : "string", ...(flag.short ? { short: flag.short } : {}) };
  }
  const loose = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  if (loose.tokens.some((t) => t.kind === "option" && t.name === "help")) {
    print(1, formatUsage(spec));
    process.exit(0);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    exitUsage(spec, firstSentence(err));
  }
  const wanted = spec.positionals ?? [];
  const extra = parsed.positionals[wanted.length];
  if (extra !== undefined) exitUsage(spec, `unexpected argument '${extra}'`);
  const missing = wanted[parsed.positionals.length];
  if (missing) exitUsage(spec, `missing ${missing.name}`);
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(spec.flags)) values[name] = convert(spec, name, flag, parsed.values[name]);
  return { values: values as CliValues<F>, positionals: parsed.positionals };
}

/** What a script that opens the configured database reads, as the service does (src/config.ts). */
export const DATABASE_ENV: Record<string, string> = {
  DATABASE_URL: "Postgres server to use; unset: the embedded PGlite database under DATA_DIR",
  DATA_DIR: "folder of the embedded database (default: ./data)",
};

/** What a script that builds the configured embedder reads, as the service does (src/config.ts). */
export const EMBEDDER_ENV: Record<string, string> = {
  EMBEDDER: "transformers, hashing or http (default: transformers)",
  MODEL_DIR: "local model folder for EMBEDDER=transformers; nothing is fetched when set",
  EMBEDDING_MODEL: "hub model id when MODEL_DIR is unset (default: Xenova/multilingual-e5-small)",
  EMBEDDING_QUANTIZED: "load onnx/model_quantized.onnx (default: true)",
  MODEL_CACHE_DIR: "where a fetched model is kept (default: DATA_DIR/models)",
  EMBEDDER_FALLBACK: "fall back to hashing when the model cannot load (default: true)",
  EMBED_BATCH_SIZE: "texts per embedding call (default: 16)",
  HASHING_DIMENSIONS: "dimensions of the hashing embedder (default: 384)",
  EMBEDDINGS_URL: "the remote embedder for EMBEDDER=http (with EMBEDDINGS_API_KEY, EMBEDDINGS_MODEL_ID)",
};
