// A small incremental XML tokenizer for the parts of an xlsx package. It is not a
// general parser: it reports only the elements a handler names (by local name, so
// `<x:row>` from WPS and the OpenXML SDK is `row`), text only while the handler asks
// for it, and keeps nothing but an unfinished tag between chunks. A token may be split
// at any chunk boundary.

import type { Bilingual } from '../errors.js';
import { decodeXmlText, normalizeNewlines } from './xml-text.js';

/** The XML of a part is not what a spreadsheet writer produces. Mapped to InputError by the caller. */
export class XlsxFormatError extends Error {
  override readonly name = 'XlsxFormatError';
  constructor(readonly detail: Bilingual) {
    super(detail.en);
  }
}

export interface XmlHandler {
  /** True while the handler wants the text between tags (read before every text run). */
  readonly capturing: boolean;
  /** An element named in the scanner's list opened; its attributes are s[attrStart, attrEnd). */
  open(id: number, s: string, attrStart: number, attrEnd: number): void;
  /** The element closed (also called right after open for `<x/>`). */
  close(id: number): void;
  /** Decoded text (entities resolved once, line ends normalized); may arrive in pieces. */
  text(text: string): void;
}

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f;
const DQ = 0x22, SQ = 0x27, EQ = 0x3d, COLON = 0x3a, CR = 0x0d;

// One tag, comment or CDATA section larger than this is not from a spreadsheet writer, and
// carrying it from chunk to chunk would make the scan quadratic.
const MAX_PENDING = 1 << 20;

export class XmlScanner {
  private pending = '';

  constructor(
    private readonly names: readonly string[],
    private readonly handler: XmlHandler,
  ) {}

  write(chunk: string): void {
    const s = this.pending.length === 0 ? chunk : this.pending + chunk;
    this.pending = '';
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) return this.keepText(s, pos);
      if (lt > pos && this.handler.capturing) this.handler.text(decodeXmlText(s, pos, lt));
      const next = this.markup(s, lt);
      if (next < 0) return this.keepMarkup(s, lt);
      pos = next;
    }
  }

  /** The part has ended: nothing may be left half-read. */
  end(): void {
    if (this.pending.trim().length > 0) throw new XlsxFormatError({ zh: '内容在标签中间中断', en: 'it ends in the middle of a tag' });
  }

  /** Handles the markup starting at s[lt] and returns the index after it, or -1 if it is incomplete. */
  private markup(s: string, lt: number): number {
    const n = s.length;
    if (lt + 1 >= n) return -1;
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === BANG) return this.declaration(s, lt);
    if (c1 === QUESTION) {
      const e = s.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    // `>` may appear inside a quoted attribute value.
    let quote = 0;
    let gt = lt + 1;
    for (; gt < n; gt++) {
      const c = s.charCodeAt(gt);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === GT) break;
      else if (c === DQ || c === SQ) quote = c;
      else if (c === LT) throw new XlsxFormatError({ zh: '有标签没有闭合', en: 'a tag is not closed before the next one starts' });
    }
    if (gt >= n) return -1;
    const closing = c1 === SLASH;
    let nameEnd = closing ? lt + 2 : lt + 1;
    let local = nameEnd;
    for (; nameEnd < gt; nameEnd++) {
      const c = s.charCodeAt(nameEnd);
      if (c === COLON) local = nameEnd + 1;
      else if (c <= 0x20 || c === SLASH) break;
    }
    const id = matchName(this.names, s, local, nameEnd);
    if (id >= 0) {
      if (closing) this.handler.close(id);
      else {
        const selfClosing = s.charCodeAt(gt - 1) === SLASH;
        this.handler.open(id, s, nameEnd, selfClosing ? gt - 1 : gt);
        if (selfClosing) this.handler.close(id);
      }
    }
    return gt + 1;
  }

  /** `<!--…-->`, `<![CDATA[…]]>`; a DTD is refused (OPC forbids it, and it could define entities). */
  private declaration(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.handler.capturing) this.handler.text(normalizeNewlines(s.slice(lt + 9, e)));
      return e + 3;
    }
    if (s.length - lt < 9) return -1;
    throw new XlsxFormatError({
      zh: '含有 Excel/WPS 从不写入的 DTD 或 <!…> 声明',
      en: 'it contains a DTD or other <!…> declaration, which Excel and WPS never write',
    });
  }

  private keepMarkup(s: string, lt: number): void {
    if (s.length - lt > MAX_PENDING) {
      throw new XlsxFormatError({
        zh: '单个标签、注释或 CDATA 段超过 1 MiB',
        en: 'a tag, comment or CDATA section is larger than 1 MiB',
      });
    }
    this.pending = s.slice(lt);
  }

  /** Text with no tag after it yet: pass on what is complete, keep a split entity or CR. */
  private keepText(s: string, pos: number): void {
    if (!this.handler.capturing) return;
    const n = s.length;
    let cut = n;
    const amp = s.lastIndexOf('&');
    if (amp >= pos && n - amp <= 12 && s.indexOf(';', amp) < 0) cut = amp;
    if (cut > pos && s.charCodeAt(cut - 1) === CR) cut--;
    if (cut > pos) this.handler.text(decodeXmlText(s, pos, cut));
    if (cut < n) this.pending = s.slice(cut);
  }
}

