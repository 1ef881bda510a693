/**
 * Word lists for the clause-level intent detector (intent.ts), per language, in the signal-phrase
 * syntax of src/text/signals.ts (accent-folded, whole words: `word*` any ending — inflections —,
 * `*word*` a word inside a compound, `a/b` alternatives, `..` up to three words between).
 *
 * These are not the phrases a ticket must contain: each entry names a *concept* (a verb of
 * leaving, a legal body, an authority, a platform) in its stem forms, and intent.ts decides from
 * the clause around it whether the writer means it as their own intent (who speaks, negation,
 * condition, whom it is aimed at). Written for the six languages of the defaults from general
 * language knowledge and measured on test/fixtures/frustration (tickets.jsonl for development,
 * holdout.jsonl held out).
 */

export type IntentKind = "manager" | "churn" | "legal" | "review" | "insult";
export type Lang = "en" | "cs" | "fi" | "pt" | "de" | "es";
export const INTENT_LANGUAGES: Lang[] = ["en", "cs", "fi", "pt", "de", "es"];

type PerLang = Record<Lang, string[]>;

/** A demand for someone with more authority: the frame is part of each entry (a request verb, "your", "someone who can decide"). */
export const MANAGER: PerLang = {
  en: [
    "speak/talk/escalate/transfer/connect/put .. manager*/supervisor*/superior*/boss*/management/senior*",
    "your manager*/supervisor*/superior*/boss*/management/head",
    "want/need/demand/get/request/see a/the/your manager*/supervisor*/superior*/boss*",
    "anyone/someone/somebody/whoever above you",
    "get/give/fetch/find/bring me .. manager*/supervisor*/superior*/boss*",
    "through to .. manager*/supervisor*/superior*/boss*/someone/somebody",
    "higher up/ups",
    "someone/somebody/anyone more senior",
    "someone/somebody/anyone senior",
    "someone/somebody/anyone/whoever .. can/could .. decide/approve/authori*/authoris*/override",
    "someone/somebody/anyone/whoever .. able/allowed/authorised/authorized/entitled/empowered",
    "someone/somebody/anyone/whoever/person/people with .. authority/power/permission",
    "make an exception",
    "make that call",
  ],
  cs: [
    "nadrizen*",
    "vas*/tvuj/tvoj* vedouc*/sef*/manazer*/reditel*/nadrizen*",
    "mluvit/hovorit/spojte/prepojte/dejte/zavolejte/predejte/chci/chceme .. vedoucim/vedouciho/vedouci/sefem/sefa/sefovou/manazer*/reditel*/nadrizen*",
    "nekoho/nekomu/nekdo/nekym .. kdo .. muze/smi/ma/mate .. rozhod*/pravomoc*/moznost/opravnen*/vyjimk*",
    "nekoho/nekomu/nekdo nad vami",
    "vyss*/vys .. instanc*/misto/postaven*",
    "nekoho/nekomu/nekdo s pravomoc*/opravnen*",
  ],
  fi: [
    "esimie*",
    "esihenkil*",
    "paallik*nne",
    "paallikkosi",
    "johtaja*nne",
    "johtajasi",
    "teidan paallik*/johtaja*/esimie*",
    "puhua/yhdista*/siirra*/siirtaa .. esimie*/paallik*/johtaja*/esihenkil*",
    "joku/jollekulle/jonkun/jollekin/jollakin/jollain/jotakuta/joltakulta .. jolla .. oikeus/valta*/valtuu*/paatosvalta*/lupa",
    "ylemma*/ylempi* taho*",
    "paattava* asema*",
    "vastuuhenkil*",
    "paatosvaltai*",
  ],
  pt: [
    "falar/fala/chama/chamem/chame/passe/passa .. gerente/supervisor*/superior*/chefe/responsavel/gerencia",
    "seu/sua/vosso/vossa/teu/tua superior*/chefe/gerente/supervisor*/supervisora",
    "alguem/quem .. possa/pode/tenha/tem/consiga .. decidir/autoriza*/autonomia/aprovar/poder",
    "alguem superior/acima",
    "alguem com .. autoridade/autonomia/poder",
  ],
  de: [
    "vorgesetzt*",
    "ihr*/ihre*/deine*/euer*/eure* chef*/chefin/leitung/teamleit*/abteilungsleit*/vorgesetzt*",
    "sprechen/verbinden/weiterleiten .. chef*/vorgesetzt*/leitung/verantwortlich*/geschaftsfuhr*",
    "jemand*/wer .. der/die .. entscheiden/freigeben/genehmigen/befugt/darf/kann",
    "jemand* mit .. befugnis*/entscheidungs*/vollmacht/kompetenz*",
    "hoher* stelle",
    "geschaftsfuhrung",
    "geschaftsleitung",
  ],
  es: [
    "su/sus/vuestro/vuestra/tu jefe/jefa/supervisor*/superior*/gerente/responsable/encargad*",
    "hablar/hable/paseme/pasame/pongame/poneme/comuniqueme .. supervisor*/superior*/jefe/jefa/gerente/responsable/encargad*",
    "alguien/quien .. pueda/tenga/tiene/puede .. decidir/autoriza*/capacidad/aprobar/poder",
    "alguien con .. autoridad/capacidad/poder/rango",
    "alguien de mas arriba",
  ],
};

