import { spawnSync } from "node:child_process";

/**
 * The README's shell examples as a test replays them. Conventions (README.md, "Tests and CI"):
 * - a ```sh block whose lines start with `$ ` is an example: each `$ ` line (with the lines that
 *   continue it, as bash reads them) is a command; the lines after it, up to the next command, are
 *   its output as shown;
 * - `<!-- doc-test: skip (why) -->` on the line before a block leaves it out (it needs what a test
 *   cannot have: Cloudflare, the network, an hour);
 * - blocks without `$ ` (the quick start's two commands) are instructions, not examples.
 */
export interface ReadmeCommand {
  /** 1-based line of the `$ ` line in README.md. */
  line: number;
  command: string;
  expected: string;
}

export interface ReadmeBlock {
  line: number;
  skip?: string;
  commands: ReadmeCommand[];
}

const FENCE_OPEN = /^```(sh|bash|shell)\s*$/;

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i] as string)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    if (!body.some((l) => l.startsWith("$ "))) continue;
    const marker = /^<!--\s*doc-test:\s*skip\b\s*(?:\((.*)\))?\s*-->\s*$/.exec(lines[start - 1] ?? "");
    blocks.push({ line: start + 1, ...(marker ? { skip: marker[1] || "skipped" } : {}), commands: splitCommands(body, start + 2) });
  }
  return blocks;
}

/** `$ ` lines and their continuations are commands; what follows each is its expected output. */
function splitCommands(body: string[], firstLine: number): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  let i = 0;
  while (i < body.length && !(body[i] as string).startsWith("$ ")) i++;
  while (i < body.length) {
    const line = firstLine + i;
    let command = (body[i] as string).slice(2);
    i++;
    while (i < body.length && !complete(command)) command += `\n${body[i++] as string}`;
    if (!complete(command)) throw new Error(`README.md:${line}: the command never ends (bash -n): ${command.slice(0, 80)}`);
    const expected: string[] = [];
    while (i < body.length && !(body[i] as string).startsWith("$ ")) expected.push(body[i++] as string);
    out.push({ line, command, expected: expected.join("\n").trim() });
  }
  return out;
}

/** Whether bash reads `command` as whole (no open quote, loop or trailing backslash). */
function complete(command: string): boolean {
  if (/\\$/.test(command)) return false;
  return spawnSync("bash", ["-n"], { input: command, encoding: "utf8" }).status === 0;
}

/**
 * What may differ between the README and a replay, each replaced by a placeholder: ids, secrets,
 * ticket references, times and dates, and the machine's paths. Everything else must match.
 */
const VOLATILE: [RegExp, string][] = [
  [/\b(art|aev|tkt|esc|eev|team|fb|key|aud|sig|job|wh|dlv|imp|rule|req)_[0-9a-z]{26}\b/g, "<$1 id>"],
  [/\bdfl_(agent|expert|admin)_[\w-]{30,}/g, "<$1 key>"],
  [/\bDF-[0-9A-Z]{4}-[0-9A-Z]{2,3}\b/g, "<ticket ref>"],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\b/g, "<time>"],
  [/\b\d{4}-\d{2}-\d{2}\b/g, "<date>"],
  [/\/(?:tmp|work|home|root)\/[^\s"',)]*/g, "<path>"],
];

export function normalise(text: string): string {
  return VOLATILE.reduce((t, [re, to]) => t.replace(re, to), text);
}

/**
 * Compares a replayed output with the README's. JSON outputs (one or more values) compare as
 * values — the README may lay them out by hand — with numbers within ±0.0005 (rounding) and `…` in
 * a string standing for any text there. Other
 * text compares line by line (trailing spaces ignored), where `…` is a wildcard: a line that is
 * only `…` stands for any number of lines (a long output shown in part), and `…` inside a line
 * for any text on it (a duration). Returns undefined when they agree, else why not.
 */
export function compareOutput(expected: string, actual: string): string | undefined {
  const want = normalise(expected).trim();
  const got = normalise(actual).trim();
  const wantJson = jsonValues(want);
  const gotJson = jsonValues(got);
  if (wantJson && gotJson) {
    if (wantJson.length !== gotJson.length) return `expected ${wantJson.length} JSON values, got ${gotJson.length}:\n${got}`;
    for (let k = 0; k < wantJson.length; k++) {
      const diff = differs(wantJson[k], gotJson[k], "$");
      if (diff) return `JSON value ${k + 1}: ${diff}\nexpected: ${JSON.stringify(wantJson[k])}\n     got: ${JSON.stringify(gotJson[k])}`;
    }
    return undefined;
  }
  const gotLines = got.split("\n").map((l) => l.trimEnd());
  const pattern = want
    .split("\n")
    .map((l) => l.trimEnd())
    .map((l) => (l.trim() === "…" ? "(?:[^\\n]*\\n)*?" : `${l.split("…").map(escapeRegExp).join("[^\\n]*?")}\\n`))
    .join("");
  if (new RegExp(`^${pattern}$`).test(`${gotLines.join("\n")}\n`)) return undefined;
  const wantLines = want.split("\n").map((l) => l.trimEnd());
  const first = wantLines.findIndex((l, k) => !l.includes("…") && l !== gotLines[k]);
  return first >= 0
    ? `line ${first + 1} differs:\nexpected: ${wantLines[first]}\n     got: ${gotLines[first] ?? "(nothing)"}`
    : `the output does not match the README's (with its … wildcards):\n${want}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The JSON values written one after another in `text`, or undefined when it is not only JSON. */
