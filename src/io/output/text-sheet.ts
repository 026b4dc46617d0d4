// Writes sheets as an xlsx package, streamed: rows become XML and go through the zip
// writer as they come, so neither the rows nor a shared-string table are held in memory
// (exceljs's streaming writer keeps every string until commit). Text cells are inline
// strings (t="inlineStr") in a cell style with the text number format "@", and the
// columns carry that style too, so ids and tracking numbers never become numbers, dates
// or formulas when the file is opened or edited. Plain rows (the import sheet) are text
// in one style; styled rows (the report) may carry a row fill, marked cells, their own
// row numbers, and the input's numbers and dates as such. Nothing in the package depends
// on the clock: the same rows give the same bytes. Rows may also come as bytes already
// (EncodedRows: the report's copy of a UTF-8 CSV), written into place as they are.

import { columnName } from '../xlsx/cell-ref.js';
import { ColumnNames, rowXml, styledRowXml, type SheetLine, type TextLine } from './sheet-rows.js';
import { ByteSink } from './byte-sink.js';
import { HEADER_STYLE, PLAIN_STYLES_XML, REPORT_STYLES_XML, TEXT_STYLE } from './sheet-styles.js';
import { ZipWriter, type EntryWriter } from './zip-writer.js';

export { escapeCellText, type EncodedRows, type StyledRow } from './sheet-rows.js';

export interface TextSheet {
  name: string;
  header: readonly string[];
  /** The rows below the header, from an array, a generator or an async stream. */
  rows: Iterable<SheetLine> | AsyncIterable<SheetLine>;
  /** Column widths in characters; CJK text counts double. */
  widths?: readonly number[];
  /** Freeze the rows down to the header and add an autofilter on the header: for sheets people work in. */
  worksheetFriendly?: boolean;
  /** Rows above the header (an export's title rows), numbered from 1 unless they say. */
  preamble?: readonly TextLine[];
  /** The row the header is written on; the one after the preamble when omitted. */
  headerRow?: number;
  /** Merged ranges as A1 references ("D5:D6"). */
  merges?: readonly string[];
  /** Compress fast rather than small: for a sheet as large as the input. */
  fastCompression?: boolean;
  /**
   * Print on landscape A4 scaled to the page's width: the summary's code column lands on
   * the same page as its counts, not pages later. Only for narrow sheets: the twelve columns
   * of the problem list would print at under half size, unreadable.
   */
  printFitWidth?: boolean;
}

export interface WorkbookOptions {
  /** Write the report's style table: row fills, marked cells, date cells. Plain workbooks keep the plain table. */
  reportStyles?: boolean;
  /** Count date serials from 1904, as the input they were copied from does (old Mac workbooks). */
  date1904?: boolean;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new RangeError(`"${name}" cannot be an Excel sheet name`);
  }
}

/** Where a written sheet's table is: its header row and last row. */
interface Extent {
  headerRow: number;
  lastRow: number;
}

/** The number of a line: its own, or the one after the previous line. Rows must go down the sheet. */
function rowOf(line: TextLine, previous: number): number {
  if (!('cells' in line) || line.row === undefined) return previous + 1;
  if (line.row <= previous) throw new RangeError(`row ${line.row} written after row ${previous}`);
  return line.row;
}

function colsXml(sheet: TextSheet): string {
  const width = Math.max(sheet.header.length, sheet.widths?.length ?? 0);
  let cols = '';
  for (let i = 0; i < width; i++) {
    const chars = sheet.widths?.[i] ?? Math.max(10, displayWidth(sheet.header[i] ?? '') + 2);
    cols += `<col min="${i + 1}" max="${i + 1}" width="${chars}" style="${TEXT_STYLE}" customWidth="1"/>`;
  }
  return cols === '' ? '' : `<cols>${cols}</cols>`;
}

function paneXml(top: number): string {
  const below = `A${top + 1}`;
  return `<pane ySplit="${top}" topLeftCell="${below}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/>`;
}

