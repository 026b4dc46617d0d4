import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, expandPattern, segmentMatcher } from '../../src/cli/inputs.js';

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ship-glob-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('glob patterns', () => {
  const cwd = tree(['exports/b.xlsx', 'exports/a.xlsx', 'exports/A1.csv', 'exports/.~lock.a.xlsx#', 'exports/.hidden.xlsx', 'exports/old/c.xlsx', 'exports/old/deep/d.xlsx', 'exports/sub.xlsx/e.xlsx', 'exports/.git/f.xlsx', 'exports/~$a.xlsx', 'x*y.xlsx']);

  it('matches * and ? within one folder, sorted, files only, hidden and Office owner files left out', async () => {
    expect(await expandPattern('exports/*.xlsx', cwd)).toEqual(['exports/a.xlsx', 'exports/b.xlsx']);
    expect(await expandPattern('exports/?.xlsx', cwd)).toEqual(['exports/a.xlsx', 'exports/b.xlsx']);
    expect(await expandPattern('exports/*', cwd)).toEqual(['exports/A1.csv', 'exports/a.xlsx', 'exports/b.xlsx']);
    expect(await expandPattern('exports/.*', cwd)).toEqual(['exports/.hidden.xlsx', 'exports/.~lock.a.xlsx#']);
    expect(await expandPattern('exports/~$*', cwd)).toEqual(['exports/~$a.xlsx']);
  });

  it('matches ** as any number of folders, including none, without entering hidden folders', async () => {
    expect(await expandPattern('exports/**/*.xlsx', cwd)).toEqual([
      'exports/a.xlsx',
      'exports/b.xlsx',
      'exports/old/c.xlsx',
      'exports/old/deep/d.xlsx',
      'exports/sub.xlsx/e.xlsx',
    ]);
    expect(await expandPattern('*/old/*/*.xlsx', cwd)).toEqual(['exports/old/deep/d.xlsx']);
  });

  it('matches a trailing ** as every file below, like **/*', async () => {
    expect(await expandPattern('exports/old/**', cwd)).toEqual(['exports/old/c.xlsx', 'exports/old/deep/d.xlsx']);
    expect(await expandPattern('exports/**', cwd)).toEqual(await expandPattern('exports/**/*', cwd));
  });

  it('works with absolute patterns', async () => {
    expect(await expandPattern(join(cwd, 'exports', '*.csv'), cwd)).toEqual([join(cwd, 'exports', 'A1.csv').split('\\').join('/')]);
  });

  it('turns only * and ? into wildcards', () => {
    expect(segmentMatcher('a[1].xlsx', false).test('a[1].xlsx')).toBe(true);
    expect(segmentMatcher('a+b.*', false).test('a+b.csv')).toBe(true);
    expect(segmentMatcher('*.xlsx', false).test('a.xlsx.bak')).toBe(false);
  });
});

describe('input arguments', () => {
  const cwd = tree(['exports/a.xlsx', 'exports/b.xlsx', 'x*y.xlsx']);

  it('expands in argument order, drops a file named twice, and reports a pattern that matched nothing', async () => {
    expect(await expandInputs(['exports/b.xlsx', 'exports/*.xlsx', 'none/*.csv', './exports/a.xlsx'], cwd)).toEqual([
      { kind: 'file', input: 'exports/b.xlsx' },
      { kind: 'file', input: 'exports/a.xlsx' },
      { kind: 'no-match', pattern: 'none/*.csv' },
    ]);
  });

  it('checks a file once when a symlinked folder or a hard link names it again', async () => {
    const dir = tree(['exports/a.xlsx']);
    symlinkSync('exports', join(dir, 'again'));
    linkSync(join(dir, 'exports', 'a.xlsx'), join(dir, 'exports', 'hard.xlsx'));
    expect(await expandInputs(['exports/a.xlsx', 'again/a.xlsx', 'exports/hard.xlsx'], dir)).toEqual([{ kind: 'file', input: 'exports/a.xlsx' }]);
  });

  it('keeps an existing file whose name has a *, and passes a missing plain file on to fail when read', async () => {
    expect(await expandInputs(['x*y.xlsx', 'missing.xlsx'], cwd)).toEqual([
      { kind: 'file', input: 'x*y.xlsx' },
      { kind: 'file', input: 'missing.xlsx' },
    ]);
  });
});

