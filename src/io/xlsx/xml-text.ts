// Text decoding for the xlsx parts: XML entities (once, never twice), line-end
// normalization, and the `_xHHHH_` escapes Excel uses for characters XML cannot hold.

const AMP = 0x26;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The text of s[start, end) as an XML parser reports it: `\r\n` and lone `\r` become `\n`
 * (XML 1.0 §2.11; a CR Excel wants to keep arrives as `_x000D_` or `&#13;`), and the five
 * predefined entities and character references are decoded exactly once.
 */
export function decodeXmlText(s: string, start: number, end: number): string {
  const raw = s.slice(start, end);
  if (raw.indexOf('&') < 0 && raw.indexOf('\r') < 0) return raw;
  let out = '';
  let from = 0;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === CR) {
      out += raw.slice(from, i) + '\n';
      if (i + 1 < n && raw.charCodeAt(i + 1) === LF) i++;
      from = i + 1;
    } else if (c === AMP) {
      const semi = raw.indexOf(';', i + 1);
      // Entities are short; a bare `&` (invalid XML, but seen in hand-made files) stays as written.
      const decoded = semi > i && semi - i <= 12 ? entity(raw, i + 1, semi) : undefined;
      if (decoded === undefined) continue;
      out += raw.slice(from, i) + decoded;
      i = semi;
      from = semi + 1;
    }
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** The character for the entity name raw[start, end) (between `&` and `;`), or undefined. */
function entity(raw: string, start: number, end: number): string | undefined {
  if (raw.charCodeAt(start) === HASH) {
    const hex = raw.charCodeAt(start + 1) === 0x78 || raw.charCodeAt(start + 1) === 0x58;
    const digits = raw.slice(start + (hex ? 2 : 1), end);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const code = parseInt(digits, hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  switch (raw.slice(start, end)) {
    case 'amp': return '&';
    case 'lt': return '<';
    case 'gt': return '>';
    case 'quot': return '"';
    case 'apos': return "'";
    default: return undefined;
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Line-end normalization alone, for CDATA sections (whose `&` is literal). */
export function normalizeNewlines(raw: string): string {
  return raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
}

/**
 * Decodes the `_xHHHH_` escapes of OOXML string content (ECMA-376 ST_Xstring): Excel
 * writes control characters such as CR as `_x000D_`, and a literal `_x0041_` in a cell
 * as `_x005F_x0041_` (the first escape is the underscore itself). One left-to-right
 * pass, so an escaped underscore never starts a second escape.
 */
export function decodeEscapes(text: string): string {
  let at = text.indexOf('_x');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let code = -1;
    if (at + 6 < text.length && text.charCodeAt(at + 6) === 0x5f) {
      code = 0;
      for (let k = at + 2; k < at + 6; k++) {
        const h = hexValue(text.charCodeAt(k));
        if (h < 0) { code = -1; break; }
        code = code * 16 + h;
      }
    }
    if (code >= 0) {
      out += text.slice(from, at) + String.fromCharCode(code);
      from = at + 7;
      at = text.indexOf('_x', from);
    } else {
      at = text.indexOf('_x', at + 1);
    }
  }
  return out + text.slice(from);
}

/**
 * A copy of `text` that does not keep its source alive. V8 makes a substring of 13 or
 * more characters a view into its parent, so a 20-character tracking number kept by the
 * caller (say, for duplicate detection) would pin the whole decoded chunk it came from:
 * at a million rows, the whole sheet XML. Shorter strings are copied by V8 already.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
