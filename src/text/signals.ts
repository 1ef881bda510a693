import { foldText } from "./clean.js";

export interface SignalPhrase {
  language: string;
  kind: string;
  phrase: string;
}

export interface DetectedSignal {
  kind: string;
  language: string;
  /** The phrase as configured. */
  phrase: string;
  /** The words of the text it matched (accent-folded). */
  matched: string;
}

interface CompiledPhrase {
  re: RegExp | null;
  /** Literal starts of the phrase's first word (one per alternative); the text must contain one. */
  needles: string[] | null;
}
const compiled = new Map<string, CompiledPhrase>();
const WORD = "[\\p{L}\\p{N}]";

/**
 * Compiles a phrase of the signal-phrase syntax to a whole-word regex over folded text:
 * `word*` any ending, `a/b` alternatives at one position, `..` up to three words between.
 * Returns null for a phrase with nothing to match. Memoised: phrases come from the database on
 * every request but rarely change.
 */
export function compilePhrase(phrase: string): RegExp | null {
  return compileWithNeedles(phrase).re;
}

function compileWithNeedles(phrase: string): CompiledPhrase {
  const hit = compiled.get(phrase);
  if (hit !== undefined) return hit;
  const tokens = foldText(phrase).trim().split(/\s+/).filter(Boolean);
  const parts: string[] = [];
  for (const token of tokens) {
    if (token === "..") {
      parts.push("(?:[^\\p{L}\\p{N}]+[\\p{L}\\p{N}'-]+){0,3}?");
      continue;
    }
    const alts = token
      .split("/")
      .filter(Boolean)
      .map((alt) => alt.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, `${WORD}*`));
    if (alts.length === 0) continue;
    parts.push(alts.length === 1 ? (alts[0] as string) : `(?:${alts.join("|")})`);
  }
  // join words with "any run of non-letters", but a gap token already consumed its separators
  let body = "";
  for (const part of parts) {
    if (body === "") body = part;
    else if (part.startsWith("(?:[^")) body += part;
    else body += `[^\\p{L}\\p{N}]+${part}`;
  }
  const re = body && /[\p{L}\p{N}]/u.test(body) ? new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "u") : null;
  const first =
    tokens[0] && tokens[0] !== ".."
      ? tokens[0]
          .split("/")
          .filter(Boolean)
          .map((alt) => alt.split("*")[0] ?? "")
      : [];
  const entry = { re, needles: first.length > 0 && first.every((n) => n.length > 0) ? first : null };
  compiled.set(phrase, entry);
  return entry;
}

/** Why a phrase cannot be stored: empty, too long, or characters outside the syntax. */
export function phraseProblem(phrase: string): string | undefined {
  const p = phrase.trim();
  if (!p) return "must not be empty";
  if (p.length > 200) return "must be at most 200 characters";
  if (!/^[\p{L}\p{N}\s*/.'&#@+-]+$/u.test(p)) return "may contain letters, digits, spaces, ' - & # @ + and the operators * / ..";
  if (/(^|\s)\.\.(\s|$)/.test(p) && /^\.\.|\.\.$/.test(p)) return "`..` must stand between two words";
  if (!compilePhrase(p)) return "matches nothing";
  return undefined;
}

/**
 * The compiled phrases of a phrase list, kept with the list: the service reuses one list per
 * settings version, so a ticket does not look a thousand phrases up one by one.
 */
const compiledLists = new WeakMap<SignalPhrase[], CompiledPhrase[]>();
function compiledList(phrases: SignalPhrase[]): CompiledPhrase[] {
  let list = compiledLists.get(phrases);
  if (!list || list.length !== phrases.length) {
    list = phrases.map((p) => compileWithNeedles(p.phrase));
    compiledLists.set(phrases, list);
  }
  return list;
}

/**
 * Finds the configured phrases in a text, on accent-folded lower-cased text with whole-word
 * boundaries, so "zrušíme", "zrusime" and "ZRUŠÍME" are one phrase. Every language's phrases are
 * tried: tickets mix languages and detection is unreliable on short text. One signal per phrase.
 */
export function detectSignals(text: string, phrases: SignalPhrase[]): DetectedSignal[] {
  const folded = foldText(text);
  const out: DetectedSignal[] = [];
  const list = compiledList(phrases);
  for (const [i, p] of phrases.entries()) {
    const { re, needles } = list[i] as CompiledPhrase;
    // A substring test first: most phrases' first word is not in the text, and it is far cheaper
    // than the whole-word Unicode regex.
    if (needles && !needles.some((n) => folded.includes(n))) continue;
    const m = re?.exec(folded);
    if (m) out.push({ kind: p.kind, language: p.language, phrase: p.phrase, matched: m[0] });
  }
  return out;
}
