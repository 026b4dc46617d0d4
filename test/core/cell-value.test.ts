// plainCodeText is readCodeCell without the reading object: for every cell it answers,
// the answer must be readCodeCell's, with nothing readCodeCell would have reported.
import { describe, expect, it } from 'vitest';
import { plainCodeText, readCodeCell } from '../../src/core/cell-value.js';
import type { FieldName } from '../../src/core/finding.js';
import type { Cell } from '../../src/core/sheet.js';

const texts = ['', ' ', '73610555582883', ' 73610555582883 ', 'SF1385628716739', 'sf 1385 6287', '=SUM(A1)', '+86138', '-123', '@x', '＝1', '＋1', '－1', '＠1',
  '7.73277E+14', '7.73277e+14', '7.7 E+14', 'E+', '中通快递', ' 中通快递', '中通快递\u3000', '\ufeff中通', 'JD0001234567890-1-1-', "'SF1385628716739", '\t73610555582883', '-', '—', '－－', ' – '];
const cells: (Cell | undefined)[] = [undefined];
for (const text of texts) {
  cells.push({ text, type: 'string' }, { text, type: 'string', formula: true }, { text, type: 'number' }, { text, type: 'error' }, { text, type: 'date' }, { text, type: 'boolean' });
}

describe('plainCodeText', () => {
  for (const field of ['carrier', 'trackingNumber'] as FieldName[]) {
    it(`agrees with readCodeCell on every ${field} cell it answers, and answers plain string cells`, () => {
      for (const cell of cells) {
        const plain = plainCodeText(cell, field);
        const reading = readCodeCell(cell, 2, field);
        if (plain === undefined) continue;
        expect({ text: plain, findings: [], unusable: false }, JSON.stringify(cell)).toEqual(reading);
      }
      expect(plainCodeText({ text: ' 73610555582883 ', type: 'string' }, field)).toBe('73610555582883');
      expect(plainCodeText({ text: '中通快递', type: 'string' }, field)).toBe('中通快递');
      expect(plainCodeText(undefined, field)).toBe('');
    });
  }

  it('leaves to readCodeCell every cell it has something to say about', () => {
    for (const text of ['=SUM(A1)', '+86138', '-123', '＠1', '7.73277E+14']) expect(plainCodeText({ text, type: 'string' }, 'trackingNumber')).toBeUndefined();
    expect(plainCodeText({ text: '73610555582883', type: 'number' }, 'trackingNumber')).toBeUndefined();
    expect(plainCodeText({ text: '中通快递', type: 'string', formula: true }, 'carrier')).toBeUndefined();
    expect(plainCodeText({ text: '#N/A', type: 'error' }, 'carrier')).toBeUndefined();
  });
});