describe("ship's own outputs among the inputs", () => {
  const cwd = tree(['exports/a.xlsx', 'exports/a.import.xlsx', 'exports/a.import.part2.xlsx', 'exports/a.report.xlsx', 'exports/a.report.edited-20261126-190507.xlsx', 'exports/b.csv', 'exports/b.report.csv', 'exports/c.report.xlsx', 'other/a.import.xlsx']);

  it('sets apart the import sheets and reports of another input in the same folder, whether a pattern or the shell found them', async () => {
    const expected = [
      { kind: 'own-output', input: 'exports/a.import.part2.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'own-output', input: 'exports/a.import.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'own-output', input: 'exports/a.report.edited-20261126-190507.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'own-output', input: 'exports/a.report.xlsx', of: join(cwd, 'exports/a.xlsx') },
      { kind: 'file', input: 'exports/a.xlsx' },
      // A report whose export is not in the run is what a merchant re-checks after fixing it.
      { kind: 'file', input: 'exports/c.report.xlsx' },
    ];
    expect(await expandInputs(['exports/*.xlsx'], cwd)).toEqual(expected);
    const shellExpanded = expected.map((arg) => arg.input);
    expect(await expandInputs(shellExpanded, cwd)).toEqual(expected);
    expect(await expandInputs(['exports/b.csv', 'exports/b.report.csv'], cwd)).toEqual([
      { kind: 'file', input: 'exports/b.csv' },
      { kind: 'own-output', input: 'exports/b.report.csv', of: join(cwd, 'exports/b.csv') },
    ]);
  });

  it('knows the outputs of the second of two exports named alike (a.xlsx and a.csv write a.* and a-2.*)', async () => {
    const alike = tree(['a.xlsx', 'a.csv', 'a.import.xlsx', 'a-2.import.xlsx', 'a-2.report.xlsx', 'a-3.report.xlsx']);
    const found = await expandInputs(['*'], alike);
    expect(found.filter((arg) => arg.kind === 'file').map((arg) => arg.input)).toEqual(['a-3.report.xlsx', 'a.csv', 'a.xlsx']);
  });

  // a-2.xlsx takes the stem a-2 first (files run in name order), so a.csv writes a.* and a.xlsx a-3.*.
  it('follows the stems the run hands out when an export is itself named like a numbered stem', async () => {
    const numbered = tree(['a.xlsx', 'a.csv', 'a-2.xlsx', 'a-2.import.xlsx', 'a.import.xlsx', 'a-3.import.xlsx', 'a-3.report.xlsx']);
    const found = await expandInputs(['*'], numbered);
    expect(found.filter((arg) => arg.kind === 'file').map((arg) => arg.input)).toEqual(['a-2.xlsx', 'a.csv', 'a.xlsx']);
    expect(found.find((arg) => arg.input === 'a-3.report.xlsx')).toMatchObject({ kind: 'own-output', of: join(numbered, 'a.xlsx') });
  });

  it('knows the outputs a run with --out-dir wrote into a folder the pattern reaches', async () => {
    const nested = tree(['exports/a.xlsx', 'exports/b.xlsx', 'exports/checked/a.import.xlsx', 'exports/checked/a.report.xlsx', 'exports/checked/b.report.edited-20261126-190507.xlsx', 'exports/checked/c.report.xlsx']);
    const found = await expandInputs(['exports/**/*.xlsx'], nested, 'exports/checked');
    expect(found.filter((arg) => arg.kind === 'file').map((arg) => arg.input)).toEqual(['exports/a.xlsx', 'exports/b.xlsx', 'exports/checked/c.report.xlsx']);
    // Without --out-dir those files are no outputs of this run's exports.
    expect((await expandInputs(['exports/**/*.xlsx'], nested)).filter((arg) => arg.kind === 'file')).toHaveLength(6);
  });

  it('keeps a file named like an output when its export is in another folder or not in the run', async () => {
    expect(await expandInputs(['exports/a.xlsx', 'other/a.import.xlsx'], cwd)).toEqual([
      { kind: 'file', input: 'exports/a.xlsx' },
      { kind: 'file', input: 'other/a.import.xlsx' },
    ]);
    expect(await expandInputs(['exports/a.report.xlsx'], cwd)).toEqual([{ kind: 'file', input: 'exports/a.report.xlsx' }]);
  });
});
