/**
 * Language cues the message cleaner recognises, all written accent-folded and lower-cased (the
 * cleaner folds each line before testing). Languages: en, cs, fi, pt, de, es, plus it, fr, pl,
 * nl, sk, sv where the cue is cheap. Add a language by adding its words here; the logic in
 * src/text/clean.ts does not change.
 */

/** Words that open a message; the line (or the greeting prefix of a longer line) is dropped. */
export const GREETING =
  /^(hi|hii|hello|hey|heya|dear|good (morning|afternoon|evening|day)|greetings|hi there|hello there|to whom it may concern|dobry den|dobre rano|dobry vecer|ahoj|cau|zdravim|dobry|vazeni|vazena|vazeny|hei|heippa|moi|moikka|terve|hyvaa (paivaa|huomenta|iltaa)|arvoisa|ola|oi|bom dia|boa tarde|boa noite|prezad[oa]s?|car[oa]s?|exm[oa]s?\.?( senhor(es|a)?)?|hallo|hallihallo|guten (morgen|tag|abend)|sehr geehrte[rn]?|liebe[rs]?|servus|moin|gruss gott|gruezi|hola|buenos dias|buenas( tardes| noches)?|buen dia|estimad[oa]s?|ciao|buongiorno|buonasera|salve|gentile|gentili|spettabile|bonjour|bonsoir|salut|madame|monsieur|dzien dobry|witam|czesc|szanown[iay]|dobry den|goedemorgen|goedemiddag|goedendag|beste|geachte|hoi|hej|god morgon)\b/;

/** Lines that close a message: from here on it is the signature. Matched on the whole line. */
// biome-ignore format: sign-offs packed by hand, one language group to a few lines
export const SIGN_OFF = new RegExp(
  "^(" +
    [
      // en
      "thanks?( you)?( so much| a lot| very much)?( in advance| again| for (your|the) (help|time)| for everything)?",
      "many thanks", "thx", "ty", "cheers", "best", "all the best", "best wishes", "(best|kind|warm|warmest|many)( regards)?",
      "regards", "kind regards", "best regards", "warm regards", "with regards", "sincerely( yours)?", "yours( sincerely| truly| faithfully)?",
      "respectfully", "thank you and (best|kind) regards", "talk soon", "have a (nice|good|great) (day|weekend)",
      // cs / sk
      "s pozdravem", "se srdecnym pozdravem", "s pratelskym pozdravem", "pozdrav(uji|ujem)?", "dekuji( predem| moc| za pomoc)?",
      "dekujeme( predem)?", "dekuji za (radu|pomoc|odpoved|info)", "diky za (radu|pomoc)", "diky( moc| predem)?", "s pozdravom", "dakujem( vopred)?", "hezky den",
      // fi
      "ystavallisin terveisin", "ystavallisesti", "terveisin", "t\\.?", "kiitos( jo etukateen| paljon| avusta)?", "kiitoksin",
      "parhain terveisin", "hyvaa paivanjatkoa", "kiittaen",
      // pt
      "obrigad[oa]s?( desde ja| pela ajuda)?", "muito obrigad[oa]", "atenciosamente", "cumprimentos", "melhores cumprimentos",
      "com os melhores cumprimentos", "abracos?", "att\\.?", "grat[oa]", "saudacoes", "um abraco", "cordialmente",
      // de
      "mit freundlichen grussen", "mfg", "freundliche grusse", "viele grusse", "beste grusse", "liebe grusse", "lg",
      "herzliche grusse", "gruss", "grusse", "danke( schon| sehr| im voraus)?", "vielen dank( im voraus)?", "danke (&|und) gruss",
      "schonen gruss", "besten dank", "(viele |liebe |beste )?grusse aus [\\p{L} -]{2,30}",
      // es
      "saludos( cordiales)?", "un saludo( cordial)?", "atentamente", "gracias( de antemano| por (su|tu) ayuda)?", "muchas gracias",
      "quedo atent[oa]", "un abrazo", "cordiales saludos",
      // it / fr / pl / nl / sv
      "cordiali saluti", "distinti saluti", "grazie( mille)?", "saluti", "cordialement", "bien cordialement", "merci( d'avance)?",
      "bien a vous", "pozdrawiam( serdecznie)?", "z powazaniem", "dziekuje", "met vriendelijke groet(en)?", "groet(en)?",
      "bedankt", "dank je wel", "med vanliga halsningar", "hilsen",
    ].join("|") +
    ")[\\s,.!:;–—-]*$",
  "u",
);

