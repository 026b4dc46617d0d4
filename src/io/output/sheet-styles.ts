// The cell styles of the workbooks ship writes, as one fixed table per kind of workbook.
// The import sheet and the template use the plain table (text, bold header) and must not
// change by a byte; the report uses the report table, which keeps the plain table's first
// three formats at the same indices and adds the fills that show a merchant where to look.
// Every format carries the text number format "@" (built-in 49), so what a merchant types
// into a cell stays text; date cells copied from the input keep a date format instead.

/** What a cell looks like; the row fills and marks exist only in the report table. */
export type CellStyle = 'text' | 'header' | 'errorRow' | 'warningRow' | 'errorCell' | 'warningCell';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
/** A coloured bold font, its parts in the order Excel writes them. */
const boldColour = (rgb: string) => `<font><b/><sz val="11"/><color rgb="${rgb}"/><name val="Calibri"/><family val="2"/></font>`;
const CELL_STYLES = '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>';
const BORDERS = '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>';
const STYLE_XFS = '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>';

/** The cellXfs index of each style in either table (text and header are the same in both). */
export const TEXT_STYLE = 1;
export const HEADER_STYLE = 2;

// Cell formats 0–2, shared by both tables: the default, text, bold text.
const PLAIN_XFS =
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>';
const PLAIN_FONTS = `<font>${FONT}</font><font><b/>${FONT}</font>`;
const PLAIN_FILLS = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>';

/** The plain table: 0 default, 1 text, 2 bold text. */
export const PLAIN_STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2">${PLAIN_FONTS}</fonts><fills count="2">${PLAIN_FILLS}</fills>${BORDERS}` +
  `${STYLE_XFS}<cellXfs count="3">${PLAIN_XFS}</cellXfs>${CELL_STYLES}</styleSheet>`;

// The report's colours are those of Excel's own "Bad" and "Neutral" cell styles (dark red
// on pink, dark yellow on yellow) for the marked cells, and paler tints for whole rows.
const ERROR_FONT = 'FF9C0006';
const WARNING_FONT = 'FF9C5700';
const FILL = { errorRow: 'FFFFE5E5', warningRow: 'FFFFF5D6', errorCell: 'FFFFC7CE', warningCell: 'FFFFEB9C' } as const;
/** Date cells copied from the input keep looking like dates (and read back as dates). */
const DATE_FORMAT_ID = 164;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;

// Fonts 0 plain, 1 bold, 2 bold dark red, 3 bold dark yellow; fills 0 none, 1 gray125 (both required), 2–5 as FILL.
const REPORT_FONTS = PLAIN_FONTS + boldColour(ERROR_FONT) + boldColour(WARNING_FONT);
const REPORT_FILLS = PLAIN_FILLS + solid(FILL.errorRow) + solid(FILL.warningRow) + solid(FILL.errorCell) + solid(FILL.warningCell);

/** Font and fill of each style that has a variant per number format. */
const LOOKS: readonly { style: Exclude<CellStyle, 'header'>; font: number; fill: number }[] = [
  { style: 'text', font: 0, fill: 0 },
  { style: 'errorRow', font: 0, fill: 2 },
  { style: 'warningRow', font: 0, fill: 3 },
  { style: 'errorCell', font: 2, fill: 4 },
  { style: 'warningCell', font: 3, fill: 5 },
];

function xf(numFmtId: number, font: number, fill: number): string {
  return `<xf numFmtId="${numFmtId}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0" applyNumberFormat="1"${font > 0 ? ' applyFont="1"' : ''}${fill > 0 ? ' applyFill="1"' : ''}/>`;
}

// 3–6: the looks after text, as text; 7–11: every look as a date.
const REPORT_XFS = PLAIN_XFS + LOOKS.slice(1).map((look) => xf(49, look.font, look.fill)).join('') + LOOKS.map((look) => xf(DATE_FORMAT_ID, look.font, look.fill)).join('');

/** How many cell formats the larger (report) table has: every style index is below it. */
export const STYLE_COUNT = 3 + LOOKS.length - 1 + LOOKS.length;

/** The report table: the plain table, then the fills and marks as text (3–6) and every look as a date (7–11). */
export const REPORT_STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="${DATE_FORMAT}"/></numFmts>` +
  `<fonts count="4">${REPORT_FONTS}</fonts><fills count="6">${REPORT_FILLS}</fills>${BORDERS}${STYLE_XFS}` +
  `<cellXfs count="${STYLE_COUNT}">${REPORT_XFS}</cellXfs>${CELL_STYLES}</styleSheet>`;

const TEXT_INDEX: Record<CellStyle, number> = { text: TEXT_STYLE, header: HEADER_STYLE, errorRow: 3, warningRow: 4, errorCell: 5, warningCell: 6 };
const DATE_INDEX: Record<CellStyle, number> = { text: 7, header: 7, errorRow: 8, warningRow: 9, errorCell: 10, warningCell: 11 };

/** The cellXfs index of a style, for a text (or number) cell or a date cell. */
export function styleIndex(style: CellStyle, date = false): number {
  return (date ? DATE_INDEX : TEXT_INDEX)[style];
}

/** True when the style needs the report table. */
export function isReportStyle(style: CellStyle): boolean {
  return style !== 'text' && style !== 'header';
}
