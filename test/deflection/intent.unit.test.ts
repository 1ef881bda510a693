import { describe, expect, it } from "vitest";
import { assessFrustration, countedKinds } from "../../src/deflection/frustration.js";
import { detectIntents } from "../../src/deflection/intent.js";
import { defaultSignalRows } from "../../src/deflection/signal-defaults.js";
import { detectSignals, type SignalPhrase } from "../../src/text/signals.js";

// Generic structures for each hard case, in several languages. None of these sentences is from the
// labelled sets (test/fixtures/frustration); they test the rule, not an item.
const defaults = defaultSignalRows();
const policy = { repeatEscalateAfter: 0 };
const assess = (text: string, language: string, opts: { channel?: string; phrases?: SignalPhrase[]; intents?: boolean } = {}) =>
  assessFrustration({
    authorText: text,
    signals: detectSignals(text, opts.phrases ?? defaults),
    priorContacts: 0,
    policy,
    language,
    channel: opts.channel ?? "email",
    ...(opts.intents === false ? { intents: false } : {}),
  });

describe("intent detector: the writer's own intent, without the listed phrases", () => {
  it.each([
    ["en", "Could you hand this to somebody who is allowed to approve a goodwill credit?", "manager"],
    ["es", "¿Me puede pasar con alguien que pueda autorizar la devolución?", "manager"],
    ["cs", "Přepojte mě prosím na vedoucího pobočky.", "manager"],
    ["en", "Once the term ends we are taking our business to another bank.", "churn"],
    ["fi", "Jos vika ei korjaannu, vaihdamme sähköyhtiötä.", "churn"],
    ["pt", "Vou mudar para outra operadora no mês que vem.", "churn"],
    ["de", "Ich habe die Sache meinem Rechtsanwalt übergeben.", "legal"],
    ["fi", "Viemme asian hovioikeuteen asti, jos on tarpeen.", "legal"],
    ["cs", "Podám na vás žalobu, pokud peníze nevrátíte.", "legal"],
    ["en", "If the refund is not in my account by Monday I will complain to the Financial Ombudsman.", "legal"],
    ["de", "Ich werde mich an die Schlichtungsstelle wenden.", "legal"],
    ["es", "Presentaré una queja ante la autoridad de consumo.", "legal"],
    ["en", "I'll post the whole story on Instagram so people know what to expect.", "review"],
    ["fi", "Kirjoitan tästä Googleen, jotta muut tietävät.", "review"],
    ["de", "Ihr seid ein Haufen Versager.", "insult"],
    ["en", "Do your agents even read what customers write?", "insult"],
    ["pt", "Vocês sequer leem as mensagens?", "insult"],
  ])("%s: %s → %s", (lang, text, kind) => {
    const f = assess(text, lang, { phrases: [] });
    expect(f.level).toBe(3);
    expect(countedKinds(f)).toContain(kind);
    const hit = f.evidence.find((e) => e.cue === "intent" && e.kind === kind && !e.discounted);
    expect(hit?.clause).toBeTruthy();
    expect(hit?.reason).toMatch(/own words/);
  });

  it("counts a threat after an if-clause whose negation is the condition's", () => {
    expect(assess("If this is not sorted by Friday, we will move to a different provider.", "en", { phrases: [] }).level).toBe(3);
    expect(assess("Pokud to neopravíte, přejdeme ke konkurenci.", "cs", { phrases: [] }).level).toBe(3);
  });
});

