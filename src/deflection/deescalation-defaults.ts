/**
 * Curated de-escalation wording, seeded into `deescalation_templates` once; after that the table
 * is the truth (admins edit it through /v1/settings/deescalation-templates).
 *
 * The practice support leaders teach: let the customer vent without interrupting, listen
 * actively, acknowledge the feeling, show empathy, take ownership, state the next step and when,
 * stay calm and repeat if needed. Level 1 (annoyed) is a short acknowledgement and ownership;
 * level 2 (angry) the full practice; level 3 (needs a human now) acknowledges, does not argue and
 * says who takes over and when. `customer` is the one sentence the customer reads (portal
 * confirmation): acknowledgement, who has the case, when; no team names or other internal detail.
 *
 * Placeholders: {next_step}, {when}, {team}, {fix} (filled per language by deescalation-phrases.ts).
 * Agent-facing text is an instruction to the agent; sentences to say avoid gendered first-person
 * forms (cs, pt) so any agent can use them as written. Portuguese is Brazilian.
 */
export type DeescalationLevel = 1 | 2 | 3;

interface LanguageTemplates {
  /** Index 0..2 = level 1..3. */
  technique: [string, string, string];
  steps: [string[], string[], string[]];
  opening: [string, string, string];
  ownership: [string, string, string];
  /** For every level (level null). */
  avoid: string[];
  customer: [string, string, string];
}

