import { cellForMessage, excelNumberText, isBlankCell, isExcelError, type CellValue } from './cells';
import { excelSerialParts } from './excel-date';
import { fail, ok, type ParseResult } from './result';
import { toHalfWidth } from '../text';

/**
 * Dates and months as clerks type them, into ISO text: 'YYYY-MM-DD' (precision 'day') or
 * 'YYYY-MM' (precision 'month', e.g. 出生年月).
 *
 * Text: 2019-5-3, 2019/05/03, 2019.5.3, 20190503, 2019年5月3日 (or 号), 2019-05-03 08:30;
 *   months: 2019.05, 2019.5, 2019-05, 2019/5, 201905, 2019年5月, 2019年5月份. Full-width digits
 *   and stray spaces are fine. A full date in a month column gives its month.
 * Cells: a date-formatted cell arrives as ISO text (the reader converts it); a number is an Excel
 *   serial (1900 system, 1908–2100), an 8-digit 20190503, a 6-digit 201905, or 2019.05 typed into
 *   a General cell. 2019.1 as a NUMBER is refused: Excel stores 2019.10 that way too, so it may be
 *   January or October (as TEXT, '2019.1' is January).
 * Years outside 1900–2100, days that do not exist (2019-02-29, 2019-13-01) and year-only values
 * are refused with a message naming the value.
 */

export type DatePrecision = 'day' | 'month';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const SERIAL_MIN = 3000; // 1908-03-18: below that a number is not a plausible date serial
const SERIAL_MAX = 73_415; // 2100-12-31

const pad = (n: number) => String(n).padStart(2, '0');

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

function hint(precision: DatePrecision): string {
  return precision === 'day' ? '请写成 2019-05-03 或 2019年5月3日' : '请写成 2019-05 或 2019年5月';
}

function build(y: number, m: number, d: number | null, shown: string, precision: DatePrecision): ParseResult<string> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`日期“${shown}”的年份不在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
  if (m < 1 || m > 12) return fail(`日期“${shown}”不存在（没有${m}月）`);
  if (d !== null && (d < 1 || d > daysInMonth(y, m))) return fail(`日期“${shown}”不存在（${y}年${m}月没有${d}日）`);
  if (precision === 'month') return ok(`${y}-${pad(m)}`);
  if (d === null) return fail(`“${shown}”只有年月，本列需要具体日期（${hint('day')}）`);
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

const FULL = [
  /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
const MONTH = [/^(\d{4})[-./](\d{1,2})$/, /^(\d{4})年(\d{1,2})月份?$/, /^(\d{4})(\d{2})$/];

export function parseDate(value: CellValue, precision: DatePrecision = 'day'): ParseResult<string | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  const shown = cellForMessage(value);
  if (typeof value === 'boolean') return fail(`“${shown}”不是日期`);
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${shown}”（公式出错），不是日期`);
  if (typeof value === 'number') return fromNumber(value, shown, precision);

  const text = toHalfWidth(value).replace(/[\s\u00a0]/g, '');
  for (const re of FULL) {
    const m = re.exec(text);
    if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), shown, precision);
  }
  for (const re of MONTH) {
    const m = re.exec(text);
    if (m) return build(Number(m[1]), Number(m[2]), null, shown, precision);
  }
  if (/^\d{4}年?$/.test(text)) return fail(`“${shown}”只有年份，缺少月份（${hint(precision)}）`);
  if (/^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(text)) return fail(`日期“${shown}”的年月日顺序不明确，${hint(precision)}`);
  if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text), shown, precision, text);
  // the reader's time-of-day form, or anything else
  return fail(`日期“${shown}”无法识别，${hint(precision)}`);
}

/** Month precision: the same rules, 'YYYY-MM'. */
export const parseMonth = (value: CellValue) => parseDate(value, 'month');

function fromNumber(n: number, shown: string, precision: DatePrecision, typed?: string): ParseResult<string | null> {
  if (!Number.isFinite(n) || n < 0) return fail(`“${shown}”不是日期`);
  const text = typed ?? excelNumberText(n);
  const [whole = '', fraction = ''] = text.split('.');
  const w = Number(whole);
  if (fraction && w >= MIN_YEAR && w <= MAX_YEAR) {
    // 2019.05 typed into a General cell
    if (fraction.length > 2) return fail(`日期“${shown}”无法识别，${hint(precision)}`);
    if (fraction === '1' && typed === undefined) {
      return fail(`“${shown}”可能是${w}年1月，也可能是${w}年10月（Excel 把 ${w}.10 存成了 ${w}.1），请把单元格设为文本后写成 ${w}.01 或 ${w}.10`);
    }
    return build(w, Number(fraction), null, shown, precision);
  }
  if (!fraction) {
    if (w >= 1000 && w <= 2999) return fail(`“${shown}”只有年份，缺少月份（${hint(precision)}）`);
    if (whole.length === 8) return build(Number(whole.slice(0, 4)), Number(whole.slice(4, 6)), Number(whole.slice(6)), shown, precision);
    if (whole.length === 6 && w >= 190_001 && w <= 210_012) return build(Number(whole.slice(0, 4)), Number(whole.slice(4)), null, shown, precision);
  }
  if (n < SERIAL_MIN || n >= SERIAL_MAX + 1) return fail(`“${shown}”不是日期（${hint(precision)}）`);
  const parts = excelSerialParts(n);
  if (!parts?.date) return fail(`“${shown}”不是日期`);
  const [y, m, d] = parts.date.split('-').map(Number) as [number, number, number];
  return build(y, m, d, parts.date, precision);
}
