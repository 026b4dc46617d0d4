// Builds small xlsx packages for the reader's tests: real zips (yazl), hand-written parts,
// written to a temp dir. Nothing binary is committed.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';

export type Part = [name: string, content: string | Buffer];

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Zips the parts in the given order (order matters for the "sharedStrings after the sheet" case). */
export function zipParts(parts: readonly Part[], options: { compress?: boolean } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of parts) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name, {
      compress: options.compress ?? true,
      mtime: new Date(2026, 0, 1),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export interface SheetSpec {
  name: string;
  /** The sheet part's file name under xl/worksheets/ (default sheetN.xml in tab order). */
  file?: string;
  /** The whole worksheet XML, or just the inside of <sheetData>. */
  xml: string;
}

export interface BookSpec {
  sheets: SheetSpec[];
  sharedStrings?: string[] | string;
  styles?: string;
  /** Put sharedStrings.xml after the sheets in the zip, as Excel does. Default true. */
  sharedStringsLast?: boolean;
  workbookPr?: string;
}

/** Wraps <sheetData> content into a worksheet. */
export function worksheet(sheetData: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/><sheetData>${sheetData}</sheetData>${extra}</worksheet>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function sharedStringsXml(items: string[]): string {
  const body = items.map((item) => (item.startsWith('<') ? `<si>${item}</si>` : `<si><t xml:space="preserve">${escapeXml(item)}</t></si>`));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${NS}" count="${items.length}" uniqueCount="${items.length}">${body.join('')}</sst>`;
}

export function bookParts(spec: BookSpec): Part[] {
  const sheetFiles = spec.sheets.map((sheet, i) => sheet.file ?? `sheet${i + 1}.xml`);
  const rels = spec.sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="worksheets/${sheetFiles[i]}"/>`,
  );
  if (spec.sharedStrings !== undefined) rels.push(`<Relationship Id="rIdS" Type="${REL_TYPE}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (spec.styles !== undefined) rels.push(`<Relationship Id="rIdT" Type="${REL_TYPE}/styles" Target="styles.xml"/>`);
  const sheetsXml = spec.sheets.map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  const head: Part[] = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}">${spec.workbookPr ?? ''}<sheets>${sheetsXml.join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`],
  ];
  const sheets: Part[] = spec.sheets.map((sheet, i) => [
    `xl/worksheets/${sheetFiles[i]}`,
    sheet.xml.includes('<sheetData') || sheet.xml.includes(':sheetData') ? sheet.xml : worksheet(sheet.xml),
  ]);
  const sst: Part[] =
    spec.sharedStrings === undefined
      ? []
      : [['xl/sharedStrings.xml', typeof spec.sharedStrings === 'string' ? spec.sharedStrings : sharedStringsXml(spec.sharedStrings)]];
  const styles: Part[] = spec.styles === undefined ? [] : [['xl/styles.xml', spec.styles]];
  return spec.sharedStringsLast === false ? [...head, ...sst, ...styles, ...sheets] : [...head, ...sheets, ...styles, ...sst];
}

/** A temp dir for one test file; remove() deletes it. */
export async function tempDir(): Promise<{ dir: string; file: (name: string, data: Buffer) => Promise<string>; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ship-xlsx-'));
  return {
    dir,
    file: async (name, data) => {
      const path = join(dir, name);
      await writeFile(path, data);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
