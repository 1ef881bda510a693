import { DomainError } from "../errors.js";

/**
 * Customer-facing ticket references: `DF-7K3Q-92`. Five random symbols of Crockford's base32
 * alphabet (digits and letters without I, L, O, U) and a Luhn mod 32 check symbol. The database
 * draws them (`new_ticket_reference()`, drizzle/0002); this file reads what people type.
 */
export const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX = "DF";
const PAYLOAD_LENGTH = 5;

export type ParsedReference = { ok: true; reference: string } | { ok: false; shaped: boolean; message: string };

/**
 * Luhn mod N over the alphabet (N = 32): every single wrong symbol and almost every swap of two
 * neighbours changes it. The migration's `ticket_reference_check` computes the same symbol.
 */
export function referenceCheckSymbol(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const code = REFERENCE_ALPHABET.indexOf(payload.charAt(i));
    if (code < 0) throw new Error(`'${payload.charAt(i)}' is not a reference symbol`);
    const factor = (payload.length - 1 - i) % 2 === 0 ? 2 : 1;
    const addend = factor * code;
    sum += Math.floor(addend / 32) + (addend % 32);
  }
  return REFERENCE_ALPHABET.charAt((32 - (sum % 32)) % 32);
}

/**
 * Reads a reference as a person types it: any case, hyphens and spaces optional, the `DF` prefix
 * optional, and the look-alikes Crockford maps (I and L read as 1, O as 0). `shaped` says whether
 * the input had a reference's form at all (so only its check symbol was wrong).
 */
export function parseReference(input: string): ParsedReference {
  let s = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (s.length === PREFIX.length + PAYLOAD_LENGTH + 1 && s.startsWith(PREFIX)) s = s.slice(PREFIX.length);
  const shaped = s.length === PAYLOAD_LENGTH + 1 && [...s].every((ch) => REFERENCE_ALPHABET.includes(ch));
  if (!shaped) {
    return { ok: false, shaped: false, message: "must be a ticket reference such as DF-7K3Q-92 (letters and digits, hyphens optional)" };
  }
  const payload = s.slice(0, PAYLOAD_LENGTH);
  if (referenceCheckSymbol(payload) !== s.slice(PAYLOAD_LENGTH)) {
    return { ok: false, shaped: true, message: "is not a valid ticket reference: its check character does not match (a character was probably mistyped)" };
  }
  return { ok: true, reference: formatReference(s) };
}

function formatReference(symbols: string): string {
  return `${PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/** The canonical reference, or INVALID_REFERENCE naming `field` (400: the caller mistyped it). */
export function requireReference(input: string, field: string): string {
  const parsed = parseReference(input);
  if (parsed.ok) return parsed.reference;
  throw new DomainError("INVALID_REFERENCE", `${field}: '${input}' ${parsed.message}`, { field }, [{ field, message: parsed.message }]);
}

/**
 * A fresh reference, drawn here (Web Crypto: Node and Workers alike) so the ticket path knows it
 * before the insert and writes ticket and escalation handoff at once. The database's
 * `new_ticket_reference()` default draws the same form for any other insert path; the unique
 * index turns the rare collision into another draw (submitTicket).
 */
export function drawReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PAYLOAD_LENGTH));
  const payload = [...bytes].map((b) => REFERENCE_ALPHABET.charAt(b % 32)).join("");
  return formatReference(payload + referenceCheckSymbol(payload));
}
