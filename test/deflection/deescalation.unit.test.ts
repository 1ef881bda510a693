import { describe, expect, it } from "vitest";
import { DEFAULT_DEESCALATION_TEMPLATES, defaultDeescalationRows } from "../../src/deflection/deescalation-defaults.js";
import { formatWhen, unknownPlaceholders } from "../../src/deflection/deescalation-phrases.js";
import { type BriefTemplate, composeBrief, type DeescalationLevel, withEscalationDue } from "../../src/deflection/deescalation.js";
import type { DeescalationBrief, Verdict } from "../../src/deflection/verdict.schemas.js";
import { DeescalationBriefSchema, VerdictSchema } from "../../src/deflection/verdict.schemas.js";

const templates: BriefTemplate[] = defaultDeescalationRows().map((r, i) => ({ id: `dtpl_${String(i).padStart(4, "0")}`, enabled: true, ...r }));
const DUE = new Date("2026-03-04T10:30:00Z"); // a Wednesday
const escalation = (teamName: string | null = "Billing", dueAt: Date | null = DUE, type: "functional" | "hierarchical" = "functional") =>
  ({ kind: "escalation", type, teamName, dueAt }) as const;

const WHEN: Record<string, string> = {
  en: "by Wednesday, 10:30 AM UTC",
  cs: "nejpozději ve středu 10:30 UTC",
  fi: "viimeistään keskiviikkona klo 10.30 UTC",
  pt: "até quarta-feira, 10:30 UTC",
  de: "bis Mittwoch, 10:30 UTC",
  es: "como muy tarde el miércoles, 10:30 UTC",
};
const ASAP: Record<string, string> = {
  en: "as soon as possible",
  cs: "co nejdříve",
  fi: "mahdollisimman pian",
  pt: "o quanto antes",
  de: "so schnell wie möglich",
  es: "lo antes posible",
};

const texts = (b: DeescalationBrief) => [b.technique, ...b.steps, b.opening, b.ownership, ...b.avoid, b.nextStep.text, b.customerMessage];

describe("curated defaults", () => {
  it("exist for en, cs, fi, pt, de, es with every part at every level, and only known placeholders", () => {
    expect(Object.keys(DEFAULT_DEESCALATION_TEMPLATES).sort()).toEqual(["cs", "de", "en", "es", "fi", "pt"]);
    for (const language of Object.keys(DEFAULT_DEESCALATION_TEMPLATES)) {
      for (const level of [1, 2, 3]) {
        for (const part of ["technique", "step", "opening", "ownership", "avoid", "customer"]) {
          const rows = templates.filter((t) => t.language === language && t.part === part && (t.level === level || t.level === null));
          expect({ language, level, part, n: rows.length > 0 }).toEqual({ language, level, part, n: true });
        }
      }
    }
    expect(templates.flatMap((t) => unknownPlaceholders(t.text))).toEqual([]);
  });

  it("customer sentences never name a team or other internal detail", () => {
    for (const t of templates.filter((r) => r.part === "customer")) {
      expect(t.text).not.toMatch(/\{(team|next_step|fix)\}/);
      expect(t.text).toContain("{when}");
    }
  });
});