/** "Sent from my phone" footers, in several languages. */
export const MOBILE_FOOTER =
  /^(sent from my|sent from (outlook|mail|yahoo)|get outlook for|odeslano z|lahetetty (iphonesta|android|puhelimesta)|enviado (do|desde) (o )?(meu|mi)|von meinem .* gesendet|gesendet von|envoye de mon|inviato da|wyslane z)/;

/** Lines that start the quoted earlier message: everything from here on is history. */
export const REPLY_HEADER = [
  /^on\b.{0,240}\bwrote:?$/, // en: On 3 Mar 2025, Nimbus Support <…> wrote:
  /^am\b.{0,240}\bschrieb\b.*:?$/, // de
  /^el\b.{0,240}\bescribio:?$/, // es
  /^em\b.{0,240}\bescreveu:?$/, // pt
  /^(dne|v|on)\b.{0,240}\bnapsal(a|i)?( jste)?:?$/, // cs
  /^.{0,240}\bkirjoitti:?$/, // fi
  /^le\b.{0,240}\ba ecrit ?:?$/, // fr
  /^il\b.{0,240}\bha scritto:?$/, // it
  /^op\b.{0,240}\bschreef\b.*:?$/, // nl
  /^(w dniu|dnia)\b.{0,240}\bnapisal(a)?:?$/, // pl
  /^.{0,240}\bnapisal(a)?:?$/, // sk
  /^den\b.{0,240}\bskrev\b.*:?$/, // sv
  /^-{2,}\s*(original message|forwarded message|ursprungliche nachricht|weitergeleitete nachricht|puvodni zprava|preposlana zprava|alkuperainen viesti|valitetty viesti|mensagem original|mensagem encaminhada|mensaje original|mensaje reenviado|message d'origine|message transfere|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht|wiadomosc oryginalna|przekazana wiadomosc|povodna sprava|ursprungligt meddelande)\s*-*$/,
  /^begin forwarded message:?$/,
  /^_{5,}$/,
];

/** First line of a mail header block (From: …) in a quoted or forwarded message. */
export const HEADER_FROM = /^\**(from|von|od|de|lahettaja|da|van|fra|expediteur|envoye par|remitente|fran)\**\s*:/;
/** Further header lines (Sent/To/Subject…); a From: line counts as a quote start only followed by one of these. */
export const HEADER_OTHER =
  /^\**(sent|date|to|cc|subject|gesendet|datum|an|betreff|odeslano|datum|komu|predmet|kopie|lahetetty|paivamaara|vastaanottaja|aihe|enviad[oa]|data|para|assunto|fecha|asunto|envoye|objet|a|inviato|oggetto|wyslano|do|temat|verzonden|aan|onderwerp|skickat|till|amne)\**\s*:/;

/** Paragraphs with one of these are legal or confidentiality boilerplate, not the problem. */
export const DISCLAIMER = [
  /\b(this|the) (e-?mail|message|communication)( and any (attachments?|files?)( transmitted with it)?)? (is|are|may contain|contains?|may be)\b.{0,80}\b(confidential|privileged)/,
  /\bintended (solely |only )?for the (use of the )?(individual|addressee|intended recipient|named recipient|person)/,
  /\bif you (have )?received this (e-?mail|message|communication) (in error|by mistake)/,
  /\bconsider the environment before printing/,
  /\b(tento|tato) (e-?mail|zprava)\b.{0,80}\b(duvern|urcen)/,
  /\bpokud (jste|ste) (tento|tuto) (e-?mail|zpravu)\b.{0,40}\b(omylem|obdrzel)/,
  /\b(tama|taman) (sahkoposti)?viesti\b.{0,80}\b(luottamuksellin|tarkoitettu)/,
  /\bjos olet saanut (taman|tämän) viestin/,
  /\b(esta|este) (mensagem|e-?mail|correo|mensaje)\b.{0,80}\b(confidencia|privilegiad|destinad)/,
  /\bse (recebeu|voce recebeu) (esta|este) (mensagem|e-?mail) por (engano|erro)/,
  /\bsi (usted )?(ha|has) recibido (este|esta) (correo|mensaje)\b.{0,20}\bpor error/,
  /\bdiese (e-?mail|nachricht)\b.{0,80}\b(vertraulich|rechtlich geschutzt)/,
  /\bwenn sie nicht der (richtige|beabsichtigte) (adressat|empfanger)/,
  /\b(questo messaggio|ce message|ce courriel|deze e-?mail|ta wiadomosc)\b.{0,80}\b(riservat|confidenti|vertrouwelijk|poufn)/,
];
