// What separates fields and records in a CSV: the delimiter, and the
// line ending that the first line break outside quotes decides for the whole file (after a
// CRLF first line, a lone CR or LF is text; after an LF first line, a CR is text).

export const LF = 0x0a;
export const CR = 0x0d;

/** Returned when the bytes at hand end too early to tell. */
export const NEED_MORE = -1;

export type LineEnding = '\n' | '\r' | '\r\n';

export class Separators {
  readonly delimiter: Buffer;
  /** Undefined until the first line break outside quotes. */
  lineEnding: LineEnding | undefined;

  constructor(delimiter: string) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new RangeError(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = Buffer.from(delimiter, 'utf8');
  }

  /** The length of the delimiter at `i` (0 when there is none), or NEED_MORE. */
  delimiterAt(bytes: Buffer, i: number, final: boolean): number {
    const { delimiter } = this;
    if (bytes[i] !== delimiter[0]) return 0;
    for (let k = 1; k < delimiter.length; k++) {
      if (i + k === bytes.length) return final ? 0 : NEED_MORE;
      if (bytes[i + k] !== delimiter[k]) return 0;
    }
    return delimiter.length;
  }

  /** The length of the line ending at `i` (0 when there is none), or NEED_MORE. The first one found decides. */
  lineEndingAt(bytes: Buffer, i: number, final: boolean): number {
    const byte = bytes[i];
    const hasNext = i + 1 < bytes.length;
    switch (this.lineEnding) {
      case '\n':
        return byte === LF ? 1 : 0;
      case '\r':
        return byte === CR ? 1 : 0;
      case '\r\n':
        if (byte !== CR) return 0;
        if (hasNext) return bytes[i + 1] === LF ? 2 : 0;
        return final ? 0 : NEED_MORE;
      default:
        if (byte === LF) this.lineEnding = '\n';
        else if (byte !== CR) return 0;
        else if (hasNext) this.lineEnding = bytes[i + 1] === LF ? '\r\n' : '\r';
        else if (final) this.lineEnding = '\r';
        else return NEED_MORE;
        return this.lineEnding.length;
    }
  }
}