export function jsonValues(text: string): unknown[] | undefined {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const open = text[i];
    if (open !== "{" && open !== "[") return undefined;
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === "\\") j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) break;
      }
    }
    try {
      values.push(JSON.parse(text.slice(i, j + 1)));
    } catch {
      return undefined;
    }
    i = j + 1;
  }
  return values.length > 0 ? values : undefined;
}

function differs(want: unknown, got: unknown, path: string): string | undefined {
  if (typeof want === "number" && typeof got === "number") {
    return Math.abs(want - got) <= 0.0005 ? undefined : `${path}: expected ${want}, got ${got}`;
  }
  if (Array.isArray(want) || Array.isArray(got)) {
    if (!Array.isArray(want) || !Array.isArray(got)) return `${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
    if (want.length !== got.length) return `${path}: expected ${want.length} items, got ${got.length}`;
    for (let k = 0; k < want.length; k++) {
      const d = differs(want[k], got[k], `${path}[${k}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (want && got && typeof want === "object" && typeof got === "object") {
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const key of keys) {
      const d = differs((want as Record<string, unknown>)[key], (got as Record<string, unknown>)[key], `${path}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  // A string shown with … stands for any text there (a time that depends on when it runs).
  if (typeof want === "string" && typeof got === "string" && want.includes("…") && new RegExp(`^${want.split("…").map(escapeRegExp).join("[\\s\\S]*?")}$`).test(got))
    return undefined;
  return want === got ? undefined : `${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/**
 * Runs the commands in one bash session (variables carry over from block to block, as in the
 * user's terminal), each with its output and exit status captured between markers.
 */
export function replay(commands: ReadmeCommand[], opts: { cwd: string; env: Record<string, string>; preamble: string; timeoutMs: number }): { output: string; status: number }[] {
  const marker = `@@doctest-${process.pid}-${Date.now()}`;
  const script = [opts.preamble, ...commands.map((c, k) => `printf '\\n${marker} begin ${k}\\n'\n${c.command}\nprintf '\\n${marker} end ${k} %d\\n' "$?"`)].join("\n");
  const run = spawnSync("bash", ["-c", `exec 2>&1\n${script}`], { cwd: opts.cwd, env: opts.env, encoding: "utf8", timeout: opts.timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  const text = run.stdout;
  return commands.map((_, k) => {
    const begin = text.indexOf(`${marker} begin ${k}\n`);
    const endRe = new RegExp(`\\n${marker} end ${k} (\\d+)\\n`);
    const end = endRe.exec(text);
    if (begin < 0 || !end) return { output: text.slice(Math.max(begin, 0)).slice(0, 2000), status: -1 };
    return { output: text.slice(begin + `${marker} begin ${k}\n`.length, end.index), status: Number(end[1]) };
  });
}
