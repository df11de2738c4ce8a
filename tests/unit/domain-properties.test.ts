import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCode, cleanText, toHalfWidth } from '../../shared/domain/text';
import {
  countyCodeOf,
  guessUnitKind,
  isStreetUnderCounty,
  isUnitUnderStreet,
  shortUnitName,
  streetCodeOf,
  streetKindFromCode,
} from '../../shared/domain/division';
import { countyCode, isoDate, requiredText, streetCode, unitCode } from '../../shared/api/fields';
import '../../shared/api/contract'; // installs zod's Chinese locale, as the app does

/** Property tests for the pure rules in shared/domain and the field schemas built on them. */

const RUNS = { numRuns: 300 };
const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => String.fromCodePoint(n));

// characters clerks actually type or paste, mixed with anything at all
const fullWidth = char(0xff01, 0xff5e);
const fullWidthDigit = char(0xff10, 0xff19);
const asciiDigit = char(0x30, 0x39);
const separators = fc.constantFrom(' ', '\u3000', '\t', '\n', '\u00a0', '-', '_', '.', ',', '，', '、');
const cjk = char(0x4e00, 0x9fff);
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const typed = fc.string({ unit: fc.oneof(fullWidth, fullWidthDigit, asciiDigit, separators, cjk, anyChar), maxLength: 40 });

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(''));
const toFullWidth = (d: string) => String.fromCharCode(d.charCodeAt(0) + 0xfee0);
const asciiDigits = (text: string) => (text.match(/[0-9]/g) ?? []).join('');