/** Leaving: terminating the contract, switching provider, going to a competitor. */
export const CHURN: PerLang = {
  en: [
    "leav*/switch*/mov*/go*/port*/tak* .. to/over .. another/other/different/competitor*/elsewhere",
    "another/different/other carrier*/provider*/supplier*/vendor*/bank*/operator*/tool*/platform*/network*/company/insurer*/tracker*/system*",
    "competitor*",
    "the competition",
    "port* .. out",
    "business elsewhere",
    "cancel*/terminat*/end/ending/close/closing/quit .. contract*/subscription*/account*/plan/membership/service*/policy",
    "not/don't/dont/won't/wont .. renew*/auto-renew*/extend*",
    "leave you",
    "we/i are/am/will leaving/leave",
    "we'll/i'll leave",
    "we're/i'm leaving",
    "done with you",
  ],
  cs: [
    "vypov*",
    "zrus*/zrusen*/ukonc*/ukoncen*/vypoveden* .. smlouv*/predplatn*/ucet/uctu/sluzb*/tarif*/spolupra*/clenstv*",
    "odejd*/odchaz*/prechaz*/prejd*/presun*/presta* .. k/ke/na/do .. konkurenc*",
    "prechazime/prejdeme/prechazim/prejdu/odchazime/odejdeme/odchazim/odejdu k/ke/do",
    "konkurenc*",
    "jin*/jineho/jinemu dodavatel*/operator*/poskytovatel*/system*/bank*/firm*/aplikac*",
    "zmen* dodavatel*/operator*/poskytovatel*/bank*",
    "koncime s vami",
  ],
  fi: [
    "irtisan*",
    "paat*/lopet*/katkais* .. sopimu*/asiakkuu*/tilau*/yhteisty*/jasenyy*",
    "vaihd* .. operaattori*/palveluntarjoaj*/toimittaj*/pankki*/yhtio*/sahkoyhtio*/liittyma*/vakuutusyhtio*",
    "siirry*/siirty*/lahd* .. kilpailij*/toise*/muuhun",
    "kilpailij*",
    "toise*/muuhun/uuteen palveluntarjoaj*/operaattori*/ohjelma*/jarjestelma*/pankki*/yhtio*/toimittaj*",
  ],
  pt: [
    "cancel*/encerr*/rescind*/rescisao .. contrato/plano/assinatura/conta/servico/seguro",
    "mud*/troc*/pass*/ir .. de/para .. fornecedor*/operadora*/concorren*/outr*",
    "outra* operadora*/plataforma*/empresa*/fornecedora*/seguradora*",
    "outro* fornecedor*/banco*/sistema*/plano*/servico*",
    "portar .. numero/linha",
    "portabilidade",
    "concorren*",
    "vamos embora",
    "vou embora",
  ],
  de: [
    "kundig*",
    "beend*/auflos*/widerruf* .. vertrag*/zusammenarbeit/abo*/geschaftsbeziehung*/mitgliedschaft",
    "wechs* .. anbieter*/zu/zur/zum",
    "ander*/neue* *anbieter*/*dienst*/*bank*/*versicher*/*system*/*tool*/*plattform*",
    "konkurren*",
    "vertrag* .. auflos*",
    "zahlung einstellen",
  ],
  es: [
    "darme/darnos/darse de baja",
    "me/nos doy/damos/dare/daremos/daran de baja",
    "den/dar/demos de baja .. cuenta/contrato/servicio/suscripcion/linea/poliza",
    "baja .. contrato/cuenta/servicio/suscripcion/linea/poliza",
    "cancel*/rescind*/termin* .. contrato/cuenta/suscripcion/servicio/plan/poliza",
    "nos pasamos/cambiamos/vamos/iremos/pasaremos a/con/de",
    "me paso/cambio/voy a/con/de",
    "otr* proveedor*/operador*/operadora*/compania*/banco*/empresa*/plataforma*/aseguradora*",
    "la competencia",
    "portabilidad",
    "cambi* de proveedor*/operador*/compania*/banco*",
  ],
};

