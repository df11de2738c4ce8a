import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, parseDate, parseMonth } from '../../shared/domain/parse/date';
import { civilFromDays, daysFromCivil, excelSerialOf, excelSerialParts, excelSerialToIso } from '../../shared/domain/parse/excel-date';

/** Dates and months as clerks type them, and Excel serials (shared/domain/parse/date.ts, excel-date.ts). */

const day = (v: Parameters<typeof parseDate>[0]) => {
  const r = parseDate(v, 'day');
  return r.ok ? r.value : `ERR ${r.message}`;
};
const month = (v: Parameters<typeof parseDate>[0]) => {
  const r = parseMonth(v);
  return r.ok ? r.value : `ERR ${r.message}`;
};

describe('parseDate: what clerks type', () => {
  it('reads the usual ways of writing a day', () => {
    for (const text of ['2019-5-3', '2019-05-03', '2019/05/03', '2019/5/3', '2019.5.3', '2019.05.03', '20190503', '2019年5月3日', '2019年05月03号', '2019 年 5 月 3 日', '２０１９－０５－０３', '2019-05-03 08:30', '2019-05-03T08:30:00', '2019/5/3 8:30:15'])
      expect(day(text), text).toBe('2019-05-03');
  });

  it('reads months', () => {
    for (const text of ['2019.05', '2019.5', '2019-05', '2019/5', '201905', '2019年5月', '2019年05月份', '２０１９．５'])
      expect(month(text), text).toBe('2019-05');
    expect(month('2019.1')).toBe('2019-01'); // as text, January
    expect(month('2019.10')).toBe('2019-10');
    expect(month('2019-05-03')).toBe('2019-05'); // a full date in a month column
    expect(month(20190503)).toBe('2019-05');
  });

  it('reads cells: ISO text from date-formatted cells, Excel serials, numbers typed in General cells', () => {
    expect(day('2019-05-03T00:00:00')).toBe('2019-05-03');
    expect(day(43588)).toBe('2019-05-03');
    expect(day(43588.75)).toBe('2019-05-03');
    expect(day('43588')).toBe('2019-05-03');
    expect(day(20190503)).toBe('2019-05-03');
    expect(month(201905)).toBe('2019-05');
    expect(month(2019.05)).toBe('2019-05');
    expect(month(2019.5)).toBe('2019-05');
    expect(month(2019.12)).toBe('2019-12');
    expect(month(2019.1)).toBe('ERR “2019.1”可能是2019年1月，也可能是2019年10月（Excel 把 2019.10 存成了 2019.1），请把单元格设为文本后写成 2019.01 或 2019.10');
  });

  it('refuses days that do not exist, naming the value', () => {
    expect(day('2019-13-01')).toBe('ERR 日期“2019-13-01”不存在（没有13月）');
    expect(day('2019-02-29')).toBe('ERR 日期“2019-02-29”不存在（2019年2月没有29日）');
    expect(day('2020-02-29')).toBe('2020-02-29');
    expect(day('1900-02-29')).toMatch(/不存在/);
    expect(day('2000-02-29')).toBe('2000-02-29');
    expect(day('2100-02-29')).toMatch(/不存在/);
    expect(day('2019-04-31')).toMatch(/不存在/);
    expect(day('2019年0月1日')).toMatch(/不存在（没有0月）/);
    expect(month('2019.13')).toMatch(/不存在/);
  });

  it('refuses what is not a date or not precise enough', () => {
    expect(day('2019.05')).toBe('ERR “2019.05”只有年月，本列需要具体日期（请写成 2019-05-03 或 2019年5月3日）');
    expect(month('2019')).toMatch(/只有年份/);
    expect(month(2019)).toMatch(/只有年份/);
    expect(day('1899-12-31')).toMatch(/年份不在 1900–2100 之间/);
    expect(day('2101-01-01')).toMatch(/年份不在/);
    expect(day('05/03/2019')).toMatch(/顺序不明确/);
    expect(day('明天')).toBe('ERR 日期“明天”无法识别，请写成 2019-05-03 或 2019年5月3日');
    expect(day(12)).toMatch(/不是日期/);
    expect(day(true)).toMatch(/不是日期/);
    expect(day('#VALUE!')).toMatch(/Excel 错误值/);
    expect(day(null)).toBe(null);
    expect(day('  ')).toBe(null);
  });
});

