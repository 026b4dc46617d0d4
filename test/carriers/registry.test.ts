import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/carriers/load.js';
import { CarrierRegistry, RulesError, isRetired } from '../../src/carriers/registry.js';

const registry = CarrierRegistry.builtIn();
const ids = (carriers: readonly { id: string }[]) => carriers.map((c) => c.id);

describe('resolve', () => {
  it.each([
    ['顺丰速运', 'sf'],
    ['顺丰 速运', 'sf'],
    ['ＳＦ', 'sf'],
    ['sf express', 'sf'],
    ['shunfeng', 'sf'],
    ['中通速递', 'zto'],
    ['ZTO', 'zto'],
    ['zto', 'zto'],
    ['  圆通速递 ', 'yto'],
    ['j&t express', 'jt'],
    ['ＪＴ', 'jt'],
    ['jtexpress', 'jt'],
    ['邮政快递包裹', 'chinapost'],
    ['youzhengguonei', 'chinapost'],
    ['邮政ＥＭＳ', 'ems'],
    ['德邦物流', 'deppon'],
    ['debangwuliu', 'deppon'],
    ['百世汇通', 'best'],
    ['丹鸟', 'cainiao'],
  ])('resolves %s to %s', (name, id) => {
    expect(registry.resolve(name)?.id).toBe(id);
  });

  it('does not guess: unknown or empty names resolve to nothing', () => {
    expect(registry.resolve('顺风')).toBeUndefined();
    expect(registry.resolve('  ')).toBeUndefined();
    expect(registry.resolve('中邮')).toBeUndefined();
  });
});

describe('suggest', () => {
  it.each([
    ['中通快地', 'zto'],
    ['顺风', 'sf'],
    ['yunda express', 'yunda'],
    ['yunda expres', 'yunda'],
    ['顺丰速运公司', 'sf'],
    ['中通快递（加盟）', 'zto'],
    ['申通快递有限公司', 'sto'],
    ['京东快迪', 'jd'],
  ])('suggests %s → %s first', (name, id) => {
    expect(registry.suggest(name)[0]?.id).toBe(id);
  });

  it('returns at most `limit` carriers', () => {
    expect(registry.suggest('中通快地', 1).map((c) => c.id)).toEqual(['zto']);
  });

  it('suggests nothing for gibberish or for a name made only of generic words', () => {
    expect(registry.suggest('xqzv')).toEqual([]);
    expect(registry.suggest('快递')).toEqual([]);
    expect(registry.suggest('物流公司')).toEqual([]);
  });
});

describe('detect', () => {
  it('ranks 顺丰速运 first for a legacy 12-digit number whose SF check digit passes', () => {
    const detections = registry.detect('304312442386');
    expect(detections[0]).toMatchObject({ carrier: { id: 'sf' }, strength: 'checksum', format: { id: 'sf-12' } });
    // Every rule that takes any 12 digits still shows up, after SF.
    expect(ids(detections.map((d) => d.carrier))).toEqual(expect.arrayContaining(['ane', 'yimidida', 'uc', 'yto']));
  });

  it('names 顺丰速运 first for SF1385628716739', () => {
    expect(registry.detect('SF1385628716739')[0]?.carrier.displayName).toBe('顺丰速运');
  });

  it('orders by strength, then current before legacy, then id', () => {
    const strengths = registry.detect('444010688260').map((d) => d.strength);
    expect(strengths[0]).toBe('checksum');
    expect(strengths.indexOf('digit-prefix')).toBeLessThan(strengths.indexOf('length-only'));
    const lengthOnly = registry.detect('444010688260').filter((d) => d.strength === 'length-only');
    const statuses = lengthOnly.map((d) => d.format.status);
    expect(statuses).toEqual([...statuses].sort());
    const currentIds = lengthOnly.filter((d) => d.format.status === 'current').map((d) => d.carrier.id);
    expect(currentIds).toEqual([...currentIds].sort());
  });

  it('returns nothing for a number no carrier accepts', () => {
    expect(registry.detect('HELLO')).toEqual([]);
  });
});

