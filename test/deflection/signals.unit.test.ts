import { describe, expect, it } from "vitest";
import { defaultSignalRows, ESCALATING_KINDS } from "../../src/deflection/signal-defaults.js";
import { cleanMessage } from "../../src/text/clean.js";
import { compilePhrase, detectSignals, phraseProblem } from "../../src/text/signals.js";

const phrases = defaultSignalRows();
const escalating = (text: string) =>
  [
    ...new Set(
      detectSignals(text, phrases)
        .filter((s) => (ESCALATING_KINDS as readonly string[]).includes(s.kind))
        .map((s) => s.kind),
    ),
  ].sort();

describe("escalation signals in six languages, with and without diacritics", () => {
  it.each([
    ["en", "If this is not fixed today I want your manager on the phone.", ["manager"]],
    ["en", "We will cancel at renewal and post a one-star review on Trustpilot.", ["churn", "review"]],
    ["en", "Our lawyers will be in touch.", ["legal"]],
    ["cs", "Chci okamžitě mluvit s někým nadřízeným, jinak smlouvu vypovídáme.", ["churn", "manager"]],
    ["cs", "Chci okamzite mluvit s nekym nadrizenym, jinak smlouvu vypovidame.", ["churn", "manager"]],
    ["cs", "podávám stížnost na ČOI a dávám to k právníkovi", ["legal"]],
    ["fi", "Jos tämä ei ratkea, irtisanomme sopimuksen. Haluan, että esimiehesi soittaa.", ["churn", "manager"]],
    ["fi", "jos tama ei ratkea, irtisanomme sopimuksen. haluan etta esimiehesi soittaa", ["churn", "manager"]],
    ["pt", "Exijo falar com um responsável, senão vou abrir reclamação no Reclame Aqui.", ["manager", "review"]],
    ["pt", "exijo falar com um responsavel, vou processar voces", ["legal", "manager"]],
    ["de", "Ich fordere ein Gespräch mit der Geschäftsführung und behalte mir rechtliche Schritte vor.", ["legal", "manager"]],
    ["de", "Sonst gibt's eine 1-Sterne-Bewertung und wir schalten unseren Anwalt ein", ["legal", "review"]],
    ["es", "Quiero hablar con un responsable; si no, nos vamos a la competencia.", ["churn", "manager"]],
    ["es", "Sois unos inútiles, es una vergüenza", ["anger", "insult"]],
    ["es", "sois unos inutiles, es una verguenza", ["anger", "insult"]],
  ])("%s: %s", (_lang, text, kinds) => {
    expect(escalating(text)).toEqual(kinds);
  });

  it.each([
    "Please cancel our subscription at the end of the term and confirm by email.",
    "Chtěli bychom zrušit předplatné ke konci období, jak postupovat?",
    "Haluamme irtisanoa sopimuksen kauden lopussa. Miten se tehdään?",
    "Gostaríamos de cancelar a assinatura no fim do período.",
    "Wie kündigen wir unseren Vertrag zum Laufzeitende?",
    "Queremos cancelar la suscripción al final del periodo.",
    "My boss is asking which report is right.",
    "Our legal team asks where the data is stored (GDPR).",
    "THIS IS THE THIRD TIME I ASK: THE EXPORT IS STUCK",
    "Customers think our emails are a phishing attempt.",
    "How do I give the manager role to a new supervisor on our team?",
  ])("calm or merely frustrated text does not escalate: %s", (text) => {
    expect(escalating(text)).toEqual([]);
  });

  it("counts the author's words only: a quoted angry customer does not escalate", () => {
    const body = "Hi,\nour replies land in spam, what should we set up?\nThanks,\nIsaac\n\n> On Mon, Brenda wrote:\n> You are useless, I want your manager and I will sue you.";
    expect(escalating(cleanMessage(body).authorText)).toEqual([]);
  });

  it("names the phrase and the matched words", () => {
    const [s] = detectSignals(
      "Get me a SUPERVISOR now",
      phrases.filter((p) => p.kind === "manager" && p.language === "en"),
    );
    expect(s?.phrase).toBe("to/with/me/want/need/demand/get a/your manager/supervisor/superior");
    expect(s?.matched).toBe("me a supervisor");
  });

  it("phrase syntax: prefixes, alternatives and gaps, whole words only", () => {
    expect(compilePhrase("nadrizen*")?.test("s nadrizenym")).toBe(true);
    expect(compilePhrase("sue you/nimbus")?.test("we will sue nimbus")).toBe(true);
    expect(compilePhrase("sue you/nimbus")?.test("the issue you reported")).toBe(false);
    expect(compilePhrase("otherwise .. cancel*")?.test("otherwise we will cancel")).toBe(true);
    expect(compilePhrase("otherwise .. cancel*")?.test("otherwise we are really going to have to cancel")).toBe(false);
    expect(phraseProblem("")).toBeDefined();
    expect(phraseProblem("<script>")).toBeDefined();
    expect(phraseProblem("speak to your boss")).toBeUndefined();
  });
});
