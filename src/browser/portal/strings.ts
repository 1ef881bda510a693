/**
 * Every string the portal shows, in the four languages it speaks. The page is rendered in the
 * negotiated language and app.js carries the same table, so switching never reloads.
 */
export const PORTAL_LANGUAGES = ["en", "cs", "fi", "pt"] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<PortalLanguage, string> = { en: "English", cs: "Čeština", fi: "Suomi", pt: "Português" };

const en = {
  pageTitle: "Help center",
  apiLink: "API reference (for administrators)",
  skip: "Skip to search",
  languageLabel: "Language",
  heading: "How can we help?",
  lead: "Describe your problem in your own words. We'll show fixes that match as you type.",
  searchLabel: "Describe your problem",
  searchPlaceholder: "e.g. I can't log in after resetting my password",
  searchHint: "Use the arrow keys to move through the results.",
  searching: "Searching…",
  results_one: "{n} matching fix",
  results_other: "{n} matching fixes",
  noResults: "No matching fix yet.",
  noResultsHint: "Keep typing, or send your question to our support team.",
  contactCta: "Contact support",
  back: "Back to results",
  problem: "Problem",
  cause: "Cause",
  solution: "Solution",
  didItHelp: "Did this solve your problem?",
  yes: "Yes, it did",
  no: "No, I still need help",
  thanksTitle: "Glad that worked!",
  thanksBody: "Thanks for letting us know. You can close this page.",
  contactTitle: "Contact support",
  contactLead: "We'll pass your message to an agent.",
  messageLabel: "Your message",
  emailLabel: "Email (optional, so we can reply)",
  send: "Send",
  sending: "Sending…",
  answeredTitle: "This fix may solve it",
  answeredLead: "We found an answer to your message. Please try it first.",
  ticketTitle: "We've got your request",
  ticketBody: "An agent will take it from here. Please quote this reference number:",
  copy: "Copy",
  copied: "Copied",
  newSearch: "Start a new search",
  chars: "{n} of {max} characters",
  errTooLong: "Please keep it under {max} characters.",
  errEmpty: "Please describe your problem.",
  errEmail: "Please enter a valid email address, or leave it empty.",
  errRate: "Too many requests. Please wait a moment and try again.",
  errGeneric: "Something went wrong. Please try again.",
  notFound: "This article is no longer available.",
};
/** Plural forms beyond one/other exist only where the language has them (Czech few/many). */
export type PortalStrings = typeof en & { results_few?: string; results_many?: string };
export type PortalStringKey = keyof typeof en;

const cs: PortalStrings = {
  pageTitle: "Centrum nápovědy",
  apiLink: "Referenční příručka API (pro správce)",
  skip: "Přejít na vyhledávání",
  languageLabel: "Jazyk",
  heading: "Jak vám můžeme pomoci?",
  lead: "Popište problém vlastními slovy. Už během psaní vám ukážeme odpovídající řešení.",
  searchLabel: "Popište svůj problém",
  searchPlaceholder: "např. Po obnovení hesla se nemohu přihlásit",
  searchHint: "Mezi výsledky se můžete pohybovat šipkami.",
  searching: "Hledám…",
  results_one: "{n} odpovídající řešení",
  results_few: "{n} odpovídající řešení",
  results_many: "{n} odpovídajícího řešení",
  results_other: "{n} odpovídajících řešení",
  noResults: "Zatím žádné odpovídající řešení.",
  noResultsHint: "Pište dál, nebo pošlete dotaz naší podpoře.",
  contactCta: "Kontaktovat podporu",
  back: "Zpět na výsledky",
  problem: "Problém",
  cause: "Příčina",
  solution: "Řešení",
  didItHelp: "Vyřešilo to váš problém?",
  yes: "Ano, vyřešilo",
  no: "Ne, stále potřebuji pomoc",
  thanksTitle: "Jsme rádi, že to pomohlo!",
  thanksBody: "Děkujeme za zpětnou vazbu. Stránku můžete zavřít.",
  contactTitle: "Kontaktovat podporu",
  contactLead: "Vaši zprávu předáme pracovníkovi podpory.",
  messageLabel: "Vaše zpráva",
  emailLabel: "E-mail (nepovinný, abychom vám mohli odpovědět)",
  send: "Odeslat",
  sending: "Odesílám…",
  answeredTitle: "Toto řešení by mohlo pomoci",
  answeredLead: "K vaší zprávě jsme našli odpověď. Zkuste ji prosím nejdříve.",
  ticketTitle: "Váš požadavek jsme přijali",
  ticketBody: "Dále se mu bude věnovat pracovník podpory. Uveďte prosím toto referenční číslo:",
  copy: "Kopírovat",
  copied: "Zkopírováno",
  newSearch: "Nové hledání",
  chars: "{n} z {max} znaků",
  errTooLong: "Zkraťte prosím text pod {max} znaků.",
  errEmpty: "Popište prosím svůj problém.",
  errEmail: "Zadejte platnou e-mailovou adresu, nebo pole nechte prázdné.",
  errRate: "Příliš mnoho požadavků. Chvíli počkejte a zkuste to znovu.",
  errGeneric: "Něco se pokazilo. Zkuste to prosím znovu.",
  notFound: "Tento článek už není k dispozici.",
};

