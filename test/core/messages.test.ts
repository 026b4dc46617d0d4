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
    expect(renderMessage(finding('missing-tracking-number', 5, { args: { carrier: '中通快递' } }), 'zh').hint).toBe('补上快递单号，或从打单软件重新导出');
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
    expect(renderMessage(withRecipients, 'zh').message).toBe('单号与第 2 行重复，且收件人不同（第 2 行是订单 P1）');
    expect(renderMessage(without, 'zh').message).toBe('单号与第 2 行重复（第 2 行是订单 P1）');
    expect(renderMessage(without, 'en').message).toBe('Same tracking number as row 2 (row 2 is order P1)');
    expect(renderMessage(shipped, 'zh').message).toBe('单号与第 2 行重复，且收件人不同（第 2 行是订单 P1，已发货未签收）');
    expect(renderMessage(shipped, 'en').message).toBe('Same tracking number as row 2, with a different recipient (row 2 is order P1, 已发货未签收)');
  });

  it('asks about a near carrier name as a question, and says the number also fits it', () => {
    const found = finding('unknown-carrier', 5, { value: '顺风快递', args: { carrier: '顺风快递', suggestions: '顺丰速运、顺丰快运', fits: '顺丰速运' } });
    expect(renderMessage(found, 'zh').hint).toBe('是不是「顺丰速运」或「顺丰快运」？该单号也符合顺丰速运的格式。请改成 ship 认识的快递公司名称（运行 ship carriers 查看）');
    expect(renderMessage(found, 'en').hint).toBe('Did you mean "顺丰速运" or "顺丰快运"? The number also fits 顺丰速运. Use a carrier name ship knows (run `ship carriers` to see them)');
    const noSuggestion = finding('unknown-carrier', 5, { value: 'XX', args: { carrier: 'XX', suggestions: '', fits: '中通快递' } });
    expect(renderMessage(noSuggestion, 'zh').hint).toBe('该单号符合中通快递的格式。请改成 ship 认识的快递公司名称（运行 ship carriers 查看）');
  });

  it('says first how late an order is, then the deadline and where it comes from', () => {
    const late = finding('ship-overdue', 5, { args: { deadline: '2026-11-22 23:31', hours: 10.5, minutes: 629, source: 'promised' } });
    expect(renderMessage(late, 'zh').message).toBe('已超过发货时限 10.5 小时（2026-11-22 23:31，承诺发货时间）');
    expect(renderMessage(late, 'en').message).toBe('10.5 h past the ship-by time (2026-11-22 23:31, promised ship-by time (承诺发货时间))');
    expect(CODE_TITLE['ship-overdue'].zh).toBe('已超过发货时限');
  });

  it('documents every finding code in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const code of FINDING_CODES) expect(readme, code).toContain(`\`${code}\``);
  });
});
