// How a CSV is laid out, from its first 64 KiB: the delimiter (comma, tab or semicolon,
// whichever the records agree on) and Excel's `sep=` directive line.

const DELIMITERS = [',', '\t', ';'] as const;
type Delimiter = (typeof DELIMITERS)[number];

export interface Layout {
  delimiter: string;
  /** 2 when the first line is Excel's `sep=;` directive, which Excel hides. */
  fromLine: number;
}

export function sniffLayout(sample: string, truncated: boolean): Layout {
  // A quote or a line break cannot separate fields: such a line is data, not a directive.
  // Its line may end in CR, LF or CRLF, as any record (see separators.ts).
  const directive = /^sep=([^"\r\n])(?:\r\n?|\n)/i.exec(sample);
  if (directive?.[1] !== undefined) return { delimiter: directive[1], fromLine: 2 };
  return { delimiter: sniffDelimiter(sample, truncated), fromLine: 1 };
}

/**
 * Counts each candidate outside quotes in the first records and picks the one whose count
 * is the same on the most records (then the highest count). A tab next to a comma or
 * semicolon, or at either end of a line, is a value prefix or suffix, not a delimiter.
 */
export function sniffDelimiter(sample: string, truncated = false): Delimiter {
  // A sample cut mid-record would skew the last count.
  const lastBreak = truncated ? Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r')) : -1;
  const complete = lastBreak >= 0 ? sample.slice(0, lastBreak + 1) : sample;
  const records = countDelimiters(complete, 20);
  let best: Delimiter = ',';
  let bestScore: [number, number] = [0, 0];
  for (const [index, delimiter] of DELIMITERS.entries()) {
    const counts = records.map((record) => record[index] ?? 0);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const score: [number, number] = [counts.filter((count) => count === first).length, first];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Per record (that has any candidate at all), how often each of DELIMITERS occurs outside quotes. */
function countDelimiters(sample: string, maxRecords: number): number[][] {
  const records: number[][] = [];
  let counts = [0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  const endRecord = () => {
    if (counts.some((count) => count > 0)) records.push(counts);
    counts = [0, 0, 0];
    fieldStart = true;
  };
  for (let i = 0; i < sample.length && records.length < maxRecords; i += 1) {
    const char = sample[i];
    if (inQuotes) {
      if (char === '"') {
        if (sample[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
    } else if (char === '"' && fieldStart) {
      inQuotes = true;
    } else if (char === '\n' || char === '\r') {
      endRecord();
    } else {
      const index = DELIMITERS.findIndex((delimiter) => delimiter === char);
      const counted = index >= 0 && !(char === '\t' && isValueTab(sample, i));
      if (counted) counts[index] = (counts[index] ?? 0) + 1;
      fieldStart = counted;
    }
  }
  if (records.length < maxRecords) endRecord();
  return records;
}

function isValueTab(sample: string, i: number): boolean {
  const edge = (char: string | undefined) => char === undefined || char === '\n' || char === '\r' || char === ',' || char === ';';
  return edge(sample[i - 1]) || edge(sample[i + 1]);
}
