import { describe, expect, it } from "vitest";
import { compareOutput, readmeBlocks } from "../support/readme-replay.js";

/** The README doc test's own rules: it must tell a drifted example from a faithful one. */
describe("README replay: reading examples", () => {
  it("splits `$ ` commands with their continuations and outputs; skips marked blocks; ignores instruction blocks", () => {
    const md = [
      "```sh",
      "npm install && npm start",
      "```",
      "```sh",
      "$ curl -s x \\",
      '  -d \'{"a":',
      "  1}' | jq -c .",
      '{"a":1}',
      "",
      "$ for x in 1 2; do",
      "    echo $x",
      "  done",
      "1",
      "2",
      "```",
      "<!-- doc-test: skip (needs the cloud) -->",
      "```sh",
      "$ wrangler deploy",
      "```",
    ].join("\n");
    const blocks = readmeBlocks(md);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]?.commands.map((c) => [c.line, c.command, c.expected])).toEqual([
      [5, "curl -s x \\\n  -d '{\"a\":\n  1}' | jq -c .", '{"a":1}'],
      [10, "for x in 1 2; do\n    echo $x\n  done", "1\n2"],
    ]);
    expect(blocks[1]).toMatchObject({ skip: "needs the cloud", commands: [{ command: "wrangler deploy" }] });
  });
});

describe("README replay: comparing outputs", () => {
  it("compares JSON as values, whatever the layout, with ids, secrets and times as placeholders", () => {
    const readme = '{\n  "ticket": "tkt_01m83he06zecxbtdwxx7sva8bp",\n  "at": "2026-11-23T07:27:58.610Z",\n  "confidence": 0.9991\n}';
    const live = '{"ticket":"tkt_01m8fd1rytfvg9tj493thkvd7m","at":"2027-01-02T10:00:00.000Z","confidence":0.99912}';
    expect(compareOutput(readme, live)).toBeUndefined();
  });

  it("fails on a changed value, a missing or extra field, another count of values, and another number", () => {
    expect(compareOutput('{"decision":"answer"}', '{"decision":"escalate"}')).toMatch(/\$\.decision/);
    expect(compareOutput('{"a":1}', '{"a":1,"docs":"/docs"}')).toMatch(/\$\.docs/);
    expect(compareOutput('{"a":1}\n{"a":2}', '{"a":1}')).toMatch(/expected 2 JSON values, got 1/);
    expect(compareOutput('{"c":0.81}', '{"c":0.82}')).toMatch(/expected 0.81, got 0.82/);
    expect(compareOutput('{"id":"tkt_01m83he06zecxbtdwxx7sva8bp"}', '{"id":"esc_01m83he06zecxbtdwxx7sva8bp"}')).toBeDefined();
  });

  it("lets … in a JSON string stand for text that depends on when it runs, and nothing else", () => {
    expect(compareOutput('{"text":"due … Your reference"}', '{"text":"due Monday 11:00 CET. Your reference"}')).toBeUndefined();
    expect(compareOutput('{"text":"due … Your reference"}', '{"text":"overdue. Reference"}')).toMatch(/\$\.text/);
  });

  it("compares text line by line, with … standing for lines or for text within a line", () => {
    const readme = "Deflection eval: 60 tickets, … s\ncount  answered\n   60        30\n…";
    expect(compareOutput(readme, "Deflection eval: 60 tickets, 2.5 s\ncount  answered\n   60        30\nper language:\n  en 1")).toBeUndefined();
    expect(compareOutput(readme, "Deflection eval: 60 tickets, 2.5 s\ncount  answered\n   60        31\n")).toMatch(/line 3 differs/);
    expect(compareOutput("a\nb", "a\nb\nc")).toBeDefined();
    expect(compareOutput("team_01m83he2nmecxbte3z7tq1n6br", "team_01m8fd1rytfvg9tj493thkvd7m")).toBeUndefined();
  });
});
