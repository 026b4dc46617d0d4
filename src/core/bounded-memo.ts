// Answers about texts that repeat from row to row (statuses, after-sales states, tag
// cells), worked out once per distinct text: the work (headerKey runs NFKC and a regex)
// would otherwise run on every row. Bounded, because a column of free text (a misread
// header) must not grow a memo without end: past the bound, answers are worked out again.

const MAX_REMEMBERED = 1024;

export function boundedMemo<T>(answer: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let found = known.get(text);
    if (found === undefined) {
      found = answer(text);
      if (known.size < MAX_REMEMBERED) known.set(text, found);
    }
    return found;
  };
}
