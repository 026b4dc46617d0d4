// What separates fields and records in a CSV: the delimiter, and a line break outside
// quotes: CR, LF or CRLF (one break), whichever each line ends with. Excel, WPS,
// LibreOffice and Python's csv module read it so; a file whose first line ends in CRLF
// and whose appended lines end in LF (rows added by a script to an export Excel saved)
// has as many records as lines.

export const LF = 0x0a;
export const CR = 0x0d;

/** Returned when the bytes at hand end too early to tell. */
export const NEED_MORE = -1;

export class Separators {
  readonly delimiter: Buffer;

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
}

/**
 * The length of the line break at `i` (0 when there is none), or NEED_MORE: a CR that ends
 * the bytes at hand may be the first half of a CRLF that the next chunk completes.
 */
export function lineBreakAt(bytes: Buffer, i: number, final: boolean): number {
  const byte = bytes[i];
  if (byte === LF) return 1;
  if (byte !== CR) return 0;
  if (i + 1 < bytes.length) return bytes[i + 1] === LF ? 2 : 1;
  return final ? 1 : NEED_MORE;
}
