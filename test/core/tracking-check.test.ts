// What a merchant sees for a (快递公司, 快递单号) pair the rules cannot simply accept:
// the finding code, whether the order is imported, and the message in both languages.
// Real numbers and where they come from: SF1385628716739, JT5261988016578 (BF-zh/Courier-Validation
// tests, carriers.md §2.1, §2.7), YT9383342193097 (kuaidi100-api/java-demo, §2.4), 73610555582883
// (BF-zh ZTO test, §2.3), JDVA00024194366 and its package barcode JDVA00024194366-1-5- (JD's
// dms-etms WaybillUtil tests, §2.2), 1136281381675 (EMS, passes EMS-13, §3.2), 304312442400 (SF
// legacy, passes SF-12, §3.3). Numbers with a changed digit say so where they are used.
import { describe, expect, it } from 'vitest';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import { FINDING_SEVERITY, finding, type Finding } from '../../src/core/finding.js';
import { renderMessage } from '../../src/core/messages.js';
import { checkPair } from '../../src/core/tracking-check.js';
import { validateRows } from '../../src/core/validate.js';
import { ALICE, HEADER, order, sheet } from '../helpers/sheet.js';

const registry = CarrierRegistry.builtIn();

/** One order with this carrier and number: its findings, rendered, and whether it was imported. */
function ship(carrier: string, number: string) {
  const { columns, rows } = sheet(HEADER, [[order(1), '待配货', carrier, number, ...ALICE]]);
  const result = validateRows(rows, { registry, columns });
  const [found, ...more] = result.findings;
  expect(more).toEqual([]);
  expect(found).toBeDefined();
  return {
    code: found!.code,
    severity: found!.severity,
    imported: result.imports.length === 1,
    zh: renderMessage(found!, 'zh'),
    en: renderMessage(found!, 'en'),
  };
}