describe('Excel serials', () => {
  it('follows the 1900 system with its phantom 1900-02-29, and the 1904 system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBe('1900-02-29'); // Lotus 1-2-3's leap-year bug, kept by Excel
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(43588)).toBe('2019-05-03');
    expect(excelSerialToIso(43588.5)).toBe('2019-05-03T12:00:00');
    expect(excelSerialToIso(0.75)).toBe('18:00:00');
    expect(excelSerialToIso(43588.999999999)).toBe('2019-05-04'); // rounds to the second
    expect(excelSerialToIso(2958465)).toBe('9999-12-31');
    expect(excelSerialToIso(2958466)).toBe(null);
    expect(excelSerialToIso(-1)).toBe(null);
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(42126, true)).toBe('2019-05-03');
  });

  it('serial ↔ date round-trips for every day from 1900 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(9999, 12, 31) }), (days) => {
        const { y, m, d } = civilFromDays(days);
        const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(excelSerialParts(excelSerialOf(iso))?.date).toBe(iso);
        expect(daysFromCivil(y, m, d)).toBe(days);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseDate: properties', () => {
  const date = fc.integer({ min: daysFromCivil(1908, 3, 18), max: daysFromCivil(2100, 12, 31) }).map(civilFromDays);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const fullWidth = (s: string) => s.replace(/[0-9\-./]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const DAY_FORMATS: Array<(y: number, m: number, d: number) => string | number> = [
    (y, m, d) => `${y}-${m}-${d}`,
    (y, m, d) => `${y}-${p2(m)}-${p2(d)}`,
    (y, m, d) => `${y}/${p2(m)}/${p2(d)}`,
    (y, m, d) => `${y}.${m}.${d}`,
    (y, m, d) => `${y}${p2(m)}${p2(d)}`,
    (y, m, d) => `${y}年${m}月${d}日`,
    (y, m, d) => ` ${y} 年 ${p2(m)} 月 ${p2(d)} 号 `,
    (y, m, d) => fullWidth(`${y}-${p2(m)}-${p2(d)}`),
    (y, m, d) => `${y}-${p2(m)}-${p2(d)}T08:30:00`,
    (y, m, d) => excelSerialOf(`${y}-${p2(m)}-${p2(d)}`),
    (y, m, d) => excelSerialOf(`${y}-${p2(m)}-${p2(d)}`) + 0.25,
    (y, m, d) => Number(`${y}${p2(m)}${p2(d)}`),
  ];
  const MONTH_FORMATS: Array<(y: number, m: number) => string | number> = [
    (y, m) => `${y}.${p2(m)}`,
    (y, m) => `${y}.${m}`,
    (y, m) => `${y}-${p2(m)}`,
    (y, m) => `${y}/${m}`,
    (y, m) => `${y}${p2(m)}`,
    (y, m) => `${y}年${m}月`,
    (y, m) => fullWidth(`${y}.${p2(m)}`),
    (y, m) => Number(`${y}${p2(m)}`),
  ];

  it('any valid day in any supported form gives the same ISO date', () => {
    fc.assert(
      fc.property(date, fc.nat({ max: DAY_FORMATS.length - 1 }), ({ y, m, d }, f) => {
        const iso = `${y}-${p2(m)}-${p2(d)}`;
        expect(day(DAY_FORMATS[f]!(y, m, d))).toBe(iso);
        expect(month(DAY_FORMATS[f]!(y, m, d))).toBe(iso.slice(0, 7));
      }),
      { numRuns: 1000 },
    );
  });

  it('any month in any supported form gives the same YYYY-MM; as a General number only 10 is ambiguous', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.nat({ max: MONTH_FORMATS.length - 1 }), (y, m, f) => {
        expect(month(MONTH_FORMATS[f]!(y, m))).toBe(`${y}-${p2(m)}`);
        const typedAsNumber = Number(`${y}.${p2(m)}`);
        if (m === 10) expect(month(typedAsNumber)).toMatch(/可能是/);
        else expect(month(typedAsNumber)).toBe(`${y}-${p2(m)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('impossible days are refused with the value named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), (y, m, extra) => {
        const d = daysInMonth(y, m) + extra;
        const text = `${y}-${p2(m)}-${p2(d)}`;
        expect(day(text)).toBe(`ERR 日期“${text}”不存在（${y}年${m}月没有${d}日）`);
      }),
    );
  });

  it('never throws on junk', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 25 }), fc.string({ unit: fc.constantFrom(...'0123456789.-/年月日号 T:'.split('')), maxLength: 20 }), fc.double(), fc.boolean(), fc.constant(null)), (v) => {
        for (const r of [parseDate(v, 'day'), parseDate(v, 'month')]) {
          if (r.ok && r.value !== null) expect(r.value).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
          if (!r.ok) expect(r.message).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
