import { DISCLAIMER, GREETING, HEADER_FROM, HEADER_OTHER, MOBILE_FOOTER, REPLY_HEADER, SIGN_OFF } from "./clean-patterns.js";

/**
 * Accent-folded, lower-cased text: the form phrase lists and cue patterns are written in, so a
 * customer who types without diacritics ("zrusime", "nao") meets the same phrase as one who types
 * them. Length may change (ß → ss): never carry offsets from one form to the other.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”„«»]/g, '"');
}

export interface CleanedMessage {
  /** What the author wrote about the problem: no greeting, sign-off, signature, disclaimer or quote. */
  authorText: string;
  /** Quoted or forwarded earlier messages (markers removed), kept apart from the author's words. */
  quotedText: string;
  /** The text to match articles with: subject + author text, plus the quote when the author wrote little. */
  matchText: string;
}

/** Below this many letters the author's own words are a cover note ("see below") and the quote is the problem. */
const SHORT_COVER_NOTE = 60;

const SUBJECT_PREFIX = /^\s*((re|fw|fwd|aw|wg|vs|vl|sv|tr|rv|enc|odp|r|res|ant|doorst|antw)(\[\d+\])?\s*:\s*)+/i;

/**
 * Strips what is not the problem from a customer message — greetings, sign-offs, signatures,
 * "sent from my phone", confidentiality disclaimers and quoted or forwarded history — in en, cs,
 * fi, pt, de, es (and it, fr, pl, nl, sk, sv where the cue is cheap). The original is never
 * changed; the author's words are kept apart from quoted text because the author's tone, not a
 * quoted complaint, decides an escalation.
 */
export function cleanMessage(body: string, subject?: string | null): CleanedMessage {
  const lines = body
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""));
  const quoteStart = findQuoteStart(lines);
  const own = lines.slice(0, quoteStart).filter((l) => !/^\s*>/.test(l));
  const quoted = [...lines.slice(0, quoteStart).filter((l) => /^\s*>/.test(l)), ...lines.slice(quoteStart)]
    .map((l) => l.replace(/^(\s*>)+\s?/, ""))
    .filter((l) => !HEADER_FROM.test(foldText(l.trim())) && !HEADER_OTHER.test(foldText(l.trim())))
    .filter((l) => !REPLY_HEADER.some((re) => re.test(foldText(l.trim()))));
  const authorText = tidy(stripSignature(stripGreeting(dropDisclaimers(own))));
  const quotedText = tidy(stripSignature(stripGreeting(dropDisclaimers(quoted))));
  const cleanSubject = (subject ?? "").replace(SUBJECT_PREFIX, "").trim();
  const parts = [cleanSubject, authorText];
  if (letters(authorText) < SHORT_COVER_NOTE) parts.push(quotedText);
  const matchText = parts.filter(Boolean).join("\n").trim();
  return { authorText, quotedText, matchText: matchText || body.trim() };
}

/** The text to match articles with (see cleanMessage). */
export function cleanText(body: string, subject?: string | null): string {
  return cleanMessage(body, subject).matchText;
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Index of the first line of quoted history (reply header, separator or header block); lines.length when none. */
function findQuoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const f = foldText((lines[i] ?? "").trim()).replace(/^>+\s*/, "");
    if (!f) continue;
    if (REPLY_HEADER.some((re) => re.test(f)) && i > 0) return i;
    // "On Mon, 3 Mar 2025 at 09:12, Someone <x@y.z>" wrapped onto a second line ending in "wrote:".
    const joined = `${f} ${foldText((lines[i + 1] ?? "").trim())}`;
    if (i > 0 && /^(on|am|el|em|le|il|op|dne)\b/.test(f) && REPLY_HEADER.some((re) => re.test(joined))) return i;
    if (HEADER_FROM.test(f)) {
      const next = lines.slice(i + 1, i + 5).map((l) => foldText(l.trim()));
      if (next.some((n) => HEADER_OTHER.test(n))) return i;
    }
  }
  return lines.length;
}

function dropDisclaimers(lines: string[]): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const folded = foldText(paragraph.join(" "));
    if (!DISCLAIMER.some((re) => re.test(folded))) out.push(...paragraph);
    paragraph = [];
  };
  for (const line of lines) {
    if (line.trim() === "") {
      flush();
      out.push("");
    } else paragraph.push(line);
  }
  flush();
  return out;
}

/** Drops a leading greeting line ("Hi team,") or the greeting prefix of a line that goes on ("Hola, no puedo…"). */
function stripGreeting(lines: string[]): string[] {
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) return lines;
  const line = (lines[first] ?? "").trim();
  const folded = foldText(line);
  if (!GREETING.test(folded)) return lines;
  const out = [...lines];
  const cut = line.search(/[,!:;]|\s[–—-]\s/);
  const words = line.split(/\s+/).length;
  if (cut < 0) {
    // "Hello Nimbus team" alone on its line, or a greeting that runs straight into the problem.
    if (words <= 5 && !/[?.]$/.test(line)) out[first] = "";
    return out;
  }
  const head = line.slice(0, cut);
  if (head.split(/\s+/).length <= 5) out[first] = line.slice(cut + 1).replace(/^[\s–—-]+/, "");
  return out;
}

