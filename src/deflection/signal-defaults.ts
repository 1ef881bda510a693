/**
 * Default escalation-signal phrases, seeded into `signal_phrases` when that table is empty; after
 * that the table is the truth (admins edit it through /v1/settings/signal-phrases).
 *
 * Phrase syntax (matched on accent-folded, lower-cased text, whole words only):
 *   `word*`     any ending (inflections: "nadrizen*" = nadřízený, nadřízeným…)
 *   `a/b/c`     one of these words at this position
 *   `..`        up to three words in between
 * Phrases are written without diacritics; "zrušíme" and "zrusime" meet the same phrase.
 *
 * Kinds: insult, churn (a THREAT to leave — a calm "please cancel" is not one), review (public or
 * review-site posts), legal (lawyers, courts, regulators, chargebacks) and manager (demand for a
 * superior) make the customer's frustration level 3 and escalate hierarchically; anger (outrage,
 * swearing) is level 2 and frustration ("ridiculous", "third time asking") level 1: the agent
 * de-escalates, unless a matrix rule says hierarchicalFromLevel: 2 (src/deflection/frustration.ts).
 * ESCALATING_KINDS are the kinds that can escalate, anger only under such a rule.
 */
export const ESCALATING_KINDS = ["anger", "insult", "churn", "review", "legal", "manager"] as const;
export const SIGNAL_KINDS = [...ESCALATING_KINDS, "frustration"] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

type PhraseTable = Record<string, Partial<Record<SignalKind, string[]>>>;

