import { describe, expect, it } from "vitest";
import { foldWords, HashingEmbedder } from "../../src/embeddings/hashing.js";
import { cosine, norm } from "./support.js";

const embedder = new HashingEmbedder(256);

describe("hashing embedder (offline, lexical)", () => {
  it("names its algorithm and dimension, is ready at once and says it is lexical", async () => {
    await embedder.ready();
    expect(embedder.id).toBe("hashing:v1:w1+c3-5:256");
    expect(embedder.status()).toEqual({ kind: "hashing", id: embedder.id, dims: 256, state: "ready", lexical: true, family: "hashing" });
    expect(new HashingEmbedder(384).id).not.toBe(embedder.id);
  });

  it("is deterministic across calls and instances, and L2-normalised", async () => {
    const text = "Printer shows offline after the Windows update";
    const [a] = await embedder.embedQueries([text]);
    const [b] = await new HashingEmbedder(256).embedPassages([text]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(256);
    expect(norm(a as number[])).toBeCloseTo(1, 10);
  });

  it("is accent- and case-insensitive", async () => {
    const [a, b] = await embedder.embedQueries(["Přihlášení nefunguje, účet ZABLOKOVÁN", "prihlaseni nefunguje, ucet zablokovan"]);
    expect(cosine(a as number[], b as number[])).toBeCloseTo(1, 10);
    expect(foldWords("Straße Ångström")).toEqual(["strasse", "angstrom"]);
  });

  it("places similar texts closer than unrelated ones, typos and inflections included", async () => {
    const [q, similar, typo, unrelated] = await embedder.embedQueries([
      "password reset link expired",
      "the password reset e-mail link has expired",
      "pasword resett link expird",
      "printer driver crashes on startup",
    ]);
    const toSimilar = cosine(q as number[], similar as number[]);
    const toTypo = cosine(q as number[], typo as number[]);
    const toUnrelated = cosine(q as number[], unrelated as number[]);
    expect(toSimilar).toBeGreaterThan(0.5);
    expect(toTypo).toBeGreaterThan(toUnrelated + 0.2);
    expect(toSimilar).toBeGreaterThan(toUnrelated + 0.3);
  });

  it("maps a text with no words to the zero vector (it matches nothing rather than everything)", async () => {
    const [v] = await embedder.embedQueries(["  ... !!! "]);
    expect(v?.every((x) => x === 0)).toBe(true);
  });
});
