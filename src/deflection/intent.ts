import { foldText } from "../text/clean.js";
import { compilePhrase } from "../text/signals.js";
import {
  ADVISED,
  AUDIENCE,
  AWAY,
  CALLER,
  CALLER_NOUN,
  CHURN,
  CHURN_CLOSING,
  CHURN_IF,
  COMPLAINT,
  COMPLEMENTIZER,
  COORDINATOR,
  CONDITION,
  COPULA_2P,
  COURT,
  COURT_LETTER,
  CONTRAST,
  DEMONSTRATIVE,
  DOCUMENT,
  DOUBT,
  EVALUATION,
  EN_FUTURE,
  FIRST_PERSON,
  HAD_TO,
  HOW_TO,
  INSTITUTION_ACTS,
  INWARD,
  INDIRECT_QUESTION,
  INSULT,
  INTENSIFIER,
  INTENT_LANGUAGES,
  INTENTION,
  type IntentKind,
  KNOWER,
  KNOWING,
  type Lang,
  LEGAL,
  MANAGER,
  MEDIA,
  MESSAGES,
  MOCKERY,
  NEAR,
  NEGATION,
  NOTICE_TERM,
  OWN,
  OTHER_PERSON,
  OWN_SUBJECT,
  PART,
  PAYMENT,
  PLATFORM,
  PREPOSITION,
  PLATFORM_PRODUCT,
  PUBLISH,
  PURPOSE,
  REGULATOR,
  RELATIVE,
  REPORTING,
  REQUEST,
  REVIEW_NOUN,
  ROLE_CONTEXT,
  SECOND_PERSON,
  SOON,
  TELL,
  THEN,
  YOUR,
} from "./intent-lexicon.js";

/**
 * Who says what, clause by clause: the writer's own intent to leave, sue, go to a regulator, go
 * public, get someone with more authority, or an insult aimed at the agent or company — found from
 * concepts (intent-lexicon.ts: stems, compounds) in the frame that makes them an intent, and
 * discounted when someone else says it (quotation, "the passenger shouted", "-vansa"), when the
 * writer rules it out (negation in the same clause, not inside an if-clause), or when the word has
 * its harmless sense (the writer's own manager, a role name, "Sue" as a name).
 *
 * Sentences are the scope of a frame and of reported speech; comma clauses and contrast
 * conjunctions ("but", "ale", "mutta", "mas", "aber", "pero") bound a negation.
 */

export type Discount = "quoted" | "reported" | "negated" | "harmless";

export interface IntentHit {
  kind: IntentKind | "anger";
  /** The cue words found (accent-folded). */
  matched: string;
  /** The sentence it was found in (accent-folded, at most 160 characters). */
  clause: string;
  /** Why it counts, or why it does not. */
  reason: string;
  discounted?: Discount;
}

interface Sentence {
  original: string;
  folded: string;
  /** Start offsets (in `folded`) of its comma/contrast clauses. */
  clauseStarts: number[];
  /** Start offsets of the parts after a contrast conjunction ("…, but"): reported speech does not reach past one. */
  contrastStarts: number[];
  /** threatFrame's answer, once asked (a sentence is judged for one language list). */
  frame?: boolean;
}

interface Compiled {
  /** One regex per entry (for testing single words against a list). */
  each: RegExp[];
  /** Each entry as an alternative `(?:…)`, in list order. */
  sources: string[];
  /** Per entry and word, literals of which one is in any text the entry matches (anchorsOf). */
  anchors: string[][][];
  /** Alternations of the entries a text can match, by their indices, built on first use. */
  subsets: Map<string, { any: RegExp; all: RegExp }>;
}
const cache = new Map<string, Compiled>();
/** The same by array: the lexicon's lists are built once, so most calls skip joining the list into a key. */
const byList = new WeakMap<string[], Compiled>();

/**
 * What a text must contain for the phrase to match it: for every word of the phrase, the longest
 * fixed piece of one of its alternatives ("speak/talk .. manager*" → [speak|talk] and [manager]).
 * A word with a bare wildcard alternative requires nothing and is left out.
 */
function anchorsOf(phrase: string): string[][] {
  const out: string[][] = [];
  for (const token of foldText(phrase).trim().split(/\s+/)) {
    if (token === "" || token === "..") continue;
    const pieces = token
      .split("/")
      .filter(Boolean)
      .map((alt) => alt.split("*").reduce((x, y) => (y.length > x.length ? y : x), ""));
    if (pieces.length > 0 && pieces.every((p) => p.length > 0)) out.push(pieces);
  }
  return out;
}

/** A word list compiled once (a detector call tries dozens of lists on every sentence). */
function compiled(list: string[]): Compiled {
  const known = byList.get(list);
  if (known) return known;
  const key = list.join("\u0000");
  let hit = cache.get(key);
  if (!hit) {
    const kept = list.map((p) => ({ p, re: compilePhrase(p) })).filter((e): e is { p: string; re: RegExp } => e.re !== null);
    hit = { each: kept.map((e) => e.re), sources: kept.map((e) => `(?:${e.re.source})`), anchors: kept.map((e) => anchorsOf(e.p)), subsets: new Map() };
    cache.set(key, hit);
  }
  byList.set(list, hit);
  return hit;
}