// biome-ignore format: phrase table packed by hand, several phrases to a line by theme
export const DEFAULT_SIGNAL_PHRASES: PhraseTable = {
  en: {
    manager: [
      "to/with/me/want/need/demand/get a/your manager/supervisor/superior",
      "your manager/supervisor/superior/boss/ceo", "someone/somebody senior/responsible", "someone/somebody more senior",
      "someone/somebody with authority", "someone/somebody who can decide", "with more authority", "someone/somebody in charge", "person in charge", "escalate* .. to management",
      "senior management", "speak/talk to management", "head of support/customer",
    ],
    churn: [
      "we/i will cancel*", "we'll/i'll cancel*", "we/i am/are going to cancel*", "will be cancel*", "otherwise .. cancel*", "or .. we/i cancel*",
      "we/i will leave", "we'll/i'll leave", "we/i are/am leaving", "switch* to a/another competitor/provider/vendor/tool/platform",
      "move* to a/another competitor/provider/vendor", "go* to a/the/your competitor/competition", "take our business elsewhere",
      "look* for another provider/vendor/tool", "review* our contract", "reconsider* our contract/subscription/partnership",
      "terminate our contract .. if/unless/otherwise", "end our contract", "not renew* .. unless/if/otherwise",
    ],
    legal: [
      "lawyer*", "attorney*", "solicitor*", "legal action*", "legal steps", "legal proceedings", "take legal", "sue you/your/nimbus/them",
      "lawsuit*", "take you to court", "small claims", "regulator*", "ombudsman", "consumer protection", "trading standards",
      "chargeback*", "dispute .. charge*/payment*", "data protection authority", "supervisory authority", "report you to",
      "file* a complaint with", "formal complaint", "information commissioner",
    ],
    review: [
      "trustpilot", "g2", "capterra", "getapp", "review site*", "bad/negative/honest review*", "one-star/1-star/one star/1 star",
      "post* .. on linkedin/twitter/x/facebook/reddit/social", "on social media", "tell everyone", "warn others/everyone", "go public",
      "public review*", "on all the forums", "share our experience",
    ],
    insult: [
      "useless", "incompetent", "idiot*", "moron*", "clowns", "pathetic", "disgrace*", "is a scam", "scammers", "is fraud", "fraudulent", "theft", "thieves",
      "rip-off", "rip off", "ripping us off", "shame on you", "amateur*", "liars", "you lied",
      "talking to a wall/robot/bot/machine", "can't/cannot even read", "are you even trained", "do you even read",
    ],
    anger: [
      "shit*", "crap", "bullshit", "wtf", "fuck*", "f*ck*", "damn", "sick and tired", "fed up", "furious", "outraged", "worst .. ever",
      "garbage", "rubbish", "a disgrace", "disgraceful", "outrageous", "a complete/total joke", "scandal*", "beyond a joke",
    ],
    frustration: [
      "ridiculous", "unacceptable", "third/fourth/fifth time", "absurd", "still waiting", "nobody answers/responds",
      "annoying", "tiresome", "frustrat*", "irritat*", "getting tired of", "still not/doesn't/isn't/hasn't", "yet again", "once again", "sigh",
    ],
  },
  cs: {
    manager: [
      "nadrizen*", "vas* vedouci*", "s vedoucim", "vedouci* oddeleni", "nek* odpovedn*", "nek* zodpovedn*", "vaseho reditele",
      "s reditelem", "vas* manazer*", "vas* sef*", "nekoho nad vami", "vyssi misto", "nekoho, kdo muze rozhodnout", "nekoho s pravomoc*", "kdo o tom muze rozhodnout", "vedeni firmy/spolecnosti",
    ],
    churn: [
      "vypovi*", "vypovidame", "vypoved*", "odejdeme", "odchazime", "ke konkurenci", "jinemu dodavateli", "jineho dodavatele",
      "zmenime dodavatele", "jinak .. zrus*", "jinak .. rus*", "jinak .. odejd*", "jinak .. vypovi*", "prejdeme k/ke/na", "koncime s vami", "ukoncime spolupraci/smlouvu",
    ],
    legal: [
      "pravnik*", "advokat*", "zalob*", "zazaluj*", "zazalu*", "soud", "soudni*", "soudem", "k soudu", "pravni* cest*", "pravni* krok*",
      "coi", "obchodni inspekc*", "ctu", "uoou", "financni arbitr*", "stiznost na", "chargeback", "spotrebitel*",
    ],
    review: ["recenz*", "capterr*", "trustpilot", "g2", "napis* .. socialni* sit*", "na facebook*", "na linkedin*", "verejne", "napisu o vas", "vsem reknu"],
    insult: ["neschopn*", "idiot*", "zlodej*", "je to podvod", "podvodnic*", "amater*", "okradl*", "debil*", "blbci", "mluvit se zdi", "umite vubec cist"],
    anger: ["sakra", "do prdele", "hovno", "kurva", "mam toho dost", "je mi z vas", "ostud*", "skandal*", "k nicemu", "vysmech", "katastrof*", "silen*", "hruza"],
    frustration: [
      "neprofesional*", "nehorazn*", "uz po*te", "treti tyden", "nikdo se neozval", "nikdo mi neodpovida",
      "stve", "stve me", "otravuj*", "otravovat", "nastv*", "zase nefung*", "porad nefung*", "uz zase", "porad nic", "nervy",
    ],
  },
  fi: {
    manager: [
      "esimie*", "esihenkil*", "paallikkonne", "teidan paallik*", "johtajanne", "teidan johtaja*", "paattavassa asemassa",
      "jonkun vastuullisen", "vastuuhenkil*", "jollain on paatosvaltaa", "jollakin on paatosvaltaa", "paatosvaltainen", "ylemmalle taholle", "ylempi taho",
    ],
    churn: [
      "irtisanomme", "irtisanoudumme", "irtisanomme sopimuksen", "siirrymme kilpailija*", "kilpailijalle", "vaihdamme palveluntarjoaja*",
      "vaihdamme toimittaja*", "lopetamme asiakkuu*", "lopetamme yhteistyon", "muuten .. irtisan*", "muuten .. lopet*",
    ],
    legal: [
      "asianajaja*", "lakimie*", "oikeuteen", "oikeusteitse", "haastamme", "haastaa .. oikeuteen", "kuluttajaviran*", "kuluttajariitalautakun*",
      "oikeustoim*", "chargeback", "takaisinperin*",
    ],
    review: ["arvostelu* .. sivu*", "kirjoita* .. sosiaalise* media*", "kerromme kokemuksistamme", "kerromme .. somessa", "huono* arvostel*", "trustpilot", "g2"],
    insult: ["idiootti*", "on huijausta", "olette huijareita", "hyodyton", "taysin hyodyton", "kelvoton*", "epapatev*", "amatoor*", "ettekö osaa edes lukea", "ette osaa edes lukea"],
    anger: ["paska*", "vitu*", "perkele", "saatana", "helvetti*", "ihan sama", "surkea*", "torkea*", "pöyristyttav*", "skandaali*", "naurettav*", "vitsi", "raivostuttav*"],
    frustration: [
      "kohtuuton*", "kolmannen kerran", "ei kukaan vastaa", "uskomaton*",
      "arsyttaa", "arsyttava*", "turhauttav*", "kyllastyttaa", "vieläkään", "vielakaan", "taas kerran", "jalleen kerran",
    ],
  },
  pt: {
    manager: [
      "um/o/uma/a gerente", "um/o supervisor*", "um/o responsavel", "com alguem responsavel", "alguem superior", "seu/vosso chefe", "alguem com mais autonomia/autoridade", "alguem que possa decidir",
      "falar com .. gerente/supervisor/responsavel/superior", "a gerencia",
    ],
    churn: [
      "mudamos de fornecedor", "mudar de fornecedor", "trocar de fornecedor/empresa/sistema", "vamos cancelar", "cancelamos .. contrato",
      "rescindir* .. contrato", "vamos embora", "para a concorrencia", "ir para a concorrencia", "senao .. cancel*", "caso contrario .. cancel*",
    ],
    legal: [
      "advogad*", "processo judicial", "entrar com processo", "abrir processo", "processar voces", "processar a empresa", "vou processar", "tribunal",
      "procon", "anatel", "livro de reclamac*", "deco", "justica", "acao judicial", "medidas legais", "chargeback", "apresentamos queixa", "apresentar queixa",
    ],
    review: ["reclame aqui", "avaliac* negativ*", "publicar* .. redes sociais", "expor* .. redes sociais", "trustpilot", "g2", "capterra", "vou publicar", "expor voces"],
    insult: ["incompetent*", "ladr*", "roubo", "e um golpe", "isso e golpe", "enganacao", "e fraude", "uma fraude", "falar com uma parede", "nem sabem ler"],
    anger: ["merda", "foda*", "caralho", "estou farto", "estou farta", "estou cansad* de", "vergonha", "palhacada", "porcaria", "lixo", "escandalo", "revoltant*", "revoltad*"],
    frustration: [
      "absurdo", "inaceitavel", "ridiculo", "terceira vez",
      "irritante", "chateado", "chateada", "frustrante", "ainda nao", "de novo", "outra vez", "um bocado irritante", "cansativo",
    ],
  },
  de: {
    manager: [
      "vorgesetzt*", "ihr*/ihre*/deine*/euer*/eure* chef*", "geschaftsfuhrung", "geschaftsleitung", "ihr*/ihre* teamleit*",
      "einen verantwortlichen", "mit einem verantwortlichen", "jemand* mit entscheidungsbefugnis", "jemand*, der entscheiden kann", "ihr*/ihre* leitung",
    ],
    churn: [
      "wir kundigen", "werden .. kundigen", "sonst .. kundig*", "andernfalls .. kundig*", "anbieter wechseln", "zur konkurrenz",
      "wechseln .. anbieter", "vertrag .. auflosen", "kurzen wir die zahlung", "zahlung einstellen",
    ],
    legal: [
      "anwalt*", "rechtsanwalt*", "anwalte*", "rechtliche* schritte*", "verklagen", "klage", "gericht", "vor gericht", "gerichtlich*", "verbraucherzentrale", "schlichtungsstelle", "bafin", "bundesnetzagentur", "datenschutzbehorde",
      "ruckbuchung*", "abmahnung", "rechtsweg", "juristisch*",
    ],
    review: ["schlechte* bewertung*", "negative* bewertung*", "*sterne-bewertung", "1-sterne*", "omr", "trustpilot", "g2", "capterra", "offentlich machen"],
    insult: ["inkompetent*", "abzocke", "ist betrug", "betruger*", "idiot*", "verarsch*", "konnen sie nicht lesen", "mit einer wand"],
    anger: ["scheis*", "verdammt*", "mir reicht*", "die nase voll", "frechheit", "unverschamt*", "saftladen", "armutszeugnis", "skandal*", "zumutung", "katastrophe"],
    frustration: [
      "peinlich", "ein witz", "inakzeptabel", "zum wiederholten mal", "unzumutbar",
      "nervt", "nervig", "genervt", "argerlich", "lastig", "frustrierend", "schon wieder", "immer noch nicht", "immer noch kein*",
    ],
  },
  es: {
    manager: [
      "un/el responsable", "con un/el responsable", "un/el supervisor*", "un/el gerente", "su/vuestro jefe", "un/el encargado",
      "un superior", "hablar con .. responsable/supervisor/gerente/superior", "alguien con capacidad de decision", "alguien con autoridad", "alguien que pueda decidir",
    ],
    churn: [
      "nos vamos a la competencia", "a la competencia", "cambiar de proveedor", "cambiaremos de proveedor",
      "daremos de baja", "nos daremos de baja", "si no .. cancel*", "de lo contrario .. cancel*", "rescindir* .. contrato",
    ],
    legal: [
      "abogad*", "una demanda", "demandar*", "demandaremos", "denunci*", "acciones legales", "medidas legales", "via judicial", "tribunal*", "oficina de consumo", "aepd", "proteccion de datos", "profeco",
      "autoridad* de consumo", "ocu", "facua", "contracargo*",
    ],
    review: ["resena*", "publicar* .. redes sociales", "contar* .. redes sociales", "en twitter", "en linkedin", "en todos los foros", "g2", "trustpilot", "capterra", "lo contare", "lo voy a contar"],
    insult: ["incompetente*", "inutiles", "es una estafa", "estafadores", "ladron*", "sois un desastre", "contestador automatico", "hablar con una pared", "ni saben leer"],
    anger: ["mierda", "joder", "estoy harto", "estoy harta", "hasta las narices", "verguenza", "chapuza", "tomadura de pelo", "un desastre", "indignante", "escandalo*", "cachondeo"],
    frustration: [
      "inaceptable", "ridiculo", "tercera vez", "absurdo",
      "molesto", "molesta", "fastidi*", "frustrante", "empieza a cansar", "sigue sin", "otra vez", "de nuevo", "ya van",
    ],
  },
  it: {
    manager: ["un responsabile", "il responsabile", "un supervisore", "il vostro capo", "un dirigente"],
    churn: ["disdic*", "disdett*", "alla concorrenza", "cambiamo fornitore"],
    legal: ["avvocat*", "denunc*", "tribunale", "azioni legali", "vie legali"],
    review: ["recensione*", "social network", "sui social"],
    insult: ["incompetent*", "vergogna", "e una truffa", "truffatori", "ladri"],
  },
  fr: {
    manager: ["un responsable", "votre responsable", "votre superieur", "un superviseur"],
    churn: ["nous resilions", "resilier .. contrat", "a la concurrence", "changer de fournisseur"],
    legal: ["avocat*", "poursuites", "tribunal", "action en justice"],
    review: ["mauvais avis", "reseaux sociaux"],
    insult: ["incompetent*", "honte", "c'est une arnaque", "escroc*"],
  },
  pl: {
    manager: ["kierownik*", "przelozon*", "osob* odpowiedzialn*"],
    churn: ["rezygnujemy", "zrezygnujemy", "do konkurencji"],
    legal: ["prawnik*", "pozew", "do sadu", "w sadzie", "adwokat*", "uokik"],
    review: ["opini* w internecie", "media spolecznosciowe"],
    insult: ["niekompetent*", "oszusci"],
    anger: ["skandal"],
  },
};

/** The defaults as rows for `signal_phrases`. */
export function defaultSignalRows(): { language: string; kind: SignalKind; phrase: string }[] {
  const rows: { language: string; kind: SignalKind; phrase: string }[] = [];
  for (const [language, kinds] of Object.entries(DEFAULT_SIGNAL_PHRASES)) {
    for (const [kind, phrases] of Object.entries(kinds)) {
      for (const phrase of phrases ?? []) rows.push({ language, kind: kind as SignalKind, phrase });
    }
  }
  return rows;
}