describe('check', () => {
  it('accepts a current SF number as valid without a check digit', () => {
    expect(registry.check('sf', 'SF1385628716739')).toMatchObject({ kind: 'valid', byChecksum: false, format: { id: 'sf-15' } });
  });

  it('accepts a legacy 12-digit SF number as legacy', () => {
    expect(registry.check('sf', '304312442386')).toMatchObject({ kind: 'legacy', format: { id: 'sf-12' } });
  });

  it('rejects an SF number declared as 中通 and names 顺丰速运 among the fits', () => {
    const outcome = registry.check('zto', 'SF1385628716739');
    expect(outcome.kind).toBe('mismatch');
    if (outcome.kind === 'mismatch') expect(outcome.fits.map((d) => d.carrier.displayName)).toContain('顺丰速运');
  });

  it('never lists the declared carrier among the fits of a mismatch', () => {
    const outcome = registry.check('yunda', '773277027280336');
    expect(outcome.kind).toBe('mismatch');
    if (outcome.kind === 'mismatch') expect(ids(outcome.fits.map((d) => d.carrier))).not.toContain('yunda');
  });

  it('rejects a 12-digit SF number whose check digit fails, even though the shape fits', () => {
    expect(registry.check('sf', '118650888018')).toMatchObject({ kind: 'check-digit', format: { id: 'sf-12' } });
  });

  it('rejects a China Post S10 number with a wrong check digit', () => {
    expect(registry.check('chinapost', 'RR123456789CN')).toMatchObject({ kind: 'check-digit', format: { id: 'chinapost-s10' } });
  });

  it('rejects a JD package barcode and suggests its waybill', () => {
    expect(registry.check('jd', 'JD0093356842901-2-3-')).toEqual({ kind: 'package-barcode', waybill: 'JD0093356842901', owner: registry.get('jd') });
  });

  it('accepts an EMS number declared as 邮政快递包裹 as the partner’s, with a warning', () => {
    expect(registry.check('chinapost', '1136281381675')).toMatchObject({ kind: 'partner', partner: { id: 'ems' }, format: { id: 'ems-13' } });
  });

  it('accepts a 邮政 parcel number declared as EMS as the partner’s', () => {
    expect(registry.check('ems', '9893442769997')).toMatchObject({ kind: 'partner', partner: { id: 'chinapost' } });
  });

  it('accepts a J&T number declared as 百世快递 as the partner’s', () => {
    expect(registry.check('best', 'JT3002232682242')).toMatchObject({ kind: 'partner', partner: { id: 'jt' } });
  });

  it('accepts a plausible number for 菜鸟速递 as unverified, with the reason', () => {
    const outcome = registry.check('cainiao', '621123456789012');
    expect(outcome.kind).toBe('unverified');
    if (outcome.kind === 'unverified') expect(outcome.reason).toContain('carriers.md');
  });

  it.each([
    ['1234567', 'too short'],
    ['1'.repeat(31), 'too long'],
    ['CN12345678#9', 'a character no tracking number has'],
  ])('rejects %s for 菜鸟速递 all the same (%s)', (number) => {
    expect(registry.check('cainiao', number).kind).toBe('mismatch');
  });

  it('rejects a 1x number under 邮政快递包裹 whose EMS-13 check digit fails, and says the rule is EMS’s', () => {
    // carriers.md §2.9/§3.2: the two postal brands share the 1x numbering; 1240921381750, labelled 邮政快递包裹, passes EMS-13.
    expect(registry.check('chinapost', '1136281391675')).toMatchObject({ kind: 'check-digit', format: { id: 'ems-13' }, owner: { id: 'ems' } });
    expect(registry.check('sf', '118650888018')).toMatchObject({ kind: 'check-digit', owner: { id: 'sf' } });
  });

  it('rejects a JD package barcode whichever carrier is declared, naming JD as its owner', () => {
    // JDVA00024194366-1-5-: dms-etms WaybillUtil test data (carriers.md §2.2).
    expect(registry.check('zto', 'JDVA00024194366-1-5-')).toMatchObject({ kind: 'package-barcode', waybill: 'JDVA00024194366', owner: { id: 'jd' } });
    expect(registry.check('jd-freight', 'JDVA00024194366-1-5-')).toMatchObject({ kind: 'package-barcode', waybill: 'JDVA00024194366', owner: { id: 'jd' } });
    expect(registry.check('cainiao', 'JD0093356842901-2-3-')).toMatchObject({ kind: 'package-barcode', waybill: 'JD0093356842901' });
  });

  it('accepts a JD waybill declared as 京东快运 as the partner’s (carriers.md §1 lists 京东快运 in the JD row, no format of its own)', () => {
    expect(registry.check('jd-freight', 'JDVA00024194366')).toMatchObject({ kind: 'partner', partner: { id: 'jd' }, format: { id: 'jd-15' } });
  });
});

