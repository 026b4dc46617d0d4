// Writes one sheet of plain text cells with exceljs's streaming writer.
// Every cell is a string typed as text (t="s", number format "@"), so ids and
// tracking numbers never become numbers, dates or formulas when opened or edited.

import ExcelJS from 'exceljs';

export interface TextSheet {
  name: string;
  header: readonly string[];
  rows: Iterable<readonly string[]>;
  /** Column widths in characters; CJK text counts double. */
  widths?: readonly number[];
  /** Freeze the header row and add an autofilter: for sheets people work in. */
  worksheetFriendly?: boolean;
}

const TEXT_FORMAT = '@';

export async function writeTextSheets(path: string, sheets: readonly TextSheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  for (const sheet of sheets) {
    const views = sheet.worksheetFriendly === true ? [{ state: 'frozen' as const, ySplit: 1 }] : [];
    const worksheet = workbook.addWorksheet(sheet.name, { views });
    worksheet.columns = sheet.header.map((title, i) => ({
      header: title,
      key: String(i),
      width: sheet.widths?.[i] ?? Math.max(10, displayWidth(title) + 2),
      style: { numFmt: TEXT_FORMAT },
    }));
    if (sheet.worksheetFriendly === true && sheet.header.length > 0) {
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
    }
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for (const values of sheet.rows) {
      const row = worksheet.addRow([...values]);
      row.commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
}

/** Columns a string occupies in Excel or a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000) ? 2 : 1;
  }
  return width;
}