describe('text clean-up', () => {
  it('toHalfWidth is idempotent and keeps the length', () => {
    fc.assert(
      fc.property(typed, (s) => {
        const once = toHalfWidth(s);
        expect(toHalfWidth(once)).toBe(once);
        expect(once.length).toBe(s.length);
      }),
      RUNS,
    );
  });

  it('toHalfWidth turns every full-width digit into its ASCII digit, in place', () => {
    fc.assert(
      fc.property(typed, (s) => {
        const out = toHalfWidth(s);
        for (let i = 0; i < s.length; i++) {
          const code = s.charCodeAt(i);
          if (code >= 0xff10 && code <= 0xff19) expect(out[i]).toBe(String(code - 0xff10));
          if (code >= 0x30 && code <= 0x39) expect(out[i]).toBe(s[i]);
        }
        expect(/[\uff01-\uff5e\u3000]/.test(out)).toBe(false);
      }),
      RUNS,
    );
  });

  it('cleanCode is idempotent, keeps every digit in order, and leaves no spaces or separators', () => {
    fc.assert(
      fc.property(typed, (s) => {
        const once = cleanCode(s);
        expect(cleanCode(once)).toBe(once);
        expect(asciiDigits(once)).toBe(asciiDigits(toHalfWidth(s)));
        expect(/[\s\-_.,，、]/.test(once)).toBe(false);
      }),
      RUNS,
    );
  });

  it('cleanCode of digits typed any way gives the digits', () => {
    fc.assert(
      fc.property(digits(12), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), fc.array(separators, { minLength: 13, maxLength: 13 }), (code, wide, seps) => {
        const typedCode = [...code].map((d, i) => `${seps[i]}${wide[i] ? toFullWidth(d) : d}`).join('') + seps[12];
        expect(cleanCode(typedCode)).toBe(code);
      }),
      RUNS,
    );
  });

  it('cleanText is idempotent, trimmed, with single spaces', () => {
    fc.assert(
      fc.property(typed, (s) => {
        const once = cleanText(s);
        expect(cleanText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(/\s\s/.test(once)).toBe(false);
        expect(/[\t\n\u3000\u00a0]/.test(once)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('division codes', () => {
  it('a 12-digit code built on a 9-digit street code sits under that street and no other', () => {
    fc.assert(
      fc.property(digits(9), digits(3), digits(9), (street, suffix, other) => {
        const code = street + suffix;
        expect(streetCodeOf(code)).toBe(street);
        expect(isUnitUnderStreet(code, street)).toBe(true);
        expect(isUnitUnderStreet(code, other)).toBe(other === street);
        expect(countyCodeOf(code)).toBe(street.slice(0, 6));
        expect(isStreetUnderCounty(street, street.slice(0, 6))).toBe(true);
      }),
      RUNS,
    );
  });

  it('codes of the wrong length or with non-digits are never under a street', () => {
    fc.assert(
      fc.property(digits(9), fc.string({ unit: fc.oneof(asciiDigit, fullWidthDigit, anyChar), maxLength: 16 }), (street, suffix) => {
        const code = street + suffix;
        fc.pre(!/^\d{3}$/.test(suffix));
        expect(isUnitUnderStreet(code, street)).toBe(false);
      }),
      RUNS,
    );
    expect(isUnitUnderStreet('370103002001', '37010300')).toBe(false);
    expect(isUnitUnderStreet('370103002001', '３７０１０３００２')).toBe(false);
  });

  it('the street kind follows digits 7–9', () => {
    fc.assert(
      fc.property(digits(6), fc.integer({ min: 0, max: 999 }), (county, n) => {
        const kind = streetKindFromCode(county + String(n).padStart(3, '0'));
        const expected = n >= 1 && n <= 99 ? '街道' : n >= 100 && n <= 199 ? '镇' : n >= 200 && n <= 399 ? '乡' : '其他';
        expect(kind).toBe(expected);
      }),
      RUNS,
    );
  });

  it('the unit kind follows the name suffix first, then digits 10–12', () => {
    const stem = fc.string({ unit: cjk, minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(digits(12), stem, (code, name) => {
        expect(guessUnitKind(code, `${name}村民委员会`)).toBe('village');
        expect(guessUnitKind(code, `${name}村委会`)).toBe('village');
        expect(guessUnitKind(code, `${name}社区居民委员会`)).toBe('urban');
        expect(guessUnitKind(code, `${name}居委会`)).toBe('urban');
        fc.pre(!/(委员会|委会|社区)$/.test(name));
        const n = Number(code.slice(9));
        expect(guessUnitKind(code, name)).toBe(n >= 200 && n <= 399 ? 'village' : 'urban');
      }),
      RUNS,
    );
  });
});

describe('shortUnitName', () => {
  // names built from the characters of the real suffixes, so the rules are actually exercised
  const suffixChars = fc.constantFrom('村', '社', '区', '居', '民', '委', '员', '会', '管', '理', '庄', '新', ' ');
  const name = fc.string({ unit: fc.oneof(suffixChars, cjk, anyChar), maxLength: 20 });
  const suffix = fc.constantFrom('社区居民委员会', '社区居委会', '社区管理委员会', '村村民委员会', '村村委会', '村民委员会', '村委会', '居民委员会', '');

  it('never returns empty for a non-blank name, never longer than the trimmed input, and is idempotent', () => {
    fc.assert(
      fc.property(name, suffix, (stem, end) => {
        const full = stem + end;
        const short = shortUnitName(full);
        if (full.trim() !== '') expect(short.length).toBeGreaterThan(0);
        expect(short.length).toBeLessThanOrEqual(full.trim().length);
        expect(shortUnitName(short)).toBe(short);
        // what is kept is the start of the name
        expect(full.trim().startsWith(short.slice(0, Math.max(0, short.length - 2)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('社区居民委员会 → 社区, 村民委员会 → 村, for any stem', () => {
    const stem = fc.string({ unit: cjk, minLength: 1, maxLength: 8 }).filter((s) => !s.endsWith('村'));
    fc.assert(
      fc.property(stem, (s) => {
        expect(shortUnitName(`${s}社区居民委员会`)).toBe(`${s}社区`);
        expect(shortUnitName(`${s}社区居委会`)).toBe(`${s}社区`);
        expect(shortUnitName(`${s}村村民委员会`)).toBe(`${s}村`);
        expect(shortUnitName(`${s}村民委员会`)).toBe(`${s}村`);
        expect(shortUnitName(`${s}村委会`)).toBe(`${s}村`);
        expect(shortUnitName(`  ${s}村委会 `)).toBe(`${s}村`);
      }),
      RUNS,
    );
  });

  it('keeps names whose short form would be only the suffix', () => {
    expect(shortUnitName('居委会')).toBe('居委会');
    expect(shortUnitName('村委会')).toBe('村委会');
    expect(shortUnitName('村民委员会')).toBe('村民委员会');
    expect(shortUnitName('社区居民委员会')).toBe('社区居民委员会');
    expect(shortUnitName('前龙窝居民委员会')).toBe('前龙窝居民委员会');
    expect(shortUnitName('莫\u{21413}村委会')).toBe('莫\u{21413}村');
  });
});

describe('field schemas', () => {
  /** 12 digits, each ASCII or full-width, with optional spaces around them. */
  const typedUnitCode = fc
    .tuple(
      digits(12),
      fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      fc.array(fc.constantFrom('', ' ', '  ', '\u3000', '\t'), { minLength: 13, maxLength: 13 }),
    )
    .map(([code, wide, spaces]) => ({
      code,
      typed: [...code].map((d, i) => `${spaces[i]}${wide[i] ? toFullWidth(d) : d}`).join('') + spaces[12],
    }));

  it('unitCode accepts exactly 12 ASCII or full-width digits with optional spaces, giving the ASCII digits', () => {
    fc.assert(
      fc.property(typedUnitCode, ({ code, typed: input }) => {
        const parsed = unitCode.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toBe(code);
      }),
      RUNS,
    );
  });

  it('unitCode rejects any other number of digits, naming the field', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }).filter((n) => n !== 12),
        fc.boolean(),
        (n, wide) => {
          const input = Array.from({ length: n }, (_, i) => String(i % 10))
            .map((d) => (wide ? toFullWidth(d) : d))
            .join('');
          const parsed = unitCode.safeParse(input);
          expect(parsed.success).toBe(false);
          expect(parsed.error!.issues[0]!.message).toContain('村（社区）代码');
        },
      ),
      RUNS,
    );
  });

  it('unitCode rejects 12 digits with anything that is not a digit or a separator mixed in', () => {
    const intruder = fc.oneof(
      char(0x41, 0x5a), // A–Z
      char(0x61, 0x7a), // a–z
      char(0xff21, 0xff3a), // Ａ–Ｚ
      cjk,
      fc.constantFrom('٣', '३', '𝟑', '①', '〇', '零', '+', '#', '/', '(', '\u{21413}'),
    );
    fc.assert(
      fc.property(typedUnitCode, intruder, fc.integer({ min: 0, max: 12 }), ({ code }, bad, at) => {
        const input = code.slice(0, at) + bad + code.slice(at);
        const parsed = unitCode.safeParse(input);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues[0]!.message).toContain('村（社区）代码');
      }),
      RUNS,
    );
  });

  it('unitCode rejects what is not a string', () => {
    for (const value of [370103002001, null, undefined, {}, [], true]) {
      const parsed = unitCode.safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.message).toContain('村（社区）代码');
    }
  });

  it('streetCode and countyCode take exactly 9 and 6 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), digits(20), (n, all) => {
        const input = all.slice(0, n);
        expect(streetCode.safeParse(input).success).toBe(n === 9);
        expect(countyCode.safeParse(input).success).toBe(n === 6);
        expect(unitCode.safeParse(input).success).toBe(n === 12);
      }),
      RUNS,
    );
  });

  it('requiredText accepts exactly the text that is not blank after clean-up, and returns it cleaned', () => {
    const field = requiredText('名称', 10);
    fc.assert(
      fc.property(typed, (s) => {
        const cleaned = cleanText(s);
        const parsed = field.safeParse(s);
        // the limit counts characters (code points), so 𡐓 counts once
        expect(parsed.success).toBe(cleaned.length > 0 && [...cleaned].length <= 10);
        if (parsed.success) expect(parsed.data).toBe(cleaned);
        else expect(parsed.error.issues[0]!.message).toContain('名称');
      }),
      RUNS,
    );
  });

  it('the length limit counts characters outside the BMP once', () => {
    const field = requiredText('名称', 3);
    expect(field.safeParse('莫\u{21413}村').success).toBe(true);
    expect(field.safeParse('\u{21413}\u{21413}\u{21413}').success).toBe(true);
    expect(field.safeParse('莫\u{21413}村委').success).toBe(false);
  });

  it('isoDate accepts exactly the calendar dates that exist', () => {
    const field = isoDate('变更日期');
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
        const parsed = field.safeParse(text);
        expect(parsed.success).toBe(exists);
        if (!parsed.success) expect(parsed.error.issues[0]!.message).toContain('变更日期');
      }),
      { numRuns: 500 },
    );
    expect(field.safeParse('2024-02-29').success).toBe(true);
    expect(field.safeParse('2023-02-29').success).toBe(false);
    expect(field.safeParse('2024-2-9').success).toBe(false);
  });
});
