// An input saved again while ship reads it (a merchant fixes a cell in Excel during a long
// run): the report's copy would be read from the new file while the findings describe the
// old one. The run must refuse, and replace none of the outputs.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateFile } from '../../src/cli/commands/validate-file.js';
import { PROGRESS_EVERY_ROWS } from '../../src/cli/progress.js';
import { defaultFileJob } from '../helpers/file-job.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'ship-changed-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

/** More rows than one progress step, so the job's onRows runs while the file is being read. */
const ROWS = PROGRESS_EVERY_ROWS + 10;

async function writeOrders(name: string): Promise<string> {
  const lines = ['订单号,订单状态,快递公司,快递单号,收件人姓名'];
  for (let i = 0; i < ROWS; i++) lines.push(`P${String(792840050473100000 + i)},待发货,中通快递,7310468${String(2937501 + i).padStart(7, '0')},张**`);
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

describe('an input that changes while it is checked', () => {
  it('is refused when a cell is fixed and saved during the run, and no output is written', async () => {
    const input = await writeOrders('orders.csv');
    // Same size, same rows, one digit of the last number changed: the copy's row check cannot see it.
    const fixCell = () => {
      const text = readFileSync(input, 'utf8');
      const at = text.lastIndexOf('73104');
      writeFileSync(input, `${text.slice(0, at)}83104${text.slice(at + 5)}`);
      utimesSync(input, new Date(), new Date(Date.now() + 5_000));
    };
    await expect(validateFile(await defaultFileJob(input, dir, { onRows: fixCell }))).rejects.toMatchObject({ text: { zh: expect.stringContaining('文件在校验过程中被修改了') } });
    // Not even a temp file: the batch was discarded.
    expect(await readdir(dir)).toEqual(['orders.csv']);
  });

  it('is checked as usual when nothing touches it during the run', async () => {
    const input = await writeOrders('orders.csv');
    const { result } = await validateFile(await defaultFileJob(input, dir, { onRows: () => undefined }));
    expect(result.rows.total).toBe(ROWS);
    expect((await readdir(dir)).sort()).toEqual(['orders.csv', 'orders.import.xlsx', 'orders.report.xlsx']);
  });
});
