import { describe, expect, it } from "vitest";
import { checkContact } from "../../src/browser/portal/contact-form.js";
import { splitHighlights } from "../../src/browser/portal/highlight.js";
import { isKnownLanguage, translate, translatePlural } from "../../src/browser/portal/i18n.js";
import { PORTAL_STRINGS } from "../../src/browser/portal/strings.js";

describe("portal strings in the browser", () => {
  it("translates from the server's table, falling back to English and then to the key", () => {
    expect(translate("cs", "send")).toBe(PORTAL_STRINGS.cs.send);
    expect(translate("xx", "send")).toBe(PORTAL_STRINGS.en.send);
    expect(translate("fi", "noSuchKey")).toBe("noSuchKey");
    expect(translate("en", "chars", { n: 4, max: 5000 })).toContain("5000");
  });

  it("picks the plural category of the language (Czech has 'few')", () => {
    expect(translatePlural("en", "results", 1)).toBe(translate("en", "results_one", { n: 1 }));
    expect(translatePlural("en", "results", 3)).toBe(translate("en", "results_other", { n: 3 }));
    const few = PORTAL_STRINGS.cs.results_few;
    expect(translatePlural("cs", "results", 3)).toBe(few ? translate("cs", "results_few", { n: 3 }) : translate("cs", "results_other", { n: 3 }));
  });

  it("knows exactly the server's languages", () => {
    for (const lang of Object.keys(PORTAL_STRINGS)) expect(isKnownLanguage(lang)).toBe(true);
    expect(isKnownLanguage("de")).toBe(false);
    expect(isKnownLanguage("toString")).toBe(false);
    expect(isKnownLanguage(null)).toBe(false);
  });
});

describe("search snippet highlights", () => {
  it("splits «marked» words out as marks and keeps the rest as plain text", () => {
    expect(splitHighlights("reset «password» via «email» link")).toEqual([
      { text: "reset ", marked: false },
      { text: "password", marked: true },
      { text: " via ", marked: false },
      { text: "email", marked: true },
      { text: " link", marked: false },
    ]);
  });

  it("treats markup in snippets as text (it is never parsed as HTML)", () => {
    expect(splitHighlights("<img src=x onerror=alert(1)> «<b>»")).toEqual([
      { text: "<img src=x onerror=alert(1)> ", marked: false },
      { text: "<b>", marked: true },
    ]);
  });

  it("leaves an unbalanced marker as text", () => {
    expect(splitHighlights("«open")).toEqual([{ text: "«open", marked: false }]);
  });
});

describe("contact form checks", () => {
  it("asks for a message, within the limit, and a plausible e-mail when one is given", () => {
    expect(checkContact("", "", 10)).toEqual({ field: "message", key: "errEmpty" });
    expect(checkContact("x".repeat(11), "", 10)).toEqual({ field: "message", key: "errTooLong" });
    expect(checkContact("help", "not-an-address", 10)).toEqual({ field: "email", key: "errEmail" });
    expect(checkContact("help", "", 10)).toBeNull();
    expect(checkContact("help", "jane@example.com", 10)).toBeNull();
  });
});
