import { cellForMessage, isBlankCell, isExcelError, type CellValue } from './cells';
import { fail, ok, type ParseResult } from './result';
import { toHalfWidth } from '../text';

/** 是/否 columns: 是 √ ✓ 有 Y 1 TRUE … and 否 × 无 N 0 FALSE …; '-' and '/' count as blank. */

const YES = new Set(['是', '√', '✓', '✔', '☑', '☒', '有', '对', 'y', 'yes', 'true', 't', '1', '是的', '已', '已是']);
const NO = new Set(['否', '×', '✗', '✘', '☐', '□', '无', '没有', '不是', '非', 'n', 'no', 'false', 'f', '0', '未']);
const DASH = /^[-—–―─~～/\\_]+$/;

export function parseBoolean(value: CellValue): ParseResult<boolean | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  if (typeof value === 'boolean') return ok(value);
  const shown = cellForMessage(value);
  if (typeof value === 'number') {
    if (value === 1) return ok(true);
    if (value === 0) return ok(false);
    return fail(`“${shown}”不是“是”或“否”`);
  }
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${shown}”（公式出错）`);
  const text = toHalfWidth(value).replace(/[\s\u00a0]/g, '').toLowerCase();
  if (DASH.test(text)) return ok(null);
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return fail(`“${shown}”不是“是”或“否”（可填 是/否、√/×、有/无）`);
}
