// The shared-string table (xl/sharedStrings.xml): one string per <si>, rich-text runs
// joined, phonetic guides (<rPh>, furigana) left out, as Excel shows the cell.

import { XmlScanner, type XmlHandler } from './xml-scan.js';
import { decodeEscapes } from './xml-text.js';

const NAMES = ['si', 't', 'rPh'] as const;
const SI = 0, T = 1, RPH = 2;

/** Shared strings by index, as the sheet parser looks them up. A plain array is one too. */
export interface StringTable {
  readonly length: number;
  at(index: number): string | undefined;
}

// Characters per block of text: big enough to be few.
const BLOCK_CHARS = 1 << 20;
// The strings waiting to be copied into a block are slices of the XML chunks they were
// read from, and keep those alive: copied every so many characters, a chunk dies young
// instead of lasting until its block is full (and being promoted, to be collected later).
const FLUSH_CHARS = 1 << 14;
const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;
// Beyond Latin-1 a V8 string takes two bytes a character, whatever else it holds.
const TWO_BYTE = /[^\u0000-\u00ff]/;

/** Text appended to one block string; `index` is where the block goes once joined. */
interface OpenBlock {
  index: number;
  /** Copies of the parts so far, FLUSH_CHARS at a time. */
  copied: string[];
  /** Parts not copied yet, and their length. */
  parts: string[];
  partChars: number;
  chars: number;
}

/**
 * The table held compactly. As an array of strings, each one costs 30–80 bytes besides its
 * text, and a million-row export has ~2.6 million shared strings (~260 MB). Here the strings
 * are the text of a few large block strings (Latin-1 text and CJK text kept apart, so
 * that ASCII stays one byte a character) plus 12 bytes each for where they are: ~70 MB.
 * A lookup slices its block (V8 makes a slice of 13 or more characters a 32-byte view).
 */
export class CompactStringTable implements StringTable {
  length = 0;
  private readonly blocks: string[] = [];
  // Per string: block, start, end (in pages, so the table never copies itself to grow).
  private readonly pages: Uint32Array[] = [];
  private oneByte: OpenBlock | undefined;
  private twoByte: OpenBlock | undefined;

  push(text: string): void {
    const wide = TWO_BYTE.test(text);
    let block = wide ? this.twoByte : this.oneByte;
    if (block === undefined || block.chars + text.length > BLOCK_CHARS) {
      if (block !== undefined) this.close(block);
      block = { index: this.blocks.push('') - 1, copied: [], parts: [], partChars: 0, chars: 0 };
      if (wide) this.twoByte = block;
      else this.oneByte = block;
    }
    const slot = (this.length & (PAGE_SIZE - 1)) * 3;
    if (slot === 0) this.pages.push(new Uint32Array(PAGE_SIZE * 3));
    const page = this.pages[this.pages.length - 1]!;
    page[slot] = block.index;
    page[slot + 1] = block.chars;
    page[slot + 2] = block.chars + text.length;
    block.parts.push(text);
    block.partChars += text.length;
    block.chars += text.length;
    this.length += 1;
    if (block.partChars >= FLUSH_CHARS) copyParts(block);
  }

  /** Joins the blocks still open; call once every string is in. */
  finish(): void {
    if (this.oneByte !== undefined) this.close(this.oneByte);
    if (this.twoByte !== undefined) this.close(this.twoByte);
    this.oneByte = undefined;
    this.twoByte = undefined;
  }

  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const page = this.pages[index >>> PAGE_BITS]!;
    const slot = (index & (PAGE_SIZE - 1)) * 3;
    return this.blocks[page[slot]!]!.slice(page[slot + 1], page[slot + 2]);
  }

  private close(block: OpenBlock): void {
    copyParts(block);
    let text = block.copied.join('');
    // Text cut from a decoded chunk that held any CJK is stored two bytes a character even
    // when it is ASCII itself, and so is what it is joined into: latin1 makes it one byte again.
    if (block === this.oneByte) text = Buffer.from(text, 'latin1').toString('latin1');
    this.blocks[block.index] = text;
    block.copied = [];
  }
}

/** join() copies the parts into one flat string, which references none of them. */
function copyParts(block: OpenBlock): void {
  if (block.parts.length === 0) return;
  block.copied.push(block.parts.join(''));
  block.parts = [];
  block.partChars = 0;
}

export class SharedStringsParser implements XmlHandler {
  capturing = false;
  /** The table so far, in order; complete after end(). */
  readonly strings = new CompactStringTable();

  private readonly scanner = new XmlScanner(NAMES, this);
  private inItem = false;
  private phonetic = 0;
  private current = '';

  write(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): void {
    this.scanner.end();
    this.strings.finish();
  }

  open(id: number): void {
    if (id === SI) {
      this.inItem = true;
      this.phonetic = 0;
      this.current = '';
    } else if (id === T) {
      this.capturing = this.inItem && this.phonetic === 0;
    } else if (id === RPH) {
      this.phonetic++;
    }
  }

  close(id: number): void {
    if (id === SI) {
      if (this.inItem) this.strings.push(decodeEscapes(this.current));
      this.inItem = false;
    } else if (id === T) {
      this.capturing = false;
    } else if (id === RPH && this.phonetic > 0) {
      this.phonetic--;
    }
  }

  text(text: string): void {
    this.current += text;
  }
}