const fi: PortalStrings = {
  pageTitle: "Tukikeskus",
  apiLink: "API-viiteopas (ylläpitäjille)",
  skip: "Siirry hakuun",
  languageLabel: "Kieli",
  heading: "Miten voimme auttaa?",
  lead: "Kuvaile ongelmasi omin sanoin. Näytämme sopivat ratkaisut jo kirjoittaessasi.",
  searchLabel: "Kuvaile ongelmasi",
  searchPlaceholder: "esim. En pääse kirjautumaan salasanan vaihdon jälkeen",
  searchHint: "Voit liikkua tuloksissa nuolinäppäimillä.",
  searching: "Haetaan…",
  results_one: "{n} sopiva ratkaisu",
  results_other: "{n} sopivaa ratkaisua",
  noResults: "Sopivaa ratkaisua ei vielä löytynyt.",
  noResultsHint: "Jatka kirjoittamista tai lähetä kysymys tukitiimillemme.",
  contactCta: "Ota yhteyttä tukeen",
  back: "Takaisin tuloksiin",
  problem: "Ongelma",
  cause: "Syy",
  solution: "Ratkaisu",
  didItHelp: "Ratkaisiko tämä ongelmasi?",
  yes: "Kyllä, ratkaisi",
  no: "Ei, tarvitsen vielä apua",
  thanksTitle: "Hienoa, että se auttoi!",
  thanksBody: "Kiitos palautteesta. Voit sulkea tämän sivun.",
  contactTitle: "Ota yhteyttä tukeen",
  contactLead: "Välitämme viestisi tukihenkilölle.",
  messageLabel: "Viestisi",
  emailLabel: "Sähköposti (valinnainen, jotta voimme vastata)",
  send: "Lähetä",
  sending: "Lähetetään…",
  answeredTitle: "Tämä ratkaisu voi auttaa",
  answeredLead: "Löysimme vastauksen viestiisi. Kokeile sitä ensin.",
  ticketTitle: "Pyyntösi on vastaanotettu",
  ticketBody: "Tukihenkilö jatkaa asian käsittelyä. Mainitse tämä viitenumero:",
  copy: "Kopioi",
  copied: "Kopioitu",
  newSearch: "Aloita uusi haku",
  chars: "{n}/{max} merkkiä",
  errTooLong: "Lyhennä tekstiä alle {max} merkkiin.",
  errEmpty: "Kuvaile ongelmasi.",
  errEmail: "Anna kelvollinen sähköpostiosoite tai jätä kenttä tyhjäksi.",
  errRate: "Liikaa pyyntöjä. Odota hetki ja yritä uudelleen.",
  errGeneric: "Jokin meni vikaan. Yritä uudelleen.",
  notFound: "Tämä artikkeli ei ole enää saatavilla.",
};

const pt: PortalStrings = {
  pageTitle: "Central de ajuda",
  apiLink: "Referência da API (para administradores)",
  skip: "Ir para a pesquisa",
  languageLabel: "Idioma",
  heading: "Como podemos ajudar?",
  lead: "Descreva o seu problema por palavras suas. Mostramos soluções à medida que escreve.",
  searchLabel: "Descreva o seu problema",
  searchPlaceholder: "ex.: Não consigo entrar depois de redefinir a senha",
  searchHint: "Use as setas do teclado para percorrer os resultados.",
  searching: "A pesquisar…",
  results_one: "{n} solução encontrada",
  results_other: "{n} soluções encontradas",
  noResults: "Ainda nenhuma solução correspondente.",
  noResultsHint: "Continue a escrever ou envie a sua pergunta ao suporte.",
  contactCta: "Contactar o suporte",
  back: "Voltar aos resultados",
  problem: "Problema",
  cause: "Causa",
  solution: "Solução",
  didItHelp: "Isto resolveu o seu problema?",
  yes: "Sim, resolveu",
  no: "Não, ainda preciso de ajuda",
  thanksTitle: "Ainda bem que resultou!",
  thanksBody: "Obrigado pelo seu feedback. Já pode fechar esta página.",
  contactTitle: "Contactar o suporte",
  contactLead: "Vamos encaminhar a sua mensagem para um agente.",
  messageLabel: "A sua mensagem",
  emailLabel: "E-mail (opcional, para podermos responder)",
  send: "Enviar",
  sending: "A enviar…",
  answeredTitle: "Esta solução pode resolver",
  answeredLead: "Encontrámos uma resposta para a sua mensagem. Experimente-a primeiro.",
  ticketTitle: "Recebemos o seu pedido",
  ticketBody: "Um agente vai tratar do assunto. Indique este número de referência:",
  copy: "Copiar",
  copied: "Copiado",
  newSearch: "Nova pesquisa",
  chars: "{n} de {max} caracteres",
  errTooLong: "Mantenha o texto abaixo de {max} caracteres.",
  errEmpty: "Descreva o seu problema.",
  errEmail: "Introduza um e-mail válido ou deixe o campo vazio.",
  errRate: "Demasiados pedidos. Aguarde um momento e tente novamente.",
  errGeneric: "Algo correu mal. Tente novamente.",
  notFound: "Este artigo já não está disponível.",
};

export const PORTAL_STRINGS: Record<PortalLanguage, PortalStrings> = { en, cs, fi, pt };

export function isPortalLanguage(value: string | undefined | null): value is PortalLanguage {
  return !!value && (PORTAL_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the portal language: an explicit choice (?lang=) wins, then the Accept-Language entries
 * by quality (primary subtag only: pt-BR → pt), then English (`default`: app.js may still
 * follow navigator.languages).
 */
export function negotiateLanguage(explicit: string | undefined, acceptLanguage: string | undefined): { lang: PortalLanguage; source: "explicit" | "header" | "default" } {
  const chosen = explicit?.toLowerCase();
  if (isPortalLanguage(chosen)) return { lang: chosen, source: "explicit" };
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { lang } of ranked) if (isPortalLanguage(lang)) return { lang, source: "header" };
  return { lang: "en", source: "default" };
}