export const DEFAULT_DEESCALATION_TEMPLATES: Record<string, LanguageTemplates> = {
  en: {
    technique: [
      "Annoyed: acknowledge it briefly, take ownership and give the next step. Keep it short.",
      "Angry: let them vent, listen actively, acknowledge the feeling, show empathy, own the problem and state the next step and when.",
      "Needs a human now: acknowledge, do not argue or defend, and say who takes over and when.",
    ],
    steps: [
      ["Acknowledge the inconvenience in one sentence.", "Take ownership and say what happens next: {next_step}."],
      [
        "Let the customer vent without interrupting.",
        "Listen actively: sum up the key facts in your own words.",
        "Acknowledge the feeling before the facts.",
        "Show empathy: say it is understandable to be upset about this.",
        "Take ownership: talk about what you will do, not what the customer should have done.",
        "State the next step and when: {next_step}, {when}.",
        "Stay calm; if they are still upset, acknowledge the feeling again and repeat the next step.",
      ],
      [
        "Acknowledge how serious this is for them, without arguing or defending.",
        "Do not try to solve it yourself or negotiate: the handover is the answer.",
        "Say who takes over and when: {team}, {when}.",
        "Reassure them they will not have to explain everything again.",
      ],
    ],
    opening: [
      "I understand this is annoying, and I'm sorry for the trouble.",
      "I can completely see why this is so frustrating, and I'd feel the same in your place.",
      "I understand how serious this is for you, and I'm making sure the right person takes it over now.",
    ],
    ownership: [
      "I'm taking care of this: {next_step}, {when}.",
      "I'm taking personal responsibility for this: {next_step}, and you will hear from us {when}.",
      "I'm handing this over with everything you've told me: {next_step}, {when}, and you won't need to explain it again.",
    ],
    avoid: [
      "Telling the customer to calm down.",
      "Blaming the customer or another team.",
      'Hiding behind policy ("our policy says…").',
      "Arguing, or correcting their account of what happened.",
      "Promising what you cannot guarantee (refunds, dates, fixes).",
      "Technical jargon and internal names.",
      'Passing the buck ("that\'s not my department").',
    ],
    customer: [
      "Thank you for your patience: we understand this is annoying. Our team has your case and will get back to you {when}.",
      "We understand how frustrating this is, and we're sorry. A specialist now has your case and will get back to you {when}.",
      "We understand how serious this is for you. A senior member of our team has personally taken over your case and will contact you {when}.",
    ],
  },
  cs: {
    technique: [
      "Zákazník je rozladěný: krátce uznejte nepříjemnost, převezměte odpovědnost a řekněte, co bude dál.",
      "Zákazník se zlobí: nechte ho vypovídat, aktivně naslouchejte, uznejte jeho pocity, projevte pochopení, převezměte odpovědnost a řekněte další krok i termín.",
      "Zákazník potřebuje člověka hned: uznejte závažnost situace, nepolemizujte a řekněte, kdo případ převezme a kdy.",
    ],
    steps: [
      ["Jednou větou uznejte, že je situace nepříjemná.", "Převezměte odpovědnost a řekněte, co bude dál: {next_step}."],
      [
        "Nechte zákazníka vypovídat a nepřerušujte ho.",
        "Aktivně naslouchejte: shrňte vlastními slovy, co se stalo.",
        "Nejdřív uznejte pocity, teprve potom řešte fakta.",
        "Projevte pochopení: řekněte, že je pochopitelné, že ho to rozčiluje.",
        "Převezměte odpovědnost: mluvte o tom, co uděláte vy, ne o tom, co měl udělat zákazník.",
        "Řekněte další krok a termín: {next_step}, {when}.",
        "Zůstaňte v klidu; pokud se zákazník dál zlobí, znovu uznejte jeho pocity a zopakujte další krok.",
      ],
      [
        "Uznejte, jak vážné to pro zákazníka je, a nic neobhajujte.",
        "Nesnažte se problém vyřešit sami ani vyjednávat: odpovědí je předání případu.",
        "Řekněte, kdo případ převezme a kdy: {team}, {when}.",
        "Ujistěte zákazníka, že nebude muset nic vysvětlovat znovu.",
      ],
    ],
    opening: [
      "Chápu, že je to nepříjemné, a omlouvám se za potíže.",
      "Naprosto rozumím, proč vás to tolik rozčiluje. Na vašem místě by mě to také zlobilo.",
      "Chápu, že je to pro vás vážné, a zajistím, aby se toho hned ujal ten správný člověk.",
    ],
    ownership: [
      "Postarám se o to: {next_step}, {when}.",
      "Beru to na sebe: {next_step} a ozveme se vám {when}.",
      "Případ předávám se všemi informacemi, které od vás mám: {next_step}, {when}. Nic nebudete muset vysvětlovat znovu.",
    ],
    avoid: [
      "Říkat zákazníkovi, ať se uklidní.",
      "Obviňovat zákazníka nebo jiný tým.",
      "Schovávat se za pravidla („podle našich pravidel…“).",
      "Hádat se nebo opravovat zákazníkův popis toho, co se stalo.",
      "Slibovat, co nemůžete zaručit (vrácení peněz, termíny, opravy).",
      "Odborný žargon a interní názvy.",
      "Přehazovat odpovědnost („to není moje oddělení“).",
    ],
    customer: [
      "Děkujeme za trpělivost, chápeme, že je to nepříjemné. Váš případ má na starosti náš tým a ozve se vám {when}.",
      "Chápeme, jak je to frustrující, a omlouváme se. Váš případ teď řeší specialista a ozve se vám {when}.",
      "Chápeme, jak je to pro vás vážné. Váš případ nyní osobně přebírá vedoucí týmu a ozve se vám {when}.",
    ],
  },
  fi: {
    technique: [
      "Asiakas on ärtynyt: tunnusta harmi lyhyesti, ota vastuu ja kerro seuraava askel.",
      "Asiakas on vihainen: anna hänen purkaa tunteensa, kuuntele aktiivisesti, tunnusta tunne, osoita empatiaa, ota vastuu ja kerro seuraava askel ja aikataulu.",
      "Asiakas tarvitsee ihmisen heti: tunnusta tilanteen vakavuus, älä väittele ja kerro, kuka ottaa asian hoitaakseen ja milloin.",
    ],
    steps: [
      ["Tunnusta yhdellä lauseella, että tilanne on harmillinen.", "Ota vastuu ja kerro, mitä seuraavaksi tapahtuu: {next_step}."],
      [
        "Anna asiakkaan purkaa tunteensa keskeyttämättä.",
        "Kuuntele aktiivisesti: kerro omin sanoin, mitä ymmärsit tapahtuneen.",
        "Tunnusta tunne ennen kuin siirryt faktoihin.",
        "Osoita empatiaa: sano, että on ymmärrettävää olla tästä harmissaan.",
        "Ota vastuu: puhu siitä, mitä sinä teet, älä siitä, mitä asiakkaan olisi pitänyt tehdä.",
        "Kerro seuraava askel ja aikataulu: {next_step}, {when}.",
        "Pysy rauhallisena; jos asiakas on yhä kiihtynyt, tunnusta tunne uudelleen ja toista seuraava askel.",
      ],
      [
        "Tunnusta, kuinka vakava asia asiakkaalle on, äläkä puolustele.",
        "Älä yritä ratkaista asiaa itse tai neuvotella: vastaus on asian siirtäminen.",
        "Kerro, kuka ottaa asian hoitaakseen ja milloin: {team}, {when}.",
        "Vakuuta, ettei asiakkaan tarvitse selittää kaikkea uudelleen.",
      ],
    ],
    opening: [
      "Ymmärrän, että tämä on harmillista, ja pahoittelen vaivaa.",
      "Ymmärrän hyvin, miksi tämä turhauttaa sinua näin paljon – olisin itsekin harmissani.",
      "Ymmärrän, että asia on sinulle vakava, ja huolehdin siitä, että oikea henkilö ottaa sen nyt hoitaakseen.",
    ],
    ownership: [
      "Hoidan tämän: {next_step} {when}.",
      "Otan tästä henkilökohtaisesti vastuun: {next_step}, ja kuulet meistä {when}.",
      "Siirrän asian eteenpäin kaikkine tietoineen: {next_step} {when}, eikä sinun tarvitse selittää mitään uudelleen.",
    ],
    avoid: [
      "Asiakkaan kehottaminen rauhoittumaan.",
      "Asiakkaan tai toisen tiimin syyllistäminen.",
      "Käytäntöihin vetoaminen (”meidän käytäntömme mukaan…”).",
      "Väittely tai asiakkaan kertoman korjaaminen.",
      "Lupaukset, joita et voi taata (hyvitykset, aikataulut, korjaukset).",
      "Ammattijargon ja sisäiset nimitykset.",
      "Vastuun pallottelu (”se ei kuulu minulle”).",
    ],
    customer: [
      "Kiitos kärsivällisyydestäsi – ymmärrämme, että tilanne on harmillinen. Asiasi on nyt tiimimme hoidossa, ja palaamme asiaan {when}.",
      "Ymmärrämme, kuinka turhauttavaa tämä on, ja pahoittelemme. Asiantuntijamme hoitaa nyt asiaasi ja on sinuun yhteydessä {when}.",
      "Ymmärrämme, kuinka vakava asia on sinulle. Esihenkilömme on ottanut asiasi henkilökohtaisesti hoitaakseen ja on sinuun yhteydessä {when}.",
    ],
  },
  pt: {
    technique: [
      "Cliente irritado: reconheça o problema em poucas palavras, assuma a responsabilidade e diga qual é o próximo passo.",
      "Cliente muito bravo: deixe que ele desabafe, escute com atenção, reconheça o sentimento, mostre empatia, assuma a responsabilidade e diga o próximo passo e o prazo.",
      "Cliente precisa de uma pessoa agora: reconheça a gravidade, não discuta e diga quem assume o caso e quando.",
    ],
    steps: [
      ["Reconheça em uma frase que a situação é chata.", "Assuma a responsabilidade e diga o que acontece agora: {next_step}."],
      [
        "Deixe o cliente desabafar sem interromper.",
        "Escute com atenção: resuma com suas palavras o que aconteceu.",
        "Reconheça o sentimento antes de ir aos fatos.",
        "Mostre empatia: diga que é compreensível ficar chateado com isso.",
        "Assuma a responsabilidade: fale do que você vai fazer, não do que o cliente deveria ter feito.",
        "Diga o próximo passo e o prazo: {next_step}, {when}.",
        "Mantenha a calma; se o cliente continuar irritado, reconheça de novo o sentimento e repita o próximo passo.",
      ],
      [
        "Reconheça a gravidade da situação para o cliente, sem se justificar.",
        "Não tente resolver sozinho nem negociar: a resposta é passar o caso adiante.",
        "Diga quem assume o caso e quando: {team}, {when}.",
        "Garanta ao cliente que ele não vai precisar explicar tudo de novo.",
      ],
    ],
    opening: [
      "Entendo que isso é chato, e peço desculpas pelo transtorno.",
      "Entendo perfeitamente por que isso é tão frustrante para você.",
      "Entendo que isso é sério para você, e vou garantir que a pessoa certa assuma o caso agora.",
    ],
    ownership: [
      "Vou cuidar disso: {next_step} {when}.",
      "Eu assumo a responsabilidade por isso: {next_step}, e você terá um retorno nosso {when}.",
      "Estou passando o caso com todas as informações: {next_step} {when}, e você não vai precisar explicar nada de novo.",
    ],
    avoid: [
      "Pedir para o cliente se acalmar.",
      "Culpar o cliente ou outra equipe.",
      "Se esconder atrás da política (“segundo a nossa política…”).",
      "Discutir ou corrigir a versão do cliente sobre o que aconteceu.",
      "Prometer o que você não pode garantir (reembolsos, prazos, correções).",
      "Jargão técnico e nomes internos.",
      "Empurrar o problema para outro (“isso não é comigo”).",
    ],
    customer: [
      "Obrigado pela paciência – entendemos que a situação é chata. Nossa equipe já está com o seu caso e vai dar um retorno {when}.",
      "Entendemos como isso é frustrante e pedimos desculpas. Um especialista já está com o seu caso e vai entrar em contato {when}.",
      "Entendemos como isso é sério para você. Um supervisor assumiu o seu caso pessoalmente e vai entrar em contato {when}.",
    ],
  },
  de: {
    technique: [
      "Verärgert: kurz anerkennen, Verantwortung übernehmen und den nächsten Schritt nennen.",
      "Wütend: ausreden lassen, aktiv zuhören, das Gefühl anerkennen, Empathie zeigen, Verantwortung übernehmen und den nächsten Schritt mit Zeitpunkt nennen.",
      "Braucht sofort einen Menschen: anerkennen, nicht diskutieren und sagen, wer übernimmt und wann.",
    ],
    steps: [
      ["Erkennen Sie den Ärger in einem Satz an.", "Übernehmen Sie Verantwortung und sagen Sie, was als Nächstes passiert: {next_step}."],
      [
        "Lassen Sie den Kunden ausreden, ohne zu unterbrechen.",
        "Hören Sie aktiv zu: Fassen Sie das Wichtigste in eigenen Worten zusammen.",
        "Erkennen Sie zuerst das Gefühl an, dann die Fakten.",
        "Zeigen Sie Empathie: Sagen Sie, dass der Ärger verständlich ist.",
        "Übernehmen Sie Verantwortung: Sprechen Sie darüber, was Sie tun, nicht darüber, was der Kunde hätte tun sollen.",
        "Nennen Sie den nächsten Schritt und den Zeitpunkt: {next_step}, {when}.",
        "Bleiben Sie ruhig; ist der Kunde weiter aufgebracht, erkennen Sie das Gefühl erneut an und wiederholen Sie den nächsten Schritt.",
      ],
      [
        "Erkennen Sie an, wie ernst die Lage für den Kunden ist, ohne sich zu rechtfertigen.",
        "Versuchen Sie nicht, es selbst zu lösen oder zu verhandeln: Die Übergabe ist die Antwort.",
        "Sagen Sie, wer übernimmt und wann: {team}, {when}.",
        "Versichern Sie dem Kunden, dass er nichts noch einmal erklären muss.",
      ],
    ],
    opening: [
      "Ich verstehe, dass das ärgerlich ist, und entschuldige mich für die Umstände.",
      "Ich verstehe gut, warum Sie das so frustriert – mir würde es genauso gehen.",
      "Ich verstehe, dass das für Sie ernst ist, und sorge dafür, dass jetzt die richtige Person übernimmt.",
    ],
    ownership: [
      "Ich kümmere mich darum: {next_step}, und Sie hören {when} von uns.",
      "Ich übernehme das persönlich: {next_step}, und Sie bekommen {when} eine Rückmeldung.",
      "Ich übergebe Ihr Anliegen mit allen Informationen: {next_step}, und zwar {when} – Sie müssen nichts noch einmal erklären.",
    ],
    avoid: [
      "Den Kunden auffordern, sich zu beruhigen.",
      "Dem Kunden oder einem anderen Team die Schuld geben.",
      "Sich hinter Richtlinien verstecken („laut unseren Richtlinien …“).",
      "Diskutieren oder die Schilderung des Kunden korrigieren.",
      "Versprechen, die Sie nicht halten können (Erstattungen, Termine, Lösungen).",
      "Fachjargon und interne Bezeichnungen.",
      "Die Verantwortung weiterschieben („dafür bin ich nicht zuständig“).",
    ],
    customer: [
      "Danke für Ihre Geduld – wir verstehen, dass das ärgerlich ist. Unser Team kümmert sich um Ihr Anliegen und meldet sich {when} bei Ihnen.",
      "Wir verstehen, wie frustrierend das ist, und entschuldigen uns. Eine Fachperson bearbeitet jetzt Ihr Anliegen und meldet sich {when} bei Ihnen.",
      "Wir verstehen, wie ernst das für Sie ist. Eine Führungskraft hat Ihr Anliegen persönlich übernommen und meldet sich {when} bei Ihnen.",
    ],
  },
  es: {
    technique: [
      "Cliente molesto: reconozca la molestia en pocas palabras, asuma la responsabilidad y diga cuál es el siguiente paso.",
      "Cliente enfadado: deje que se desahogue, escuche activamente, reconozca lo que siente, muestre empatía, asuma la responsabilidad y diga el siguiente paso y cuándo.",
      "Necesita una persona ya: reconozca la gravedad, no discuta y diga quién se hace cargo y cuándo.",
    ],
    steps: [
      ["Reconozca en una frase que la situación es molesta.", "Asuma la responsabilidad y diga qué pasa ahora: {next_step}."],
      [
        "Deje que el cliente se desahogue sin interrumpirle.",
        "Escuche activamente: resuma con sus propias palabras lo que ha pasado.",
        "Reconozca primero lo que siente y después los hechos.",
        "Muestre empatía: diga que es comprensible estar molesto por esto.",
        "Asuma la responsabilidad: hable de lo que usted va a hacer, no de lo que el cliente debería haber hecho.",
        "Diga el siguiente paso y cuándo: {next_step}, {when}.",
        "Mantenga la calma; si el cliente sigue alterado, vuelva a reconocer lo que siente y repita el siguiente paso.",
      ],
      [
        "Reconozca lo grave que es la situación para el cliente, sin justificarse.",
        "No intente resolverlo usted ni negociar: el traspaso es la respuesta.",
        "Diga quién se hace cargo y cuándo: {team}, {when}.",
        "Asegure al cliente que no tendrá que explicarlo todo de nuevo.",
      ],
    ],
    opening: [
      "Entiendo que es una situación molesta y le pido disculpas por el inconveniente.",
      "Entiendo perfectamente por qué esto le resulta tan frustrante; en su lugar, yo sentiría lo mismo.",
      "Entiendo que esto es serio para usted y me aseguro de que la persona adecuada se haga cargo ahora mismo.",
    ],
    ownership: [
      "Me encargo de esto: {next_step} {when}.",
      "Asumo personalmente la responsabilidad: {next_step} y tendrá noticias nuestras {when}.",
      "Traslado su caso con toda la información: {next_step} {when}, y no tendrá que volver a explicar nada.",
    ],
    avoid: [
      "Pedirle al cliente que se calme.",
      "Culpar al cliente o a otro equipo.",
      "Escudarse en la política («según nuestra política…»).",
      "Discutir o corregir la versión del cliente.",
      "Prometer lo que no puede garantizar (reembolsos, plazos, soluciones).",
      "Jerga técnica y nombres internos.",
      "Pasar la pelota («eso no es de mi departamento»).",
    ],
    customer: [
      "Gracias por su paciencia; entendemos que la situación es molesta. Nuestro equipo ya tiene su caso y le responderá {when}.",
      "Entendemos lo frustrante que es esto y le pedimos disculpas. Un especialista ya está con su caso y se pondrá en contacto con usted {when}.",
      "Entendemos lo serio que es esto para usted. Un supervisor se ha hecho cargo de su caso personalmente y se pondrá en contacto con usted {when}.",
    ],
  },
};

export interface DefaultTemplateRow {
  language: string;
  part: "technique" | "step" | "opening" | "ownership" | "avoid" | "customer";
  level: DeescalationLevel | null;
  text: string;
  position: number;
}

/** The defaults as rows: position is the order within a part (steps and avoid lists keep theirs). */
export function defaultDeescalationRows(): DefaultTemplateRow[] {
  const rows: DefaultTemplateRow[] = [];
  for (const [language, t] of Object.entries(DEFAULT_DEESCALATION_TEMPLATES)) {
    for (const level of [1, 2, 3] as const) {
      const i = (level - 1) as 0 | 1 | 2;
      rows.push({ language, part: "technique", level, text: t.technique[i], position: 10 });
      t.steps[i].forEach((text, n) => rows.push({ language, part: "step", level, text, position: (n + 1) * 10 }));
      rows.push({ language, part: "opening", level, text: t.opening[i], position: 10 });
      rows.push({ language, part: "ownership", level, text: t.ownership[i], position: 10 });
      rows.push({ language, part: "customer", level, text: t.customer[i], position: 10 });
    }
    t.avoid.forEach((text, n) => rows.push({ language, part: "avoid", level: null, text, position: (n + 1) * 10 }));
  }
  return rows;
}