describe("intent detector: who says it", () => {
  it.each([
    ["en", 'A hotel guest told our front desk "I will sue your company" after a double charge. Can you check the booking?', "legal", "quoted"],
    ["en", "One of our tenants said she would go to the regulator over the heating bill. Could you send the meter history?", "legal", "reported"],
    ["de", "Ein Fahrgast sagte, er werde die Firma verklagen. Wie melde ich den Vorfall?", "legal", "reported"],
    ["es", "Un cliente nuestro dijo que se pasaría a otra compañía. ¿Cómo le aplico el descuento?", "churn", "reported"],
    ["cs", "Zákaznice nám řekla, že podá stížnost na úřad. Jak jí mám vrátit peníze?", "legal", "reported"],
    ["fi", "Vieras uhkasi viedä asian oikeuteen. Miten hyvitys tehdään?", "legal", "reported"],
    ["fi", "Asiakas ilmoitti haastavansa meidät oikeuteen. Miten toimin?", "legal", "reported"],
    ["en", "The guest told our staff she was going to contact her lawyer. Please check the booking.", "legal", "reported"],
    ["en", "A passenger told me: I'll see you in court. Could you send the incident form?", "legal", "reported"],
    ["de", "Der Gast hat gedroht, seinen Anwalt einzuschalten. Bitte prüfen Sie die Buchung.", "legal", "reported"],
    ["pt", "Um cliente ligou e disse que vai entrar na justiça porque a encomenda não chegou. Podem rastrear?", "legal", "reported"],
  ])("%s: a calm writer reporting someone else's threat (%s) is not level 3", (lang, text, kind, why) => {
    const f = assess(text, lang);
    expect(f.level).toBeLessThan(3);
    expect(f.evidence.filter((e) => e.kind === kind).every((e) => e.discounted === why)).toBe(true);
    expect(f.evidence.some((e) => e.kind === kind)).toBe(true);
  });

  it("what the agent told the writer does not make the writer's own demand after it reported", () => {
    expect(assess("I keep being told to wait, get me a supervisor.", "en", { phrases: [] }).level).toBe(3);
    expect(assess("A atendente disse que resolveria até segunda e nada, quero falar com o gerente.", "pt", { phrases: [] }).level).toBe(3);
    expect(assess("Su compañero me dijo que estaría arreglado el lunes, quiero hablar con un supervisor.", "es", { phrases: [] }).level).toBe(3);
    expect(assess("Říkám vám to naposledy: chci mluvit s vaším vedoucím.", "cs", { phrases: [] }).level).toBe(3);
  });

  it("on a call note the caller's reported words are the caller's own", () => {
    expect(assess("Caller says she will cancel the contract unless the fee is refunded.", "en", { channel: "phone" }).level).toBe(3);
    expect(assess("Caller says her neighbour threatened to sue the landlord.", "en", { channel: "phone" }).level).toBeLessThan(3);
  });

  it.each([
    ["en", "We are not going to switch providers, but the invoices keep coming late."],
    ["cs", "Nechceme hned měnit dodavatele, ale faktury chodí pozdě."],
    ["de", "Kündigen will ich nicht, aber die Rechnungen kommen ständig zu spät."],
    ["es", "No vamos a pasarnos a otra compañía, pero las facturas llegan tarde."],
    ["fi", "Emme aio vaihtaa operaattoria, mutta laskut tulevat myöhässä."],
    ["pt", "Não vou procurar advogado, mas a cobrança está errada."],
  ])("%s: a threat the writer rules out is negated", (lang, text) => {
    const f = assess(text, lang);
    expect(f.level).toBeLessThan(3);
    expect(f.evidence.filter((e) => e.kind && ["churn", "legal"].includes(e.kind)).every((e) => e.discounted === "negated")).toBe(true);
  });

  it("a negation past a contrast conjunction does not take back the threat after it", () => {
    expect(assess("I did not want this, but we will cancel the contract at the end of the month.", "en").level).toBe(3);
  });
});

describe("intent detector: trigger words in a harmless sense", () => {
  it.each([
    ["en", "Please cancel the 9:40 ferry on my booking and keep the hotel nights."],
    ["en", "Our store manager asked me to export last week's sales. Where is that option?"],
    ["en", "Sue from accounting needs the Admin role as well."],
    ["de", "Unser Teamleiter möchte die Rolle Manager bekommen."],
    ["fi", "Esimieheni pyysi minua tilaamaan kaksi lisälisenssiä."],
    ["es", "Quiero cancelar una línea del pedido, la talla no es la mía."],
    ["pt", "Como faço para processar o reembolso de um item do pedido?"],
    ["cs", "Potřebuji zrušit rezervaci stolu na pátek."],
  ])("%s: %s → not level 3", (lang, text) => {
    expect(assess(text, lang).level).toBeLessThan(3);
  });

  it("an insult word about the product, not aimed at anyone, is anger (level 2) rather than an insult", () => {
    const f = assess("The new dashboard layout is useless and slow, it takes ages to find the export button today.", "en", { phrases: [] });
    expect(f.level).toBe(2);
    expect(countedKinds(f)).toEqual(["anger"]);
  });

  it("explains a harmless sense in the evidence", () => {
    const hits = detectIntents("Our manager asked for the monthly report, can you send it?", { language: "en" });
    expect(hits.every((h) => h.discounted !== undefined || h.kind !== "manager")).toBe(true);
  });
});

