import type { DetectedSignal } from "../text/signals.js";
import { detectIntents, judgePhrase } from "./intent.js";
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
 * Two sources of cues, judged the same way sentence by sentence (intent.ts): the admins' phrase
 * lists (signal_phrases), and the intent detector, which finds the writer's own intent to leave,
 * sue, go to a regulator, go public, get someone with more authority, or insult the agent from
 * concepts (stems, compounds) in the frame that makes them an intent. A cue is found but not
 * counted when the writer does not mean it as their own: inside a quotation ("the passenger
 * shouted 'I will sue you'"), reported from someone else ("our customer said she would post it
 * on Twitter"), negated in its clause ("we are not going to cancel, but…"), or in a harmless
 * sense ("our ops manager"). Measured on the project's labelled sets (test/fixtures/frustration,
 * `npm run eval -- --signals [--signals-file …/holdout.jsonl]`).
 */
export const NEEDS_HUMAN = ["manager", "churn", "legal", "review", "insult"] as const;

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
  /** The clause-level intent detector (intent.ts) besides the phrases; default on. */
  intents?: boolean;
}

export function assessFrustration(input: FrustrationInput): Frustration {
  const opts = { language: input.language ?? null, channel: input.channel ?? null };
  const evidence: FrustrationEvidence[] = [];
  let level = 0;
  const kinds = new Set<string>();
  const seen = new Set<string>();
  for (const s of input.signals) {
    // The same words found by several languages' lists are one piece of evidence.
    const key = `${s.kind}\u0000${s.matched}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const judged = judgePhrase(input.authorText, s.matched, s.kind, opts);
    const { discounted, clause } = judged;
    // An insult phrase not aimed at anyone ("a bloody disgrace" about an outage) is anger.
    const kind = judged.asKind ?? s.kind;
    evidence.push({ cue: "phrase", kind, matched: s.matched, ...(discounted ? { discounted } : {}), ...(clause ? { clause } : {}), reason: judged.reason });
    if (!discounted) kinds.add(kind);
  }
  if (input.intents !== false) {
    for (const hit of detectIntents(input.authorText, opts)) {
      const key = `intent\u0000${hit.kind}\u0000${hit.clause}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ cue: "intent", kind: hit.kind, matched: hit.matched, clause: hit.clause, reason: hit.reason, ...(hit.discounted ? { discounted: hit.discounted } : {}) });
      if (!hit.discounted) kinds.add(hit.kind);
    }
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
  const kinds = new Set(countedKinds(f).filter((k) => (NEEDS_HUMAN as readonly string[]).includes(k)));
  if (policy.repeatEscalateAfter > 0 && f.priorContacts >= policy.repeatEscalateAfter) kinds.add("repeat");
  return [...kinds];
}

/** The kinds of the cues that counted (phrases and intents not discounted). */
export function countedKinds(f: Frustration): string[] {
  return [...new Set(f.evidence.filter((e) => (e.cue === "phrase" || e.cue === "intent") && !e.discounted && e.kind).map((e) => e.kind as string))];
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
