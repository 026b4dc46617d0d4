// Which number formats show a number as a date or time. The cell keeps its serial number
// ("45600.5"); the type 'date' tells the caller what Excel displays.

/** Built-in formats (ECMA-376 §18.8.30) that are dates or times; 27–36 and 50–58 are the CJK locale ones (年/月/日). */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

const DATE_LETTER = /[ymdhs]/i;
const ELAPSED = /^(h+|m+|s+)$/i;

/**
 * True if a custom format code has a date or time token: y, m, d, h or s outside quoted
 * text ("元"), escapes (\d), padding and fill (_x, *x) and brackets, except elapsed-time
 * brackets ([h]:mm). "0.00", "#,##0 \"件\"", "General" and "[Red]0" are not dates.
 */
export function isDateFormatCode(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      const close = code.indexOf('"', i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === '[') {
      const close = code.indexOf(']', i + 1);
      if (close < 0) return false;
      if (ELAPSED.test(code.slice(i + 1, close))) return true;
      i = close;
    } else if (DATE_LETTER.test(c)) {
      return true;
    }
  }
  return false;
}

/** Whether numFmtId `id` is a date format, given the workbook's custom codes (which win over built-ins). */
export function isDateFormat(id: number, customCodes: ReadonlyMap<number, string>): boolean {
  const code = customCodes.get(id);
  return code === undefined ? isBuiltInDate(id) : isDateFormatCode(code);
}
