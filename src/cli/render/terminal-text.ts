// Text from the spreadsheet (a carrier name, a cell quoted in a message) printed on a
// terminal. A cell can hold control characters: an escape sequence would recolour the
// terminal, move the cursor or set the window title, and a right-to-left override
// would show the characters after it reversed. They are shown as visible stand-ins
// instead; the report files keep the text as it was.

// C0 controls (tab and line breaks included: a summary line must stay one line), DEL,
// C1 controls, and the bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same without CR and LF, for output whose format escapes line breaks itself.
const UNSAFE_KEEPING_LINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function standIn(ch: string): string {
  const code = ch.charCodeAt(0);
  // U+2400… are the "control pictures": ␛ for ESC, ␉ for tab, ␡ for DEL.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** `text` with every control and bidi character replaced by a visible stand-in. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, standIn);
}

/** terminalSafe() that leaves CR and LF alone (GitHub annotations escape them as %0D and %0A). */
export function terminalSafeKeepingLines(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, standIn);
}