describe("composeBrief", () => {
  for (const language of ["en", "cs", "fi", "pt", "de", "es"]) {
    for (const level of [1, 2, 3] as DeescalationLevel[]) {
      it(`${language} level ${level}: every part in ${language}, placeholders filled with the due time in ${language}`, () => {
        const brief = composeBrief({ language, level, kinds: [], nextStep: escalation(), templates });
        expect(DeescalationBriefSchema.parse(brief)).toEqual(brief);
        expect(brief.language).toBe(language);
        expect(brief.level).toBe(level);
        for (const t of texts(brief)) {
          expect(t.length).toBeGreaterThan(0);
          expect(t).not.toMatch(/[{}]/);
        }
        expect(brief.steps.length).toBeGreaterThanOrEqual(level === 2 ? 6 : 2);
        expect(brief.avoid).toHaveLength(7);
        expect(brief.ownership).toContain(WHEN[language]);
        expect(brief.customerMessage).toContain(WHEN[language]);
        expect(brief.nextStep).toEqual({ kind: "escalation", text: expect.stringContaining(WHEN[language]!), dueAt: DUE.toISOString() });
        expect(brief.customerMessage).not.toContain("Billing");
        // Every text comes from a template row of that language.
        const used = brief.templateIds.map((id) => templates.find((t) => t.id === id));
        expect(used.every((t) => t?.language === language)).toBe(true);
        expect(new Set(used.map((t) => t?.part))).toEqual(new Set(["technique", "step", "opening", "ownership", "avoid", "customer"]));
      });
    }
  }

  it("writes the team and the time into the sentences, per language", () => {
    const en = composeBrief({ language: "en", level: 2, kinds: ["anger"], nextStep: escalation(), templates });
    expect(en.ownership).toBe("I'm taking personal responsibility for this: the Billing team will take over your case, and you will hear from us by Wednesday, 10:30 AM UTC.");
    expect(en.nextStep.text).toBe("The Billing team will take over your case — by Wednesday, 10:30 AM UTC");
    const cs = composeBrief({ language: "cs", level: 3, kinds: ["manager"], nextStep: escalation(null, DUE, "hierarchical"), templates });
    expect(cs.ownership).toContain("váš případ osobně převezme vedoucí týmu, nejpozději ve středu 10:30 UTC");
    const fi = composeBrief({ language: "fi", level: 1, kinds: [], nextStep: escalation("Laskutus"), templates });
    expect(fi.ownership).toBe("Hoidan tämän: Laskutus-tiimi ottaa asiasi hoitaakseen viimeistään keskiviikkona klo 10.30 UTC.");
    const de = composeBrief({ language: "de", level: 2, kinds: [], nextStep: escalation("Billing Team"), templates });
    expect(de.ownership).toBe("Ich übernehme das persönlich: Billing Team übernimmt Ihr Anliegen, und Sie bekommen bis Mittwoch, 10:30 UTC eine Rückmeldung.");
  });

  it("says 'as soon as possible' in the language when the time is not known yet", () => {
    for (const language of Object.keys(ASAP)) {
      const brief = composeBrief({ language, level: 1, kinds: [], nextStep: { kind: "investigation" }, templates });
      expect(brief.customerMessage).toContain(ASAP[language]);
      expect(brief.nextStep.dueAt).toBeNull();
      expect(formatWhen(null, language)).toBe(ASAP[language]);
    }
    const fix = composeBrief({ language: "es", level: 1, kinds: [], nextStep: { kind: "fix", title: "Restablecer la contraseña" }, templates });
    expect(fix.nextStep).toMatchObject({ kind: "fix", text: "Le acompaño paso a paso con la solución «Restablecer la contraseña» — lo antes posible", dueAt: null });
  });

  it("falls back to English for a language without templates, and says so", () => {
    for (const language of ["it", "xx", null, ""]) {
      const brief = composeBrief({ language, level: 2, kinds: [], nextStep: escalation(), templates });
      expect(brief.language).toBe("en");
      expect(brief.opening).toBe("I can completely see why this is so frustrating, and I'd feel the same in your place.");
    }
    expect(composeBrief({ language: "pt-BR", level: 1, kinds: [], nextStep: escalation(), templates }).language).toBe("pt");
    expect(composeBrief({ language: "DE", level: 1, kinds: [], nextStep: escalation(), templates }).language).toBe("de");
  });

  it("writes the whole brief in English when the customer's language lacks a part at that level", () => {
    const noCsOpening = templates.filter((t) => !(t.language === "cs" && t.part === "opening" && t.level === 2));
    const brief = composeBrief({ language: "cs", level: 2, kinds: [], nextStep: escalation(), templates: noCsOpening });
    expect(brief.language).toBe("en");
    expect(brief.ownership).toContain(WHEN.en);
    expect(composeBrief({ language: "cs", level: 1, kinds: [], nextStep: escalation(), templates: noCsOpening }).language).toBe("cs");
  });

  it("is deterministic: the first enabled template by position, disabled rows skipped, and no unknown placeholder ever shows", () => {
    const extra: BriefTemplate[] = [
      { id: "dtpl_a", language: "en", part: "opening", level: 2, text: "Hello {customer_name}, sorry.", enabled: true, position: 0 },
      { id: "dtpl_b", language: "en", part: "opening", level: 2, text: "Disabled opening.", enabled: false, position: 1 },
      { id: "dtpl_c", language: "en", part: "opening", level: 2, text: "I hear you, and I'm on it.", enabled: true, position: 5 },
      { id: "dtpl_d", language: "en", part: "step", level: null, text: "Write down what they said first.", enabled: true, position: 1 },
    ];
    const input = { language: "en", level: 2 as const, kinds: [], nextStep: escalation(), templates: [...templates, ...extra].reverse() };
    const brief = composeBrief(input);
    expect(brief.opening).toBe("I hear you, and I'm on it.");
    expect(brief.steps[0]).toBe("Write down what they said first.");
    expect(brief.templateIds).toContain("dtpl_c");
    expect(brief.templateIds).not.toContain("dtpl_a");
    expect(texts(brief).join(" ")).not.toMatch(/[{}]/);
    expect(composeBrief(input)).toEqual(brief);
  });

  it("keeps a shipped English sentence when an admin removed a part in every language", () => {
    const noOwnership = templates.filter((t) => t.part !== "ownership");
    const brief = composeBrief({ language: "de", level: 1, kinds: [], nextStep: escalation(), templates: noOwnership });
    expect(brief.language).toBe("en");
    expect(brief.ownership).toBe("I'm taking care of this: the Billing team will take over your case, by Wednesday, 10:30 AM UTC.");
  });
});

