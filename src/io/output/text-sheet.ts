// Writes sheets of plain text cells as an xlsx package, streamed: rows become XML and
// go through the zip writer as they come, so neither the rows nor a shared-string table
// are held in memory (exceljs's streaming writer keeps every string until commit).
// Every cell is an inline string (t="inlineStr") in a cell style with the text number
// format "@", and the columns carry that style too, so ids and tracking numbers never
// become numbers, dates or formulas when the file is opened or edited. Nothing in the
// package depends on the clock: the same rows give the same bytes.

import { ZipWriter, type EntryWriter } from './zip-writer.js';

export interface TextSheet {
  name: string;
  header: readonly string[];
  rows: Iterable<readonly string[]>;
  /** Column widths in characters; CJK text counts double. */
  widths?: readonly number[];
  /** Freeze the header row and add an autofilter: for sheets people work in. */
  worksheetFriendly?: boolean;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Cell styles (cellXfs): 0 the default, 1 text ("@" is built-in number format 49), 2 text in bold for the header.
const TEXT_STYLE = 1;
const HEADER_STYLE = 2;
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Excel refuses longer cell text (it "repairs" the file); the cut never splits a surrogate pair. */
const MAX_CELL_LENGTH = 32767;
/** Bytes of row XML collected before they are handed to the compressor. */
const FLUSH_AT = 1 << 18;

// What XML 1.0 cannot hold or must escape, and text that reads as an OOXML `_xHHHH_` escape.
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
const EDGE_SPACE = /^\s|\s$/;

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** Cell text as the content of <t>: entities for & < >, `_xHHHH_` for control characters (Excel's own form, also for CR). */
export function escapeCellText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x26) out += '&amp;';
    else if (code === 0x3c) out += '&lt;';
    else if (code === 0x3e) out += '&gt;';
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff) out += `_x${hex4(code)}_`;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += text.slice(i, i + 2);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd'; // a lone surrogate cannot be written as UTF-8
    else if (code === 0x5f && /^_x[0-9a-fA-F]{4}_/.test(text.slice(i, i + 7))) out += '_x005F_'; // keep a literal "_x0041_" literal
    else out += text[i];
  }
  return out;
}

function clip(text: string): string {
  if (text.length <= MAX_CELL_LENGTH) return text;
  const cut = (text.charCodeAt(MAX_CELL_LENGTH - 1) & 0xfc00) === 0xd800 ? MAX_CELL_LENGTH - 1 : MAX_CELL_LENGTH;
  return text.slice(0, cut);
}

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A1-style column letters for a 0-based index. */
function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    name = String.fromCharCode(65 + m) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

class ColumnNames {
  private readonly names: string[] = [];
  get(index: number): string {
    return (this.names[index] ??= columnName(index));
  }
}

function rowXml(values: readonly string[], rowNumber: number, style: number, columns: ColumnNames): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || value === '') continue;
    const text = clip(value);
    const space = EDGE_SPACE.test(text) ? ' xml:space="preserve"' : '';
    xml += `<c r="${columns.get(i)}${rowNumber}" s="${style}" t="inlineStr"><is><t${space}>${escapeCellText(text)}</t></is></c>`;
  }
  return `${xml}</row>`;
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new RangeError(`"${name}" cannot be an Excel sheet name`);
  }
}

/**
 * Row XML encoded straight into a buffer, one row at a time. Appending rows to one long
 * string and encoding that makes V8 flatten a rope of thousands of pieces first: about
 * four times slower than encoding each small row string into place.
 */
class ByteSink {
  private buffer = Buffer.allocUnsafe(FLUSH_AT);
  private length = 0;
  private readonly full: Buffer[] = [];

  constructor(private readonly entry: EntryWriter) {}

  /** Adds text; true when enough has gathered that the caller should flush(). */
  add(text: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    if (this.length + text.length * 3 > this.buffer.length) {
      if (this.length > 0) this.full.push(this.buffer.subarray(0, this.length));
      this.buffer = Buffer.allocUnsafe(Math.max(FLUSH_AT, text.length * 3));
      this.length = 0;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
    return this.full.length > 0;
  }

  async flush(): Promise<void> {
    for (const chunk of this.full.splice(0)) await this.entry.write(chunk);
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.length > 0) await this.entry.write(this.buffer.subarray(0, this.length));
    this.length = 0;
    await this.entry.end();
  }
}

/** Streams one worksheet part and returns the last row written. */
async function writeSheet(entry: EntryWriter, sheet: TextSheet, selected: boolean): Promise<number> {
  const columns = new ColumnNames();
  const width = Math.max(sheet.header.length, sheet.widths?.length ?? 0);
  let cols = '';
  for (let i = 0; i < width; i++) {
    const chars = sheet.widths?.[i] ?? Math.max(10, displayWidth(sheet.header[i] ?? '') + 2);
    cols += `<col min="${i + 1}" max="${i + 1}" width="${chars}" style="${TEXT_STYLE}" customWidth="1"/>`;
  }
  const pane = sheet.worksheetFriendly === true ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : '';
  const sink = new ByteSink(entry);
  sink.add(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${cols === '' ? '' : `<cols>${cols}</cols>`}<sheetData>${rowXml(sheet.header, 1, HEADER_STYLE, columns)}`,
  );
  let rowNumber = 1;
  for (const values of sheet.rows) {
    rowNumber += 1;
    if (sink.add(rowXml(values, rowNumber, TEXT_STYLE, columns))) await sink.flush();
  }
  let tail = '</sheetData>';
  if (sheet.worksheetFriendly === true && sheet.header.length > 0) tail += `<autoFilter ref="${filterRange(sheet, rowNumber)}"/>`;
  sink.add(`${tail}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
  await sink.end();
  return rowNumber;
}

function filterRange(sheet: TextSheet, lastRow: number, absolute = false): string {
  const $ = absolute ? '$' : '';
  return `${$}A${$}1:${$}${columnName(sheet.header.length - 1)}${$}${lastRow}`;
}

function workbookXml(sheets: readonly TextSheet[], lastRows: readonly number[]): string {
  const entries = sheets.map((sheet, i) => `<sheet name="${escapeAttr(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel keeps an autofilter's range in this hidden name as well as in the sheet.
  const names = sheets
    .map((sheet, i) =>
      sheet.worksheetFriendly === true && sheet.header.length > 0
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeAttr(`'${sheet.name.replace(/'/g, "''")}'!${filterRange(sheet, lastRows[i] ?? 1, true)}`)}</definedName>`
        : '',
    )
    .join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${entries}</sheets>${names === '' ? '' : `<definedNames>${names}</definedNames>`}</workbook>`;
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

export async function writeTextSheets(path: string, sheets: readonly TextSheet[]): Promise<void> {
  sheets.forEach((sheet) => checkSheetName(sheet.name));
  const zip = await ZipWriter.create(path);
  try {
    await zip.add('[Content_Types].xml', contentTypesXml(sheets.length));
    await zip.add('_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    await zip.add('xl/styles.xml', STYLES);
    const lastRows: number[] = [];
    for (const [i, sheet] of sheets.entries()) lastRows.push(await writeSheet(zip.entry(`xl/worksheets/sheet${i + 1}.xml`), sheet, i === 0));
    // The workbook part comes last: the autofilter ranges are known once the rows are written.
    await zip.add('xl/workbook.xml', workbookXml(sheets, lastRows));
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