/** Lawyers, courts, suing; regulators and consumer bodies are `REGULATOR` (kind legal too). */
export const LEGAL: PerLang = {
  en: [
    "lawyer*",
    "attorney*",
    "solicitor*",
    "law firm*",
    "legal action*",
    "legal proceedings",
    "legal steps",
    "legal team",
    "court",
    "courts",
    "sue/suing/sued you/your/them/the/this/that/him/her/us/for/over/everyone/everybody",
    "lawsuit*",
    "small claims",
    "letter before action",
    "class action",
  ],
  cs: ["advokat*", "pravnik*", "pravni* cest*/krok*/zastup*", "soud", "soudu", "soudem", "soudni*", "soudy", "soudech", "zalob*", "zazal*", "zalovat"],
  fi: ["asianajaj*", "lakimie*", "oikeuteen", "oikeudessa", "oikeusteitse", "*oikeuteen", "*oikeudessa", "oikeustoim*", "haastamme", "haastan", "kanne*"],
  pt: [
    "advogad*",
    "justica",
    "tribunal*",
    "juizado*",
    "processar .. voces/vcs/empresa/vos/os",
    "vou processar",
    "vamos processar",
    "processo judicial",
    "acao judicial",
    "acao .. justica/juizado/tribunal",
    "medidas judiciais/legais",
  ],
  de: ["anwalt*", "anwaltin*", "*anwalt", "*anwaltin", "*anwalte", "gericht*", "*gericht", "*gerichts", "klage*", "verklag*", "rechtsweg*", "rechtlich* schritt*", "juristisch*"],
  es: ["abogad*", "juzgado*", "tribunal*", "demandar*", "demandaremos", "una demanda", "denunci*", "acciones legales", "medidas legales", "via judicial"],
};

/** Regulators, ombudsmen and consumer bodies: named, or an authority noun (kind legal). */
export const REGULATOR: PerLang = {
  en: [
    "ombudsman",
    "regulator*",
    "ofcom",
    "ofgem",
    "ofwat",
    "fca",
    "ico",
    "information commissioner",
    "cma",
    "ftc",
    "cfpb",
    "fcc",
    "bbb",
    "trading standards",
    "consumer protection",
    "citizens advice",
    "financial ombudsman",
    "watchdog",
  ],
  cs: ["ctu", "eru", "coi", "cnb", "uoou", "*inspekc*", "financni* arbitr*", "ombudsman*", "*regulacni*", "urad*", "dozor*"],
  fi: ["*virasto*", "*lautakun*", "*viranomai*", "*valvon*", "kuluttaja-asiamie*", "traficom", "fiva", "kkv", "tietosuojavaltuut*"],
  pt: ["procon", "anatel", "aneel", "anac", "bacen", "banco central", "deco", "anacom", "erse", "defesa do consumidor", "*reguladora", "agencia*", "ouvidoria", "consumidor gov"],
  de: ["*behorde*", "*agentur", "*aufsicht", "*schlichtung*", "verbraucherzentrale", "bafin", "ombudsman*", "*stelle"],
  es: ["cnmc", "aepd", "omic", "consumo", "banco de espana", "profeco", "facua", "ocu", "defensor del cliente/pueblo/consumidor", "autoridad*", "agencia*", "organismo*"],
};

/** Turning to someone with a complaint: with a regulator word it is a regulator threat. */
export const COMPLAINT: PerLang = {
  en: ["complain*", "complaint*", "report*", "raise*", "escalat*", "refer*", "lodge*", "file*", "take .. to", "contact*", "go* to", "write to"],
  cs: ["stiznost*", "obrat*", "podam*", "podame", "nahlas*", "ozn*", "pujd*", "napis*", "podat"],
  fi: ["valitu*", "valita*", "kantel*", "ilmoit*", "vie*", "viemme", "otan yhteytta", "teen", "teemme", "ota*"],
  pt: ["queixa*", "reclama*", "denunci*", "registr*", "abr*", "recorr*", "ir ao/a/na/no", "vou ao/a/na/no", "acionar", "aciono"],
  de: ["beschwer*", "wend*", "meld*", "einschalt*", "anzeige*", "gehe*", "ein"],
  es: ["reclamacion*", "queja*", "denunci*", "acud*", "present*", "ir a", "ire a", "iremos a"],
};

