// The shared-string table (xl/sharedStrings.xml): one string per <si>, rich-text runs
// joined, phonetic guides (<rPh>, furigana) left out, as Excel shows the cell.

import { XmlScanner, type XmlHandler } from './xml-scan.js';
import { decodeEscapes, detach } from './xml-text.js';

const NAMES = ['si', 't', 'rPh'] as const;
const SI = 0, T = 1, RPH = 2;

export class SharedStringsParser implements XmlHandler {
  capturing = false;
  /** The table so far, in order; complete after end(). */
  readonly strings: string[] = [];

  private readonly scanner = new XmlScanner(NAMES, this);
  private inItem = false;
  private phonetic = 0;
  private current = '';

  write(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): void {
    this.scanner.end();
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
      // Detached: the table lives for the whole run, its chunks must not.
      if (this.inItem) this.strings.push(detach(decodeEscapes(this.current)));
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