describe("withEscalationDue", () => {
  const base = VerdictSchema.parse({
    decision: "escalate",
    confidence: 0.1,
    thresholds: { answer: 0.8, suggest: 0.5, channel: "email" },
    explanation: "x",
    matches: [],
    signals: [],
    escalation: { type: "hierarchical", reason: "Customer needs a human (manager)", id: null, record: null },
    language: "de",
    cleanText: "x",
    retrieval: { mode: "hybrid", embedder: { id: "hashing", lexical: true, crossLanguage: false }, queryLanguage: "de", ftsConfig: "german" },
    model: { source: "default", calibrated: false },
  } satisfies Record<string, unknown>) as Verdict;

  it("does nothing without frustration or without a brief", () => {
    expect(withEscalationDue(base, { type: "hierarchical", teamName: "Billing", firstResponseDueAt: DUE }, templates)).toBe(base);
    const onlyFrustration = { ...base, frustration: { level: 0, label: "calm" as const, evidence: [], priorContacts: 0 }, deescalation: null };
    expect(withEscalationDue(onlyFrustration, { type: "hierarchical", teamName: "Billing", firstResponseDueAt: DUE }, templates)).toBe(onlyFrustration);
  });

  it("recomposes the brief with the escalation's team and first-response due time", () => {
    const early = composeBrief({ language: "de", level: 3, kinds: ["manager"], nextStep: escalation(null, null, "hierarchical"), templates });
    expect(early.customerMessage).toContain("so schnell wie möglich");
    const verdict: Verdict = {
      ...base,
      frustration: { level: 3, label: "needs-human", evidence: [{ cue: "phrase", kind: "manager", matched: "ihren vorgesetzten" }], priorContacts: 0 },
      deescalation: early,
    };
    const after = withEscalationDue(verdict, { type: "hierarchical", teamName: "Eskalation", firstResponseDueAt: DUE }, templates);
    expect(after.deescalation?.nextStep).toEqual({
      kind: "escalation",
      text: "Das Team Eskalation übernimmt Ihr Anliegen persönlich — bis Mittwoch, 10:30 UTC",
      dueAt: DUE.toISOString(),
    });
    expect(after.deescalation?.customerMessage).toBe(
      "Wir verstehen, wie ernst das für Sie ist. Eine Führungskraft hat Ihr Anliegen persönlich übernommen und meldet sich bis Mittwoch, 10:30 UTC bei Ihnen.",
    );
    expect(VerdictSchema.parse(after)).toEqual(after);
  });
});