describe('check: carriers without a known format', () => {
  // Real numbers: SF1385628716739 and JT5261988016578 from BF-zh/Courier-Validation tests (carriers.md §2.1, §2.7),
  // YT9383342193097 from kuaidi100-api/java-demo (§2.4), LX299455986CN a China EMS ePacket (§2.8), 73610555582883 a ZTO
  // number from BF-zh (§2.3). Each of these letter-prefix formats is confirmed and no other carrier's format takes them.
  it.each([
    ['cainiao', 'SF1385628716739', 'sf'],
    ['zhongyou', 'JT5261988016578', 'jt'],
    ['sf-freight', 'YT9383342193097', 'yto'],
    ['chinapost-biaokuai', 'SF1385628716739', 'sf'],
    ['cainiao', 'LX299455986CN', 'chinapost'],
    ['jd-freight', 'DPK202252612836', 'deppon'],
  ])('rejects a number only another carrier issues: %s + %s is %s’s', (declared, number, owner) => {
    expect(registry.check(declared, number)).toMatchObject({ kind: 'other-carrier', fit: { carrier: { id: owner } } });
  });

  it('only warns for a number that fits another carrier by digits alone, and names that carrier', () => {
    const outcome = registry.check('jd-freight', '73610555582883');
    expect(outcome.kind).toBe('unverified');
    if (outcome.kind === 'unverified') expect(ids(outcome.fits.map((d) => d.carrier))[0]).toBe('zto');
  });

  it('names a carrier whose check digit passes, but does not name the carriers any 12 digits fit', () => {
    // 304312442386: a real 12-digit SF number that passes SF-12 (carriers.md §3.3).
    const outcome = registry.check('cainiao', '304312442386');
    expect(outcome.kind).toBe('unverified');
    if (outcome.kind === 'unverified') expect(ids(outcome.fits.map((d) => d.carrier))).toEqual(['sf']);
  });

  it('does not borrow a partner’s check digit to reject a number: it warns and says whose digit fails', () => {
    // 1100000000029 has the EMS-13 shape and a wrong check digit; 邮政电商标快 has no rule of its own (xhs-platform.md §3.2).
    expect(registry.check('chinapost-biaokuai', '1100000000029')).toMatchObject({ kind: 'unverified', failedCheck: { carrier: { id: 'ems' }, format: { id: 'ems-13' } } });
    // 304312442401 is the real SF number 304312442400 with its check digit changed; nothing says 顺丰快运 uses SF-12 (carriers.md §2.1, C).
    expect(registry.check('sf-freight', '304312442401')).toMatchObject({ kind: 'unverified', failedCheck: { carrier: { id: 'sf' }, format: { id: 'sf-12' } } });
    // The unchanged numbers fit the partner and are accepted as the partner's.
    expect(registry.check('chinapost-biaokuai', '1136281381675')).toMatchObject({ kind: 'partner', partner: { id: 'ems' } });
    expect(registry.check('sf-freight', '304312442400')).toMatchObject({ kind: 'partner', partner: { id: 'sf' } });
  });

  it('says which carrier a number starts like when its length fits no one', () => {
    expect(registry.check('cainiao', 'SF12345678')).toMatchObject({ kind: 'unverified', fits: [], rival: { how: 'prefix', prefix: 'SF', carrier: { id: 'sf' } } });
  });
});

describe('check: a legacy fit that another carrier claims more strongly', () => {
  it('notes that a 13-digit number under 韵达 also passes the EMS-13 check digit', () => {
    // 1136281381675: a real EMS number (carriers.md §3.2); 韵达's 13-digit legacy rule takes any 13 digits (§2.5).
    expect(registry.check('yunda', '1136281381675')).toMatchObject({ kind: 'legacy', format: { id: 'yunda-13' }, rival: { how: 'fits', carrier: { id: 'ems' }, format: { id: 'ems-13' } } });
  });

  it('notes that SF1234567890 under 圆通 starts with SF, though it is no SF number', () => {
    // 圆通's legacy rule takes any two characters before 10 digits (Taobao, carriers.md §2.4).
    expect(registry.check('yto', 'SF1234567890')).toMatchObject({ kind: 'legacy', format: { id: 'yto-12' }, rival: { how: 'prefix', prefix: 'SF', carrier: { id: 'sf' } } });
  });

  it.each([
    ['yunda', '4311159956248', 'real Yunda legacy (carriers.md §2.5); 申通 takes 4… by a digit prefix only'],
    ['yto', '820182839908', 'real YTO legacy (uuk020/logistics#9, carriers.md §2.4)'],
    ['deppon', '9473736974', 'real Deppon legacy (carriers.md §2.10); DHL’s mod 7 is international and left out'],
    ['sf', '304312442386', 'real SF legacy; nothing beats its own check digit'],
  ])('leaves %s + %s without a rival (%s)', (carrierId, number) => {
    const outcome = registry.check(carrierId, number);
    expect(outcome.kind).toBe('legacy');
    if (outcome.kind === 'legacy') expect(outcome.rival).toBeUndefined();
  });
});

