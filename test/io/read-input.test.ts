import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInput } from '../../src/io/read-input.js';
import { DEFAULT_READ_LIMITS, type SheetRow } from '../../src/io/table.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ship-input-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every row below the header, in the order openInput hands them up. */
async function rowsBelow(content: string, headerRow?: number): Promise<{ headerRow: number; rows: SheetRow[] }> {
  const path = join(dir, `in-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, content);
  const opened = await openInput(path, { limits: DEFAULT_READ_LIMITS, headerRow });
  try {
    const rows: SheetRow[] = [];
    for await (const batch of opened.rows) rows.push(...batch);
    return { headerRow: opened.headerRow, rows };
  } finally {
    await opened.close();
  }
}

const HEADER = '订单号,快递公司,快递单号\n';
const data = (count: number) => Array.from({ length: count }, (_, i) => `P${i},中通快递,7${String(i).padStart(13, '0')}\n`).join('');

describe('openInput', () => {
  // The header search reads the first rows of a batch; the rest of that batch must follow, once.
  it('hands up every row below a header found inside the first batch, once and in order', async () => {
    const { headerRow, rows } = await rowsBelow('导出时间 2026-11-19\n\n' + HEADER + data(3000));
    expect(headerRow).toBe(3);
    expect(rows).toHaveLength(3000);
    expect(rows.map((row) => row.row)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 4));
  });

  it('hands up every row below a forced header row', async () => {
    const { headerRow, rows } = await rowsBelow('x\n' + HEADER + data(50), 2);
    expect(headerRow).toBe(2);
    expect(rows[0]?.row).toBe(3);
    expect(rows).toHaveLength(50);
  });
});
