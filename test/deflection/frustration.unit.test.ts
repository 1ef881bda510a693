import { describe, expect, it } from "vitest";
import { assessFrustration, needsHumanKinds } from "../../src/deflection/frustration.js";
import { defaultSignalRows } from "../../src/deflection/signal-defaults.js";
import { detectSignals } from "../../src/text/signals.js";

const phrases = defaultSignalRows().map((r, i) => ({ id: `p${i}`, enabled: true, createdAt: new Date(0), ...r }));
const policy = { repeatEscalateAfter: 3 };
const assess = (text: string, priorContacts = 0) => assessFrustration({ authorText: text, signals: detectSignals(text, phrases), priorContacts, policy });

describe("frustration level", () => {
  it("0 for a calm report, also with capitals that are names and acronyms", () => {
    expect(assess("Hello, the VAT ID on invoice INV-2291 is wrong. Can you fix it?").level).toBe(0);
    expect(assess("URGENT: the API returns 500 for the SSO login").level).toBe(0);
  });

  it("1 for a frustration phrase, or shouting or !!! alone", () => {
    expect(assess("This is the third time I ask about the export.")).toMatchObject({ level: 1, label: "annoyed" });
    expect(assess("The export still fails!!")).toMatchObject({ level: 1, evidence: [{ cue: "punctuation", matched: "!!" }] });
    expect(assess("THE EXPORT DOES NOT WORK").level).toBe(1);
  });

  it("2 for anger, or frustration said loudly", () => {
    expect(assess("I am sick and tired of this app crashing").level).toBe(2);
    expect(assess("This is UNACCEPTABLE, THIRD TIME NOW!!!")).toMatchObject({ level: 2, label: "angry" });
  });

  it("3 for a demand for a manager, a threat or an insult — in several languages", () => {
    expect(assess("I want to speak to your manager right now.")).toMatchObject({ level: 3, label: "needs-human" });
    expect(assess("Chci mluvit s vaším nadřízeným, jinak ruším předplatné!").level).toBe(3);
    expect(assess("Vou processar vocês, já falei com meu advogado.").level).toBe(3);
    const f = assess("You are useless and we will cancel our contract.");
    expect(needsHumanKinds(f, policy).sort()).toEqual(["churn", "insult"]);
  });

  it("does not count a threat the writer quotes, reports from someone else, or negates", () => {
    const quoted = assess('A passenger shouted "I will sue you" at our driver. How do we log the incident?');
    expect(quoted.level).toBeLessThan(3);
    expect(quoted.evidence.find((e) => e.kind === "legal")).toMatchObject({ discounted: "quoted" });
    const reported = assess("Our customer told us she will post a bad review on Trustpilot; can you help us reply?");
    expect(reported.level).toBeLessThan(3);
    expect(reported.evidence.find((e) => e.kind === "review")).toMatchObject({ discounted: "reported" });
    const negated = assess("We are not going to cancel, but the sync has been broken for a week.");
    expect(negated.level).toBeLessThan(3);
    // The writer's own words after a reporting verb still count.
    expect(assess("I told you last week: I want to speak to your supervisor.").level).toBe(3);
  });

  it("rises with earlier same-topic contacts and needs a human past the limit, without any phrase", () => {
    expect(assess("The sync is broken.", 1).level).toBe(1);
    expect(assess("The sync is broken.", 2).level).toBe(2);
    const third = assess("The sync is broken.", 3);
    expect(third).toMatchObject({ level: 3, priorContacts: 3 });
    expect(needsHumanKinds(third, policy)).toEqual(["repeat"]);
    expect(assessFrustration({ authorText: "The sync is broken.", signals: [], priorContacts: 9, policy: { repeatEscalateAfter: 0 } }).level).toBe(2);
  });
});