/**
 * The alternation of only those entries whose literals the text contains; null when there are
 * none. An entry left out cannot match anywhere in the text, so the matches are exactly those of
 * the whole list's alternation — found in a few hundred `includes` instead of a regex with one
 * look-behind per entry tried at every character (most of a ticket's time before).
 */
function candidates(c: Compiled, folded: string): { any: RegExp; all: RegExp } | null {
  const picked: number[] = [];
  for (let i = 0; i < c.anchors.length; i++) {
    if ((c.anchors[i] as string[][]).every((word) => word.some((a) => folded.includes(a)))) picked.push(i);
  }
  if (picked.length === 0) return null;
  const key = picked.join(",");
  let re = c.subsets.get(key);
  if (!re) {
    const source = picked.map((i) => c.sources[i]).join("|");
    re = { any: new RegExp(source, "u"), all: new RegExp(source, "gu") };
    if (c.subsets.size >= 512) c.subsets.clear();
    c.subsets.set(key, re);
  }
  return re;
}

function regexes(list: string[]): RegExp[] {
  return compiled(list).each;
}

/** The languages whose markers apply: the ticket's (plus English, which tickets mix in), or all when unknown. */
function langsFor(language: string | null | undefined): Lang[] {
  const l = (language ?? "").slice(0, 2).toLowerCase();
  if ((INTENT_LANGUAGES as string[]).includes(l)) return l === "en" ? ["en"] : [l as Lang, "en"];
  return INTENT_LANGUAGES;
}
const lists = new WeakMap<Record<Lang, string[]>, Map<string, string[]>>();
function listFor(table: Record<Lang, string[]>, langs: Lang[]): string[] {
  let byLangs = lists.get(table);
  if (!byLangs) {
    byLangs = new Map();
    lists.set(table, byLangs);
  }
  const key = langs.join(",");
  let list = byLangs.get(key);
  if (!list) {
    list = langs.flatMap((l) => table[l]);
    byLangs.set(key, list);
  }
  return list;
}

interface Found {
  at: number;
  text: string;
}
/** Every match of the list, left to right, not overlapping (as `matchAll` of the whole list's alternation). */
function findAll(folded: string, list: string[]): Found[] {
  const re = candidates(compiled(list), folded);
  return re ? [...folded.matchAll(re.all)].map((m) => ({ at: m.index ?? 0, text: m[0] })) : [];
}
const has = (folded: string, list: string[]) => candidates(compiled(list), folded)?.any.test(folded) ?? false;

/**
 * Where a sentence ends: after . ! ? … and space — not after a title ("Dra. Filipa Antunes, pediu-me…")
 * nor after a day or month number ("am 2. Oktober", "k 31. 12. 2026"; a year or an amount does end one) —
 * and at line breaks.
 */
const SENTENCE_END =
  /(?<=[.!?¡¿…])(?<!(?:^|[^\p{L}])(?:dr|dra|mr|mrs|ms|mgr|ing|prof|sr|sra|srta|hr|fr|st|nr|bc|mudr|judr|phdr|rndr|doc|sto|sta|tel|bzw|vs|ca|cca)\.)(?<!\d\.)\s+|(?<=\d{3}\.)\s+(?![\s\d])|\n+/iu;

/** Splits the author's text into sentences, each with its comma and contrast clauses. */
export function segment(text: string, langs: Lang[]): Sentence[] {
  const conj = `(?<![\\p{L}])(?:${listFor(CONTRAST, langs).join("|")})(?![\\p{L}])`;
  const clauses = new RegExp(`[,;:–—-]\\s+|\\s+(?=${conj})`, "gu");
  const contrast = new RegExp(conj, "gu");
  const out: Sentence[] = [];
  for (const raw of text.split(SENTENCE_END)) {
    const original = raw.trim();
    if (!original) continue;
    const folded = foldText(original);
    const clauseStarts = [0];
    for (const m of folded.matchAll(clauses)) clauseStarts.push((m.index ?? 0) + m[0].length);
    const contrastStarts = [0];
    for (const m of folded.matchAll(contrast)) contrastStarts.push(m.index ?? 0);
    out.push({ original, folded, clauseStarts, contrastStarts });
  }
  return out;
}

function clauseAt(s: Sentence, at: number): { start: number; end: number; text: string } {
  let start = 0;
  let end = s.folded.length;
  for (const c of s.clauseStarts) {
    if (c <= at) start = c;
    else {
      end = c;
      break;
    }
  }
  return { start, end, text: s.folded.slice(start, end) };
}

/** Whether the quotation around `at` opens right after a colon ("Her words: '…"). */
function quoteIntroduced(folded: string, at: number): boolean {
  const open = Math.max(folded.lastIndexOf('"', at), folded.lastIndexOf("'", at));
  return open > 0 && /:\s*$/.test(folded.slice(0, open));
}

/** Whether position `at` of a sentence lies between quotation marks (folded: " or '). */
function insideQuotes(folded: string, at: number): boolean {
  for (const q of ['"', "'"]) {
    let inside = false;
    for (let i = 0; i < at; i++) {
      if (folded[i] !== q) continue;
      if (q === "'" && /\p{L}/u.test(folded[i - 1] ?? "") && /\p{L}/u.test(folded[i + 1] ?? "")) continue;
      inside = !inside;
    }
    if (inside && folded.indexOf(q, at) > at) return true;
  }
  return false;
}

