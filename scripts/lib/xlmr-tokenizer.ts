import type { E5Tokenizer } from "./e5-image.js";

/**
 * transformers.js implements SentencePiece's `Precompiled` normaliser (nmt_nfkc) by rule rather
 * than from the charsmap: drop control characters, map some spaces and format characters to a
 * space, then NFKC (keeping U+FF5E). This copy of those rules lets the converter compare them,
 * code point by code point, with the table dumped from the real normaliser.
 */
export function precompiledApproximation(text: string): string {
  let t = text.replace(/[\u0001-\u0008\u000B\u000E-\u001F\u007F\u008F\u009F]/g, "");
  t = t.replace(/[\u0009\u000A\u000C\u000D\u1680\u200B\u200C\u200E\u200F\u2028\u2029\u2581\uFEFF\uFFFD]/g, " ");
  return t.includes("\uFF5E")
    ? t
        .split("\uFF5E")
        .map((p) => p.normalize("NFKC"))
        .join("\uFF5E")
    : t.normalize("NFKC");
}

export interface NormalizerPlan {
  /** Characters the real normaliser maps that the rules above do not: applied first, as Replace. */
  replacements: { from: string; to: string }[];
  /** Code points that still differ (the table predates the Unicode version of Node's NFKC). */
  residual: number[];
}

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

/**
 * Compares the dumped normalisation table with transformers.js's rules over every code point.
 * Where the table maps a character to something else and the rules disagree, a Replace step
 * ahead of `Precompiled` reproduces the table (e.g. U+200D ZERO WIDTH JOINER → space). Where
 * the table keeps a character that Node's newer NFKC maps, nothing in transformers.js's
 * normaliser set can keep it: those code points are reported, not hidden.
 */
export function planNormalizer(table: Map<number, string>): NormalizerPlan {
  const replacements: NormalizerPlan["replacements"] = [];
  const residual: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (isSurrogate(cp)) continue;
    const ch = String.fromCodePoint(cp);
    const want = table.get(cp) ?? ch;
    if (precompiledApproximation(ch) === want) continue;
    if (want !== ch && precompiledApproximation(want) === want) replacements.push({ from: ch, to: want });
    else residual.push(cp);
  }
  return { replacements, residual };
}

const SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"] as const;

/**
 * tokenizer.json for the XLM-R SentencePiece unigram vocabulary, in the layout of the hub's
 * XLMRobertaTokenizerFast export: Replace fixes, Precompiled (nmt_nfkc), runs of spaces collapsed,
 * Metaspace with a prefix space, `<s> A </s>` around every text, the unk score left to the model
 * (lowest piece score − 10, as SentencePiece does).
 */
export function tokenizerJson(tok: E5Tokenizer, plan: NormalizerPlan): object {
  const ids = new Map(tok.pieces.map((p, i) => [p, i]));
  const id = (piece: string) => {
    const i = ids.get(piece);
    if (i === undefined) throw new Error(`the vocabulary lacks the special piece ${piece}`);
    return i;
  };
  const bos = tok.pieces[tok.bos] as string;
  const eos = tok.pieces[tok.eos] as string;
  const special = (piece: string) => ({ id: piece, ids: [id(piece)], tokens: [piece] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.filter((s) => ids.has(s)).map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: content === "<mask>",
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "Sequence",
      normalizers: [
        ...plan.replacements.map(({ from, to }) => ({ type: "Replace", pattern: { String: from }, content: to })),
        // transformers.js applies nmt_nfkc by rule and ignores the charsmap itself.
        { type: "Precompiled", precompiled_charsmap: null },
        { type: "Replace", pattern: { Regex: " {2,}" }, content: " " },
      ],
    },
    pre_tokenizer: { type: "Metaspace", replacement: "\u2581", add_prefix_space: true, prepend_scheme: "always" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } }],
      pair: [
        { SpecialToken: { id: bos, type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: eos, type_id: 0 } },
        { SpecialToken: { id: eos, type_id: 0 } },
        { Sequence: { id: "B", type_id: 0 } },
        { SpecialToken: { id: eos, type_id: 0 } },
      ],
      special_tokens: { [bos]: special(bos), [eos]: special(eos) },
    },
    decoder: { type: "Metaspace", replacement: "\u2581", add_prefix_space: true, prepend_scheme: "always" },
    model: {
      type: "Unigram",
      unk_id: tok.unk,
      vocab: tok.pieces.map((p, i) => [p, tok.scores[i] as number]),
    },
  };
}

export function tokenizerConfig(tok: E5Tokenizer, maxLength: number): object {
  const piece = (i: number) => tok.pieces[i] as string;
  return {
    tokenizer_class: "XLMRobertaTokenizer",
    model_max_length: maxLength,
    bos_token: piece(tok.bos),
    eos_token: piece(tok.eos),
    sep_token: piece(tok.eos),
    cls_token: piece(tok.bos),
    unk_token: piece(tok.unk),
    pad_token: piece(tok.pad),
    mask_token: "<mask>",
    clean_up_tokenization_spaces: true,
  };
}
