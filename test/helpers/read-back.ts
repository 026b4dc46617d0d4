// Reading a written workbook back with ship's own reader, for tests of what ship wrote.
import type { SheetRow } from '../../src/core/sheet.js';
import { DEFAULT_READ_LIMITS } from '../../src/io/table.js';
import { openWorkbook } from '../../src/io/xlsx/workbook.js';

/** Every row of the batches a reader yields, in order. */
export async function collectRows(batches: AsyncIterable<readonly SheetRow[]>): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

/** The rows of one sheet of the workbook at `path`, by index or by name. */
export async function readRowsWithShip(path: string, sheet: number | string): Promise<SheetRow[]> {
  const book = await openWorkbook(path, DEFAULT_READ_LIMITS);
  try {
    const index = typeof sheet === 'number' ? sheet : book.sheets.findIndex((s) => s.name === sheet);
    return await collectRows(book.readRows(index));
  } finally {
    await book.close();
  }
}
