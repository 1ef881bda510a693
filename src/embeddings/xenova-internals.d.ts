/** transformers.js 2.17.2 ships this module untyped; transformers-fixes.ts patches its CharTrie. */
declare module "@xenova/transformers/src/utils/data-structures.js" {
  export const CharTrie: unknown;
}