/** Where a review goes public: platforms and "social media" in each language. */
export const PLATFORM: PerLang = {
  en: ["google", "facebook", "instagram", "twitter", "tiktok", "youtube", "linkedin", "reddit", "trustpilot", "tripadvisor", "yelp", "g2", "capterra", "social media", "review*"],
  cs: [
    "google",
    "facebook*",
    "instagram*",
    "twitter*",
    "tiktok*",
    "youtube",
    "linkedin*",
    "heurek*",
    "zbozi*",
    "recenz*",
    "socialni* sit*",
    "sitich",
    "forum*",
    "novin*",
    "verejn*",
  ],
  fi: [
    "google*",
    "*facebook*",
    "instagram*",
    "twitter*",
    "tiktok*",
    "youtube*",
    "linkedin*",
    "arvostel*",
    "some*",
    "sosiaalise* media*",
    "foorumi*",
    "*ryhm*",
    "lehte*",
    "julkisesti",
  ],
  pt: ["google", "facebook", "instagram", "twitter", "tiktok", "youtube", "linkedin", "reclame aqui", "avaliac*", "redes sociais", "rede social", "internet", "forum*", "jornal*"],
  de: [
    "google",
    "facebook",
    "instagram",
    "twitter",
    "tiktok",
    "youtube",
    "linkedin",
    "trustpilot",
    "trusted shops",
    "bewertung*",
    "soziale* medien/netzwerk*",
    "internet",
    "forum*",
    "offentlich*",
    "presse",
    "zeitung",
  ],
  es: ["google", "facebook", "instagram", "twitter", "tiktok", "youtube", "linkedin", "trustpilot", "resena*", "valoracion*", "redes", "red social", "internet", "foro*", "prensa"],
};

/** Verbs of making something public. */
export const PUBLISH: PerLang = {
  // Not past forms: "I posted on your forum" is how they reached support, not a threat.
  en: [
    "post",
    "posting",
    "write",
    "writing",
    "share",
    "sharing",
    "publish",
    "publishing",
    "review",
    "reviewing",
    "rate",
    "rating",
    "expose",
    "exposing",
    "film",
    "filming",
    "stream",
    "streaming",
    "put .. on/online",
    "leave a",
  ],
  cs: ["napis*", "sepis*", "zverejn*", "sdil*", "hodnot*", "dam*", "dat", "hod*", "pridam", "publik*"],
  fi: ["kirjoit*", "julkais*", "jaan", "jaamme", "jakaa", "arvostelen", "arvostelemme", "kerro*", "laitan", "laitamme", "postaa*", "postaan"],
  pt: ["cont*", "public*", "post*", "escrev*", "expor*", "exponho", "avali*", "divulg*", "colocar", "por", "pôr"],
  de: ["schreib*", "post*", "teil*", "veroffentl*", "schilder*", "bewert*", "stell*", "mach* .. offentlich"],
  es: ["cont*", "public*", "escrib*", "compart*", "poner*", "pondre", "valor*", "difund*", "exponer", "subir*", "subire"],
};

/** Everybody else: "tell everyone", "warn others", "my followers". */
export const AUDIENCE: PerLang = {
  en: ["everyone", "everybody", "all my", "other customers", "others", "followers", "anyone who", "whole world", "people", "nobody else", "no one else"],
  cs: ["vsem", "vsichni", "ostatni*", "lidem", "kazdemu", "sledujic*", "znamym", "nikdo jiny"],
  fi: ["kaikille", "jokaiselle", "muille", "tutu*", "seuraaji*", "kaikki"],
  pt: ["todos", "todo mundo", "toda a gente", "ninguem mais", "outras pessoas", "outros clientes", "seguidores"],
  de: ["alle*", "andere*", "jeder*", "jedem", "follower*", "niemand sonst"],
  es: ["todos", "todo el mundo", "nadie mas", "otros clientes", "otras personas", "seguidores"],
};

/** Verbs of telling and warning (with an audience they are a going-public threat). */
export const TELL: PerLang = {
  en: ["tell*", "warn*", "hear", "know", "let .. know", "see"],
  cs: ["rekn*", "rikat", "varuj*", "varovat", "vedel*", "vedi", "doz*"],
  fi: ["kerro*", "kerron", "varoit*", "tiet*", "kuule*"],
  pt: ["cont*", "avis*", "alert*", "saber", "saiba*", "cair"],
  de: ["erzahl*", "warn*", "sag*", "wiss*", "gewarnt"],
  es: ["cont*", "avis*", "advert*", "sepa*", "compre*", "caiga*"],
};

