import { foldText } from "../text/clean.js";
import type { DetectedSignal } from "../text/signals.js";
import { type Frustration, type FrustrationEvidence, frustrationLevels } from "./verdict.schemas.js";

/**
 * How frustrated the writer is, 0–3, with the evidence — from the signal phrases found in the
 * author's own words, how they write (shouting, !!!) and how often they wrote before.
 *
 *   3 needs a human now: a demand for a manager, a threat to leave, sue, go to a regulator or post
 *     reviews, an insult (the kinds in NEEDS_HUMAN) — or the same topic again past the repeat limit;
 *   2 angry: swearing and outrage (kind `anger`), or frustration said loudly (a frustration phrase
 *     with shouting or !!!, or both of those), or a second earlier contact on the topic;
 *   1 annoyed: a frustration phrase ("third time", "unacceptable"), shouting or !!! alone, or one
 *     earlier contact on the topic;
 *   0 calm.
 *
 * A phrase is found but not counted when the writer does not mean it as their own threat: inside
 * a quotation ("the passenger shouted 'I will sue you'"), reported from someone else ("our
 * customer said she would post it on Twitter"), or negated ("we are not going to cancel, but…").
 * Phrases are the admins' lists (signal_phrases); the cues here are language-wide word lists for
 * the six languages the defaults cover, written for this detector and measured on its own
 * labelled set (test/fixtures/frustration, `npm run eval -- --signals`).
 */
export const NEEDS_HUMAN = ["manager", "churn", "legal", "review", "insult"] as const;
/** Kinds a negation can take back ("we won't cancel"); an insult or a swear word stays one. */
const NEGATABLE = new Set(["manager", "churn", "legal", "review"]);

export interface FrustrationPolicy {
  /** Earlier same-topic contacts at which the customer needs a human (level 3); 0 never. */
  repeatEscalateAfter: number;
}

export interface FrustrationInput {
  /** The author's own words (subject and cleaned body: quoted history already removed). */
  authorText: string;
  signals: DetectedSignal[];
  /** Earlier tickets of this customer on the same topic within the repeat window. */
  priorContacts: number;
  policy: FrustrationPolicy;
  /** The ticket's language (negation words are per language) and channel (a phone ticket is an agent's call note). */
  language?: string | null;
  channel?: string | null;
}

