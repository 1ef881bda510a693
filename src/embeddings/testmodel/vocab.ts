/**
 * The vocabulary of the tiny test model: BERT special tokens, single characters (Latin, Greek,
 * Cyrillic, digits, punctuation) in both word-initial and `##` continuation form, and word pieces
 * cut from a small multilingual support-desk word list, so WordPiece splits real tickets into
 * several meaningful pieces rather than single characters. Deterministic: same list every run.
 */
export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

/** Support vocabulary in English, Czech, Finnish, German, French, Spanish and Polish (accent-folded at build time). */
const SEED_WORDS = `
password reset login account locked unlock email invoice payment refund billing error crash
printer network wifi connection timeout slow server update install upgrade license expired
certificate browser cache cookie mobile app sync backup restore delete file folder permission
access denied admin user profile settings language export import report dashboard ticket support
heslo obnovit prihlaseni ucet zablokovany odemknout faktura platba vraceni chyba tiskarna sit
pripojeni pomaly aktualizace instalace licence prohlizec soubor slozka opravneni pristup uzivatel
nastaveni jazyk hlaseni podpora nefunguje zapomenute
salasana palauta kirjautuminen tili lukittu lasku maksu virhe tulostin verkko yhteys hidas
paivitys asennus lisenssi selain tiedosto kansio kayttaja asetukset kieli raportti tuki toimi
passwort zurucksetzen anmeldung konto gesperrt rechnung zahlung fehler drucker netzwerk verbindung
langsam aktualisierung installation lizenz datei ordner berechtigung zugriff benutzer einstellungen
mot passe reinitialiser connexion compte bloque facture paiement remboursement erreur imprimante
reseau lent mise jour fichier dossier utilisateur parametres langue rapport
contrasena restablecer sesion cuenta bloqueada factura pago reembolso impresora red conexion lento
actualizacion archivo carpeta usuario configuracion idioma informe soporte
haslo konto zablokowane faktura platnosc blad drukarka siec polaczenie wolno aktualizacja plik
folder uzytkownik ustawienia jezyk raport pomoc
the and for with not does after before when cannot again still every new old
`;

const LETTERS = "abcdefghijklmnopqrstuvwxyz" + "ßøæđłþðıœ" + "αβγδεζηθικλμνξοπρστυφχψω" + "абвгдежзийклмнопрстуфхцчшщъыьэюяёіїєґ";
const DIGITS = "0123456789";
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** Vocabulary in id order: specials first, then characters, then word pieces sorted. */
export function buildVocabulary(): string[] {
  const pieces = new Set<string>();
  for (const ch of LETTERS + DIGITS) {
    pieces.add(ch);
    pieces.add(`##${ch}`);
  }
  for (const ch of PUNCTUATION) pieces.add(ch);
  const words = SEED_WORDS.split(/\s+/)
    .filter(Boolean)
    .map((w) => w.normalize("NFD").replace(/\p{M}+/gu, ""));
  for (const word of words) {
    pieces.add(word);
    for (let n = 2; n <= 4; n++) {
      if (word.length > n) pieces.add(word.slice(0, n));
      for (let i = 1; i + n <= word.length; i++) pieces.add(`##${word.slice(i, i + n)}`);
    }
  }
  const chars = [...pieces].filter((p) => p.replace(/^##/, "").length === 1);
  const rest = [...pieces].filter((p) => p.replace(/^##/, "").length > 1).sort();
  return [...SPECIAL_TOKENS, ...chars, ...rest];
}

/**
 * A token's row of the static embedding table: signed feature hashing of its character 1–3-grams
 * (with a `<` word-start marker for word-initial pieces), L2-normalised, so pieces sharing
 * characters get nearby rows. [PAD] is zero; the other special tokens get a small fixed row so an
 * empty text still has a direction.
 */
export function tokenRow(token: string, dims: number): Float32Array {
  const row = new Float32Array(dims);
  if (token === "[PAD]") return row;
  const special = (SPECIAL_TOKENS as readonly string[]).includes(token);
  const core = token.startsWith("##") ? token.slice(2) : special ? token : `<${token}`;
  const features = special ? [`s:${token}`] : [];
  if (!special) for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= core.length; i++) features.push(`${n}:${core.slice(i, i + n)}`);
  for (const f of features) {
    const h = fnv1a(f);
    const slot = h % dims;
    row[slot] = (row[slot] as number) + (h & 0x80000000 ? -1 : 1);
  }
  let norm = 0;
  for (const x of row) norm += x * x;
  const scale = (special ? 0.1 : 1) / Math.sqrt(norm || 1);
  for (let i = 0; i < dims; i++) row[i] = (row[i] as number) * scale;
  return row;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
