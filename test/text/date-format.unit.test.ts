import { describe, expect, it } from "vitest";
import { dateTimeFormat } from "../../src/text/date-format.js";

describe("dateTimeFormat", () => {
  it("builds one formatter per locale and options, formatting as a new one does", () => {
    const options: Intl.DateTimeFormatOptions = { timeZone: "Europe/Prague", weekday: "long", hour: "2-digit", minute: "2-digit" };
    const a = dateTimeFormat("cs", options);
    expect(dateTimeFormat("cs", { ...options })).toBe(a);
    expect(dateTimeFormat("fi", options)).not.toBe(a);
    expect(dateTimeFormat("cs", { ...options, timeZone: "UTC" })).not.toBe(a);
    const at = new Date("2026-03-02T09:00:00Z");
    expect(a.format(at)).toBe(new Intl.DateTimeFormat("cs", options).format(at));
  });

  it("throws for a zone Intl does not know, as the constructor does", () => {
    expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
