import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigSchema, loadConfig } from "../src/config.js";

/** .env.example is the operator's list of settings: it must name every variable, with its default. */
function readEnvExample(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of readFileSync(new URL("../.env.example", import.meta.url), "utf8").split("\n")) {
    const match = line.match(/^([A-Z][A-Z0-9_]*)=(.*)$/);
    if (match) entries[match[1] as string] = match[2] as string;
  }
  return entries;
}

describe(".env.example", () => {
  it("lists exactly the variables of the config schema", () => {
    expect(Object.keys(readEnvExample()).sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
  });

  it("gives each variable its default: loading the file equals loading nothing", () => {
    expect(loadConfig(readEnvExample())).toEqual(loadConfig({}));
  });

  it("has a comment line above every variable", () => {
    const lines = readFileSync(new URL("../.env.example", import.meta.url), "utf8").split("\n");
    lines.forEach((line, i) => {
      if (/^[A-Z]/.test(line)) expect(lines[i - 1], line).toMatch(/^# \S/);
    });
  });
});
