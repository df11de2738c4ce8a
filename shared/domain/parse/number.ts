import { cellForMessage, excelNumberText, isBlankCell, isExcelError, type CellValue } from './cells';
import { decimalText, exactDecimal, plainNumberText, scaledInteger, type ExactDecimal } from './decimal';
import { fail, ok, type ParseResult } from './result';
import { toHalfWidth } from '../text';

/** Counts (人数, 户数) and measures (面积, 亩) as clerks type them. */

export interface IntegerOptions {
  min?: number;
  max?: number;
  /** what '-', '—', '/', '无' mean; default zero */
  dash?: 'zero' | 'blank';
}

export interface DecimalOptions extends IntegerOptions {
  /** most decimals allowed (default 2); more is refused, never rounded */
  scale?: number;
}

const DASH = /^(?:[-—–―─~～/\\_]+|无|没有|暂无)$/;
/** units a clerk may type after a number; the column's header says which one it is */
const UNIT_WORDS = /(人|户|名|个|次|处|间|座|家|所|套|亩|平方米|平米|㎡|m2|m²|公顷|万元|元|岁|年|小时|学时|天|%)$/i;

function numberDecimal(value: CellValue, what: string, dash: 'zero' | 'blank' | undefined): ParseResult<ExactDecimal | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  const shown = cellForMessage(value);
  if (typeof value === 'boolean') return fail(`“${shown}”不是${what}`);
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${shown}”（公式出错），不是${what}`);
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(exactDecimal(excelNumberText(value))) : fail(`“${shown}”不是${what}`);
  }
  let text = toHalfWidth(value).replace(/[\s\u00a0]/g, '');
  if (DASH.test(text)) return ok(dash === 'blank' ? null : exactDecimal('0'));
  text = text.replace(UNIT_WORDS, '');
  const plain = plainNumberText(text);
  if (!plain.ok) return fail(plain.problem === 'grouping' ? `“${shown}”的千位分隔符位置不对` : `“${shown}”不是${what}`);
  return ok(exactDecimal(plain.text));
}

function rangeProblem(n: number, shown: string, options: IntegerOptions): string | null {
  if (options.min !== undefined && n < options.min) return options.min === 0 ? `“${shown}”不能为负数` : `“${shown}”不能小于 ${options.min}`;
  if (options.max !== undefined && n > options.max) return `“${shown}”不能大于 ${options.max}`;
  return null;
}

/** Whole numbers: '1,234', '１２', '35人', 12 (a cell), '12.0'; '12.5' is refused. Negative only when min allows. */
export function parseInteger(value: CellValue, options: IntegerOptions = {}): ParseResult<number | null> {
  const parsed = numberDecimal(value, '数字', options.dash);
  if (!parsed.ok || parsed.value === null) return parsed as ParseResult<null>;
  const shown = cellForMessage(value);
  const n = scaledInteger(parsed.value, 0);
  if (n === null) return fail(`“${shown}”应为整数`);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) return fail(`“${shown}”太大`);
  const problem = rangeProblem(Number(n), shown, { min: 0, ...options });
  return problem ? fail(problem) : ok(Number(n));
}

/** Measures with up to `scale` decimals (default 2): '1,234.5', '12.5亩', '80㎡'. More decimals are refused. */
export function parseDecimal(value: CellValue, options: DecimalOptions = {}): ParseResult<number | null> {
  const parsed = numberDecimal(value, '数字', options.dash);
  if (!parsed.ok || parsed.value === null) return parsed as ParseResult<null>;
  const shown = cellForMessage(value);
  const scale = options.scale ?? 2;
  if (parsed.value.scale > scale) return fail(scale === 0 ? `“${shown}”应为整数` : `“${shown}”最多${scale}位小数`);
  if (parsed.value.digits.length - parsed.value.scale > 15) return fail(`“${shown}”太大`);
  const n = Number(decimalText(parsed.value));
  const problem = rangeProblem(n, shown, { min: 0, ...options });
  return problem ? fail(problem) : ok(n);
}