/** Cuts at a sign-off ("Thanks,", "S pozdravem"), a "-- " delimiter or a phone footer, then trailing name/title lines. */
function stripSignature(lines: string[]): string[] {
  let end = lines.length;
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? "").trim();
    if (!raw) continue;
    const f = foldText(raw);
    if (seenContent && (/^(--|__+|—)\s*$/.test(raw) || MOBILE_FOOTER.test(f) || isSignOff(f))) {
      end = i;
      break;
    }
    if (MOBILE_FOOTER.test(f)) continue;
    seenContent = true;
  }
  // A postscript after the signature is the author's again ("Att, Sandra / P.S.: if it is wrong again…").
  const ps = lines.findIndex((l, i) => i > end && POSTSCRIPT.test(l.trim()));
  const kept = ps >= 0 ? [...lines.slice(0, end), ...lines.slice(ps)] : lines.slice(0, end);
  return dropTrailingNameBlock(kept);
}

/** "P.S.:", "PS:", "P.P.S.", "NB:" opening a line, with something after it. */
const POSTSCRIPT = /^(?:p\.\s?p\.\s?s|p\.\s?s|ps|n\.\s?b)\.?\s*[:.,–—-]?\s+\S/i;

/** A sign-off alone on its line, or followed by a short name: "Thanks, Tim", "Cheers – Ana". */
function isSignOff(folded: string): boolean {
  if (SIGN_OFF.test(folded)) return true;
  const m = /^(.{2,40}?)[,–—-]\s*([\p{L}.'-]+(\s+[\p{L}.'-]+){0,2})$/u.exec(folded);
  return m !== null && SIGN_OFF.test((m[1] ?? "").trim());
}

/** A name/title block at the very end ("Stephen Hartley\nVP Customer Operations, Quayside"), ≤ 4 short lines. */
function dropTrailingNameBlock(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && (out[out.length - 1] ?? "").trim() === "") out.pop();
  const contentLines = out.filter((l) => l.trim() !== "").length;
  let removed = 0;
  while (out.length > 0 && removed < 4 && contentLines - removed > 1) {
    const line = (out[out.length - 1] ?? "").trim();
    if (!looksLikeSignatureLine(line)) break;
    out.pop();
    removed++;
  }
  return out;
}

const NAME_TOKEN = /^(\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.|(ing|mgr|dr|bc|phdr|judr|mudr|prof|dipl)\.?)$/u;

/** Lower-case words inside names and job titles: "Directora de Atención al Cliente", "Head of Support". */
const PARTICLE = /^(de|da|do|dos|das|del|de la|la|al|y|e|of|and|&|for|the|der|die|von|van|und|für|fur|pro|a|i|z|ze|di|du|le|des|het|en|och|ja)$/;

function looksLikeSignatureLine(line: string): boolean {
  if (!line || line.length > 70 || /[?]/.test(line)) return false;
  const bare = line.replace(/^[—–-]+\s*/, "");
  // phone numbers, e-mail and web addresses, "Company Oy/GmbH/Lda./s.r.o." lines
  if (/^(t|tel|phone|mob|mobile|m|p|puh|fax)\.?\s*:?\s*\+?[\d ()/-]{6,}$/i.test(bare)) return true;
  if (/^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(bare) || /^(https?:\/\/|www\.)\S+$/i.test(bare)) return true;
  if (/[.!:;]$/.test(bare) && !/\b(\p{Lu}\.|ing\.|mgr\.|dr\.|lda\.|inc\.|ltd\.|s\.r\.o\.|a\.s\.|co\.)$/iu.test(bare)) return false;
  if (/\b(oy|oyj|ab|gmbh|ag|kg|lda|ltda|s\.?a\.?|s\.?l\.?|s\.r\.o|a\.s|ltd|llc|inc|plc|bv|sp\. z o\.o|co)\b\.?$/i.test(bare)) return true;
  const tokens = bare.split(/[\s,|]+/).filter(Boolean);
  const named = tokens.filter((t) => NAME_TOKEN.test(t)).length;
  if (named >= 1 && tokens.length <= 6 && tokens.every((t) => NAME_TOKEN.test(t) || PARTICLE.test(t))) return true;
  // "Head of Customer Care, Velloway" / "IT-päällikkö, Saimaan Vesi Oy": title, comma, organisation
  return /^[^,]{2,40},\s*\p{Lu}[^,]{1,40}$/u.test(bare) && tokens.length <= 7 && !/\b(is|are|was|not|no|ist|je|on|es|e|und|and)\b/i.test(bare);
}

function tidy(lines: string[]): string {
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
