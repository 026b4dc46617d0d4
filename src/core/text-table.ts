// The distinct texts of one column of the row store (statuses, carrier names, masked
// recipient names) with a small number for each. The store keeps the number per row in
// a Uint16Array: 2 bytes a row and no reference for the garbage collector to follow,
// and each text is kept once.

/** The code of a text that came when the table was full: the table keeps it by row. */
export const OVERFLOW = 0xffff;

export class TextTable {
  /** Texts by code; code 0 is always ''. */
  private readonly texts: string[] = [''];
  private readonly codes = new Map<string, number>([['', 0]]);
  /**
   * Texts past the 65,535th distinct one (a column of free text, a misread header), by
   * row index: no worse than a string a row, and the table does not grow without end.
   */
  private readonly overflow = new Map<number, string>();

  /** The last text looked up and its code: the rows of an order, and most rows of a status, repeat it. */
  private lastText = '';
  private lastCode = 0;

  /** The code of `text` on the row at `index`, added when it is new. */
  codeOf(text: string, index: number): number {
    if (text === this.lastText) return this.lastCode;
    let code = this.codes.get(text);
    if (code === undefined) {
      if (this.texts.length === OVERFLOW) {
        this.overflow.set(index, text);
        return OVERFLOW;
      }
      code = this.texts.push(text) - 1;
      this.codes.set(text, code);
    }
    this.lastText = text;
    this.lastCode = code;
    return code;
  }

  /** The text of `code` on the row at `index`. */
  textOf(code: number, index: number): string {
    return code === OVERFLOW ? this.overflow.get(index)! : this.texts[code]!;
  }
}