describe('check: a fit on a loose rule is accepted as unspecific, not as valid', () => {
  // Real numbers from hive-UDF (carriers.md §2.11): 202197601431 中通快运, 300527476792 安能, 106027097895 壹米滴答;
  // 900043100394 优速 (idx:41611754766). Each carrier's only rule is any 12 digits.
  it.each([
    ['zto-freight', '202197601431'],
    ['ane', '300527476792'],
    ['yimidida', '106027097895'],
    ['uc', '900043100394'],
  ])('%s + %s rests on the length alone', (carrierId, number) => {
    expect(registry.check(carrierId, number)).toEqual({ kind: 'unspecific', format: expect.objectContaining({ specificity: 'length-only' }) });
  });

  it('still says a length-only fit that another carrier’s check digit claims, and keeps the number', () => {
    // 304312442400: a real SF number that passes SF-12 (carriers.md §3.3); 1 number in 10 does by chance.
    expect(registry.check('zto-freight', '304312442400')).toMatchObject({ kind: 'unspecific', rival: { how: 'fits', carrier: { id: 'sf' }, format: { id: 'sf-12' } } });
  });

  it('gives a legacy length-only fit its one legacy answer, not a second one (韵达 4311159956248, 天天 669696824735)', () => {
    expect(registry.check('yunda', '4311159956248')).toEqual({ kind: 'legacy', format: expect.objectContaining({ id: 'yunda-13' }) });
    expect(registry.check('tiantian', '669696824735')).toEqual({ kind: 'legacy', format: expect.objectContaining({ id: 'tiantian-12' }) });
  });

  it('accepts a length-only format with a passed check digit as valid: the digit is evidence', () => {
    // FedEx Express's 12 digits are length-only, but its real numbers pass its mod-11 check digit.
    const [fedexNumber] = registry.get('fedex')!.formats.find((f) => f.id === 'fedex-12')!.test.valid;
    expect(registry.check('fedex', fedexNumber!.number)).toMatchObject({ kind: 'valid', byChecksum: true });
  });

  it.each([
    ['442345678901234', '44'],
    ['350123456789012', '35'],
    ['409876543210987', '40'],
  ])('accepts 韵达 %s (prefix %s, not among 31/42/43/46) on the wider rule and names the narrower one', (number) => {
    expect(registry.check('yunda', number)).toMatchObject({ kind: 'unspecific', format: { id: 'yunda-15-wide' }, widens: { id: 'yunda-15' } });
  });

  it('keeps the real 韵达 numbers on the confident rule (463431409940372, BF-zh; 462598779470531, hive-UDF)', () => {
    for (const number of ['463431409940372', '462598779470531']) expect(registry.check('yunda', number)).toMatchObject({ kind: 'valid', format: { id: 'yunda-15' } });
  });

  it.each([
    ['773277027280336', 'a real 申通 number (BF-zh, carriers.md §2.6)', ['sto', 'fedex']],
    ['542345678901234', 'starts with 5', []],
    ['44234567890123', '14 digits', []],
  ])('still rejects 韵达 + %s (%s), naming who it fits', (number, _why, fits) => {
    const outcome = registry.check('yunda', number);
    expect(outcome.kind).toBe('mismatch');
    if (outcome.kind === 'mismatch') expect(ids(outcome.fits.map((d) => d.carrier))).toEqual(fits);
  });

  it('rejects a number on the wider rule when another carrier’s confident format takes it', () => {
    // A --rules carrier whose 15-digit numbers starting 4 carry a domestic check digit.
    const patched = withOverrides(registry,
      { carriers: [{ id: 'acme', displayName: '极速达', names: ['极速达快递'], formats: [{ id: 'acme-15', name: '15 digits starting 4, mod 10', pattern: '^(?<serial>4\\d{13})(?<check>\\d)$', status: 'current', confidence: 'confirmed', specificity: 'digit-prefix', checksum: { name: 'mod10', evensMultiplier: 3, oddsMultiplier: 1 }, source: 'test' }] }] },
      'rules.json',
    );
    const numbers = Array.from({ length: 10 }, (_, digit) => `44234567890123${digit}`);
    const passing = numbers.find((number) => patched.check('acme', number).kind === 'valid')!;
    const failing = numbers.find((number) => patched.check('acme', number).kind !== 'valid')!;
    expect(patched.check('yunda', passing)).toMatchObject({ kind: 'mismatch', fits: [{ carrier: { id: 'acme' } }] });
    expect(patched.check('yunda', failing)).toMatchObject({ kind: 'unspecific', format: { id: 'yunda-15-wide' } });
  });
});

