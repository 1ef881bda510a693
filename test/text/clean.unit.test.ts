import { describe, expect, it } from "vitest";
import { cleanMessage, cleanText } from "../../src/text/clean.js";

describe("cleanMessage strips what is not the problem, in six languages", () => {
  it("en: greeting, sign-off, signature, quoted reply and disclaimer", () => {
    const body = [
      "Hi team,",
      "",
      "Our webhook stopped firing yesterday and the settings say it was disabled automatically.",
      "",
      "Best regards,",
      "Jane Doe",
      "Head of Support, Acme Ltd",
      "T: +44 161 555 0142",
      "",
      "This email and any attachments are confidential and intended solely for the addressee.",
      "",
      "On Mon, 3 Mar 2025 at 09:12, Support <support@example.com> wrote:",
      "> Thanks for contacting us. Your request has been received.",
    ].join("\n");
    const c = cleanMessage(body, "Re: Webhook disabled");
    expect(c.authorText).toBe("Our webhook stopped firing yesterday and the settings say it was disabled automatically.");
    expect(c.quotedText).toContain("Your request has been received");
    expect(c.matchText).toBe("Webhook disabled\nOur webhook stopped firing yesterday and the settings say it was disabled automatically.");
  });

  it("a postscript after the signature is the author's own words again; the signature stays out", () => {
    const body = "Olá,\n\nas fotos saíram cortadas na dobra.\n\nAtt,\nSandra Lopes\nP.S.: se vier errado de novo, cancelo a assinatura.";
    const author = cleanMessage(body).authorText;
    expect(author.split("\n").filter(Boolean)).toEqual(["as fotos saíram cortadas na dobra.", "P.S.: se vier errado de novo, cancelo a assinatura."]);
    const plain = "Hi,\n\nthe export fails.\n\nThanks,\nTim\nPSA Logistics Ltd";
    expect(cleanMessage(plain).authorText).toBe("the export fails.");
  });

  it("cs: Dobrý den / S pozdravem / Od: header block, with and without diacritics", () => {
    const body =
      "Dobrý den,\n\nnepřišel mi e-mail pro obnovení hesla, ani ve spamu.\n\nS pozdravem\nIng. Radek Šimek\n\nOd: Podpora <podpora@example.cz>\nOdesláno: pondělí 3. března\nPředmět: Váš požadavek\nDěkujeme za zprávu.";
    expect(cleanMessage(body).authorText).toBe("nepřišel mi e-mail pro obnovení hesla, ani ve spamu.");
    expect(cleanText("Dobry den, neprisel mi email pro obnoveni hesla.\nDiky\nPavel")).toBe("neprisel mi email pro obnoveni hesla.");
  });

  it("fi: Hei / Ystävällisin terveisin / -----Alkuperäinen viesti----- + Lähettäjä:", () => {
    const body =
      "Hei,\n\nlaskulta puuttuu ostotilausnumero. Voitteko lisätä sen?\n\nYstävällisin terveisin\nSanna Virtanen\nTaloushallinto, Pohjantuuli Oy\n\n-----Alkuperäinen viesti-----\nLähettäjä: Ostoreskontra <o@example.fi>\nAihe: Lasku palautettu\n\nLasku palautettu käsittelystä.";
    const c = cleanMessage(body);
    expect(c.authorText).toBe("laskulta puuttuu ostotilausnumero. Voitteko lisätä sen?");
    expect(c.quotedText).toContain("Lasku palautettu käsittelystä");
  });

  it("pt: Boa tarde / Obrigado / De: quoted with '>'", () => {
    const body =
      "Boa tarde,\n\no cartão foi recusado na renovação. O que devemos fazer?\n\nObrigado,\nRui Carvalho\n\n> De: Nimbus Billing <billing@example.com>\n> Assunto: Pagamento recusado\n> Não conseguimos cobrar a renovação.";
    const c = cleanMessage(body);
    expect(c.authorText).toBe("o cartão foi recusado na renovação. O que devemos fazer?");
    expect(c.quotedText).toContain("Não conseguimos cobrar");
  });

  it("de: Sehr geehrte Damen und Herren / Mit freundlichen Grüßen / Am … schrieb", () => {
    const body =
      "Sehr geehrte Damen und Herren,\n\nauf Ihrer Rechnung steht irische Umsatzsteuer statt Reverse Charge.\n\nMit freundlichen Grüßen\nDr. M. Albrecht\n\nAm 01.03.2025 um 10:00 schrieb Nimbus <billing@example.com>:\n> Ihre Rechnung ist beigefügt.";
    expect(cleanMessage(body).authorText).toBe("auf Ihrer Rechnung steht irische Umsatzsteuer statt Reverse Charge.");
  });

  it("es: Hola (greeting running into the text) / Saludos / El … escribió", () => {
    const body =
      "Hola, la app de Shopify sale vacía en todos los tickets.\n\nSaludos\nIván\n\nEl lun, 3 mar 2025 a las 9:12, Soporte <s@example.com> escribió:\n> Gracias por escribirnos.";
    expect(cleanMessage(body).authorText).toBe("la app de Shopify sale vacía en todos los tickets.");
  });

  it("keeps a forwarded message as the problem when the author only wrote a cover note", () => {
    const body =
      "FYI see below\n\n---------- Forwarded message ---------\nFrom: Customer <c@example.com>\nDate: Mon\nSubject: Help\n\nMy invoices still go to a former colleague, please change the billing email.";
    const c = cleanMessage(body);
    expect(c.authorText).toBe("FYI see below");
    expect(c.matchText).toContain("invoices still go to a former colleague");
  });

  it("leaves a one-line chat message alone and never returns empty text", () => {
    expect(cleanText("porad me to odhlasuje kazdych 5 minut")).toBe("porad me to odhlasuje kazdych 5 minut");
    expect(cleanText("Thanks,")).toBe("Thanks,");
  });
});