/** Streams one worksheet part and returns where its table is. */
async function writeSheet(entry: EntryWriter, sheet: TextSheet, selected: boolean, reportStyles: boolean): Promise<Extent> {
  const columns = new ColumnNames();
  const width = sheet.header.length;
  const sink = new ByteSink(entry);
  const lineXml = (line: TextLine, rowNumber: number) =>
    'cells' in line ? styledRowXml(line, rowNumber, width, columns, reportStyles) : rowXml(line, rowNumber, TEXT_STYLE, columns);
  /** Writes a line after row `previous`; returns its (last) row number. */
  const addLine = (line: SheetLine, previous: number): number => {
    if ('writeTo' in line) {
      if (line.firstRow <= previous) throw new RangeError(`row ${line.firstRow} written after row ${previous}`);
      line.writeTo(sink, width, columns);
      return line.lastRow;
    }
    const row = rowOf(line, previous);
    sink.add(lineXml(line, row));
    return row;
  };

  let rowNumber = 0;
  let above = '';
  for (const line of sheet.preamble ?? []) {
    rowNumber = rowOf(line, rowNumber);
    above += lineXml(line, rowNumber);
  }
  const headerRow = sheet.headerRow ?? rowNumber + 1;
  if (headerRow <= rowNumber) throw new RangeError(`the header row ${headerRow} is not below the rows above it`);
  const friendly = sheet.worksheetFriendly === true;
  sink.add(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${sheet.printFitWidth === true ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''}<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${friendly ? paneXml(headerRow) : ''}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${colsXml(sheet)}<sheetData>${above}${rowXml(sheet.header, headerRow, HEADER_STYLE, columns)}`,
  );
  rowNumber = headerRow;
  if (Symbol.asyncIterator in sheet.rows) {
    for await (const line of sheet.rows) {
      rowNumber = addLine(line, rowNumber);
      if (sink.ready) await sink.flush();
    }
  } else {
    for (const line of sheet.rows) {
      rowNumber = addLine(line, rowNumber);
      if (sink.ready) await sink.flush();
    }
  }
  const extent = { headerRow, lastRow: rowNumber };
  let tail = '</sheetData>';
  if (friendly && width > 0) tail += `<autoFilter ref="${filterRange(sheet, extent)}"/>`;
  const merges = sheet.merges ?? [];
  if (merges.length > 0) tail += `<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
  // paperSize 9 is A4; fitToHeight 0 lets the rows run over as many pages as they need.
  const pageSetup = sheet.printFitWidth === true ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' : '';
  sink.add(`${tail}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${pageSetup}</worksheet>`);
  await sink.end();
  return extent;
}

function filterRange(sheet: TextSheet, extent: Extent, absolute = false): string {
  const $ = absolute ? '$' : '';
  return `${$}A${$}${extent.headerRow}:${$}${columnName(sheet.header.length - 1)}${$}${extent.lastRow}`;
}

function workbookXml(sheets: readonly TextSheet[], extents: readonly Extent[], date1904: boolean): string {
  const entries = sheets.map((sheet, i) => `<sheet name="${escapeAttr(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel keeps an autofilter's range in this hidden name as well as in the sheet; the
  // print titles repeat the rows down to the header on every printed page of a long table.
  const names = sheets
    .map((sheet, i) => {
      if (sheet.worksheetFriendly !== true || sheet.header.length === 0) return '';
      const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
      const extent = extents[i] ?? { headerRow: 1, lastRow: 1 };
      return (
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeAttr(`${quoted}!${filterRange(sheet, extent, true)}`)}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeAttr(`${quoted}!$1:$${extent.headerRow}`)}</definedName>`
      );
    })
    .join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${date1904 ? '<workbookPr date1904="1"/>' : ''}<bookViews><workbookView/></bookViews><sheets>${entries}</sheets>${names === '' ? '' : `<definedNames>${names}</definedNames>`}</workbook>`;
}

function contentTypesXml(sheetCount: number): string {
  let overrides = `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`;
  for (let i = 1; i <= sheetCount; i++) overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.worksheet+xml"/>`;
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
}

function workbookRelsXml(sheetCount: number): string {
  let rels = '';
  for (let i = 1; i <= sheetCount; i++) rels += `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  rels += `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`;
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels}</Relationships>`;
}

export async function writeTextSheets(path: string, sheets: readonly TextSheet[], options: WorkbookOptions = {}): Promise<void> {
  sheets.forEach((sheet) => checkSheetName(sheet.name));
  const zip = await ZipWriter.create(path);
  try {
    await zip.add('[Content_Types].xml', contentTypesXml(sheets.length));
    await zip.add('_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    const reportStyles = options.reportStyles === true;
    await zip.add('xl/styles.xml', reportStyles ? REPORT_STYLES_XML : PLAIN_STYLES_XML);
    const extents: Extent[] = [];
    for (const [i, sheet] of sheets.entries()) extents.push(await writeSheet(zip.entry(`xl/worksheets/sheet${i + 1}.xml`, { fast: sheet.fastCompression }), sheet, i === 0, reportStyles));
    // The workbook part comes last: the autofilter ranges are known once the rows are written.
    await zip.add('xl/workbook.xml', workbookXml(sheets, extents, options.date1904 === true));
    await zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length));
    await zip.close();
  } catch (error) {
    await zip.abort();
    throw error;
  }
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