/** The index of the local name s[start, end) in names, or -1. */
export function matchName(names: readonly string[], s: string, start: number, end: number): number {
  const len = end - start;
  outer: for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (name.length !== len) continue;
    for (let j = 0; j < len; j++) if (name.charCodeAt(j) !== s.charCodeAt(start + j)) continue outer;
    return k;
  }
  return -1;
}

/**
 * Walks the attributes of a tag without allocating: after next() returns true, the local
 * name is s[nameStart, nameEnd) and the raw value s[valueStart, valueEnd). Namespace
 * declarations are skipped, so `xmlns:r` is never mistaken for an `r` attribute.
 */
export class AttrCursor {
  s = '';
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  private pos = 0;
  private end = 0;

  reset(s: string, from: number, to: number): this {
    this.s = s;
    this.pos = from;
    this.end = to;
    return this;
  }

  next(): boolean {
    const s = this.s;
    const end = this.end;
    for (;;) {
      let i = this.pos;
      while (i < end && s.charCodeAt(i) <= 0x20) i++;
      if (i >= end) return false;
      const qualified = i;
      let local = i;
      for (; i < end; i++) {
        const c = s.charCodeAt(i);
        if (c === EQ || c <= 0x20) break;
        if (c === COLON) local = i + 1;
      }
      const nameEnd = i;
      while (i < end && s.charCodeAt(i) <= 0x20) i++;
      if (s.charCodeAt(i) !== EQ) throw new XlsxFormatError({ zh: '有属性没有值', en: 'an attribute has no value' });
      i++;
      while (i < end && s.charCodeAt(i) <= 0x20) i++;
      const quote = s.charCodeAt(i);
      if (quote !== DQ && quote !== SQ) throw new XlsxFormatError({ zh: '有属性值缺少引号', en: 'an attribute value is not quoted' });
      const close = s.indexOf(quote === DQ ? '"' : "'", i + 1);
      if (close < 0 || close >= end) throw new XlsxFormatError({ zh: '有属性值没有结束引号', en: 'an attribute value is not closed' });
      this.pos = close + 1;
      const prefixEnd = local === qualified ? nameEnd : local - 1;
      if (prefixEnd - qualified === 5 && s.startsWith('xmlns', qualified)) continue;
      this.nameStart = local;
      this.nameEnd = nameEnd;
      this.valueStart = i + 1;
      this.valueEnd = close;
      return true;
    }
  }

  nameIs(name: string): boolean {
    return this.nameEnd - this.nameStart === name.length && this.s.startsWith(name, this.nameStart);
  }

  /** The value with entities decoded. */
  value(): string {
    const raw = this.s.slice(this.valueStart, this.valueEnd);
    return raw.includes('&') || raw.includes('\r') ? decodeXmlText(raw, 0, raw.length) : raw;
  }
}

const shared = new AttrCursor();

/** All attributes of a tag by local name, decoded. For the small parts, not the cell loop. */
export function readAttrs(s: string, from: number, to: number): Map<string, string> {
  const out = new Map<string, string>();
  const cursor = shared.reset(s, from, to);
  while (cursor.next()) out.set(s.slice(cursor.nameStart, cursor.nameEnd), cursor.value());
  return out;
}
