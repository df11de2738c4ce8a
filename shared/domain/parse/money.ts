import { cellForMessage, excelNumberText, isBlankCell, isExcelError, type CellValue } from './cells';
import { exactDecimal, plainNumberText, scaledInteger, type ExactDecimal } from './decimal';
import { fail, ok, type ParseResult } from './result';
import { toHalfWidth } from '../text';

/**
 * Money from a spreadsheet cell into integer 分 (fen), exactly.
 *
 * THE RULE: the amount is read as the decimal the clerk typed (or, for a numeric cell, the
 * decimal Excel shows at its 15-significant-digit precision — see excelNumberText) and scaled to
 * fen with integer arithmetic. If that leaves a fraction of a fen the cell is REFUSED, never
 * rounded: '1.005' 元 → “超过两位小数”; 12.3456 万元 = 123456 元 is fine; 12.34567 万元 is refused.
 * So no fen is ever lost or invented. (A spreadsheet that shows 1.01 but holds 1.005 — a
 * formula, or a two-decimal number format over a longer value — is refused too: the clerk
 * decides what the amount is, not the importer.)
 *
 * Understood: thousands separators grouped by three, full-width digits, ￥/¥/RMB/人民币 in
 * front, a unit after the number ('12.3万', '12.3万元', '1000元', '1.2亿') which overrides the
 * column's unit, accounting negatives '(1,234.00)', and dash-like cells ('-', '—', '/', '无')
 * which mean zero (or blank, by option). Negative amounts only when the column allows them.
 */

export type MoneyUnit = '元' | '万元';

export const FEN_PER: Record<MoneyUnit | '亿元', bigint> = { 元: 100n, 万元: 1_000_000n, 亿元: 10_000_000_000n };
const PLACES: Record<MoneyUnit | '亿元', number> = { 元: 2, 万元: 6, 亿元: 10 };

/** Large enough for any district budget, far inside safe integers (sums stay exact): 1万亿元. */
export const MAX_MONEY_FEN = 100_000_000_000_000;

export interface MoneyOptions {
  /** the column's unit (from its header, or the definition's default) */
  unit: MoneyUnit;
  /** what '-', '—', '/', '无' mean; default zero */
  dash?: 'zero' | 'blank';
  allowNegative?: boolean;
}

const DASH = /^(?:[-—–―─~～/\\_]+|无|没有|暂无)$/;
const CURRENCY = /^(?:￥|¥|RMB|CNY|人民币)/i;
const UNIT_SUFFIX = /(万元|万|亿元|亿|元整|元)$/;

/** '万元' for a header like '收入（万元）' or '金额(万)', '元' for '（元）', null when it does not say. */
export function moneyUnitFromText(text: string): MoneyUnit | null {
  const t = toHalfWidth(text).replace(/\s/g, '');
  if (/万元|\(万\)|单位[:：]?万/.test(t)) return '万元';
  if (/元/.test(t)) return '元';
  return null;
}

export function parseMoney(value: CellValue, options: MoneyOptions): ParseResult<number | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  const shown = cellForMessage(value);
  if (typeof value === 'boolean') return fail(`“${shown}”不是金额`);
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${shown}”（公式出错），不是金额`);

  let unit: MoneyUnit | '亿元' = options.unit;
  let decimal: ExactDecimal | null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(`“${shown}”不是金额`);
    decimal = exactDecimal(excelNumberText(value));
  } else {
    let text = toHalfWidth(value).replace(/[\s\u00a0]/g, '');
    if (DASH.test(text)) return ok(options.dash === 'blank' ? null : 0);
    if (text.includes('%')) return fail(`金额“${shown}”不能是百分数`);
    let negative = false;
    const paren = /^\((.*)\)$/.exec(text);
    if (paren) {
      negative = true;
      text = paren[1]!;
    }
    let sign = '';
    if (/^[-+]/.test(text)) {
      sign = text[0]!;
      text = text.slice(1);
    }
    text = text.replace(CURRENCY, '');
    const suffix = UNIT_SUFFIX.exec(text);
    if (suffix) {
      unit = suffix[1] === '万' || suffix[1] === '万元' ? '万元' : suffix[1] === '亿' || suffix[1] === '亿元' ? '亿元' : '元';
      text = text.slice(0, suffix.index);
    }
    if (/[角分]$/.test(text)) return fail(`金额“${shown}”请写成元（两位小数），如 12.35`);
    const plain = plainNumberText(`${sign}${text}`);
    if (!plain.ok) return fail(plain.problem === 'grouping' ? `金额“${shown}”的千位分隔符位置不对` : `“${shown}”不是金额`);
    if (negative && /^[-+]/.test(plain.text)) return fail(`“${shown}”不是金额`);
    decimal = exactDecimal(plain.text);
    if (decimal && negative && decimal.digits !== '0') decimal = { ...decimal, negative: true };
  }
  if (!decimal) return fail(`“${shown}”不是金额`);

  const fen = scaledInteger(decimal, PLACES[unit]);
  if (fen === null) {
    return fail(unit === '元' ? `金额“${shown}”超过两位小数（最小到分），请核对` : `金额“${shown}”${unit}折合成元后超过两位小数（最小到分），请核对`);
  }
  const abs = fen < 0n ? -fen : fen;
  if (abs > BigInt(MAX_MONEY_FEN)) return fail(`金额“${shown}”太大，请核对单位`);
  if (fen < 0n && !options.allowNegative) return fail(`金额“${shown}”不能为负数`);
  return ok(Number(fen));
}

/** Fen as 元 text with two decimals and no separators: 123456 → '1234.56' (for messages). */
export function fenText(fen: number): string {
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