const words = (s: string) => s.split(/[^\p{L}\p{N}']+/u).filter(Boolean);

/** A Czech verb negated by its ne- prefix (nechci, nebudu, nepůjdu), not a word that only starts so. */
const CS_NE = /(?<![\p{L}])ne(?!bo|z|jen|jak|kdo|co|ktery|ktera|ktere|dele|del|moc|mocn|pritel|bezpec|stal|sta|zbytn|ustal|ustale|cekan)[\p{L}]{3,}/u;

interface Judgement {
  discounted?: Discount;
  reason: string;
}

/**
 * Whether a cue at `at` in sentence `s` is the writer's own: not quoted, not reported from someone
 * else, not negated in its clause (a negation inside an if-clause is the condition's).
 */
export function judge(s: Sentence, at: number, kind: string, langs: Lang[], channel: string | null, length = 0): Judgement {
  // In a call note a quotation the agent introduces with a colon is the caller's own words ("Her words: 'You lot
  // are cowboys'"); any other quotation is someone's the caller reports ("her husband 'wanted to ring the ombudsman'").
  if (insideQuotes(s.folded, at) && !(channel === "phone" && quoteIntroduced(s.folded, at))) return { discounted: "quoted", reason: "inside quotation marks" };
  const from = Math.max(...s.contrastStarts.filter((c) => c <= at));
  const before = s.folded.slice(from, at);
  for (const r of findAll(before, listFor(REPORTING, langs))) {
    // The subject is in the reporting verb's own clause: in "Je rozrušená, říká, že…" (a call note, no subject) the
    // word before the comma is not it.
    const lead = before.slice(Math.max(0, r.at - 40), r.at);
    const lastTwo = words(lead.slice(Math.max(lead.lastIndexOf(","), lead.lastIndexOf(";"), lead.lastIndexOf(":")) + 1)).slice(-2);
    const subject = lastTwo.slice(-1);
    // "a guest who booked with you shouted…": a pronoun after a preposition is not the verb's subject.
    const afterPreposition = lastTwo.length === 2 && has(lastTwo[0] as string, listFor(PREPOSITION, langs));
    const after = words(before.slice(r.at + r.text.length)).slice(0, 1);
    // "I told you I will cancel" is the writer's own; "our customer told us she will sue" (or "nám řekla") is not.
    const own =
      (subject.length > 0 && has(subject.join(" "), listFor(OWN_SUBJECT, langs))) ||
      // "I was told…", "keep being told…": the writer is the one told.
      (langs[0] === "en" && /^(was|were|been|being|get|got)$/.test(subject[0] ?? "")) ||
      has(r.text, listFor(OWN_SUBJECT, langs)) ||
      // Czech first-person verb forms (říkám, píšeme) carry their subject.
      (langs[0] === "cs" && /(am|im|em|ame|ime|eme)$/.test(r.text));
    // A call note is an agent writing down what the caller said: "caller says she will cancel" is the caller's own.
    const caller = channel === "phone" && (subject.length === 0 || has(subject.join(" "), listFor(CALLER, langs)));
    // "You told me…" is the writer arguing with the agent; "…she said, and I will sue" has the writer as the subject again.
    const toAgent =
      subject.length > 0 &&
      !afterPreposition &&
      has(
        subject.join(" "),
        listFor(KNOWER, langs).filter(
          (k) =>
            !/^(anyone|anybody|nobody|no one|someone|nekdo|nekoho|nikdo|nikoho|kukaan|ketaan|joku|jotakuta|alguem|ninguem|jemand\*|irgendjemand\*|niemand\*|alguien|nadie)$/.test(
              k,
            ),
        ),
      );
    const between = before.slice(r.at + r.text.length);
    // After a colon or a quotation mark it is direct speech: its "I" is the speaker's, not the writer's.
    const direct = /[:"]/.test(between);
    // "…said I should sue", "meinte, ich solle kündigen": the writer as the subject of advised or reported modality is still reported.
    const ownAgain = findAll(between, listFor(OWN_SUBJECT, langs)).some(
      (f) =>
        !has(
          words(between.slice(f.at + f.text.length))
            .slice(0, 2)
            .join(" "),
          listFor(ADVISED, langs),
        ),
    );
    const writerAgain = !direct && (ownAgain || has(clauseAt(s, at).text, listFor(REQUEST, langs)));
    // Reported speech is the reporting verb's own clause, or what a "that", an infinitive ("threatened to",
    // "gedroht, … einzuschalten"), a colon or a quotation hangs on it.
    const sameClause = clauseAt(s, from + r.at).start === clauseAt(s, at).start;
    const threat = /^(threat|vyhroz|hroz|uhka|uhat|ameac|amenaz|droh|gedroht)/.test(r.text);
    // A reporting verb that closes its clause ("X meinte, …", "Kamarád mi radil, ať…") hangs the next one on it.
    const opens = /^\s*[,:]/.test(between);
    const reaches = sameClause || direct || threat || opens || has(between, listFor(COMPLEMENTIZER, langs)) || (langs.includes("fi") && /vansa(?![\p{L}])/u.test(between));
    if (reaches && !own && !caller && !toAgent && !writerAgain && !/^(jsem|jsme)$/.test(after[0] ?? ""))
      return { discounted: "reported", reason: `reported from someone else ("${r.text}")` };
  }
  // "Mein Bruder will Ihnen mit dem Anwalt kommen", "my husband wants to call the ombudsman": someone else opens
  // the clause as its subject, and the writer does not join in before the cue ("my wife and I will…" is theirs too).
  const opening = clauseAt(s, at);
  const other = findAll(s.folded.slice(opening.start, at), listFor(OTHER_PERSON, langs)).find((f) => words(s.folded.slice(opening.start, opening.start + f.at)).length <= 1);
  if (other && !has(s.folded.slice(opening.start + other.at + other.text.length, at), listFor(OWN_SUBJECT, langs)))
    return { discounted: "reported", reason: `someone else's intent ("${other.text}")` };
  // Finnish reports another's intent with -vansa/-vänsä ("huusi haastavansa"): the word itself carries it.
  if (langs.includes("fi")) {
    const w = /(?<![\p{L}])[\p{L}]{3,}vansa(?![\p{L}])/u.exec(s.folded.slice(from, at + Math.max(length, 1)));
    if (w) return { discounted: "reported", reason: `reported intent ("${w[0]}")` };
  }
  if (NEGATABLE.has(kind)) {
    const clause = clauseAt(s, at);
    // A negation that is part of the cue itself ("will not renew") does not take it back.
    const outside = (f: Found) => f.at + clause.start < at || f.at + clause.start >= at + length;
    // Negation and condition words of the ticket's own language: "no" is "in the" in Portuguese.
    const own = langs.length < INTENT_LANGUAGES.length ? langs.slice(0, 1) : langs;
    // "without further notice" sharpens a threat: not a negation.
    const sharpens = (f: Found) => regexes(listFor(INTENSIFIER, own)).some((re) => re.exec(clause.text.slice(f.at))?.index === 0);
    // A negation stays with its own verb: not past a coordinator ("No acepta … y pide hablar con el director",
    // "přesunout data jinam a … nepočítáme") nor past a purpose after the cue ("… on Trustpilot tonight so nobody…").
    const cueAt = at - clause.start;
    const ownVerb = (f: Found) =>
      f.at < cueAt
        ? !has(clause.text.slice(f.at + f.text.length, cueAt), listFor(COORDINATOR, own))
        : !has(clause.text.slice(cueAt + length, f.at), listFor(PURPOSE, own)) && !has(clause.text.slice(cueAt + length, f.at), listFor(COORDINATOR, own));
    const negation =
      findAll(clause.text, listFor(NEGATION, own)).find((f) => outside(f) && !sharpens(f) && ownVerb(f)) ??
      (own.includes("cs") ? [toFound(CS_NE.exec(clause.text))].find((f) => f && outside(f) && ownVerb(f)) : undefined);
    const conditional = conditionIn(clause.text, own);
    if (negation && !conditional) return { discounted: "negated", reason: `negated by "${negation.text}" in the same clause` };
    const intention = negatedIntention(s, clause, own);
    if (intention && !conditional) return { discounted: "negated", reason: `an infinitive of a negated intention ("${intention}")` };
  }
  return { reason: "the writer's own words: not quoted, reported or negated" };
}
/**
 * The cue's clause hangs on a negated clause before it: an infinitive of a negated intention ("Ich habe nicht
 * vor, einen Anwalt einzuschalten"; "I have no plan, to be clear, to sue") or a relative clause of a negated
 * head ("ich bin niemand, der mit dem Anwalt droht"). Returns the negation, or undefined.
 */
function negatedIntention(s: Sentence, clause: { start: number; text: string }, langs: Lang[]): string | undefined {
  if (clause.start === 0) return undefined;
  const prev = clauseAt(s, clause.start - 1).text;
  const negation = findAll(prev, listFor(NEGATION, langs))[0]?.text;
  if (!negation) return undefined;
  const infinitive =
    (langs.includes("de") && /(?<![\p{L}])zu\s+\p{L}+en(?![\p{L}])|\p{L}{2,}zu\p{L}+en(?![\p{L}])/u.test(clause.text)) || (langs.includes("en") && /^\s*to\s/.test(clause.text));
  if (infinitive && has(prev, listFor(INTENTION, langs))) return negation;
  const lead = words(clause.text)[0] ?? "";
  if (has(lead, listFor(RELATIVE, langs.slice(0, 1)))) return negation;
  return undefined;
}
function toFound(m: RegExpExecArray | null): Found | undefined {
  return m ? { at: m.index, text: m[0] } : undefined;
}

/** Kinds a negation can take back ("we won't cancel"); an insult stays one. */
const NEGATABLE = new Set(["manager", "churn", "legal", "review"]);

const AUTHORITY_NOUN = [
  "manager*",
  "supervisor*",
  "superior*",
  "boss*",
  "vedouc*",
  "sef*",
  "manazer*",
  "reditel*",
  "nadrizen*",
  "esimie*",
  "esihenkil*",
  "paallik*",
  "johtaja*",
  "gerente",
  "chefe",
  "responsavel",
  "chef*",
  "chefin",
  "vorgesetzt*",
  "leiter*",
  "leiterin",
  "jefe",
  "jefa",
  "encargad*",
];

const GENITIVE_LINK = /^(of|da|do|das|dos|de|del|der|des)$/;

/** The writer's own manager ("our ops manager", "tiimimme esimies") or a role name ("the Manager role"): no demand. */
function harmlessAuthority(s: Sentence, langs: Lang[]): boolean {
  // Words with the punctuation after them kept: "a manager, my order…" is not "the manager of my store".
  const tokens = s.folded.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const ws = tokens.map((t) => words(t)[0] ?? "");
  const noun = regexes(AUTHORITY_NOUN);
  const own = regexes(listFor(OWN, langs));
  const yours = regexes(listFor(YOUR, langs));
  const role = regexes(listFor(ROLE_CONTEXT, langs));
  let nouns = 0;
  let harmless = 0;
  ws.forEach((w, i) => {
    if (!noun.some((re) => re.test(w))) return;
    nouns++;
    const prev = ws.slice(Math.max(0, i - 2), i).join(" ");
    const next = ws.slice(i + 1, i + 4).join(" ");
    if (yours.some((re) => re.test(prev))) return;
    // "I am the store manager", "sou a gerente", "ich bin die Filialleiterin": the writer's own role.
    if (/(?:^|\s)(?:i'm|im|am|jsem|olen|sou|bin|soy)(?:\s|$)/.test(prev)) {
      harmless++;
      return;
    }
    // "the manager of our store", "a gerente da nossa loja", "der Leiter unserer Filiale": the writer's own, after the noun.
    const closed = /[,;:.!?]$/.test(tokens[i] ?? "");
    const link = ws[i + 1] ?? "";
    const ownAfter =
      !closed && (GENITIVE_LINK.test(link) ? own.some((re) => re.test(ws[i + 2] ?? "")) : /^(unserer|unseres|meiner|meines|nasi|naseho|nasich|meho|moji)$/.test(link));
    if (own.some((re) => re.test(prev)) || role.some((re) => re.test(next)) || ownAfter) harmless++;
  });
  return nouns > 0 && harmless === nouns;
}

/**
 * "The district court has appointed us…", "Soud rozhodl…": a court opening the sentence as the
 * subject of a verb of acting, not the writer going to court (a lawyer stays a cue: "my lawyer has…").
 */
function courtActed(s: Sentence, cue: Found, langs: Lang[]): boolean {
  if (!regexes(COURT).some((re) => re.test(cue.text))) return false;
  const lead = words(s.folded.slice(0, cue.at));
  if (lead.length > 1 || (lead.length === 1 && !/^(the|a|an|das|der|die|dem|den|o|a|os|as|el|la|los|las|ten|ta|to)$/.test(lead[0] as string))) return false;
  const next = words(s.folded.slice(cue.at + cue.text.length))
    .slice(0, 2)
    .join(" ");
  return has(next, listFor(INSTITUTION_ACTS, langs));
}

/**
 * "You are hopeless", "Olette … toivottomia", "Sie sind … überfordert": the agent or staff as the subject
 * of an evaluation of incompetence, in one clause with at most five words between (an evaluative word
 * about the product stays anger or nothing).
 */
function evaluation(s: Sentence, langs: Lang[]): Found | undefined {
  for (const c of findAll(s.folded, listFor(COPULA_2P, langs))) {
    const clause = clauseAt(s, c.at);
    const rest = s.folded.slice(c.at + c.text.length, clause.end);
    const e = findAll(rest, listFor(EVALUATION, langs))[0];
    if (e && words(rest.slice(0, e.at)).length <= 5) return { at: c.at, text: `${c.text} .. ${e.text}` };
  }
  return undefined;
}

/** Verbs of publishing or a review noun: what a named platform needs beside it. */
const PUBLISH_OR_REVIEW = Object.fromEntries(INTENT_LANGUAGES.map((l) => [l, [...PUBLISH[l], ...REVIEW_NOUN[l]]])) as Record<Lang, string[]>;

/** A how-to question ("How do I cancel…?", "¿Dónde veo las reseñas…?"): asking about a feature, not threatening with it. */
function isHowTo(s: Sentence, langs: Lang[]): boolean {
  // "queria saber se a avaliação … pode ser revisada": an indirect question, asked without a question mark.
  if (has(s.folded, listFor(INDIRECT_QUESTION, langs.slice(0, 1))) && !threatFrame(s, langs)) return true;
  const lead = s.folded.search(/[\p{L}\p{N}]/u);
  return /\?/.test(s.folded) && lead >= 0 && regexes(listFor(HOW_TO, langs)).some((re) => re.exec(s.folded.slice(lead))?.index === 0);
}

/** What one cancels without leaving: parts of the service and payment arrangements ("Lastschrift kündigen"). */
const PART_OR_PAYMENT = Object.fromEntries(INTENT_LANGUAGES.map((l) => [l, [...PART[l], ...PAYMENT[l]]])) as Record<Lang, string[]>;

/** New bank details anywhere in the message: "my account is at another bank" is then a change of payment, not leaving. */
function mentionsPayment(text: string, langs: Lang[]): boolean {
  return has(foldText(text), listFor(PAYMENT, langs));
}

/** "Does the Kündigungsfrist apply to add-ons?": the cue is a term of the contract asked about in a question. */
function askedTerm(s: Sentence, cue: Found, langs: Lang[]): boolean {
  // "quería saber si hay penalización por darme de baja": the "si" is the question's, not a condition.
  const indirect = has(s.folded, listFor(INDIRECT_QUESTION, langs.slice(0, 1)));
  if (!indirect && (!/\?/.test(s.folded) || threatFrame(s, langs))) return false;
  return findAll(s.folded, listFor(NOTICE_TERM, langs)).some((t) => t.at <= cue.at + cue.text.length && cue.at <= t.at + t.text.length);
}

/** "the court letter says it can't be deferred", "ein Schreiben vom Amtsgericht": a court that wrote, outside an ultimatum. */
function courtLetter(s: Sentence, cue: Found, langs: Lang[]): boolean {
  // A condition makes it an ultimatum; "so" (a THEN of threatFrame) does not: "…the court letter says so, so please move it".
  return regexes(COURT).some((re) => re.test(cue.text)) && has(s.folded, listFor(COURT_LETTER, langs)) && !conditionIn(s.folded, langs.slice(0, 1));
}

/**
 * "Our in-house lawyer asked me to confirm clause 7.3", "the lawyer settling the estate needs a copy": the
 * writer's own lawyer (an own possessive just before), or one in a sentence about a document, as the subject of
 * a request — not a threat, unless the sentence sets a condition or goes on to a court.
 */
function ownCounselAsks(s: Sentence, cue: Found, langs: Lang[]): boolean {
  if (threatFrame(s, langs)) return false;
  const before = words(s.folded.slice(0, cue.at)).slice(-2).join(" ");
  // The writer's own lawyer, or any lawyer who needs a document ("der Anwalt, der den Nachlass abwickelt, benötigt eine Kopie").
  if (!has(before, listFor(OWN, langs)) && !has(s.folded, listFor(DOCUMENT, langs))) return false;
  const rest = s.folded.slice(cue.at + cue.text.length);
  // "My lawyer advised me to take you to court" is still going to court.
  if (has(rest, listFor(LEGAL, INTENT_LANGUAGES))) return false;
  const after = words(rest).slice(0, 8);
  const role = regexes(listFor(ROLE_CONTEXT, langs));
  return after.some((w) => role.some((re) => re.test(w)));
}

/**
 * Whether an insult word is aimed at the agent or company: a second person in the sentence, a short outburst
 * ("Idiots!"), or a demonstrative before it ("such dolts", "solche Versager") — not "a bloody disgrace" about an outage.
 */
function aimedAt(s: Sentence, at: number, langs: Lang[]): boolean {
  const such = has(words(s.folded.slice(0, at)).slice(-2).join(" "), listFor(DEMONSTRATIVE, langs));
  return has(s.folded, listFor(SECOND_PERSON, langs)) || words(s.folded).length <= 6 || such;
}

/** Whether a cue ends its clause: only punctuation or the sentence end after it. */
function closesClause(s: Sentence, f: Found): boolean {
  return /^\s*([,;:.!?…)]|$)/u.test(s.folded.slice(f.at + f.text.length));
}

/** A condition word in the text; a Portuguese enclitic ("aplica-se", "trata-se") is not the "se" of "if". */
function conditionIn(folded: string, langs: Lang[]): boolean {
  return has(langs.includes("pt") ? folded.replace(/-(?:se|me|te|lhe|lhes|nos|vos)(?![\p{L}])/gu, "") : folded, listFor(CONDITION, langs));
}

/** A condition or a "then"/"enough" in the sentence: what makes "I'm out", "sind wir weg" a threat rather than being away. */
function threatFrame(s: Sentence, langs: Lang[]): boolean {
  if (s.frame === undefined) s.frame = frameOf(s, langs);
  return s.frame;
}
function frameOf(s: Sentence, langs: Lang[]): boolean {
  const own = langs.slice(0, 1);
  // "perguntar se…", "wissen, ob…": the if of an indirect question sets no condition.
  const asked = findAll(s.folded, listFor(INDIRECT_QUESTION, own));
  const text = asked.reduce((t, f) => t.slice(0, f.at) + " ".repeat(f.text.length) + t.slice(f.at + f.text.length), s.folded);
  return conditionIn(text, own) || has(s.folded, listFor(THEN, own));
}

/**
 * "Someone higher in our company asked me…": the person the cue names is on the writer's side (an own
 * possessive after a preposition) or did something (a role-context verb) right after it.
 */
function ownAuthority(s: Sentence, cue: Found, langs: Lang[]): boolean {
  const after = words(s.folded.slice(cue.at + cue.text.length)).slice(0, 4);
  const own = regexes(listFor(OWN, langs));
  const role = regexes(listFor(ROLE_CONTEXT, langs));
  const ownAfter = (w: string, i: number) =>
    i > 0 && i <= 2 && own.some((re) => re.test(w)) && /^(in|at|of|v|ve|u|z|na|em|da|do|de|del|bei|aus|der|des|en)$/.test(after[i - 1] as string);
  return after.some((w, i) => role.some((re) => re.test(w)) || ownAfter(w, i));
}

/** Whether the writer is the actor somewhere in the sentence. */
function writerActs(folded: string, langs: Lang[]): boolean {
  return has(folded, listFor(FIRST_PERSON, langs));
}

function excerpt(s: Sentence): string {
  return s.folded.length > 160 ? `${s.folded.slice(0, 157)}...` : s.folded;
}

/**
 * Why a leaving cue is harmless, or undefined when it counts: a how-to question, a term of the contract asked
 * about, new bank details, a part of the service or a payment arrangement cancelled, what the writer had to
 * do, messages unsubscribed from, being away, or moving to the agent's company. Shared by the intent detector
 * and the operator phrases.
 */
function harmlessChurn(s: Sentence, churn: Found, langs: Lang[], payment: boolean): string | undefined {
  const after = (n: number) =>
    words(s.folded.slice(churn.at + churn.text.length))
      .slice(0, n)
      .join(" ");
  const before = (n: number) => words(s.folded.slice(0, churn.at)).slice(-n).join(" ");
  if (isHowTo(s, langs)) return "a how-to question about the feature, not a threat";
  if (askedTerm(s, churn, langs)) return "a question about the contract's terms, not a threat";
  if (payment && /bank|pankk|banco/.test(churn.text) && !threatFrame(s, langs)) return "new bank details for payments, not leaving";
  // "Nutzer kündigen", "cancelar la cita", "cancel two seats"; German puts the object some words before its verb
  // ("die Lizenz von Herrn Maier zum Monatsende kündigen").
  const part = has(churn.text, listFor(PART_OR_PAYMENT, langs)) || has(after(5), listFor(PART_OR_PAYMENT, langs)) || has(before(6), listFor(PART_OR_PAYMENT, langs));
  if (part && !threatFrame(s, langs)) return "cancelling a part of the service (a seat, an appointment, a listing), not leaving";
  if (has(before(5), listFor(HAD_TO, langs))) return "what the writer had to do, not a threat";
  if (has(after(5), listFor(MESSAGES, langs))) return "unsubscribing from messages, not leaving";
  if (regexes(listFor(AWAY, langs)).some((re) => re.exec(s.folded.slice(churn.at + churn.text.length).trimStart())?.index === 0))
    return "being away (a trip, the day off), not leaving";
  if (has(after(words(churn.text).length + 4), listFor(INWARD, langs))) return "moving to the agent's company, not away from it";
  return undefined;
}

/** Why a legal cue is harmless, or undefined when it counts (shared by the intent detector and the operator phrases). */
function harmlessLegal(s: Sentence, cue: Found, langs: Lang[]): string | undefined {
  if (courtActed(s, cue, langs)) return "a court as the subject of what it did (an appointment, a ruling), not a threat to go to court";
  if (ownCounselAsks(s, cue, langs)) return "a lawyer asking for something (the writer's own, or one who needs a document), not a threat to go to court";
  if (courtLetter(s, cue, langs)) return "a court that wrote or is a workplace (a summons, jury duty, an internship), not a threat to go to court";
  if (regexes(COURT).some((re) => re.test(cue.text)) && has(words(s.folded.slice(0, cue.at)).slice(-3).join(" "), listFor(NEAR, langs)))
    return "a court as a landmark (next to the court), not a threat to go to court";
  return undefined;
}

/**
 * The writer's intents in a text (the author's own words, quoted history already removed), each
 * with its sentence, cue and the reason it counts or not.
 */
export function detectIntents(text: string, opts: { language?: string | null; channel?: string | null } = {}): IntentHit[] {
  const langs = langsFor(opts.language);
  const channel = callChannel(text, opts.channel ?? null, langs);
  const sentences = segment(text, langs);
  const hits: IntentHit[] = [];
  const payment = mentionsPayment(text, langs);
  const push = (s: Sentence, kind: IntentHit["kind"], f: Found, extra?: Judgement) => {
    const j = extra ?? judge(s, f.at, kind, langs, channel, f.text.length);
    hits.push({ kind, matched: f.text, clause: excerpt(s), reason: j.reason, ...(j.discounted ? { discounted: j.discounted } : {}) });
  };
  for (const s of sentences) {
    const first = (list: string[]) => findAll(s.folded, list)[0];

    const manager = first(listFor(MANAGER, INTENT_LANGUAGES));
    if (manager) {
      if (harmlessAuthority(s, langs) || ownAuthority(s, manager, langs))
        push(s, "manager", manager, { discounted: "harmless", reason: "the writer's own manager or a role name, not a demand" });
      else push(s, "manager", manager);
    }

    const closing = findAll(s.folded, listFor(CHURN_CLOSING, langs)).find((f) => closesClause(s, f) && (threatFrame(s, langs) || words(s.folded).length <= 3));
    const churn = first(listFor(CHURN, INTENT_LANGUAGES)) ?? closing ?? (threatFrame(s, langs) ? first(listFor(CHURN_IF, langs)) : undefined);
    const howTo = isHowTo(s, langs);
    if (churn) {
      const harmless = harmlessChurn(s, churn, langs, payment);
      push(s, "churn", churn, harmless ? { discounted: "harmless", reason: harmless } : undefined);
    }

    const legal = first(listFor(LEGAL, INTENT_LANGUAGES));
    if (legal) {
      const name = /^sue /.test(legal.text) && /(?<=\S\s+)Sue\b/.test(s.original);
      const harmless = name ? '"Sue" as a name' : harmlessLegal(s, legal, langs);
      push(s, "legal", legal, harmless ? { discounted: "harmless", reason: harmless } : undefined);
    } else {
      const regulator = first(listFor(REGULATOR, INTENT_LANGUAGES));
      if (regulator && has(s.folded, listFor(COMPLAINT, INTENT_LANGUAGES)) && (channel === "phone" || writerActs(s.folded, langs))) push(s, "legal", regulator);
    }

    // Going public: a platform and a verb of publishing (two different words: "arvostelu" is both) or, with a
    // named platform, a review noun ("Google-Rezension"); the press with a verb of going to it; or an audience told.
    const apart = (x: Found, list: string[]) => findAll(s.folded, list).some((y) => y.at + y.text.length <= x.at || x.at + x.text.length <= y.at);
    const productSense = (p: Found) =>
      regexes(PLATFORM_PRODUCT).some((re) =>
        re.test(
          words(s.folded.slice(p.at + p.text.length))
            .slice(0, 2)
            .join(" "),
        ),
      );
    const reviewNoun = (p: Found) => regexes(listFor(REVIEW_NOUN, INTENT_LANGUAGES)).some((re) => re.test(p.text));
    const platform = findAll(s.folded, listFor(PLATFORM, INTENT_LANGUAGES)).find(
      (p) => !productSense(p) && apart(p, listFor(reviewNoun(p) ? PUBLISH : PUBLISH_OR_REVIEW, INTENT_LANGUAGES)),
    );
    const media = findAll(s.folded, listFor(MEDIA, INTENT_LANGUAGES)).find((m) => apart(m, listFor(COMPLAINT, INTENT_LANGUAGES)) || apart(m, listFor(PUBLISH, INTENT_LANGUAGES)));
    const audience = first(listFor(AUDIENCE, INTENT_LANGUAGES));
    const future = langs[0] !== "en" || has(s.folded, EN_FUTURE) || has(s.folded, listFor(CONDITION, ["en"]));
    // The writer acts, or an ultimatum ("if … by Friday, the whole thread lands on Google") makes it theirs.
    // In a call note the caller is the actor ("říká, že už podala stížnost…").
    const theirs = () => channel === "phone" || writerActs(s.folded, langs) || threatFrame(s, langs) || has(s.folded, listFor(SOON, langs));
    if (platform && future && theirs()) {
      if (howTo) push(s, "review", platform, { discounted: "harmless", reason: "a how-to question about reviews or a platform, not a threat" });
      else push(s, "review", platform);
    } else if (media && future && theirs()) push(s, "review", media);
    // "let everyone know" holds the audience inside the verb of telling: another word, not the same one.
    else if (audience && findAll(s.folded, listFor(TELL, INTENT_LANGUAGES)).some((y) => y.at !== audience.at || y.text !== audience.text) && writerActs(s.folded, langs))
      push(s, "review", audience);

    const insult = first(listFor(INSULT, INTENT_LANGUAGES));
    // Mocking the staff's competence is aimed by its frame ("the technician they sent doesn't know what he's doing").
    const mocked = first(listFor(MOCKERY, langs));
    if (insult) {
      if (aimedAt(s, insult.at, langs)) push(s, "insult", insult);
      else if (mocked) push(s, "insult", mocked);
      else push(s, "anger", insult, { reason: "an insult word not aimed at the agent or company" });
    } else {
      const knower = first(listFor(KNOWER, langs));
      const knowing = first(listFor(KNOWING, langs));
      const doubt = first(listFor(DOUBT, langs));
      const asks = /\?/.test(s.folded) || has(s.folded, listFor(NEGATION, langs));
      const evaluated = evaluation(s, langs);
      if (knower && knowing && doubt && asks) push(s, "insult", { at: knower.at, text: `${knower.text} .. ${knowing.text} .. ${doubt.text}` });
      else if (evaluated) push(s, "insult", evaluated);
      else if (mocked) push(s, "insult", mocked);
    }
  }
  return hits;
}

/**
 * A phone ticket is an agent's call note ("Caller says she will cancel": the caller's own words) unless it is
 * the caller's words verbatim — in the first person and naming no caller — where "she said" is someone else.
 */
function callChannel(text: string, channel: string | null, langs: Lang[]): string | null {
  if (channel !== "phone") return channel;
  const folded = foldText(text);
  return has(folded, listFor(FIRST_PERSON, langs)) && !has(folded, listFor(CALLER_NOUN, langs)) ? "phone-verbatim" : channel;
}

/** The sentence (of `text`) holding a phrase match, and the match's offset in it: for judging operator phrases the same way. */
export function judgePhrase(
  text: string,
  matched: string,
  kind: string,
  opts: { language?: string | null; channel?: string | null },
): Judgement & { clause?: string; asKind?: "anger" } {
  const langs = langsFor(opts.language);
  for (const s of segment(text, langs)) {
    const at = s.folded.indexOf(matched);
    if (at < 0) continue;
    if (kind === "manager" && harmlessAuthority(s, langs)) return { discounted: "harmless", reason: "the writer's own manager or a role name, not a demand", clause: excerpt(s) };
    const cue = { at, text: matched };
    const harmless =
      kind === "churn"
        ? harmlessChurn(s, cue, langs, mentionsPayment(text, langs))
        : kind === "legal"
          ? harmlessLegal(s, cue, langs)
          : kind === "review" && isHowTo(s, langs)
            ? "a how-to question about the feature, not a threat"
            : undefined;
    if (harmless) return { discounted: "harmless", reason: harmless, clause: excerpt(s) };
    const j = judge(s, at, kind, langs, callChannel(text, opts.channel ?? null, langs), matched.length);
    if (kind === "insult" && !j.discounted && !aimedAt(s, at, langs)) return { reason: "an insult word not aimed at the agent or company", clause: excerpt(s), asKind: "anger" };
    return { ...j, clause: excerpt(s) };
  }
  return { reason: "found across sentences" };
}
