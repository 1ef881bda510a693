import { describe, expect, it } from "vitest";
import { addWorkingMinutes, type BusinessCalendar, workingMinutesBetween } from "../../src/teams/business-time.js";

const officeHours = { start: "09:00", end: "17:00" };
const weekdays = (intervals = [officeHours]) => ({ "1": intervals, "2": intervals, "3": intervals, "4": intervals, "5": intervals });
const allDay = [{ start: "00:00", end: "24:00" }];
const everyDay = { "1": allDay, "2": allDay, "3": allDay, "4": allDay, "5": allDay, "6": allDay, "7": allDay };
const cal = (timeZone: string, week: BusinessCalendar["week"], holidays: BusinessCalendar["holidays"] = []): BusinessCalendar => ({ timeZone, week, holidays });
const at = (iso: string) => new Date(iso);
const add = (c: BusinessCalendar | null, start: string, minutes: number) => addWorkingMinutes(c, at(start), minutes).toISOString();

describe("addWorkingMinutes", () => {
  const prague = cal("Europe/Prague", weekdays(), [{ date: "2026-04-06", name: "Easter Monday" }]);

  it("a Friday-evening start crosses the weekend and a Monday holiday and lands on Tuesday's local time", () => {
    // Fri 2026-04-03 18:30 CEST (after hours) + 60 min → Tue 10:00 CEST; + 540 min → Wed 10:00 CEST
    expect(add(prague, "2026-04-03T16:30:00Z", 60)).toBe("2026-04-07T08:00:00.000Z");
    expect(add(prague, "2026-04-03T16:30:00Z", 540)).toBe("2026-04-08T08:00:00.000Z");
    expect(workingMinutesBetween(prague, at("2026-04-03T16:30:00Z"), at("2026-04-08T08:00:00Z"))).toBe(540);
  });

  it("a start outside hours begins at the next opening; a due time on the closing minute stays there", () => {
    expect(add(prague, "2026-04-07T05:00:00Z", 30)).toBe("2026-04-07T07:30:00.000Z"); // 07:00 local → 09:30
    expect(add(prague, "2026-04-07T14:00:00Z", 60)).toBe("2026-04-07T15:00:00.000Z"); // 16:00 + 60 → 17:00 local
    expect(add(prague, "2026-04-07T14:00:00Z", 61)).toBe("2026-04-08T07:01:00.000Z");
  });

  it("split days skip the lunch break", () => {
    const split = cal(
      "Europe/Prague",
      weekdays([
        { start: "08:00", end: "12:00" },
        { start: "13:00", end: "17:00" },
      ]),
    );
    expect(add(split, "2026-04-07T09:30:00Z", 60)).toBe("2026-04-07T11:30:00.000Z"); // 11:30 local → 13:30
    expect(workingMinutesBetween(split, at("2026-04-07T06:00:00Z"), at("2026-04-07T15:00:00Z"))).toBe(480);
  });

  it("office hours across spring-forward and fall-back in Europe/Prague give exact instants", () => {
    const c = cal("Europe/Prague", weekdays());
    // Fri 27 Mar 16:00 CET (UTC+1) + 120 → Mon 30 Mar 10:00 CEST (UTC+2)
    expect(add(c, "2026-03-27T15:00:00Z", 120)).toBe("2026-03-30T08:00:00.000Z");
    // Fri 23 Oct 16:00 CEST + 120 → Mon 26 Oct 10:00 CET
    expect(add(c, "2026-10-23T14:00:00Z", 120)).toBe("2026-10-26T09:00:00.000Z");
  });

  it("around-the-clock hours count the real minutes of a 23 h and a 25 h day (Prague)", () => {
    const c = cal("Europe/Prague", everyDay);
    expect(workingMinutesBetween(c, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))).toBe(23 * 60);
    expect(workingMinutesBetween(c, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"))).toBe(25 * 60);
    // 00:30 CET + 180 min → 04:30 CEST (02:00–03:00 does not exist)
    expect(add(c, "2026-03-28T23:30:00Z", 180)).toBe("2026-03-29T02:30:00.000Z");
  });

  it("office hours and a night shift across the DST changes in America/New_York give exact instants", () => {
    const c = cal("America/New_York", weekdays());
    // Fri 6 Mar 16:00 EST (UTC-5) + 120 → Mon 9 Mar 10:00 EDT (UTC-4)
    expect(add(c, "2026-03-06T21:00:00Z", 120)).toBe("2026-03-09T14:00:00.000Z");
    // Fri 30 Oct 16:30 EDT + 60 → Mon 2 Nov 09:30 EST
    expect(add(c, "2026-10-30T20:30:00Z", 60)).toBe("2026-11-02T14:30:00.000Z");
    const night = cal("America/New_York", { "7": [{ start: "00:00", end: "06:00" }] });
    // Sunday 1 Nov 00:00–06:00 local lasts 7 real hours; +120 from 00:00 EDT is the second 01:00 (EST)
    expect(workingMinutesBetween(night, at("2026-11-01T04:00:00Z"), at("2026-11-01T12:00:00Z"))).toBe(420);
    expect(add(night, "2026-11-01T04:00:00Z", 120)).toBe("2026-11-01T06:00:00.000Z");
    // Sunday 8 Mar 00:00–06:00 lasts 5 real hours
    expect(workingMinutesBetween(night, at("2026-03-08T05:00:00Z"), at("2026-03-08T10:00:00Z"))).toBe(300);
    expect(add(night, "2026-03-08T05:00:00Z", 300)).toBe("2026-03-08T10:00:00.000Z");
  });

  it("without a calendar the clock runs around the clock", () => {
    expect(add(null, "2026-04-03T16:30:00Z", 60)).toBe("2026-04-03T17:30:00.000Z");
    expect(workingMinutesBetween(null, at("2026-04-03T16:30:00Z"), at("2026-04-03T17:00:00Z"))).toBe(30);
  });
});