/** Insults for people (stems); aimed at the agent or company they are level 3, else level 2 anger. */
export const INSULT: PerLang = {
  en: [
    "idiot*",
    "moron*",
    "clown*",
    "incompetent*",
    "useless",
    "amateur*",
    "pathetic",
    "muppet*",
    "cowboy*",
    "clueless",
    "imbecile*",
    "liar*",
    "thie*",
    "scammer*",
    "crook*",
    "fraudster*",
    "jokers",
    "morons",
    "numpty",
    "dimwit*",
    "halfwit*",
    "brain-dead",
    "bunch of",
  ],
  cs: [
    "idiot*",
    "debil*",
    "blb*",
    "neschopn*",
    "diletant*",
    "amater*",
    "zlodej*",
    "podvodni*",
    "sasc*",
    "sask*",
    "pitom*",
    "kreten*",
    "nemehl*",
    "lemp*",
    "banda",
    "tupc*",
    "hlupa*",
  ],
  fi: ["idioo*", "pelle*", "aali*", "tollo*", "tunari*", "amatoor*", "huijar*", "kelvoto*", "epapatev*", "hyodyto*", "osaamato*", "urpo*", "dille*", "typer*", "ammattitaidoto*"],
  pt: ["incompetent*", "idiota*", "palhac*", "palerma*", "burr*", "imbecil*", "amador*", "ladr*", "incapaz*", "inuteis", "inutil", "otari*", "vigarist*", "cambada", "bando de"],
  de: [
    "idiot*",
    "inkompetent*",
    "stumper*",
    "dilettant*",
    "amateur*",
    "versager*",
    "trottel*",
    "depp*",
    "vollpfost*",
    "unfahig*",
    "ahnungslos*",
    "betruger*",
    "clown*",
    "witzfigur*",
    "haufen",
    "pfeifen",
    "saftladen",
  ],
  es: ["inutil*", "incompetent*", "inept*", "idiota*", "payas*", "chapucer*", "ladron*", "estafador*", "imbecil*", "torpe*", "atajo de", "panda de", "sinverguenza*"],
};

/** Addressing the agent or the company: second-person pronouns and verb forms. */
export const SECOND_PERSON: PerLang = {
  en: ["you", "your", "you're", "youre", "you've", "you'll", "yours", "y'all", "ya"],
  cs: ["vy", "vas", "vam", "vami", "jste", "ste", "vas*", "ty", "tebe", "tobe", "jsi", "*ete", "*ite", "*ate", "tam"],
  fi: ["te", "teidan", "teita", "teille", "teilla", "olette", "ootte", "sina", "sa", "*tte", "*nne", "siella"],
  pt: ["voce*", "vcs", "vc", "vos", "vós", "senhor*", "sao", "leem", "vosso*", "vossa*", "ai"],
  de: ["sie", "ihr", "ihnen", "euch", "euer*", "eure*", "seid", "du", "dich", "dir", "dein*", "bei ihnen", "bei euch"],
  es: ["usted*", "vosotr*", "sois", "eres", "tu", "os", "*eis", "*ais", "su", "ahi"],
};

