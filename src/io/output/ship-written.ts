// Whether ship wrote a workbook as it is, or another program saved it since. ship writes
// six kinds of parts (text-sheet.ts); Excel, WPS, LibreOffice, exceljs and openpyxl all
// add others when they save (docProps/app.xml at least). Only the zip's directory is read.

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