export function assessFrustration(input: FrustrationInput): Frustration {
  const folded = foldText(input.authorText);
  const evidence: FrustrationEvidence[] = [];
  let level = 0;
  const kinds = new Set<string>();
  const seen = new Set<string>();
  for (const s of input.signals) {
    // The same words found by several languages' lists are one piece of evidence.
    const key = `${s.kind}\u0000${s.matched}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const discounted = discount(folded, s, input.language ?? null, input.channel ?? null);
    evidence.push({ cue: "phrase", kind: s.kind, matched: s.matched, ...(discounted ? { discounted } : {}) });
    if (!discounted) kinds.add(s.kind);
  }
  const shouting = shoutedWords(input.authorText);
  if (shouting) evidence.push({ cue: "shouting", matched: shouting });
  const marks = emphaticPunctuation(input.authorText);
  if (marks) evidence.push({ cue: "punctuation", matched: marks });
  if (input.priorContacts > 0) evidence.push({ cue: "contact-history", matched: `${input.priorContacts} earlier ticket${input.priorContacts === 1 ? "" : "s"} on this topic` });

  const loud = (shouting ? 1 : 0) + (marks ? 1 : 0);
  if (NEEDS_HUMAN.some((k) => kinds.has(k))) level = 3;
  else if (kinds.has("anger")) level = 2;
  else if (kinds.has("frustration")) level = loud > 0 ? 2 : 1;
  else if (loud === 2) level = 2;
  else if (loud === 1) level = 1;

  const repeatLimit = input.policy.repeatEscalateAfter;
  if (repeatLimit > 0 && input.priorContacts >= repeatLimit) level = 3;
  else if (input.priorContacts >= 2) level = Math.max(level, 2);
  else if (input.priorContacts === 1) level = Math.max(level, 1);

  return { level, label: frustrationLevels[level] as Frustration["label"], evidence, priorContacts: input.priorContacts };
}

/** The kinds behind a level 3, for the escalation reason: phrases counted, and `repeat`. */
export function needsHumanKinds(f: Frustration, policy: FrustrationPolicy): string[] {
  const kinds = new Set(f.evidence.filter((e) => e.cue === "phrase" && !e.discounted && (NEEDS_HUMAN as readonly string[]).includes(e.kind ?? "")).map((e) => e.kind as string));
  if (policy.repeatEscalateAfter > 0 && f.priorContacts >= policy.repeatEscalateAfter) kinds.add("repeat");
  return [...kinds];
}

// --- Who says it: quotation, reported speech, negation (on accent-folded text) ---------------

const FIRST_PERSON = /(?<![\p{L}])(i|we|me|us|my|our|ja|jsem|jsme|my|nam|mi|mina|me|meidan|minun|eu|nos|meu|nosso|ich|wir|uns|mein|unser|yo|nosotros|nuestro|mi)(?![\p{L}])/u;
/** Verbs that report what someone else said or threatened (third person, past or present). */
const REPORTING =
  /(?<![\p{L}])(said|says|told|tells|threatened|threatens|shouted|yelled|screamed|wrote|writes|claimed|complained that|rekl[a-z]*|rikal[a-z]*|vyhrozoval[a-z]*|krical[a-z]*|napsal[a-z]*|tvrdil[a-z]*|sanoi|sanoo|uhkasi|uhkaa|huusi|kirjoitti|vaati|disse|diz|ameacou|ameaca|gritou|escreveu|falou|reclamou|sagte|sagt|drohte|droht|schrie|schrieb|meinte|behauptete|dijo|dice|amenazo|amenaza|grito|escribio|comento)(?![\p{L}])/u;
/** Negation words per language (folded); a word that means something else in another language ("no" is "in the" in Portuguese) is used only for its own. */
const NEGATION_WORDS: Record<string, string> = {
  en: "not|never|no|don't|dont|won't|wont|isn't|aren't|didn't|doesn't|wouldn't|neither|nor|without",
  cs: "ne|ani|nikdy|nechci|nechceme|nebudu|nebudeme|nemam|nemame|nejsem|nejsme|nehodlam|nehodlame|neplanujeme|nepujdeme|nepodame|nechystame|nemusime",
  fi: "en|et|ei|emme|ette|eivat|ala",
  pt: "nao|nunca|nem|jamais",
  de: "nicht|kein|keine|keinen|keiner|nie|niemals",
  es: "no|nunca|ni|tampoco|jamas",
};
const negationFor = (language: string | null) => {
  const words =
    language && NEGATION_WORDS[language]
      ? NEGATION_WORDS[language]
      : Object.values(NEGATION_WORDS)
          .join("|")
          .replace(/(^|\|)(no|en|et|ei|ni|ne)(?=\||$)/g, "$1");
  return new RegExp(`(?<![\\p{L}])(${words.replace(/\|\|+/g, "|").replace(/^\||\|$/g, "")})(?![\\p{L}])`, "u");
};
/** A negation inside a condition does not take the threat back: "if I do not hear from a manager, I will sue". */
const CONDITION =
  /(?<![\p{L}])(if|unless|otherwise|or else|pokud|jestli|jestlize|kdyz|jinak|jos|muuten|se|senao|caso contrario|wenn|falls|sonst|andernfalls|si|de lo contrario)(?![\p{L}])/u;
const QUOTES: [string, string][] = [
  ['"', '"'],
  ["'", "'"],
];

function discount(folded: string, s: DetectedSignal, language: string | null, channel: string | null): FrustrationEvidence["discounted"] | undefined {
  const at = folded.indexOf(s.matched);
  if (at < 0) return undefined;
  if (insideQuotes(folded, at)) return "quoted";
  const sentenceStart =
    Math.max(folded.lastIndexOf(".", at - 1), folded.lastIndexOf("!", at - 1), folded.lastIndexOf("?", at - 1), folded.lastIndexOf("\n", at - 1), folded.lastIndexOf(";", at - 1)) +
    1;
  const before = folded.slice(sentenceStart, at);
  // A call note (phone) is an agent writing down what the customer said: reported speech is the customer's.
  const reported = channel === "phone" ? null : REPORTING.exec(before);
  if (reported) {
    // "I told you I will cancel" is the writer's own; "the customer told us she will sue" is not.
    const subject = before.slice(Math.max(0, reported.index - 25), reported.index);
    const lastWords = subject
      .split(/[^\p{L}']+/u)
      .filter(Boolean)
      .slice(-1)
      .join(" ");
    const afterVerb = before
      .slice(reported.index + reported[0].length)
      .split(/[^\p{L}']+/u)
      .filter(Boolean)
      .slice(0, 1)
      .join(" ");
    if (!FIRST_PERSON.test(lastWords) && !/^(jsem|jsme)$/.test(afterVerb)) return "reported";
  }
  if (NEGATABLE.has(s.kind)) {
    const window = before
      .split(/[^\p{L}']+/u)
      .filter(Boolean)
      .slice(-4)
      .join(" ");
    if (negationFor(language).test(window) && !CONDITION.test(before)) return "negated";
  }
  return undefined;
}

/** Whether position `at` lies between an opening and a closing quotation mark (folded text: " or '). */
function insideQuotes(folded: string, at: number): boolean {
  for (const [open, close] of QUOTES) {
    let inside = false;
    for (let i = 0; i < at; i++) {
      const c = folded[i];
      if (c !== open && c !== close) continue;
      // An apostrophe between letters (don't, O'Brien) is no quotation mark.
      if (open === "'" && /\p{L}/u.test(folded[i - 1] ?? "") && /\p{L}/u.test(folded[i + 1] ?? "")) continue;
      inside = !inside;
    }
    if (inside && folded.indexOf(close, at) > at) return true;
  }
  return false;
}

// --- How it is written ----------------------------------------------------------------------------

/**
 * Words in capitals that read as shouting: three in a row, or a third of a message's words
 * (at least four). Short runs are names and acronyms (VAT ID, API, URGENT: …), not shouting.
 */
function shoutedWords(text: string): string | undefined {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => /\p{L}/u.test(w));
  const caps = (w: string) => w.length >= 2 && /\p{Lu}/u.test(w) && w === w.toUpperCase() && w !== w.toLowerCase();
  let run: string[] = [];
  let best: string[] = [];
  for (const w of words) {
    if (caps(w)) {
      run.push(w);
      if (run.length > best.length) best = [...run];
    } else run = [];
  }
  if (best.length >= 3) return best.join(" ");
  const all = words.filter(caps);
  if (all.length >= 4 && all.length * 3 >= words.length) return all.slice(0, 6).join(" ");
  return undefined;
}

/** Runs of !! or ?! — one exclamation mark is emphasis, not a cue. */
function emphaticPunctuation(text: string): string | undefined {
  const runs = text.match(/[!?¡¿]*!{2,}[!?]*|[!?]*(\?!|!\?)[!?]*/g);
  return runs && runs.length > 0 ? runs.slice(0, 3).join(" ") : undefined;
}
