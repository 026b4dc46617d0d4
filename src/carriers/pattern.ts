// Checks on the regular expressions in a rules file. Patterns are applied to the whole
// normalized number, so each must be anchored at both ends; a pattern that is not would
// accept any number that merely contains a valid-looking run of digits.

/** Compiles a rules-file pattern; the error message is returned instead of thrown. */
export function compilePattern(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * True when `source` starts with ^, ends with an unescaped $, and has no top-level `|`.
 * The last rule catches the classic `^A|B$` (Taobao's 优速 rule has it), which
 * means `(^A)|(B$)` and leaves both branches open on one side.
 */
export function isAnchored(source: string): boolean {
  if (!source.startsWith('^') || !source.endsWith('$')) return false;
  let slashes = 0;
  for (let i = source.length - 2; i >= 0 && source[i] === '\\'; i--) slashes++;
  if (slashes % 2 === 1) return false;

  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return false;
  }
  return true;
}

/** Whether the compiled pattern declares a named group, e.g. `(?<serial>…)`. */
export function hasGroup(source: string, group: string): boolean {
  return source.includes(`(?<${group}>`);
}