describe('a carrier without a known format, and a number only another carrier issues', () => {
  it('rejects SF1385628716739 declared as 菜鸟 and says it is a 顺丰速运 number', () => {
    const seen = ship('菜鸟', 'SF1385628716739');
    expect(seen).toMatchObject({ code: 'tracking-other-carrier', severity: 'error', imported: false });
    expect(seen.zh.message).toBe('单号「SF1385628716739」是顺丰速运的单号（SF 加 13 位数字），填写的快递公司却是菜鸟速递');
    expect(seen.zh.hint).toBe('菜鸟速递没有公开的单号规则，但这种单号只有顺丰速运使用：请确认快递公司是否应为顺丰速运，或单号是否填错了行');
    expect(seen.en.message).toBe('"SF1385628716739" fits 顺丰速运 (SF + 13 digits), a format no other carrier uses, but the carrier is 菜鸟速递');
  });

  it.each([
    ['众邮快递', 'JT5261988016578', '极兔速递'],
    ['顺丰快运', 'YT9383342193097', '圆通速递'],
    ['邮政标快', 'SF1385628716739', '顺丰速运'],
  ])('rejects %s + %s and names %s', (carrier, number, owner) => {
    const seen = ship(carrier, number);
    expect(seen).toMatchObject({ code: 'tracking-other-carrier', severity: 'error', imported: false });
    expect(seen.zh.message).toContain(`是${owner}的单号`);
  });

  it('imports a number that fits another carrier by its digits only, with a warning that names that carrier', () => {
    const seen = ship('京东快运', '73610555582883');
    expect(seen).toMatchObject({ code: 'tracking-unverified-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('京东快运没有公开的单号规则，无法校验单号格式；这个单号符合中通速递、百世快递的格式');
    expect(seen.zh.hint).toBe('请确认快递公司是否应为中通速递；确实是京东快运的单号时可以忽略');
    expect(seen.en.message).toBe('京东快运 has no published number format; the number was not checked. It fits 中通速递、百世快递');
  });

  it('keeps the plain warning when nothing else fits', () => {
    const seen = ship('菜鸟', '621123456789012');
    expect(seen).toMatchObject({ code: 'tracking-unverified-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('菜鸟速递没有公开的单号规则，无法校验单号格式');
    expect(seen.zh.hint).toBe('请人工核对单号；如果你知道规则，可用 --rules 补充');
  });

  it('rejects a JD package barcode under 京东快运 and gives the waybill', () => {
    const seen = ship('京东快运', 'JDVA00024194366-1-5-');
    expect(seen).toMatchObject({ code: 'tracking-package-barcode', severity: 'error', imported: false });
    expect(seen.zh.message).toBe('「JDVA00024194366-1-5-」是京东快递的包裹号，不是运单号');
    expect(seen.zh.hint).toBe('请填写运单号「JDVA00024194366」');
  });

  it('rejects a JD package barcode under 中通 and says to change the carrier as well', () => {
    const seen = ship('中通', 'JDVA00024194366-1-5-');
    expect(seen).toMatchObject({ code: 'tracking-package-barcode', imported: false });
    expect(seen.zh.hint).toBe('请填写运单号「JDVA00024194366」，并把快递公司改为京东快递');
    expect(seen.en.hint).toBe('Use the waybill number "JDVA00024194366", with 京东快递 as the carrier');
  });

  it('imports a JD waybill under 京东快运 with the partner warning', () => {
    const seen = ship('京东快运', 'JDVA00024194366');
    expect(seen).toMatchObject({ code: 'tracking-partner-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('单号是京东快递的格式，填写的快递公司是京东快运');
  });
});

describe('a partner’s check digit', () => {
  it('only warns for 邮政电商标快 + an EMS-shaped number whose check digit fails, and says whose check it is', () => {
    // 1100000000029: 13 digits starting 11, EMS-13 check digit wrong.
    const seen = ship('邮政电商标快', '1100000000029');
    expect(seen).toMatchObject({ code: 'tracking-unverified-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('邮政电商标快没有公开的单号规则，无法校验单号格式；单号像EMS的单号（1 开头的 13 位数字，带 EMS 校验位），但校验位对不上');
    expect(seen.zh.hint).toBe('请对照面单核对快递公司和单号；确实是邮政电商标快的单号时可以忽略');
    expect(seen.en.message).toBe('邮政电商标快 has no published number format; the number was not checked. It has the shape of EMS numbers (13 digits 1x with EMS-13 check digit), but its check digit is wrong');
  });

  it('only warns for 顺丰快运 + 12 digits failing the SF-12 check (304312442400 with its last digit changed)', () => {
    const seen = ship('顺丰快运', '304312442401');
    expect(seen).toMatchObject({ code: 'tracking-unverified-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toContain('单号像顺丰速运的单号（12 位数字，带顺丰校验位），但校验位对不上');
  });

  it('still rejects a 1x number under 邮政快递包裹 that fails EMS-13, naming EMS’s rule (1136281381675 with one digit changed)', () => {
    const seen = ship('邮政快递包裹', '1136281391675');
    expect(seen).toMatchObject({ code: 'tracking-check-digit', severity: 'error', imported: false });
    expect(seen.zh.message).toBe('单号「1136281391675」的校验位不对（按EMS「1 开头的 13 位数字，带 EMS 校验位」的规则），很可能抄错了一位');
    expect(seen.zh.hint).toBe('这类单号按同一网络的EMS的规则校验；请对照面单逐位核对单号');
  });

  it('names the declared carrier’s own rule for its own check digit', () => {
    const seen = ship('顺丰', '304312442401');
    expect(seen).toMatchObject({ code: 'tracking-check-digit', imported: false });
    expect(seen.zh.message).toBe('单号「304312442401」的校验位不对（按顺丰速运「12 位数字，带顺丰校验位」的规则），很可能抄错了一位');
    expect(seen.zh.hint).toBe('对照面单逐位核对单号');
    expect(seen.en.message).toBe('The check digit of "304312442401" is wrong (顺丰速运 rule: 12 digits with the SF-12 check digit): probably one digit is mistyped');
  });
});

describe('a legacy format in the language of the message', () => {
  it('names an SF legacy number’s format in Chinese, and in English with --lang en', () => {
    const seen = ship('顺丰', '304312442400');
    expect(seen).toMatchObject({ code: 'tracking-legacy-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('单号是顺丰速运的旧格式（12 位数字，带顺丰校验位）');
    expect(seen.en.message).toBe('The number has an older 顺丰速运 format (12 digits with the SF-12 check digit)');
  });

  it('says a 13-digit number under 韵达 also passes EMS’s check digit', () => {
    const seen = ship('韵达', '1136281381675');
    expect(seen).toMatchObject({ code: 'tracking-legacy-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('单号是韵达速递的旧格式（13 位数字），但它也符合EMS的格式（1 开头的 13 位数字，带 EMS 校验位）');
    expect(seen.zh.hint).toBe('请确认快递公司是否应为EMS；确实是韵达速递的旧面单时可以忽略');
    expect(seen.en.message).toBe('The number has an older 韵达速递 format (13 digits), but it also fits EMS (13 digits 1x with EMS-13 check digit)');
  });

  it('says SF1234567890 under 圆通 starts like a 顺丰速运 number', () => {
    const seen = ship('圆通', 'SF1234567890');
    expect(seen).toMatchObject({ code: 'tracking-legacy-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('单号是圆通速递的旧格式（2 位字母或数字加 10 位数字），但它以 SF 开头，像是顺丰速运的单号');
    expect(seen.zh.hint).toBe('顺丰速运的单号是SF 加 13 位数字；请核对快递公司和单号；确实是圆通速递的旧面单时可以忽略');
  });

  it('keeps the plain legacy warning for a real 韵达 legacy number (4311159956248, carriers.md §2.5)', () => {
    const seen = ship('韵达', '4311159956248');
    expect(seen.zh.message).toBe('单号是韵达速递的旧格式（13 位数字）');
    expect(seen.zh.hint).toBe('旧格式单号仍可能有效，请确认是刚打印的面单');
  });
});

describe('format names never cross languages', () => {
  const formats = registry.all().flatMap((carrier) => carrier.formats.map((format) => ({ carrier, format })));
  const render = (found: Finding) => ({ zh: renderMessage(found, 'zh'), en: renderMessage(found, 'en') });

  it.each(formats.map(({ carrier, format }) => [format.id, carrier, format] as const))('%s: the Chinese messages carry nameZh only, the English ones name only', (_, carrier, format) => {
    const named = { format: format.name, formatZh: format.nameZh!, checkFormat: format.name, checkFormatZh: format.nameZh!, rivalFormat: format.name, rivalFormatZh: format.nameZh! };
    const args = { carrier: carrier.displayName, owner: carrier.displayName, fit: carrier.displayName, checkOwner: carrier.displayName, rival: carrier.displayName, fits: '', ...named };
    for (const code of ['tracking-legacy-format', 'tracking-check-digit', 'tracking-other-carrier', 'tracking-unverified-format'] as const) {
      const { zh, en } = render(finding(code, 2, { value: 'X', args }));
      expect(`${zh.message} ${zh.hint}`, code).not.toContain(format.name);
      expect(`${en.message} ${en.hint}`, code).not.toContain(format.nameZh);
    }
    const { zh } = render(finding('tracking-legacy-format', 2, { value: 'X', args }));
    expect(zh.message).toContain(format.nameZh);
  });

  it('uses a --rules format’s name in Chinese messages when it gives no nameZh', () => {
    const custom = registry.withOverrides(
      { carriers: [{ id: 'acme', displayName: '极速达', names: ['极速达快递'], formats: [{ id: 'acme-15', name: 'JSD 加 12 位', pattern: '^JSD\\d{12}$', status: 'legacy', confidence: 'inferred', specificity: 'letter-prefix', source: '面单' }] }] },
      'rules.json',
    );
    const found: Finding[] = [];
    checkPair('极速达', 'JSD123456789012', { registry: custom, carrierRow: 2, numberRow: 2 }, found);
    expect(found.map((f) => f.code)).toEqual(['tracking-legacy-format']);
    expect(renderMessage(found[0]!, 'zh').message).toBe('单号是极速达的旧格式（JSD 加 12 位）');
  });

  it('makes tracking-other-carrier an error', () => {
    expect(FINDING_SEVERITY['tracking-other-carrier']).toBe('error');
  });
});
