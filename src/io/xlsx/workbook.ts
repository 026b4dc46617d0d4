// openWorkbook: the xlsx reader. Finds the sheets through the package relationships,
// loads the shared strings and date styles when the first sheet is read (or adopts them
// from an earlier opening of the same file), and streams each sheet's rows without
// holding the sheet in memory.

import { InputError, type Bilingual } from '../errors.js';
import type { MergedRange, ReadLimits, RowBatches, SheetRow } from '../table.js';
import { messages, partLabel } from './messages.js';
import {
  relationshipIs,
  relationshipsPartOf,
  RelationshipsParser,
  resolveTarget,
  WorkbookPartParser,
  type Relationship,
} from './package-parts.js';
import { SharedStringsParser } from './shared-strings.js';
import { SheetParser, type SheetParserOptions } from './sheet-parser.js';
import { StylesParser } from './styles.js';
import { XlsxFormatError } from './xml-scan.js';
import { openZip, type ZipPackage } from './zip.js';

export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet';

export interface WorkbookSheet {
  /** The tab name, as Excel shows it. */
  name: string;
  /** 0-based position in the workbook's tab order; the argument of readRows and merges. */
  index: number;
  /** The part holding the sheet, e.g. "xl/worksheets/sheet3.xml"; '' if the workbook's link to it is broken. */
  path: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Only worksheets hold cells; the others read as no rows. */
  kind: SheetKind;
}

/**
 * What the cells of every sheet are read with. The report's copy reads the sheet a second
 * time: handing it these spares parsing sharedStrings.xml again, and holding two tables of
 * millions of strings at once.
 */
export interface CellTables extends SheetParserOptions {
  /** The parts they were read from, named and stamped: another opening must find the same ones. */
  readonly origin: string;
}

export interface Workbook {
  /** In workbook (tab) order. */
  sheets: WorkbookSheet[];
  /** Date serial numbers count from 1904 (old Mac workbooks) instead of 1900. */
  date1904: boolean;
  /** Streams the rows of a sheet in file order, a batch per chunk of its XML, skipping rows without a non-empty cell. */
  readRows(sheetIndex: number): RowBatches;
  /** The merged ranges of a sheet; available once readRows of that sheet has run to the end. */
  merges(sheetIndex: number): MergedRange[];
  /** The shared strings and date styles the sheets are read with; available once readRows has yielded a batch. */
  cellTables(): CellTables;
  /**
   * Reads the sheets with the tables of an earlier opening of this file instead of parsing
   * them again. Call it before readRows. False, and nothing adopted, if the parts they came
   * from are not the ones this file holds now (it was saved again in between).
   */
  adopt(tables: CellTables): boolean;
  /** Releases the file. Call it also after an error or an early stop. */
  close(): Promise<void>;
}

/** A parser fed the text of one part. */
interface PartParser {
  write(chunk: string): unknown;
  end(): unknown;
}

export async function openWorkbook(path: string, limits: ReadLimits): Promise<Workbook> {
  const zip = await openZip(path, limits);
  try {
    return await readStructure(zip, path, limits);
  } catch (error) {
    await zip.close();
    throw error;
  }
}

async function readStructure(zip: ZipPackage, path: string, limits: ReadLimits): Promise<Workbook> {
  const rootRels = await readRelationships(zip, path, '');
  const main = rootRels.find((rel) => relationshipIs(rel, 'officeDocument'))?.target ?? 'xl/workbook.xml';
  if (main.toLowerCase().endsWith('.bin')) throw new InputError(messages.binaryWorkbook(), path);
  if (!zip.has(main)) throw new InputError(messages.notAWorkbook(), path);

  const rels = await readRelationships(zip, path, main);
  const workbookPart = new WorkbookPartParser();
  await parsePart(zip, path, main, partLabel(main), workbookPart);
  if (!workbookPart.isWorkbook) throw new InputError(messages.notAWorkbook(), path);
  if (workbookPart.sheets.length === 0) throw new InputError(messages.noSheets(), path);

  const sheets = workbookPart.sheets.map((entry, index): WorkbookSheet => {
    const rel = rels.find((candidate) => candidate.id === entry.relationshipId && !candidate.external);
    return { name: entry.name, index, path: rel?.target ?? '', state: entry.state, kind: sheetKind(rel) };
  });
  // Some writers forget the relationship of these two; the conventional name is a safe fallback.
  const partOf = (kind: string, fallback: string): string | undefined => {
    const target = rels.find((rel) => relationshipIs(rel, kind))?.target ?? resolveTarget(main, fallback);
    return zip.has(target) ? target : undefined;
  };
  const parts = { sharedStrings: partOf('sharedStrings', 'sharedStrings.xml'), styles: partOf('styles', 'styles.xml') };
  return new XlsxWorkbook(zip, path, limits, sheets, workbookPart.date1904, parts);
}