/** "Does anyone there even read…": a reader/knower who is not the writer … */
export const KNOWER: PerLang = {
  en: ["anyone", "anybody", "nobody", "no one", "someone", "you", "your staff/team/agents/people"],
  cs: ["nekdo", "nekoho", "nikdo", "nikoho", "vy", "jste", "mate"],
  fi: ["kukaan", "ketaan", "joku", "jotakuta", "te", "olette", "ette", "teilla"],
  pt: ["alguem", "ninguem", "voces", "vcs", "voce"],
  de: ["jemand*", "irgendjemand*", "niemand*", "sie", "ihr"],
  es: ["alguien", "nadie", "ustedes", "usted", "vosotros"],
};
/** … who reads, understands or knows (not first-person forms) … */
export const KNOWING: PerLang = {
  en: ["read", "reads", "understand", "understands", "know", "knows", "trained", "training", "idea", "clue", "competent", "skimmed"],
  cs: ["cetl*", "cte*", "precetl*", "rozumi", "rozumite", "umite", "umi", "vite", "tusi*", "netusi*", "nectete", "necetl*", "zaskol*", "skoleni*", "vyskolen*"],
  fi: ["lue*", "luette", "luettu", "lukee", "lukevat", "lukenut", "ymmarra*", "ymmartaa", "osaa*", "osaatte", "tieda*", "tiedatte", "tajua*", "asiansa", "koulut*", "perehdyt*"],
  pt: ["le", "leem", "leu", "leram", "lido", "entendem", "entende", "entendeu", "sabem", "sabe", "ideia", "treinamento*", "treinad*", "formacao", "capacitad*"],
  de: ["liest", "lest", "lesen", "gelesen", "versteht", "verstehen", "verstanden", "ahnung", "wisst", "weiss", "kapiert", "geschult", "schulung*", "ausgebildet", "ausbildung"],
  es: ["lee", "leen", "leido", "entiende", "entienden", "sabe", "saben", "idea", "formacion", "formad*", "capacitacion", "capacitad*"],
};
/** … with an intensifier of doubt ("even", "actually", "at all"). */
export const DOUBT: PerLang = {
  en: ["even", "actually", "at all", "really", "any", "bother*", "whatsoever"],
  cs: ["vubec", "aspon", "vlastne", "opravdu", "ani"],
  fi: ["edes", "ees", "oikeasti", "ollenkaan", "yhtaan"],
  pt: ["por acaso", "sequer", "mesmo", "nem", "algum", "alguma"],
  de: ["eigentlich", "uberhaupt", "auch nur", "offensichtlich", "keine", "irgendeine"],
  es: ["siquiera", "acaso", "ni", "realmente", "de verdad"],
};

/** Words that report what someone else said, shouted or threatened (past or present, third person). */
export const REPORTING: PerLang = {
  en: [
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "threatened",
    "threatens",
    "threatening",
    "shouted",
    "yelled",
    "screamed",
    "wrote",
    "writes",
    "announced",
    "claimed",
    "mentioned",
    "warned",
    "insisted",
    "swore",
    "reckons",
    "reckoned",
  ],
  cs: ["rekl*", "rika*", "vyhrozoval*", "vyhrozuje", "vyhrozovat", "hrozil*", "kricel*", "krici", "napsal*", "pise", "tvrdil*", "tvrdi", "prohlasil*", "oznamil*", "radil*"],
  fi: ["sanoi", "sanoo", "sanoivat", "huusi", "uhkasi", "uhkaa", "uhata", "uhkailee", "kirjoitti", "ilmoitti", "vaitti", "kertoi", "totesi"],
  pt: ["disse", "diz", "dizia", "falou", "gritou", "ameacou", "ameaca", "ameacar", "escreveu", "avisou", "afirmou", "comentou", "contou", "jurou"],
  de: [
    "sagte",
    "sagt",
    "gesagt",
    "meinte",
    "meint",
    "gemeint",
    "schrie",
    "geschrien",
    "drohte",
    "droht",
    "drohen",
    "gedroht",
    "schrieb",
    "geschrieben",
    "angekundigt",
    "kundigte .. an",
    "behauptete",
    "behauptet",
    "erklarte",
    "erklart",
    "erzahlt*",
  ],
  es: ["dijo", "dice", "decia", "grito", "amenazo", "amenaza", "amenazar", "amenazas", "escribio", "comento", "afirmo", "conto", "juro"],
};

/** The writer as subject or owner: pronouns, possessives and first-person verb forms. */
export const FIRST_PERSON: PerLang = {
  en: ["i", "i'm", "i'll", "i've", "i'd", "im", "ill", "we", "we're", "we'll", "we've", "we'd", "my", "our", "me", "us"],
  cs: [
    "ja",
    "my",
    "jsem",
    "jsme",
    "budu",
    "budeme",
    "muj",
    "moje",
    "mi",
    "me",
    "mne",
    "nas",
    "nase*",
    "nasi",
    "*ime",
    "*ame",
    "*eme",
    "*im",
    "*am",
    "napisu",
    "sepisu",
    "reknu",
    "pujdu",
    "dam",
  ],
  fi: [
    "mina",
    "ma",
    "me",
    "meidan",
    "minun",
    "olen",
    "olemme",
    "*mme",
    "*mmekin",
    "annan",
    "teen",
    "vien",
    "kerron",
    "otan",
    "laitan",
    "kirjoitan",
    "jaan",
    "julkaisen",
    "ilmoitan",
    "valitan",
    "postaan",
    "arvostelen",
    "haastan",
    "vaihdan",
    "siirryn",
    "lopetan",
    "puhun",
    "haluan",
    "aion",
    "aiomme",
  ],
  pt: ["eu", "nos", "vou", "vamos", "irei", "iremos", "meu", "minha", "nosso", "nossa", "*arei", "*erei", "*irei", "*aremos", "*eremos", "*iremos", "entro", "passei"],
  de: ["ich", "wir", "mich", "uns", "mein*", "unser*", "werde", "werden"],
  es: ["yo", "nosotros", "voy", "vamos", "ire", "iremos", "mi", "mis", "nuestr*", "*are", "*ere", "*ire", "*aremos", "*eremos", "*iremos", "he", "hemos", "nos", "me"],
};

