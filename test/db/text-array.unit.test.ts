import { describe, expect, it } from "vitest";
import { textArray } from "../../src/db/database.js";

describe("textArray", () => {
  it("reads parsed arrays and Postgres array literals, quoted commas and escapes included", () => {
    expect(textArray(["a", "b"])).toEqual(["a", "b"]);
    expect(textArray("{}")).toEqual([]);
    expect(textArray(null)).toEqual([]);
    expect(textArray('{mobile,"clock in","a, b","say \\"hi\\""}')).toEqual(["mobile", "clock in", "a, b", 'say "hi"']);
  });
});