describe('check: a retired carrier (every format legacy) is never a rival', () => {
  it('knows 百世快递 and 天天快递 as retired, and no carrier with a current format', () => {
    const retired = registry.all().filter(isRetired).map((c) => c.id);
    expect(retired).toEqual(['best', 'tiantian']);
  });

  it('still lists 百世快递 among what 中通 + 70123456789012 fits: the answer stays honest, the hint decides', () => {
    expect(registry.check('zto', '70123456789012')).toMatchObject({ kind: 'mismatch', fits: [{ carrier: { id: 'best' }, format: { id: 'best-14' } }] });
  });

  it('names no retired carrier as the rival of a legacy fit, even with a confirmed letter prefix', () => {
    const format = { id: 'best-bx', name: 'BX + 10 digits', pattern: '^BX\\d{10}$', confidence: 'confirmed', specificity: 'letter-prefix', source: 'test' };
    const retired = withOverrides(registry, { carriers: [{ id: 'best', formats: [{ ...format, status: 'legacy' }] }] }, 'rules.json');
    const current = withOverrides(registry, { carriers: [{ id: 'best', formats: [{ ...format, status: 'current' }] }] }, 'rules.json');
    // 圆通's legacy rule takes any two characters before 10 digits (carriers.md §2.4).
    expect(retired.check('yto', 'BX1234567890')).toEqual({ kind: 'legacy', format: expect.objectContaining({ id: 'yto-12' }) });
    expect(current.check('yto', 'BX1234567890')).toMatchObject({ kind: 'legacy', rival: { carrier: { id: 'best' } } });
  });
});

describe('check: errors', () => {
  it('throws for a carrier id it does not know', () => {
    expect(() => registry.check('nope', 'SF1385628716739')).toThrow(RangeError);
  });
});

describe('withOverrides', () => {
  const extra = {
    carriers: [
      {
        id: 'shunxin',
        displayName: '顺心捷达',
        names: ['顺心捷达', '顺心'],
        codes: { kuaidi100: 'sxjdfreight' },
        formats: [
          {
            id: 'shunxin-12',
            name: '12 digits',
            pattern: '^\\d{12}$',
            status: 'current',
            confidence: 'inferred',
            specificity: 'length-only',
            source: 'my own labels',
          },
        ],
      },
    ],
  };

  it('adds a carrier with a new id', () => {
    const patched = withOverrides(registry, extra, 'rules.json');
    expect(patched.resolve('顺心')?.id).toBe('shunxin');
    // Its only rule fixes the length: accepted with a warning, as the built-in 12-digit rules are.
    expect(patched.check('shunxin', '123456789012').kind).toBe('unspecific');
    expect(patched.origins).toEqual(['built-in carriers.json', 'rules.json']);
    expect(registry.get('shunxin')).toBeUndefined();
  });

  it('replaces the formats of an existing carrier and keeps its other fields', () => {
    const patched = withOverrides(
      registry,
      {
        version: 'shop-1',
        carriers: [
          {
            id: 'cainiao',
            formats: [
              {
                id: 'cainiao-621',
                name: '621 + 12 digits',
                pattern: '^621\\d{12}$',
                status: 'current',
                confidence: 'single-source',
                specificity: 'digit-prefix',
                source: 'our own 菜鸟 labels',
              },
            ],
          },
        ],
      },
      'rules.json',
    );
    expect(patched.version).toBe(`${registry.version}+shop-1`);
    expect(patched.get('cainiao')?.displayName).toBe('菜鸟速递');
    expect(patched.get('cainiao')?.noKnownFormat).toBeUndefined();
    expect(patched.resolve('丹鸟')?.id).toBe('cainiao');
    expect(patched.check('cainiao', '621123456789012').kind).toBe('valid');
    expect(patched.check('cainiao', '999123456789012').kind).toBe('mismatch');
  });

  it('names the override file and field when an override breaks a rule', () => {
    const broken = structuredClone(extra);
    broken.carriers[0]!.names.push('中通');
    try {
      withOverrides(registry, broken, 'rules.json');
      throw new Error('expected a RulesError');
    } catch (error) {
      expect(error).toBeInstanceOf(RulesError);
      expect(error).toMatchObject({ origin: 'rules.json', path: 'carriers[0].names[2]' });
    }
  });

  it('requires a new carrier to be complete', () => {
    expect(() => withOverrides(registry, { carriers: [{ id: 'half', names: ['半个'] }] }, 'rules.json')).toThrow(/carriers\[0\]\.displayName/);
  });
});
