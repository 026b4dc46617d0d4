import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, finding } from '../../src/core/finding.js';
import { CODE_TITLE, renderMessage } from '../../src/core/messages.js';
import { ROOT } from '../helpers/cli.js';

const SAMPLE_ARGS = { carrier: '中通快递', fits: '顺丰速运', suggestions: '顺丰速运', number: 'SF1385628716739', status: '已取消', digits: 15, error: '#N/A', characters: '号', format: 'SF 12', formatZh: '顺丰 12 位', owner: '顺丰速运', fit: '顺丰速运', partner: 'EMS', waybill: 'JD0093356842901', first: 'SF1', firstRow: 2, firstOrderId: 'P1', rows: '3', recipientKnown: 1 };

describe('message catalogue', () => {
  it.each(FINDING_CODES)('%s has a message, a hint and a title in Chinese and English', (code) => {
    const found = finding(code, 5, { value: 'SF1385628716739', args: SAMPLE_ARGS });
    for (const lang of ['zh', 'en'] as const) {
      const { message, hint } = renderMessage(found, lang);
      expect(message.trim().length).toBeGreaterThan(3);
      expect(hint.trim().length).toBeGreaterThan(3);
      expect(message).not.toContain('undefined');
      expect(CODE_TITLE[code][lang].length).toBeGreaterThan(1);
    }
    expect(renderMessage(found, 'zh').message).toMatch(/[\u4e00-\u9fff]/);
  });

  // What the export shows for an order shipped without a parcel; "fill in the number" or "use a carrier name" would send the merchant the wrong way.
  it('says what 无物流发货 is instead of asking for a number or another carrier name', () => {
    for (const code of ['unknown-carrier', 'missing-tracking-number'] as const) {
      const found = finding(code, 5, { args: { carrier: '无物流发货' } });
      expect(renderMessage(found, 'zh').hint).toMatch(/^「无物流发货」不是快递公司，ship 没有单号可以核对，不会把这单放进导入表/);
      expect(renderMessage(found, 'en').hint).toContain('leaves the order out of the import sheet');
    }
    expect(renderMessage(finding('missing-tracking-number', 5, { args: { carrier: '中通快递' } }), 'zh').hint).toBe('补上快递单号，或从面单打印工具重新导出');
  });

  it('says which carrier the number fits when declaring the wrong one', () => {
    const found = finding('tracking-format', 5, { value: 'SF1385628716739', args: { carrier: '中通快递', fits: '顺丰速运' } });
    expect(renderMessage(found, 'zh').hint).toBe('该单号符合顺丰速运的格式，请确认快递公司是否应为顺丰速运');
    expect(renderMessage(found, 'en').hint).toBe('The number fits 顺丰速运; check whether the carrier should be 顺丰速运');
  });

  it('claims a different recipient only when the sheet has recipients, and names the state of a shipped first order', () => {
    const withRecipients = finding('duplicate-tracking-number', 5, { args: { firstRow: 2, firstOrderId: 'P1', recipientKnown: 1 } });
    const without = finding('duplicate-tracking-number', 5, { args: { firstRow: 2, firstOrderId: 'P1', recipientKnown: 0 } });
    const shipped = finding('duplicate-tracking-number', 5, { args: { firstRow: 2, firstOrderId: 'P1', recipientKnown: 1, firstStatus: '已发货未签收' } });
    expect(renderMessage(withRecipients, 'zh').message).toBe('快递单号与第 2 行（订单 P1）重复，且收件人不同');
    expect(renderMessage(without, 'zh').message).toBe('快递单号与第 2 行（订单 P1）重复');
    expect(renderMessage(without, 'en').message).toBe('Same tracking number as row 2 (order P1)');
    expect(renderMessage(shipped, 'zh').message).toBe('快递单号与第 2 行（订单 P1，已发货未签收）重复，且收件人不同');
    expect(renderMessage(shipped, 'en').message).toBe('Same tracking number as row 2 (order P1, 已发货未签收), with a different recipient');
  });

  it('documents every finding code in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const code of FINDING_CODES) expect(readme, code).toContain(`\`${code}\``);
  });
});
