import { describe, expect, it } from "vitest";
import { customerMessage, formatDue } from "../../src/escalations/customer-message.js";

const NOW = new Date("2026-03-02T08:00:00Z"); // Monday 09:00 in Prague
const REF = "DF-7K3Q-92";
const message = (language: string | null, due: string, type: "functional" | "hierarchical" = "functional", timeZone = "Europe/Prague", now = NOW) =>
  customerMessage({ language, type, firstResponseDueAt: new Date(due), timeZone, reference: REF, now });

/** A fixed due time (Wednesday 10:00 in Prague) in every language, both escalation types. */
const WEDNESDAY: Record<string, Record<"functional" | "hierarchical", string>> = {
  en: {
    functional: "A specialist now has your case and will get back to you by Wednesday 10:00 CET. Your reference is DF-7K3Q-92.",
    hierarchical: "A supervisor now has your case personally and will get back to you by Wednesday 10:00 CET. Your reference is DF-7K3Q-92.",
  },
  cs: {
    functional: "Váš případ nyní převzal specialista a ozve se vám nejpozději ve středu v 10:00 SEČ. Číslo vašeho požadavku je DF-7K3Q-92.",
    hierarchical: "Váš případ nyní osobně převzal vedoucí pracovník a ozve se vám nejpozději ve středu v 10:00 SEČ. Číslo vašeho požadavku je DF-7K3Q-92.",
  },
  fi: {
    functional: "Asiantuntija on ottanut asiasi hoitaakseen ja vastaa sinulle viimeistään keskiviikkona klo 10.00 (UTC+1). Viitenumerosi on DF-7K3Q-92.",
    hierarchical: "Esihenkilö on ottanut asiasi henkilökohtaisesti hoitaakseen ja vastaa sinulle viimeistään keskiviikkona klo 10.00 (UTC+1). Viitenumerosi on DF-7K3Q-92.",
  },
  pt: {
    functional: "Um especialista já está cuidando do seu caso e vai responder até quarta-feira às 10:00 (GMT+1). O número de referência do seu pedido é DF-7K3Q-92.",
    hierarchical: "Um supervisor já está cuidando pessoalmente do seu caso e vai responder até quarta-feira às 10:00 (GMT+1). O número de referência do seu pedido é DF-7K3Q-92.",
  },
  de: {
    functional: "Eine Fachkraft kümmert sich jetzt um Ihr Anliegen und meldet sich spätestens am Mittwoch um 10:00 Uhr MEZ bei Ihnen. Ihre Vorgangsnummer lautet DF-7K3Q-92.",
    hierarchical:
      "Eine Führungskraft kümmert sich jetzt persönlich um Ihr Anliegen und meldet sich spätestens am Mittwoch um 10:00 Uhr MEZ bei Ihnen. Ihre Vorgangsnummer lautet DF-7K3Q-92.",
  },
  es: {
    functional: "Un especialista ya se está ocupando de su caso y le responderá a más tardar el miércoles a las 10:00 (CET). Su número de referencia es DF-7K3Q-92.",
    hierarchical: "Un supervisor ya se está ocupando personalmente de su caso y le responderá a más tardar el miércoles a las 10:00 (CET). Su número de referencia es DF-7K3Q-92.",
  },
};

const TODAY: Record<string, string> = {
  en: "by 14:30 CET today",
  cs: "nejpozději dnes ve 14:30 SEČ",
  fi: "viimeistään tänään klo 14.30 (UTC+1)",
  pt: "até hoje às 14:30 (GMT+1)",
  de: "spätestens heute um 14:30 Uhr MEZ",
  es: "a más tardar hoy a las 14:30 (CET)",
};
const TOMORROW: Record<string, string> = {
  en: "by 09:00 CET tomorrow",
  cs: "nejpozději zítra v 9:00 SEČ",
  fi: "viimeistään huomenna klo 9.00 (UTC+1)",
  pt: "até amanhã às 9:00 (GMT+1)",
  de: "spätestens morgen um 9:00 Uhr MEZ",
  es: "a más tardar mañana a las 9:00 (CET)",
};
/** A week or more away: the weekday alone would be ambiguous, so the date is named too. */
const NEXT_WEEK: Record<string, string> = {
  en: "by Tuesday 10 March 01:05 CET",
  cs: "nejpozději v úterý 10. března v 1:05 SEČ",
  fi: "viimeistään tiistaina 10. maaliskuuta klo 1.05 (UTC+1)",
  pt: "até terça-feira, 10 de março, à 1:05 (GMT+1)",
  de: "spätestens am Dienstag, 10. März, um 1:05 Uhr MEZ",
  es: "a más tardar el martes 10 de marzo a la 1:05 (CET)",
};

