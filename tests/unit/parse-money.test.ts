import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelNumberText } from '../../shared/domain/parse/cells';
import { fenText, MAX_MONEY_FEN, moneyUnitFromText, parseMoney, type MoneyOptions } from '../../shared/domain/parse/money';
import { formatAmount } from '../../shared/domain/money';

/** Money from spreadsheet cells into integer 分: exact, never rounded (shared/domain/parse/money.ts). */

const YUAN: MoneyOptions = { unit: '元' };
const WAN: MoneyOptions = { unit: '万元' };
const SIGNED: MoneyOptions = { unit: '元', allowNegative: true };

const fen = (value: Parameters<typeof parseMoney>[0], options: MoneyOptions = YUAN) => {
  const r = parseMoney(value, options);
  return r.ok ? r.value : `ERR ${r.message}`;
};

const toFullWidth = (s: string) => s.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const grouped = (text: string) => {
  const [whole, frac] = text.replace('-', '').split('.');
  const g = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${text.startsWith('-') ? '-' : ''}${g}${frac !== undefined ? `.${frac}` : ''}`;
};

describe('parseMoney: what clerks type', () => {
  it('reads 元 text exactly', () => {
    expect(fen('1234.5')).toBe(123450);
    expect(fen('1,234.50')).toBe(123450);
    expect(fen('1,234,567.89')).toBe(123456789);
    expect(fen('０.０１')).toBe(1);
    expect(fen('１２３')).toBe(12300);
    expect(fen('１，２３４．５')).toBe(123450);
    expect(fen('￥1,000')).toBe(100000);
    expect(fen('¥ 1 000.00')).toBe(100000);
    expect(fen('人民币500元')).toBe(50000);
    expect(fen('1000元整')).toBe(100000);
    expect(fen('  88  ')).toBe(8800);
    expect(fen('.5')).toBe(50);
    expect(fen('1.2E+5')).toBe(12000000);
  });

  it('reads 万元, from the column or from the cell', () => {
    expect(fen('12.3', WAN)).toBe(12_300_000);
    expect(fen('12.3万')).toBe(12_300_000);
    expect(fen('12.3万元')).toBe(12_300_000);
    expect(fen('12.3456', WAN)).toBe(12_345_600);
    expect(fen('0.000001', WAN)).toBe(1);
    expect(fen('500元', WAN)).toBe(50_000);
    expect(fen('1.5亿')).toBe(15_000_000_000);
    expect(fen(5, WAN)).toBe(5_000_000);
  });

  it('refuses fractions of a fen instead of rounding (never loses or invents a fen)', () => {
    expect(fen('1.005')).toBe('ERR 金额“1.005”超过两位小数（最小到分），请核对');
    expect(fen('0.001')).toMatch(/超过两位小数/);
    // 万元 has six decimals down to the fen: 12.34567 万元 = 123456.70 元 is exact
    expect(fen('12.34567', WAN)).toBe(12_345_670);
    expect(fen('12.3456789', WAN)).toBe('ERR 金额“12.3456789”万元折合成元后超过两位小数（最小到分），请核对');
    expect(fen('12.3456789万')).toMatch(/折合成元后超过两位小数/);
    expect(fen(1.005)).toMatch(/超过两位小数/);
    expect(fen('1.000')).toBe(100); // trailing zeros are not precision
    expect(fen('1.0000000', WAN)).toBe(1_000_000);
  });

  it('reads Excel floats as Excel shows them (15 significant digits)', () => {
    expect(fen(1234.56)).toBe(123456);
    expect(fen(0.1 + 0.2)).toBe(30);
    expect(fen(1234.5600000000002)).toBe(123456);
    expect(fen(19.99 * 3)).toBe(5997);
    expect(fen(-0)).toBe(0);
    expect(fen(100000000.01)).toBe(10000000001);
  });

  it('understands blanks, dashes and accounting negatives', () => {
    expect(fen(null)).toBe(null);
    expect(fen('')).toBe(null);
    expect(fen('　')).toBe(null);
    for (const dash of ['-', '—', '－', '--', '/', '无', '没有']) expect(fen(dash)).toBe(0);
    expect(fen('-', { unit: '元', dash: 'blank' })).toBe(null);
    expect(fen('(1,234.00)', SIGNED)).toBe(-123400);
    expect(fen('-5', SIGNED)).toBe(-500);
    expect(fen('－5', SIGNED)).toBe(-500);
    expect(fen('−5', SIGNED)).toBe(-500);
    expect(fen('-5')).toBe('ERR 金额“-5”不能为负数');
    expect(fen(-5)).toBe('ERR 金额“-5”不能为负数');
  });

  it('refuses what is not an amount, naming it', () => {
    expect(fen('abc')).toBe('ERR “abc”不是金额');
    expect(fen('12,34')).toBe('ERR 金额“12,34”的千位分隔符位置不对');
    expect(fen('1,2345.6')).toMatch(/千位分隔符/);
    expect(fen('5%')).toBe('ERR 金额“5%”不能是百分数');
    expect(fen('3角')).toMatch(/请写成元/);
    expect(fen(true)).toBe('ERR “TRUE”不是金额');
    expect(fen('#DIV/0!')).toBe('ERR 单元格是 Excel 错误值“#DIV/0!”（公式出错），不是金额');
    expect(fen('1.2.3')).toMatch(/不是金额/);
    expect(fen('--5')).toMatch(/不是金额/);
    expect(fen('(-5)', SIGNED)).toMatch(/不是金额/);
    expect(fen('99999999999999999')).toMatch(/太大/);
    expect(fen(Number.NaN)).toMatch(/不是金额/);
  });

  it('takes the unit a header or a title line states', () => {
    expect(moneyUnitFromText('集体经营性收入（万元）')).toBe('万元');
    expect(moneyUnitFromText('收入(万)')).toBe('万元');
    expect(moneyUnitFromText('金额（元）')).toBe('元');
    expect(moneyUnitFromText('单位：万元')).toBe('万元');
    expect(moneyUnitFromText('收入')).toBe(null);
  });
});

describe('parseMoney: properties', () => {
  const RUNS = { numRuns: 500 };
  const anyFen = fc.integer({ min: -MAX_MONEY_FEN, max: MAX_MONEY_FEN });
  /** amounts up to 1万亿元 have at most 15 significant digits: Excel keeps them exactly */
  const excelFen = anyFen;

  it('元 text with two decimals gives the fen back', () => {
    fc.assert(
      fc.property(anyFen, (f) => {
        expect(fen(fenText(f), SIGNED)).toBe(f);
      }),
      RUNS,
    );
  });

  it('万元 text gives the fen back (in a 万元 column, and with 万/万元 in a 元 column)', () => {
    fc.assert(
      fc.property(anyFen, (f) => {
        const wan = formatAmount(f, 1_000_000);
        expect(fen(wan, { unit: '万元', allowNegative: true })).toBe(f);
        expect(fen(`${wan}万`, SIGNED)).toBe(f);
        expect(fen(`${wan}万元`, SIGNED)).toBe(f);
      }),
      RUNS,
    );
  });

  it('thousands separators and full-width digits give the fen back', () => {
    fc.assert(
      fc.property(anyFen, fc.boolean(), (f, fullWidth) => {
        const text = grouped(fenText(f));
        expect(fen(fullWidth ? toFullWidth(text) : text, SIGNED)).toBe(f);
        expect(fen(`￥${text}`, SIGNED)).toBe(f);
      }),
      RUNS,
    );
  });

  it('the float Excel stores for a two-decimal 元 value (and for a sum of two) gives the exact fen', () => {
    fc.assert(
      fc.property(excelFen, (f) => {
        const stored = Number(fenText(f)); // what Excel keeps for the typed amount
        expect(fen(stored, SIGNED)).toBe(f);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), (a, b) => {
        const sum = Number(fenText(a)) + Number(fenText(b)); // =A1+B1, with the double's error
        expect(fen(sum)).toBe(a + b);
      }),
      RUNS,
    );
  });

  it('three or more decimals of 元 are always refused, never rounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 9 }), fc.nat({ max: 5 }), (f, last, zeros) => {
        const text = `${fenText(f)}${'0'.repeat(zeros)}${last}`;
        expect(fen(text)).toMatch(/超过两位小数/);
      }),
      RUNS,
    );
  });

  it('never throws on junk, and what it accepts is a safe integer', () => {
    const junk = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'0123456789.,，-－()（）￥¥万元亿 ％%eE+０１２３'.split('')), maxLength: 20 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(junk, fc.constantFrom<MoneyOptions>(YUAN, WAN, SIGNED), (value, options) => {
        const r = parseMoney(value, options);
        if (r.ok) {
          if (r.value !== null) expect(Number.isSafeInteger(r.value)).toBe(true);
        } else expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('excelNumberText is what Excel shows: ≤15 significant digits, plain notation, round-trips typed decimals', () => {
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(1e21)).toBe('1000000000000000000000');
    expect(excelNumberText(1.5e-7)).toBe('0.00000015');
    expect(excelNumberText(-1234.5)).toBe('-1234.5');
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15 - 1), max: 10 ** 15 - 1 }), fc.integer({ min: 0, max: 6 }), (digits, scale) => {
        const negative = digits < 0;
        const s = String(Math.abs(digits)).padStart(scale + 1, '0');
        const typed = `${negative ? '-' : ''}${s.slice(0, s.length - scale)}${scale ? `.${s.slice(s.length - scale)}` : ''}`;
        const expected = typed.includes('.') ? typed.replace(/0+$/, '').replace(/\.$/, '') : typed;
        expect(excelNumberText(Number(typed))).toBe(expected === '-0' ? '0' : expected.replace(/^(-?)0+(?=\d)/, '$1'));
      }),
      RUNS,
    );
  });
});