/** First-person possessive before a role noun: the writer's own manager ("our ops manager"), not a demand. */
export const OWN: PerLang = {
  en: ["our", "my"],
  cs: ["nas*", "muj", "moje", "me", "moji", "smeny", "oddeleni", "tymu"],
  fi: ["*mme", "meidan", "minun", "oma*"],
  pt: ["nosso", "nossa", "meu", "minha"],
  de: ["unser*", "mein*"],
  es: ["nuestro", "nuestra", "mi"],
};
/** A role noun as the subject of a past request ("the manager asked") or as a role name: no demand. */
export const ROLE_CONTEXT: PerLang = {
  en: ["asked", "requested", "wants", "needs", "role", "roles", "permission*", "approved", "said"],
  cs: ["pozadal*", "chce", "chtel*", "potrebuje", "role", "roli", "opravneni", "smeny"],
  fi: ["pyysi", "haluaa", "tarvitsee", "rooli*", "oikeude*"],
  pt: ["pediu", "quer", "precisa", "perfil", "funcao", "papel"],
  de: ["bat", "gebeten", "mochte", "braucht", "rolle", "berechtigung*", "hat"],
  es: ["pidio", "quiere", "necesita", "rol", "perfil", "permiso*"],
};

/** Negation words per language (folded). Czech also negates with a ne- prefix on the verb (see intent.ts). */
export const NEGATION: PerLang = {
  en: [
    "not",
    "never",
    "no",
    "nobody",
    "don't",
    "dont",
    "won't",
    "wont",
    "isn't",
    "aren't",
    "didn't",
    "doesn't",
    "wouldn't",
    "neither",
    "nor",
    "without",
    "nothing",
    "nowhere",
    "n't",
  ],
  cs: ["ne", "ani", "nikdy", "nikde", "zadn*"],
  fi: ["en", "et", "ei", "emme", "ette", "eivat", "ala", "alkaa"],
  pt: ["nao", "nunca", "nem", "jamais", "nenhum*"],
  de: ["nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals", "niemand*", "gar nicht"],
  es: ["no", "nunca", "ni", "tampoco", "jamas", "ningun*"],
};

/** Clause openers that make a clause a condition ("if you do not fix it, we leave": the negation is the condition's). */
export const CONDITION: PerLang = {
  en: ["if", "unless", "otherwise", "or else", "until"],
  cs: ["pokud", "jestli", "jestlize", "kdyz", "jinak", "dokud", "az"],
  fi: ["jos", "muuten", "ellei", "ellette", "kunnes"],
  pt: ["se", "senao", "caso", "a menos que", "enquanto"],
  de: ["wenn", "falls", "sonst", "andernfalls", "sollte", "solange"],
  es: ["si", "de lo contrario", "salvo que", "a menos que", "mientras"],
};

/** Contrast conjunctions: a negation before one does not reach past it ("not cancelling, but…"). */
export const CONTRAST: PerLang = {
  en: ["but", "however", "though", "although", "yet"],
  cs: ["ale", "avsak", "jenze", "ovsem", "nicmene"],
  fi: ["mutta", "mut", "vaan", "kuitenkin", "silti"],
  pt: ["mas", "porem", "contudo", "todavia", "entretanto"],
  de: ["aber", "sondern", "jedoch", "doch", "allerdings"],
  es: ["pero", "sino", "aunque", "sin embargo"],
};

/** On a call note the agent writes what the caller said: with one of these (or no) subject, a reporting verb is the caller's own. */
export const CALLER: PerLang = {
  // In a call note "he"/"she" is the caller.
  en: ["caller", "customer", "client", "cust", "cx", "he", "she", "they"],
  cs: ["zakaznik*", "zakaznice", "volajic*", "klient*", "on", "ona", "oni"],
  fi: ["asiakas", "soittaja", "han", "he"],
  pt: ["cliente", "chamador", "ele", "ela", "eles"],
  de: ["kunde", "kundin", "anrufer*", "er", "sie"],
  es: ["cliente", "llamante", "el", "ella", "ellos"],
};

