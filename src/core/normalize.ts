// Normalization of what merchants type into 快递单号 and 快递公司.
// The raw value is always kept beside the normalized one for the report.

/** Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map to their half-width forms. */
function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

// Characters that show nothing arrive with copy-paste from chat apps, web pages and PDFs:
// zero-width spaces and joiners, the soft hyphen, the left-to-right and right-to-left
// marks and the bidi embeddings, overrides and isolates around a pasted number, the
// invisible operators, the Mongolian vowel separator and the BOM.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const WHITESPACE = /\s+/g;
/** The text without the characters that show nothing (INVISIBLE). */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

// What a carrier prints and what normalization leaves unchanged.
const CLEAN = /^[0-9A-Z-]*$/;

/**
 * The tracking number as a carrier would print it: trimmed, half-width, no spaces
 * (labels print numbers in spaced groups), upper case, and without the leading
 * apostrophe or tab that people and exporters add to keep Excel from turning it
 * into a number. Hyphens stay: JD package barcodes are recognized by them.
 */
export function normalizeTrackingNumber(raw: string): string {
  // Almost every cell is already clean: nothing to convert, strip or upper-case.
  if (CLEAN.test(raw)) return raw;
  let text = withoutInvisible(toHalfWidth(raw)).trim();
  text = text.replace(/^['‘’`]+/, '');
  return text.replace(WHITESPACE, '').toUpperCase();
}

/**
 * A carrier name reduced to what matters for alias lookup: half-width, lower case,
 * without spaces and punctuation ("J&T Express" and "j&t express" and "JT" still differ
 * from each other, "顺丰 速运" and "顺丰速运" do not).
 */
export function carrierKey(raw: string): string {
  return withoutInvisible(toHalfWidth(raw).normalize('NFKC'))
    .toLowerCase()
    .replace(/[\s._\-·・()（）【】[\]"'“”‘’]+/g, '');
}

/** 订单号 and other ids take the same cleaning as tracking numbers. */
export const normalizeId = normalizeTrackingNumber;
