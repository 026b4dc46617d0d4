// What a merchant sees for a (快递公司, 快递单号) pair the rules cannot simply accept:
// the finding code, whether the order is imported, and the message in both languages.
// Real numbers and where they come from: SF1385628716739, JT5261988016578 (BF-zh/Courier-Validation
// tests, carriers.md §2.1, §2.7), YT9383342193097 (kuaidi100-api/java-demo, §2.4), 73610555582883
// (BF-zh ZTO test, §2.3), JDVA00024194366 and its package barcode JDVA00024194366-1-5- (JD's
// dms-etms WaybillUtil tests, §2.2), 1136281381675 (EMS, passes EMS-13, §3.2), 304312442400 (SF
// legacy, passes SF-12, §3.3). Numbers with a changed digit say so where they are used.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/carriers/load.js';
import { CarrierRegistry } from '../../src/carriers/registry.js';
import { FINDING_SEVERITY, finding, type Finding } from '../../src/core/finding.js';
import { renderMessage } from '../../src/core/messages.js';
import { checkPair, fitNames } from '../../src/core/tracking-check.js';
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
    // 百世快递's 14 digits take it too, but 百世 is retired into 极兔: no carrier to name.
    expect(seen.zh.message).toBe('京东快运没有公开的单号规则，无法校验单号格式；这个单号符合中通速递的格式');
    expect(seen.zh.hint).toBe('请确认快递公司是否应为中通速递；确实是京东快运的单号时可以忽略');
    expect(seen.en.message).toBe('京东快运 has no published number format; the number was not checked. It fits 中通速递');
  });

  it('keeps the plain warning when nothing else fits', () => {
    const seen = ship('菜鸟', '621123456789012');
    expect(seen).toMatchObject({ code: 'tracking-unverified-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('菜鸟速递没有公开的单号规则，无法校验单号格式');
    expect(seen.zh.hint).toBe('请对照面单核对单号；确认无误可以忽略这条警告');
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
    expect(seen.zh.message).toBe('单号「1136281391675」校验位不对，很可能抄错了一位（EMS：1 开头的 13 位数字，带 EMS 校验位）');
    expect(seen.zh.hint).toBe('这类单号按同一集团的EMS的规则校验；请对照面单逐位核对单号');
  });

  it('names the declared carrier’s own rule for its own check digit', () => {
    const seen = ship('顺丰', '304312442401');
    expect(seen).toMatchObject({ code: 'tracking-check-digit', imported: false });
    expect(seen.zh.message).toBe('单号「304312442401」校验位不对，很可能抄错了一位（顺丰速运：12 位数字，带顺丰校验位）');
    expect(seen.zh.hint).toBe('对照面单逐位核对单号');
    expect(seen.en.message).toBe('The check digit of "304312442401" is wrong: probably one digit is mistyped (顺丰速运: 12 digits with the SF-12 check digit)');
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

describe('a number that passes only a loose rule', () => {
  // 202197601431: a real 中通快运 number (hive-UDF, carriers.md §2.11); 中通快运's only rule is any 12 digits.
  it('imports 中通快运 + 202197601431 with a warning that only the length was checked', () => {
    const seen = ship('中通快运', '202197601431');
    expect(seen).toMatchObject({ code: 'tracking-unspecific-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('单号「202197601431」符合中通快运的单号格式（12 位数字），但这个格式只规定位数，只能核对长度');
    expect(seen.zh.hint).toBe('请对照面单确认单号没有抄错，快递公司确实是中通快运');
    expect(seen.en.message).toBe('"202197601431" fits the 中通快运 format (12 digits), but that format fixes only the length: only the length could be checked');
    expect(seen.en.hint).toBe('Check the number against the waybill, and that the carrier really is 中通快运');
  });

  it.each([
    ['安能', '300527476792'],
    ['壹米滴答', '106027097895'],
    ['优速', '518452465794'],
  ])('warns the same way for %s + %s (real numbers, carriers.md §2.11)', (carrier, number) => {
    expect(ship(carrier, number)).toMatchObject({ code: 'tracking-unspecific-format', severity: 'warning', imported: true });
  });

  it('says so when another carrier’s check digit also passes (304312442400, a real SF legacy number)', () => {
    const seen = ship('中通快运', '304312442400');
    expect(seen).toMatchObject({ code: 'tracking-unspecific-format', imported: true });
    expect(seen.zh.message).toBe('单号「304312442400」符合中通快运的单号格式（12 位数字），但这个格式只规定位数，只能核对长度；它也符合顺丰速运的格式（12 位数字，带顺丰校验位）');
    expect(seen.zh.hint).toBe('请确认快递公司是否应为顺丰速运；确实是中通快运的面单时可以忽略');
  });

  it('keeps one legacy warning for a legacy length-only number: 韵达 4311159956248 (carriers.md §2.5)', () => {
    expect(ship('韵达', '4311159956248')).toMatchObject({ code: 'tracking-legacy-format', severity: 'warning', imported: true });
  });

  it('imports 韵达 + 442345678901234 (prefix 44) with a warning that the prefix is not among those seen', () => {
    const seen = ship('韵达', '442345678901234');
    expect(seen).toMatchObject({ code: 'tracking-unspecific-format', severity: 'warning', imported: true });
    expect(seen.zh.message).toBe('单号「442345678901234」符合韵达速递的宽泛规则（3 或 4 开头的 15 位数字），但不在已知的号段里（31、42、43、46 开头的 15 位数字）');
    expect(seen.zh.hint).toBe('可能是新号段：请对照面单核对单号；确实是韵达速递的面单时可以忽略');
    expect(seen.en.message).toBe('"442345678901234" fits the wider 韵达速递 rule (15 digits starting 3 or 4) but none of the prefixes seen on real numbers (15 digits starting 31/42/43/46)');
  });

  it('passes a real 韵达 number on a known prefix without a finding (463431409940372, BF-zh)', () => {
    const { columns, rows } = sheet(HEADER, [[order(1), '待配货', '韵达', '463431409940372', ...ALICE]]);
    expect(validateRows(rows, { registry, columns }).findings).toEqual([]);
  });

  it('still rejects the 申通 number 773277027280336 under 韵达 and names 申通', () => {
    const seen = ship('韵达', '773277027280336');
    expect(seen).toMatchObject({ code: 'tracking-format', severity: 'error', imported: false });
    expect(seen.zh.hint).toBe('该单号符合申通快递、FedEx的格式，请确认快递公司是否应为申通快递');
  });

  it('still rejects 韵达 + 542345678901234: 15 digits starting 5 fit no 韵达 rule', () => {
    expect(ship('韵达', '542345678901234')).toMatchObject({ code: 'tracking-format', imported: false });
  });
});

describe('a retired carrier in hints', () => {
  it('does not tell a merchant to switch 中通 + 70123456789012 to 百世快递, and says it looks like an old 百世 number', () => {
    const seen = ship('中通', '70123456789012');
    expect(seen).toMatchObject({ code: 'tracking-format', severity: 'error', imported: false });
    expect(seen.zh.message).toBe('单号「70123456789012」不符合中通速递的单号格式');
    expect(seen.zh.hint).toBe('单号像百世快递的旧单号（6 或 7 开头的 14 位数字），百世快递已不再使用这种单号；请对照面单核对单号是否抄错、少位或多位');
    expect(seen.en.hint).toBe('It looks like an old 百世快递 number (14 digits starting 6 or 7), a format no longer issued; check the number against the waybill for typos and missing or extra digits');
    expect(`${seen.zh.hint} ${seen.en.hint}`).not.toMatch(/应为百世|should be 百世/);
  });

  it('says the same of 天天快递, whose formats are all legacy (TT6600236034657, a real 天天 number, carriers.md §2.11)', () => {
    const seen = ship('中通', 'TT6600236034657');
    expect(seen).toMatchObject({ code: 'tracking-format', imported: false });
    expect(seen.zh.hint).toBe('单号像天天快递的旧单号（TT 加 13 位数字），天天快递已不再使用这种单号；请对照面单核对单号是否抄错、少位或多位');
  });

  it('names the current carriers a number fits and leaves the retired ones out, wherever they rank', () => {
    // 73610555582883 (a real 中通 number, BF-zh) fits 中通速递 and 百世快递's 14 digits; put 百世 first.
    const detections = [...registry.detect('73610555582883')].reverse();
    expect(detections.map((d) => d.carrier.id)).toEqual(['best', 'zto']);
    expect(fitNames(detections)).toBe('中通速递');
  });

  it('suggests no retired carrier for a number without a carrier', () => {
    const { columns, rows } = sheet(HEADER, [[order(1), '待配货', '', '70007163899904', ...ALICE]]);
    const [found] = validateRows(rows, { registry, columns }).findings;
    expect(found).toMatchObject({ code: 'missing-carrier', args: { fits: '' } });
  });
});

describe('format names never cross languages', () => {
  const formats = registry.all().flatMap((carrier) => carrier.formats.map((format) => ({ carrier, format })));
  const render = (found: Finding) => ({ zh: renderMessage(found, 'zh'), en: renderMessage(found, 'en') });

  it.each(formats.map(({ carrier, format }) => [format.id, carrier, format] as const))('%s: the Chinese messages carry nameZh only, the English ones name only', (_, carrier, format) => {
    const named = {
      format: format.name, formatZh: format.nameZh!, checkFormat: format.name, checkFormatZh: format.nameZh!, rivalFormat: format.name, rivalFormatZh: format.nameZh!,
      narrowFormat: format.name, narrowFormatZh: format.nameZh!, retiredFormat: format.name, retiredFormatZh: format.nameZh!,
    };
    const args = { carrier: carrier.displayName, owner: carrier.displayName, fit: carrier.displayName, checkOwner: carrier.displayName, rival: carrier.displayName, retired: carrier.displayName, fits: '', ...named };
    for (const code of ['tracking-legacy-format', 'tracking-check-digit', 'tracking-other-carrier', 'tracking-unverified-format', 'tracking-unspecific-format', 'tracking-format'] as const) {
      const { zh, en } = render(finding(code, 2, { value: 'X', args }));
      expect(`${zh.message} ${zh.hint}`, code).not.toContain(format.name);
      expect(`${en.message} ${en.hint}`, code).not.toContain(format.nameZh);
    }
    const { zh } = render(finding('tracking-legacy-format', 2, { value: 'X', args }));
    expect(zh.message).toContain(format.nameZh);
  });

  it('uses a --rules format’s name in Chinese messages when it gives no nameZh', () => {
    const custom = withOverrides(
      registry,
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