function sheetKind(rel: Relationship | undefined): SheetKind {
  if (rel === undefined || relationshipIs(rel, 'worksheet')) return 'worksheet';
  if (relationshipIs(rel, 'chartsheet')) return 'chartsheet';
  if (relationshipIs(rel, 'dialogsheet')) return 'dialogsheet';
  return /macrosheet$/i.test(rel.type) ? 'macrosheet' : 'worksheet';
}

async function readRelationships(zip: ZipPackage, path: string, sourcePart: string): Promise<Relationship[]> {
  const relsPart = relationshipsPartOf(sourcePart);
  if (!zip.has(relsPart)) return [];
  const parser = new RelationshipsParser(sourcePart);
  await parsePart(zip, path, relsPart, partLabel(relsPart), parser);
  return parser.relationships;
}

async function parsePart(zip: ZipPackage, path: string, part: string, label: Bilingual, parser: PartParser): Promise<void> {
  try {
    for await (const chunk of zip.text(part, label)) parser.write(chunk);
    parser.end();
  } catch (error) {
    throw asInputError(error, path, label);
  }
}

function asInputError(error: unknown, path: string, label: Bilingual): unknown {
  return error instanceof XlsxFormatError ? new InputError(messages.malformed(label, error.detail), path, { cause: error }) : error;
}

class XlsxWorkbook implements Workbook {
  private cellContext: Promise<CellTables> | undefined;
  private loaded: CellTables | undefined;
  private readonly mergesBySheet = new Map<number, MergedRange[]>();

  constructor(
    private readonly zip: ZipPackage,
    private readonly path: string,
    private readonly limits: ReadLimits,
    readonly sheets: WorkbookSheet[],
    readonly date1904: boolean,
    private readonly parts: { sharedStrings: string | undefined; styles: string | undefined },
  ) {}

  readRows(sheetIndex: number): RowBatches {
    const sheet = this.sheets[sheetIndex];
    if (sheet === undefined) throw new RangeError(`xlsx: no sheet at index ${sheetIndex}`);
    return this.rows(sheet);
  }

  merges(sheetIndex: number): MergedRange[] {
    const merges = this.mergesBySheet.get(sheetIndex);
    if (merges === undefined) throw new Error(`xlsx: merges(${sheetIndex}) is available once readRows(${sheetIndex}) has completed`);
    return merges;
  }

  cellTables(): CellTables {
    if (this.loaded === undefined) throw new Error('xlsx: cellTables() is available once readRows has yielded a batch');
    return this.loaded;
  }

  adopt(tables: CellTables): boolean {
    if (this.cellContext !== undefined || tables.origin !== this.origin()) return false;
    this.cellContext = Promise.resolve(tables);
    return true;
  }

  close(): Promise<void> {
    return this.zip.close();
  }

  private async *rows(sheet: WorkbookSheet): AsyncGenerator<readonly SheetRow[], void, undefined> {
    const label = partLabel(sheet.path, sheet.name);
    if (sheet.path === '') throw new InputError(messages.partMissing(label), this.path);
    // Shared strings come first whatever the zip order: random access, no spooling of the sheet.
    this.loaded = await (this.cellContext ??= this.loadCellContext());
    const parser = new SheetParser(this.loaded, { date1904: this.date1904 });
    const cap = this.limits.maxRows;
    let count = 0;
    try {
      for await (const chunk of this.zip.text(sheet.path, label)) {
        const rows = parser.write(chunk);
        if (rows.length === 0) continue;
        count += rows.length;
        if (count > cap) yield* this.overLimit(rows, count - cap, sheet.name);
        yield rows;
      }
      const rows = parser.end();
      count += rows.length;
      if (count > cap) yield* this.overLimit(rows, count - cap, sheet.name);
      if (rows.length > 0) yield rows;
    } catch (error) {
      throw asInputError(error, this.path, label);
    }
    this.mergesBySheet.set(sheet.index, parser.merges);
  }

  /** The rows of the batch under the limit, then the error: every row under the limit is read. */
  private *overLimit(rows: readonly SheetRow[], over: number, sheetName: string): Generator<readonly SheetRow[], never> {
    if (rows.length > over) yield rows.slice(0, rows.length - over);
    throw new InputError(messages.tooManyRows(sheetName, this.limits.maxRows), this.path);
  }

  private async loadCellContext(): Promise<CellTables> {
    const { sharedStrings, styles } = this.parts;
    const strings = new SharedStringsParser();
    if (sharedStrings !== undefined) await parsePart(this.zip, this.path, sharedStrings, partLabel(sharedStrings), strings);
    const stylesParser = new StylesParser();
    if (styles !== undefined) await parsePart(this.zip, this.path, styles, partLabel(styles), stylesParser);
    return { sharedStrings: strings.strings, dateStyles: stylesParser.dateStyles(), origin: this.origin() };
  }

  // The declared size and checksum of each part the tables come from: equal for a file not saved again.
  private origin(): string {
    const { sharedStrings = '', styles = '' } = this.parts;
    return [sharedStrings, this.zip.stamp(sharedStrings), styles, this.zip.stamp(styles)].join('|');
  }
}
