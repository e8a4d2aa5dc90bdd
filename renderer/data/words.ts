/** Words as the search index holds them: lowercase runs of letters and digits, each kept once. */
const word = /[\p{L}\p{N}]+/gu;
// A longer word is found by any prefix up to this length; the index stays small.
const longest = 40;

export const wordsOf = (text: string): string[] => [
  ...new Set(Array.from(text.toLowerCase().matchAll(word), (m) => m[0].slice(0, longest))),
];

/** What a typed query looks for: every word must be the start of some word of the proposal. */
export const queryWords = (query: string): string[] =>
  wordsOf(query).map((w) => w.slice(0, longest));

/** The in-memory match, identical to the index's: each query word prefixes a word of `words`. */
export const matchesWords = (words: readonly string[], query: readonly string[]): boolean =>
  query.every((q) => words.some((w) => w.startsWith(q)));
