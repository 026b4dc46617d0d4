// The small parts that say where everything is: relationships (_rels/*.rels) and the
// sheet list of xl/workbook.xml. Sheets are found through relationships, never by
// guessing sheetN.xml: Excel renumbers files independently of the sheet order.

import { readAttrs, XmlScanner, type XmlHandler } from './xml-scan.js';

export interface Relationship {
  id: string;
  /** The relationship type URI, e.g. …/relationships/worksheet (Transitional or Strict). */
  type: string;
  /** The target part name, resolved against the source part (no leading slash). */
  target: string;
  external: boolean;
}

export class RelationshipsParser implements XmlHandler {
  readonly capturing = false;
  readonly relationships: Relationship[] = [];
  private readonly scanner = new XmlScanner(['Relationship'], this);

  constructor(private readonly sourcePart: string) {}

  write(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): void {
    this.scanner.end();
  }

  open(_id: number, s: string, from: number, to: number): void {
    const a = readAttrs(s, from, to);
    const external = a.get('TargetMode') === 'External';
    const target = a.get('Target') ?? '';
    this.relationships.push({
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: external ? target : resolveTarget(this.sourcePart, target),
      external,
    });
  }

  close(): void {}
  text(): void {}
}

/** True if the relationship type URI names `kind` ("worksheet", "sharedStrings", …) in any schema version. */
export function relationshipIs(rel: Relationship, kind: string): boolean {
  return !rel.external && rel.type.endsWith('/' + kind);
}

export interface SheetEntry {
  name: string;
  relationshipId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export class WorkbookPartParser implements XmlHandler {
  readonly capturing = false;
  readonly sheets: SheetEntry[] = [];
  /** Serial numbers count from 1904-01-01 instead of 1900-01-00 (old Mac workbooks). */
  date1904 = false;
  /** The part's root is a <workbook>: a Word or PowerPoint package renamed .xlsx has a <document> or <presentation>. */
  isWorkbook = false;
  private readonly scanner = new XmlScanner(['sheets', 'sheet', 'workbookPr', 'workbook'], this);
  private inSheets = false;

  write(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): void {
    this.scanner.end();
  }

  open(id: number, s: string, from: number, to: number): void {
    if (id === 0) this.inSheets = true;
    else if (id === 1 && this.inSheets) {
      const a = readAttrs(s, from, to);
      const state = a.get('state');
      this.sheets.push({
        name: a.get('name') ?? '',
        relationshipId: a.get('id') ?? '', // r:id, whatever the prefix
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      });
    } else if (id === 2) {
      const flag = readAttrs(s, from, to).get('date1904');
      this.date1904 = flag === '1' || flag === 'true';
    } else if (id === 3) {
      this.isWorkbook = true;
    }
  }

  close(id: number): void {
    if (id === 0) this.inSheets = false;
  }

  text(): void {}
}

/** The .rels part that belongs to `part`: xl/workbook.xml → xl/_rels/workbook.xml.rels; '' → _rels/.rels. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * Resolves a relationship target against its source part (OPC §9.3): "worksheets/sheet1.xml"
 * from xl/workbook.xml is xl/worksheets/sheet1.xml, "/xl/x.xml" is absolute, "../" climbs.
 */
export function resolveTarget(sourcePart: string, target: string): string {
  let path = target.replace(/\\/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    // not percent-encoded after all: use as written
  }
  const base = path.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}
