// The form header texts and short labels (statuses, 合计) are compared in: case, spaces,
// punctuation and full-width forms do not matter. A module of its own: columns.ts and
// order-status.ts both need it, and columns.ts reads statuses.

export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-:：/\\()（）【】[\]#*]+/g, '');
}
