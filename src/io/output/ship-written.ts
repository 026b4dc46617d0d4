// Whether ship wrote a workbook as it is, or another program saved it since. ship writes
// six kinds of parts (text-sheet.ts); Excel, WPS, LibreOffice, exceljs and openpyxl all
// add others when they save (docProps/app.xml at least). Only the zip's directory is read,
// and for an import sheet its workbook part.

import yauzl from 'yauzl';

/** The parts ship writes into a workbook (text-sheet.ts). */
const SHIP_PARTS = /^(?:\[Content_Types\]\.xml|_rels\/\.rels|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/sheet\d+\.xml)$/u;

/** What the zip's directory says: a part ship never writes; and the workbook part's text, when asked for. */
interface Inspection {
  foreign: boolean;
  workbook: string | undefined;
}

/** Sheet names in a workbook part: `<sheet name="批量发货" sheetId="1" r:id="rId1"/>`. */
const SHEET_NAME = /<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/gu;
const WORKBOOK_PART = 'xl/workbook.xml';
const LONGEST_WORKBOOK_PART = 1 << 20;

/**
 * One pass over the zip's directory. Without `readWorkbook` it stops at the first foreign
 * part; with it, it reads xl/workbook.xml on the way. Not a zip: foreign, no workbook.
 */
function inspect(path: string, readWorkbook: boolean): Promise<Inspection> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error !== null || zip === undefined) return resolve({ foreign: true, workbook: undefined });
      const found: Inspection = { foreign: false, workbook: undefined };
      let closed = false;
      const done = (): void => {
        if (closed) return;
        closed = true;
        zip.close();
        resolve(found);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!SHIP_PARTS.test(entry.fileName)) {
          found.foreign = true;
          if (!readWorkbook) return done();
        }
        if (!readWorkbook || entry.fileName !== WORKBOOK_PART || entry.uncompressedSize > LONGEST_WORKBOOK_PART) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) return zip.readEntry();
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            found.workbook = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
          stream.on('error', () => zip.readEntry());
        });
      });
      zip.on('end', done);
      zip.on('error', () => {
        found.foreign = true;
        done();
      });
      zip.readEntry();
    });
  });
}

/**
 * Whether a program other than ship saved the workbook: it holds a part ship never
 * writes, or it is no zip at all (saved in another format under the same name, or a
 * file that only has the name).
 */
export async function savedByAnotherProgram(path: string): Promise<boolean> {
  return (await inspect(path, false)).foreign;
}

/**
 * Whether the workbook is an import sheet ship wrote, maybe opened and saved since (a
 * merchant looks at it before uploading): written by ship as it is, or one sheet named
 * `sheetName` (批量发货). A 千帆 export saved under an import sheet's name has 包裹详情
 * and more. Anything unreadable counts as no import sheet: it is read, and so guarded.
 */
export async function isImportSheet(path: string, sheetName: string): Promise<boolean> {
  const { foreign, workbook } = await inspect(path, true);
  if (!foreign) return true;
  if (workbook === undefined) return false;
  const names = [...workbook.matchAll(SHEET_NAME)].map((match) => match[1]);
  return names.length === 1 && names[0] === sheetName;
}