/** The writer as the subject of a reporting verb ("I told you I will cancel"): pronouns and first-person forms of the verb. */
export const OWN_SUBJECT: PerLang = {
  en: ["i", "we", "i've", "we've", "i'd", "we'd", "i'm", "we're", "i'll", "we'll"],
  cs: ["ja", "my", "chci", "chceme", "potrebuji", "potrebujeme", "zadam", "zadame", "pozaduji", "pozadujeme"],
  fi: [
    "mina",
    "ma",
    "me",
    "sanoin",
    "sanoimme",
    "kerroin",
    "kerroimme",
    "kirjoitin",
    "kirjoitimme",
    "haluan",
    "haluamme",
    "vaadin",
    "vaadimme",
    "pyydan",
    "pyydamme",
    "aion",
    "aiomme",
  ],
  pt: ["eu", "nos", "falei", "dissemos", "avisei", "escrevi", "quero", "queremos", "preciso", "precisamos", "exijo", "exigimos", "gostaria", "vou", "vamos"],
  de: ["ich", "wir"],
  es: [
    "yo",
    "nosotros",
    "dije",
    "dijimos",
    "avise",
    "escribi",
    "quiero",
    "queremos",
    "necesito",
    "necesitamos",
    "exijo",
    "exigimos",
    "pido",
    "pedimos",
    "quisiera",
    "voy",
    "vamos",
  ],
};

/** A how-to question ("how do I cancel…?"): asking about a feature, not threatening with it. */
export const HOW_TO: PerLang = {
  en: ["how", "where", "is it possible", "can i", "can we"],
  cs: ["jak", "kde", "lze", "da se", "muzu", "muzeme"],
  fi: ["miten", "kuinka", "mista", "voiko", "voinko", "voimmeko"],
  pt: ["como", "onde", "e possivel", "posso", "podemos"],
  de: ["wie", "wo", "ist es moglich", "kann ich", "konnen wir"],
  es: ["como", "donde", "es posible", "puedo", "podemos"],
};

/** Words that open a reported clause ("said that…"): reported speech reaches past a comma only through one of these. */
export const COMPLEMENTIZER: PerLang = {
  en: ["that", "to"],
  cs: ["ze", "aby"],
  fi: ["etta", "jotta"],
  pt: ["que"],
  de: ["dass", "zu", "er", "sie werde/wolle/habe/gehe/wurde/konne/musse/sei"],
  es: ["que"],
};

/** After a platform name, the product sense (a Google login, a Facebook page integration), not going public. */
export const PLATFORM_PRODUCT = [
  "account*",
  "login*",
  "log",
  "sign*",
  "integrat*",
  "workspace",
  "drive",
  "docs",
  "sheets",
  "calendar",
  "ads",
  "pay",
  "analytics",
  "maps",
  "play",
  "store",
  "ucet*",
  "ucty",
  "tili*",
  "kirjautu*",
  "conta*",
  "konto*",
  "anmeld*",
  "cuenta*",
  "inicio",
  "integrac*",
  "integrat*",
  "pixel",
  "api",
  "sso",
];
/** English going public needs it said as a future ("I will post…"): platforms there are also everyday tools. */
export const EN_FUTURE = ["will", "'ll", "i'll", "we'll", "going to", "gonna", "shall", "make sure", "about to", "tonight", "tomorrow"];

/** Words of a request to the agent: a clause with one is the writer speaking again, whatever came before. */
export const REQUEST: PerLang = {
  en: ["please", "pls", "plz"],
  cs: ["prosim", "prosime"],
  fi: ["kiitos", "ole hyva", "olkaa hyva", "pyydan"],
  pt: ["por favor", "favor"],
  de: ["bitte"],
  es: ["por favor"],
};

/** Second-person possessives before a role noun: "your supervisor" is the agent's, a demand. */
export const YOUR: PerLang = {
  en: ["your"],
  cs: ["vas*", "tvuj", "tvoj*"],
  fi: ["teidan", "sinun"],
  pt: ["seu", "sua", "vosso", "vossa", "teu", "tua"],
  de: ["ihr*", "euer*", "eure*", "dein*"],
  es: ["su", "sus", "vuestro", "vuestra", "tu"],
};