describe("intent detector: classes said without the usual words", () => {
  it.each([
    ["en", "Fine, that's it, we're out. Please tell me how to move my number to another network.", "churn"],
    ["en", "Keep this up and you'll have lost a customer of eleven years.", "churn"],
    ["en", "That's it, I'm done with your company, close everything.", "churn"],
    ["cs", "Jestli to nespravíte, jdeme jinam.", "churn"],
    ["fi", "Olette juuri menettäneet asiakkaan.", "churn"],
    ["pt", "Vou levar o meu dinheiro para outro banco.", "churn"],
    ["de", "Wenn das nicht klappt, bin ich raus.", "churn"],
    ["es", "Voy a portar mi número a otro operador.", "churn"],
    ["en", "Could you pass this to your team lead, please?", "manager"],
    ["en", "Put me through to whoever runs this department.", "manager"],
    ["en", "I'll let everyone on Facebook know how you treat customers.", "review"],
    ["cs", "Chci, aby to posoudil někdo výš.", "manager"],
    ["pt", "Quero que alguém de nível superior analise isto.", "manager"],
    ["de", "Bitte geben Sie das an jemanden auf höherer Ebene weiter.", "manager"],
    ["en", "You people are hopeless.", "insult"],
    ["fi", "Olette täysin osaamattomia.", "insult"],
    ["de", "Sie sind offensichtlich völlig überfordert.", "insult"],
    ["es", "Usted no sabe hacer su trabajo.", "insult"],
    ["de", "Das kommt alles in meine Trustpilot-Bewertung.", "review"],
    ["en", "If this isn't fixed I'll go to the press.", "review"],
    ["fi", "Vien asian kuluttajaneuvontaan.", "legal"],
    ["es", "Ya he hablado con mi seguro de defensa jurídica.", "legal"],
    ["en", "I would appreciate it if my request went to the person who decides on billing exceptions.", "manager"],
    ["fi", "Ohjaisitteko viestini sille taholle, jolla on valtuudet hyväksyä poikkeus?", "manager"],
    ["de", "Leiten Sie mein Anliegen bitte an die Stelle weiter, die über Kulanz entscheidet.", "manager"],
    ["es", "Trasladen la reclamación a quien tenga potestad para aprobar la compensación.", "manager"],
    ["en", "Unless I hear back by Friday I'm doing a thread about this whole saga.", "review"],
    ["fi", "Jos tätä ei hoideta, kirjotan tästä paikalliseen Facebook-ryhmään.", "review"],
    ["en", "Let me explain it as if you were five, since the last three replies missed it.", "insult"],
    ["de", "Können Sie überhaupt lesen, was in meiner Nachricht steht?", "insult"],
    ["pt", "Pelo visto contratam qualquer um para atender o telefone.", "insult"],
    ["es", "Lo repito despacio, como si fueras un niño: la factura está mal.", "insult"],
    ["en", "Please send this to whoever can make a decision on goodwill refunds.", "manager"],
    ["en", "A trainee would do this job better than your whole team.", "insult"],
    ["es", "Pásame con alguien que sepa lo que hace, por favor.", "insult"],
    ["en", "Unless the deposit is back by Monday I will start court proceedings without further notice.", "legal"],
    ["es", "Lo cuento todo en el grupo del barrio y os dejo una estrella en Google.", "review"],
    ["en", "Twelve years as a customer and that's over, we're done.", "churn"],
    ["en", "Is there anyone in billing with the authority to waive this fee?", "manager"],
    ["fi", "Onko siellä ketään, jolla on valtuudet hyväksyä hyvitys?", "manager"],
    ["de", "Hiermit widerrufe ich meine Bestellung vom Montag.", "churn"],
    ["pt", "Se o estorno não sair até sexta, vou gravar um vídeo para o Instagram.", "review"],
    ["de", "Wenn bis Freitag nichts passiert, landet der ganze Chatverlauf in jedem Forum und bei Google.", "review"],
    ["es", "El técnico que mandaron no sabe lo que hace.", "insult"],
    ["en", "Could this be passed to whoever has the authority to amend the invoice?", "manager"],
    ["de", "Den Wartungsvertrag verlängern wir nicht, die nächste Anlage geht an eine andere Firma.", "churn"],
    ["cs", "Jestli to do pátku neopravíte, tak končím a jdu ke konkurenci.", "churn"],
    ["es", "Si no me devuelven la cuota, me voy para otro gimnasio y listo.", "churn"],
    ["en", "If the credit note is not issued, I shall be filing a grievance with the consumer helpline.", "legal"],
    ["es", "¿Hay alguien ahí con capacidad de decisión que pueda aprobar el reembolso?", "manager"],
    ["en", "Renewal is in May and it won't be with you.", "churn"],
    ["en", "Honestly a goldfish could do this better than you lot.", "insult"],
    ["pt", "Nosso jurídico vai entrar com uma ação para cobrar os custos.", "legal"],
    ["pt", "Se vier errado de novo, esse foi o último pedido que faço com vocês.", "churn"],
    ["cs", "Od příštího měsíce ruším permanentku, tohle nemá cenu.", "churn"],
    ["en", "Please send my PAC code, I've found a network that actually has signal.", "churn"],
    ["pt", "Solicito que o processo seja reavaliado por alguém com competência para decidir.", "manager"],
    ["de", "Soll ich es Ihnen aufmalen, damit Sie es verstehen?", "insult"],
    ["en", "Talking to you is like talking to a brick, honestly useless.", "insult"],
    ["fi", "Tein asiasta jo valituksen Kuluttajaneuvontaan.", "legal"],
    ["en", "Full write-up going on Trustpilot tonight so nobody else has to learn the hard way.", "review"],
    ["es", "No acepta la explicación y pide hablar con el director de la clínica.", "manager"],
    ["en", "I've already opened an account elsewhere, just tell me how to close this one.", "churn"],
    ["cs", "Rozhodli jsme se přesunout data jinam a s vašimi službami už nepočítáme.", "churn"],
    ["es", "¿Pero tú sabes leer? Te he escrito la dirección tres veces.", "insult"],
  ])("%s: %s → %s", (lang, text, kind) => {
    const f = assess(text, lang, { phrases: [] });
    expect(countedKinds(f)).toContain(kind);
    const hit = f.evidence.find((e) => e.cue === "intent" && e.kind === kind && !e.discounted);
    expect(hit?.matched).toBeTruthy();
    expect(hit?.reason).toMatch(/own words/);
  });

  it.each([
    ["en", "I'm out of the office until Monday, please reply by email."],
    ["de", "Ich bin ab Montag zwei Wochen weg, bitte an meine Kollegin wenden."],
    ["pt", "O coordenador da nossa equipe pediu o relatório."],
    ["de", "Das Landgericht hat den Vertrag bestätigt, wie ändern wir die Adresse?"],
    ["es", "Un cliente que compró con ustedes gritó que los iba a demandar. ¿Pueden revisar el pedido?"],
    ["cs", "Kolega mi radil, ať zruším smlouvu, ale to nechci. Jen změňte tarif."],
    ["de", "Eine Freundin meinte, ich solle mit dem Anwalt drohen. Mache ich nicht, aber bitte beeilen Sie sich."],
    ["en", "How do I port my number to your network?"],
    ["fi", "Tilanne on toivoton, voitteko auttaa salasanan kanssa?"],
    ["en", "Someone higher in our company asked me to check the licence count."],
    ["de", "Ich habe meine Rufnummer zu Ihnen mitgenommen, aber SMS kommen nicht an."],
    ["es", "Nos vamos a mudar en junio, ¿cómo cambio la dirección?"],
    ["es", "¿Dónde veo las reseñas de Google de mi tienda?"],
    ["en", "I'm leaving for the airport now, please call my wife about the delivery."],
    ["es", "Me voy a la oficina ahora, llámenme a las cinco."],
    ["de", "Kurze Frage aus dem Einkauf: Gilt die Kündigungsfrist auch für die Zusatzmodule?"],
    ["en", "What is the notice period on the business plan, one month or three?"],
    ["pt", "O nosso advogado, Dr. Paulo Reis, pediu uma cópia assinada do contrato. Podem enviar?"],
    ["en", "Our lawyer asked for the signed version of the data processing agreement."],
    ["pt", "Trata-se de uma dúvida sobre a fatura: aplica-se o IVA reduzido aos serviços de manutenção?"],
    ["fi", "Ihan pelleilyä koko homma, mutta voisitteko katsoa laskun uudelleen?"],
    ["pt", "Sou o gerente da loja de Braga e preciso de acesso ao relatório de vendas."],
    ["cs", "Soused prý půjde k soudu, ale já chci jen vysvětlení."],
    ["es", "Mi cuñado anda diciendo que va a ir a la OMIC, yo solo quiero saber cuándo vuelve la luz."],
    ["de", "Ich habe nicht vor, einen Anwalt einzuschalten, aber bitte antworten Sie endlich."],
    ["es", "Quiero darme de baja de los correos de publicidad, el contrato lo mantengo."],
    ["de", "Mein Konto ist ab März bei einer anderen Bank, bitte buchen Sie die Lastschrift von der neuen IBAN ab."],
    ["cs", "Požaduji náhradu škody za zkažené potraviny."],
    ["de", "Ich bin niemand, der gleich mit dem Anwalt droht, aber bitte melden Sie sich."],
    ["es", "Quería saber si hay alguna penalización por darme de baja antes de que acabe el año."],
    ["fi", "Meidän lakimies neuvoi odottamaan kaupan loppuun, voiko asennuksen siirtää?"],
    ["pt", "Queria perguntar se o perfil de gestor pode aprovar as avaliações antes de serem publicadas."],
    ["de", "Die Rechnung vom 2. Oktober ist doppelt, bitte prüfen Sie das."],
    ["de", "Bitte die Lizenz von Herrn Maier zum Monatsende kündigen."],
    ["es", "Quisiera cancelar la cita del jueves y pasarla a la semana que viene."],
    ["en", "The car park was closed so I had to park somewhere else; can you refund the unused days?"],
    ["fi", "yks asiakas vitsaili et kirjottaa meistä arvostelun googleen, mutta voisitteko lähettää puuttuvat pullat?"],
    ["pt", "Queria saber se a avaliação negativa que recebi por engano pode ser revisada."],
    ["cs", "Sousedka pořád mluví o tom, že to dá k soudu, ale mně jde jen o opravu."],
    ["de", "Ich habe ein Schreiben vom Amtsgericht erhalten, das an die Genossenschaft gerichtet ist. An wen soll ich es weiterleiten?"],
    ["en", "I've been called for jury duty and the court letter says it can't be deferred, so please move my appointment."],
    ["en", "No hot water for four days in February is frankly a bloody disgrace, please send an engineer today."],
    ["fi", "Haluaisin irtisanoa suoraveloitusvaltuutuksen ja siirtyä e-laskuun."],
    ["de", "Der Anwalt, der den Nachlass abwickelt, benötigt eine Kopie der Police."],
    ["cs", "Ten den mám povinnou praxi u Okresního soudu, mohu přijít jindy?"],
    ["fi", "Uusi sopimus alkaa kesäkuussa, voitteko lähettää laskun?"],
    ["de", "Mein Bruder will Ihnen schon mit dem Anwalt kommen, ich halte davon nichts."],
    ["pt", "A consulta era na clínica junto ao Tribunal de Sintra e a médica faltou."],
    ["en", "I started the migration yesterday and the import stopped at 40 %."],
    ["en", "Do you employ anyone who speaks German? My mother would prefer that."],
    ["en", "My son uses your app to learn to read, can we add a second profile?"],
    ["pt", "No primeiro dia do mês a fatura veio em dobro."],
    ["es", "¿Qué nivel tienen los cursos de la tarde?"],
    ["es", "Llevo tres meses pagando un consumo que no es mío, ¿pueden revisarlo?"],
    ["de", "Ich bringe das Paket morgen zur Poststelle."],
    ["de", "Ich habe Ihre Bewertungen online gelesen und wollte fragen, ob das Modell lieferbar ist."],
    ["es", "Mi grupo de empresas tiene un contrato con ustedes y queremos ampliar las líneas."],
    ["cs", "Vysvětlete mi to prosím jako malému dítěti, v technice se nevyznám."],
    ["en", "Is there anyone who can read Czech? The invoice came in Czech."],
    ["de", "Ich habe vom Amtsgericht Post wegen eines Bußgelds bekommen, an wen wende ich mich?"],
  ])("%s: %s → not level 3", (lang, text) => {
    expect(assess(text, lang).level).toBeLessThan(3);
  });
});

