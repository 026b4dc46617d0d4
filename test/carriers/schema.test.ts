import { describe, expect, it } from 'vitest';
import { isAnchored } from '../../src/carriers/pattern.js';
import { loadRules } from '../../src/carriers/load.js';
import { CarrierRegistry, RulesError } from '../../src/carriers/registry.js';

/** A minimal valid rules file; each test breaks one thing in a copy. */
function rules() {
  return {
    version: 'test',
    carriers: [
      {
        id: 'alpha',
        displayName: '阿尔法快递',
        names: ['阿尔法', 'Alpha'],
        codes: { kuaidi100: 'alpha' },
        formats: [
          {
            id: 'alpha-s10',
            name: 'S10',
            pattern: '^[A-Z]{2}(?<serial>\\d{8})(?<check>\\d)CN$',
            status: 'current',
            confidence: 'confirmed',
            specificity: 'letter-prefix',
            checksum: { name: 's10' },
            source: 'test',
          },
        ],
      },
      {
        id: 'beta',
        displayName: '贝塔快递',
        names: ['贝塔'],
        formats: [],
        noKnownFormat: 'none known',
      },
    ],
  };
}

function loadError(data: unknown): RulesError {
  try {
    loadRules(data, 'my-rules.json');
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  throw new Error('expected a RulesError');
}

describe('loading a rules file', () => {
  it('loads a well-formed file and applies defaults', () => {
    const registry = loadRules(rules(), 'my-rules.json');
    expect(registry.get('beta')).toMatchObject({ partners: [], codes: {} });
    expect(registry.get('alpha')?.formats[0]?.test).toEqual({ valid: [], invalid: [] });
  });

  it('rejects an unknown check-digit algorithm and names the path to it', () => {
    const data = rules();
    (data.carriers[0]!.formats[0]!.checksum as { name: string }).name = 'luhn';
    const error = loadError(data);
    expect(error.path).toBe('carriers[0].formats[0].checksum.name');
    expect(error.origin).toBe('my-rules.json');
    expect(error.message).toContain('my-rules.json: carriers[0].formats[0].checksum.name');
  });

  it('rejects a check-digit algorithm given a parameter it does not take', () => {
    const data = rules();
    Object.assign(data.carriers[0]!.formats[0]!.checksum, { weights: [1, 2] });
    expect(loadError(data).path).toBe('carriers[0].formats[0].checksum');
  });

  it('rejects a pattern that is not anchored at both ends', () => {
    const data = rules();
    data.carriers[0]!.formats[0]!.pattern = '[A-Z]{2}(?<serial>\\d{8})(?<check>\\d)CN';
    expect(loadError(data).path).toBe('carriers[0].formats[0].pattern');
  });

  it('rejects a top-level alternation, which leaves each branch open on one side', () => {
    const data = rules();
    data.carriers[0]!.formats[0]!.pattern = '^VIP(?<serial>\\d{8})(?<check>\\d)|V\\d{11}$';
    expect(loadError(data).path).toBe('carriers[0].formats[0].pattern');
  });

  it('rejects a pattern that does not compile', () => {
    const data = rules();
    data.carriers[0]!.formats[0]!.pattern = '^(?<serial>\\d{8}(?<check>\\d)$';
    expect(loadError(data).message).toContain('does not compile');
  });

  it('rejects a checksum format whose pattern does not say where the check digit is', () => {
    const data = rules();
    data.carriers[0]!.formats[0]!.pattern = '^[A-Z]{2}(?<serial>\\d{8})\\dCN$';
    const error = loadError(data);
    expect(error.path).toBe('carriers[0].formats[0].pattern');
    expect(error.message).toContain('(?<check>');
  });

  it('rejects an alias that two carriers claim, even written differently', () => {
    const data = rules();
    data.carriers[1]!.names.push(' ALPHA ');
    const error = loadError(data);
    expect(error.path).toBe('carriers[1].names[1]');
    expect(error.message).toContain('alpha');
  });

  it('allows the same alias twice within one carrier', () => {
    const data = rules();
    data.carriers[0]!.names.push('阿尔法快递', 'ALPHA');
    expect(() => loadRules(data, 'my-rules.json')).not.toThrow();
  });

  it('rejects duplicate carrier ids', () => {
    const data = rules();
    data.carriers[1]!.id = 'alpha';
    expect(loadError(data).path).toBe('carriers[1].id');
  });

  it('rejects a partner that is not a carrier', () => {
    const data = rules();
    Object.assign(data.carriers[1]!, { partners: ['gamma'] });
    expect(loadError(data).path).toBe('carriers[1].partners[0]');
  });

  it('rejects a carrier without formats that does not say why', () => {
    const data = rules();
    delete (data.carriers[1] as { noKnownFormat?: string }).noKnownFormat;
    expect(loadError(data).path).toBe('carriers[1].noKnownFormat');
  });

  it('rejects fields it does not know, so a typo cannot be silently ignored', () => {
    const data = rules();
    Object.assign(data.carriers[0]!.formats[0]!, { patern: '^x$' });
    expect(loadError(data).path).toBe('carriers[0].formats[0]');
  });

  it('takes a Chinese name for a format, and a file without one still loads', () => {
    const data = rules();
    Object.assign(data.carriers[0]!.formats[0]!, { nameZh: '中国寄出的国际邮件单号' });
    expect(loadRules(data, 'my-rules.json').get('alpha')?.formats[0]?.nameZh).toBe('中国寄出的国际邮件单号');
    expect(loadRules(rules(), 'my-rules.json').get('alpha')?.formats[0]?.nameZh).toBeUndefined();
  });

  describe('widens', () => {
    /** alpha with a second, wider current format; `widens` and the order are what each test breaks. */
    function widened(widens: string, order: 'after' | 'before' = 'after', status: 'current' | 'legacy' = 'current') {
      const data = rules();
      const wide = { id: 'alpha-wide', name: 'any S10', pattern: '^[A-Z]{2}\\d{9}[A-Z]{2}$', status, confidence: 'single-source', specificity: 'letter-prefix', widens, source: 'test' };
      const formats = data.carriers[0]!.formats as object[];
      if (order === 'after') formats.push(wide);
      else formats.unshift(wide);
      return data;
    }

    it('takes a current format that widens an earlier current format of the same carrier', () => {
      expect(loadRules(widened('alpha-s10'), 'my-rules.json').get('alpha')?.formats[1]?.widens).toBe('alpha-s10');
    });

    it.each([
      ['a format id it does not know', widened('alpha-nope'), 'carriers[0].formats[1].widens'],
      ['itself', widened('alpha-wide'), 'carriers[0].formats[1].widens'],
      ['a format listed after it, which would answer after it', widened('alpha-s10', 'before'), 'carriers[0].formats[0].widens'],
      ['anything, from a legacy format (that one warns already)', widened('alpha-s10', 'after', 'legacy'), 'carriers[0].formats[1].widens'],
    ])('rejects widens naming %s', (_, data, path) => {
      expect(loadError(data).path).toBe(path);
    });
  });

  it('rejects a Chinese name with no Chinese in it, which would put English into Chinese messages', () => {
    const data = rules();
    Object.assign(data.carriers[0]!.formats[0]!, { nameZh: 'S10 number' });
    const error = loadError(data);
    expect(error.path).toBe('carriers[0].formats[0].nameZh');
    expect(error.message).toMatch(/Chinese/);
  });
});

describe('the built-in rules', () => {
  it('name every format in both languages: Chinese in nameZh, none in name', () => {
    for (const carrier of CarrierRegistry.builtIn().all()) {
      for (const format of carrier.formats) {
        expect(format.nameZh, format.id).toMatch(/[\u4e00-\u9fff]/);
        // The messages put the name in （…）: one inside would nest them.
        expect(format.nameZh, format.id).not.toMatch(/[（）()]/);
        expect(format.name, format.id).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('load once per process', () => {
    expect(CarrierRegistry.builtIn()).toBe(CarrierRegistry.builtIn());
  });

  it('report a file that is not a rules object at the top level', () => {
    expect(loadError(null)).toMatchObject({ origin: 'my-rules.json', path: '' });
    expect(loadError({ version: 'x' }).path).toBe('carriers');
  });
});

describe('isAnchored', () => {
  it.each([
    ['^\\d{12}$', true],
    ['^(?:A|B)\\d$', true],
    ['^[|]\\d$', true],
    ['\\d{12}$', false],
    ['^\\d{12}', false],
    ['^\\d{12}\\$', false],
    ['^A|B$', false],
  ])('%s → %s', (source, expected) => {
    expect(isAnchored(source)).toBe(expected);
  });
});
