// The part of xl/styles.xml a reader needs: for each cell style (the `s` of a cell, an
// index into <cellXfs>), whether its number format is a date.

import { isDateFormat } from './number-format.js';
import { readAttrs, XmlScanner, type XmlHandler } from './xml-scan.js';

const NAMES = ['numFmts', 'numFmt', 'cellXfs', 'xf'] as const;
const NUM_FMTS = 0, NUM_FMT = 1, CELL_XFS = 2, XF = 3;

export class StylesParser implements XmlHandler {
  readonly capturing = false;
  private readonly scanner = new XmlScanner(NAMES, this);
  private readonly codes = new Map<number, string>();
  private readonly formatIds: number[] = [];
  private inNumFmts = false;
  private inCellXfs = false;

  write(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): void {
    this.scanner.end();
  }

  /** Per cellXfs index: does the style show numbers as dates? */
  dateStyles(): boolean[] {
    return this.formatIds.map((id) => isDateFormat(id, this.codes));
  }

  open(id: number, s: string, from: number, to: number): void {
    if (id === NUM_FMTS) this.inNumFmts = true;
    else if (id === CELL_XFS) this.inCellXfs = true;
    // numFmt also appears in <dxfs> (conditional formats); only <numFmts> defines cell formats.
    else if (id === NUM_FMT && this.inNumFmts) {
      const attrs = readAttrs(s, from, to);
      const fmtId = Number(attrs.get('numFmtId'));
      const code = attrs.get('formatCode');
      if (Number.isInteger(fmtId) && code !== undefined) this.codes.set(fmtId, code);
    } else if (id === XF && this.inCellXfs) {
      const fmtId = Number(readAttrs(s, from, to).get('numFmtId') ?? 0);
      this.formatIds.push(Number.isInteger(fmtId) ? fmtId : 0);
    }
  }

  close(id: number): void {
    if (id === NUM_FMTS) this.inNumFmts = false;
    else if (id === CELL_XFS) this.inCellXfs = false;
  }

  text(): void {}
}
