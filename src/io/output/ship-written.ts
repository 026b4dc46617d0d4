// Whether ship wrote a workbook as it is, or another program saved it since. ship writes
// six kinds of parts (text-sheet.ts); Excel, WPS, LibreOffice, exceljs and openpyxl all
// add others when they save (docProps/app.xml at least). Only the zip's directory is read,
// and for an import sheet its workbook part.

import yauzl from 'yauzl';

/** The parts ship writes into a workbook (text-sheet.ts). */
const SHIP_PARTS = /^(?:\[Content_Types\]\.xml|_rels\/\.rels|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/sheet\d+\.xml)$/u;

/**
 * Whether a program other than ship saved the workbook: it holds a part ship never
 * writes, or it is no zip at all (saved in another format under the same name, or a
 * file that only has the name).
 */
export function savedByAnotherProgram(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error !== null || zip === undefined) return resolve(true);
      let foreign = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!SHIP_PARTS.test(entry.fileName)) {
          foreign = true;
          zip.close();
          resolve(true);
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(foreign));
      zip.on('error', () => resolve(true));
      zip.readEntry();
    });
  });
}

/** Sheet names in a workbook part: `<sheet name="批量发货" sheetId="1" r:id="rId1"/>`. */
const SHEET_NAME = /<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/gu;

/**
 * Whether the workbook is an import sheet ship wrote, maybe opened and saved since (a
 * merchant looks at it before uploading): written by ship as it is, or one sheet named
 * `sheetName` (批量发货). A 千帆 export saved under an import sheet's name has 包裹详情
 * and more. Anything unreadable counts as no import sheet: it is read, and so guarded.
 */
export async function isImportSheet(path: string, sheetName: string): Promise<boolean> {
  if (!(await savedByAnotherProgram(path))) return true;
  const workbook = await partText(path, 'xl/workbook.xml', 1 << 20);
  if (workbook === undefined) return false;
  const names = [...workbook.matchAll(SHEET_NAME)].map((match) => match[1]);
  return names.length === 1 && names[0] === sheetName;
}

/** One part's text (at most `limit` bytes inflated), or undefined when it cannot be read. */
function partText(path: string, part: string, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error !== null || zip === undefined) return resolve(undefined);
      const done = (text: string | undefined): void => {
        zip.close();
        resolve(text);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== part) return zip.readEntry();
        if (entry.uncompressedSize > limit) return done(undefined);
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) return done(undefined);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', () => done(undefined));
        });
      });
      zip.on('end', () => resolve(undefined));
      zip.on('error', () => resolve(undefined));
      zip.readEntry();
    });
  });
}
