import { describe, expect, it } from 'vitest';
import { makeChalk, wantsColor } from '../../src/cli/color.js';
import { createProgress, isInteractive } from '../../src/cli/progress.js';

describe('colour choice', () => {
  const tty = { env: {}, isTTY: true, flag: undefined };

  it('colours a terminal and nothing else', () => {
    expect(wantsColor(tty)).toBe(true);
    expect(wantsColor({ ...tty, isTTY: false })).toBe(false);
    expect(wantsColor({ ...tty, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('honours NO_COLOR (chalk does not), unless it is empty', () => {
    expect(wantsColor({ ...tty, env: { NO_COLOR: '1' } })).toBe(false);
    expect(wantsColor({ ...tty, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('honours FORCE_COLOR in a pipe, and FORCE_COLOR=0 in a terminal', () => {
    expect(wantsColor({ ...tty, isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(wantsColor({ ...tty, env: { FORCE_COLOR: '0' } })).toBe(false);
  });

  it('lets --color / --no-color win over the environment', () => {
    expect(wantsColor({ flag: true, isTTY: false, env: { NO_COLOR: '1' } })).toBe(true);
    expect(wantsColor({ flag: false, isTTY: true, env: { FORCE_COLOR: '3' } })).toBe(false);
  });

  it('makes a chalk that writes no escape codes when colour is off', () => {
    expect(makeChalk(false).red('x')).toBe('x');
    expect(makeChalk(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('progress', () => {
  it('is drawn only on an interactive terminal outside CI', () => {
    expect(isInteractive({ isTTY: true, write: () => true }, {})).toBe(true);
    expect(isInteractive({ isTTY: false, write: () => true }, {})).toBe(false);
    expect(isInteractive({ isTTY: true, write: () => true }, { CI: 'true' })).toBe(false);
    expect(isInteractive({ isTTY: true, write: () => true }, { TERM: 'dumb' })).toBe(false);
  });

  it('redraws one line and clears it, and writes nothing when disabled', () => {
    let written = '';
    const progress = createProgress((text) => (written += text), true, 'en');
    progress.file(0, 2, 'a.xlsx');
    progress.clear();
    expect(written).toBe('\r\u001b[Kchecking 1/2 a.xlsx\r\u001b[K');
    written = '';
    const silent = createProgress((text) => (written += text), false, 'en');
    silent.file(0, 1, 'a.xlsx');
    silent.clear();
    expect(written).toBe('');
  });

  it('shows a file name\'s control characters as visible stand-ins instead of sending them to the terminal', () => {
    let written = '';
    createProgress((text) => (written += text), true, 'en').file(0, 1, 'a\u001b[2J\u0007.xlsx');
    expect(written).toBe('\r\u001b[Kchecking 1/1 a␛[2J␇.xlsx');
  });

  it('adds the rows read so far to the file line, for large files', () => {
    let written = '';
    const progress = createProgress((text) => (written += text), true, 'zh');
    progress.file(0, 1, 'big.xlsx');
    progress.rows(40_000);
    expect(written.split('\r\u001b[K').at(-1)).toBe('校验 1/1 big.xlsx · 40,000 行');
    written = '';
    createProgress((text) => (written += text), false, 'zh').rows(40_000);
    expect(written).toBe('');
  });
});