describe("intent detector: sentences", () => {
  it("on a phone ticket in the caller's own words, 'he said' is someone else; in a call note it is the caller", () => {
    const verbatim =
      "Hi, I'm calling from the airport lounge. A passenger next to me is furious. He said he will sue the airline. I only want to report that the app shows the wrong gate.";
    expect(assess(verbatim, "en", { channel: "phone", phrases: [] }).level).toBeLessThan(3);
    const note = "Customer called about the wrong gate in the app. He said he will sue the airline.";
    expect(countedKinds(assess(note, "en", { channel: "phone", phrases: [] }))).toContain("legal");
  });

  it("a call note without a subject before its reporting verb is the caller's own words", () => {
    const note = "Volala pacientka kvůli doúčtování. Je rozrušená, říká, že už podala stížnost na krajský úřad.";
    expect(countedKinds(assess(note, "cs", { channel: "phone", phrases: [] }))).toContain("legal");
  });

  it("in a call note a quotation someone else said stays theirs, even there", () => {
    const note = "Caller states she was charged twice. Mentioned her husband 'wanted to sue you straight away' but she would rather sort it out with us.";
    expect(assess(note, "en", { channel: "phone", phrases: [] }).level).toBeLessThan(3);
  });

  it("in a call note a quotation is the caller's own words; in a written ticket it is someone else's", () => {
    const note = "Caller says the technician never opened the panel. Her words: 'You lot are a pack of idiots.'";
    expect(countedKinds(assess(note, "en", { channel: "phone", phrases: [] }))).toContain("insult");
    const written = "The tenant downstairs keeps saying 'you lot are a pack of idiots' about your technicians. Could you send someone today?";
    expect(assess(written, "en", { channel: "email", phrases: [] }).level).toBeLessThan(3);
  });

  it("a title abbreviation or a date with spaces does not end a sentence; a full stop before a new sentence does", () => {
    const hits = detectIntents("Minha advogada, Dra. Ana Lopes, vai processar vocês se nada mudar até 31. 12. 2026. Obrigado.", { language: "pt" });
    const legal = hits.find((h) => h.kind === "legal");
    expect(legal?.clause).toContain("dra. ana lopes, vai processar");
    expect(legal?.clause).toContain("31. 12. 2026.");
    expect(legal?.clause).not.toContain("obrigado");
  });
});

describe("operator phrases still work beside the intent detector", () => {
  const custom: SignalPhrase[] = [{ language: "en", kind: "churn", phrase: "pull the plug on you" }];
  it("a custom phrase makes level 3 on its own, with the intent detector off too", () => {
    expect(assess("We will pull the plug on you next week.", "en", { phrases: custom, intents: false }).level).toBe(3);
    expect(assess("We will pull the plug on you next week.", "en", { phrases: custom }).level).toBe(3);
  });
  it("and is judged the same way: quoted or negated it does not count", () => {
    const f = assess('Our reseller wrote "we will pull the plug on you" in a draft, ignore that. The invoice is wrong.', "en", { phrases: custom });
    expect(f.level).toBeLessThan(3);
    expect(f.evidence.find((e) => e.cue === "phrase")).toMatchObject({ discounted: "quoted" });
    expect(assess("We are not going to pull the plug on you, the invoice is just wrong.", "en", { phrases: custom }).level).toBeLessThan(3);
  });
  it("without phrases and with the intent detector off nothing escalates", () => {
    expect(assess("We will move to a competitor next week.", "en", { phrases: [], intents: false }).level).toBe(0);
  });
});