describe("customerMessage", () => {
  for (const language of Object.keys(WEDNESDAY)) {
    it(`${language}: exact text for a fixed due time and zone, functional and hierarchical`, () => {
      for (const type of ["functional", "hierarchical"] as const) {
        expect(message(language, "2026-03-04T09:00:00Z", type)).toEqual({
          language,
          text: WEDNESDAY[language]?.[type],
          dueAt: "2026-03-04T09:00:00.000Z",
          timeZone: "Europe/Prague",
        });
      }
    });

    it(`${language}: today, tomorrow and a week away`, () => {
      expect(message(language, "2026-03-02T13:30:00Z").text).toContain(` ${TODAY[language]}`);
      expect(message(language, "2026-03-03T08:00:00Z").text).toContain(` ${TOMORROW[language]}`);
      expect(message(language, "2026-03-10T00:05:00Z").text).toContain(` ${NEXT_WEEK[language]}`);
    });
  }

  it("falls back to English for a language without curated sentences, and for none", () => {
    for (const language of ["pl", "xx", null, ""]) {
      expect(message(language, "2026-03-04T09:00:00Z")).toMatchObject({ language: "en", text: WEDNESDAY.en?.functional });
    }
  });

  it("reads a region-tagged language as its base language", () => {
    expect(message("pt-BR", "2026-03-04T09:00:00Z").text).toBe(WEDNESDAY.pt?.functional);
    expect(message("CS_cz", "2026-03-04T09:00:00Z").language).toBe("cs");
  });

  it("decides today / tomorrow on the team's clock: across midnight in Prague while still the same day in UTC", () => {
    const lateEvening = new Date("2026-03-02T22:00:00Z"); // Monday 23:00 in Prague
    const due = "2026-03-02T23:30:00Z"; // Tuesday 00:30 in Prague, Monday 23:30 in UTC
    expect(message("en", due, "functional", "Europe/Prague", lateEvening).text).toContain("by 00:30 CET tomorrow.");
    expect(message("cs", due, "functional", "Europe/Prague", lateEvening).text).toContain("nejpozději zítra v 0:30 SEČ.");
    expect(message("en", due, "functional", "UTC", lateEvening).text).toContain("by 23:30 UTC today.");
    expect(message("de", due, "hierarchical", "UTC", lateEvening).text).toContain("spätestens heute um 23:30 Uhr UTC bei Ihnen.");
  });

  it("writes summer time and other zones with their own names", () => {
    const summerNow = new Date("2026-07-06T06:00:00Z"); // Monday
    expect(message("en", "2026-07-08T08:00:00Z", "functional", "Europe/Prague", summerNow).text).toContain("by Wednesday 10:00 CEST.");
    expect(message("pt", "2026-07-08T13:00:00Z", "functional", "America/Sao_Paulo", summerNow).text).toContain("até quarta-feira às 10:00 (BRT).");
  });

  it("writes an unknown or missing zone as UTC rather than failing the escalation", () => {
    expect(message("en", "2026-03-04T09:00:00Z", "functional", "Mars/Olympus")).toMatchObject({ timeZone: "UTC", text: expect.stringContaining("by Wednesday 09:00 UTC.") });
    expect(message("en", "2026-03-04T09:00:00Z", "functional", "")).toMatchObject({ timeZone: "UTC" });
  });

  it("Czech 've' before the hours spoken dvě, tři, čtyři, dvanáct…, 'v' otherwise", () => {
    const at = (h: number) => formatDue(new Date(Date.UTC(2026, 2, 2, h, 0)), new Date(Date.UTC(2026, 2, 2, 0, 0)), "cs", "UTC");
    expect([1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 19, 20, 23].map(at)).toEqual([
      "dnes v 1:00 UTC",
      "dnes ve 2:00 UTC",
      "dnes ve 3:00 UTC",
      "dnes ve 4:00 UTC",
      "dnes v 5:00 UTC",
      "dnes v 11:00 UTC",
      "dnes ve 12:00 UTC",
      "dnes ve 13:00 UTC",
      "dnes ve 14:00 UTC",
      "dnes v 15:00 UTC",
      "dnes v 19:00 UTC",
      "dnes ve 20:00 UTC",
      "dnes ve 23:00 UTC",
    ]);
  });

  it("plain spaces only, and nothing but the reference and the time from the input", () => {
    for (const language of Object.keys(WEDNESDAY)) {
      const { text } = message(language, "2026-03-04T09:00:00Z", "hierarchical");
      expect(text).not.toMatch(/[\u00a0\u202f{}]/);
    }
  });
});
