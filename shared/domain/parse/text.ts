import { cellForMessage, excelNumberText, isBlankCell, isExcelError, type CellValue } from './cells';
import { fail, ok, type ParseResult } from './result';
import { cleanText, toHalfWidth } from '../text';

/** Text and code columns: what a clerk typed, cleaned (shared/domain/text.ts), never guessed at. */

export interface TextOptions {
  maxLength?: number;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g;
/** The apostrophe our own exports put before = + - @ (formula-injection guard, write-table.ts). */
const GUARDED = /^'(?=[=+\-@\t\r\n])/;
/** Excel keeps 15 significant digits: a longer number (身份证号, 银行卡号 typed without text format) has lost its tail. */
const LOST_DIGITS = 1e15;

function lostDigits(n: number): string {
  return `“${cellForMessage(n)}”是被 Excel 存成数字的长号码，15 位以后的数字已经丢失。请把这一列设为“文本”格式后重新填写`;
}

/** Trimmed, white space folded, full-width digits and letters made ASCII; numbers as Excel shows them. */
export function parseText(value: CellValue, options: TextOptions = {}): ParseResult<string | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  if (typeof value === 'boolean') return ok(value ? '是' : '否');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(`“${cellForMessage(value)}”不是有效的内容`);
    if (Number.isInteger(value) && Math.abs(value) >= LOST_DIGITS) return fail(lostDigits(value));
    return ok(excelNumberText(value));
  }
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${cellForMessage(value)}”（公式出错）`);
  const text = cleanText(value.replace(CONTROL, '').replace(GUARDED, ''));
  if (text === '') return ok(null);
  if (options.maxLength !== undefined && [...text].length > options.maxLength) {
    return fail(`内容超过 ${options.maxLength} 个字（现有 ${[...text].length} 个字）`);
  }
  return ok(text);
}

/**
 * Codes (身份证号, 区划代码, 电话, 凭证号): half-width, no spaces, letters upper-cased. A numeric
 * cell is taken as its digits when Excel kept them all; a long number it rounded is refused.
 */
export function parseCode(value: CellValue, options: TextOptions = {}): ParseResult<string | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  const shown = cellForMessage(value);
  if (typeof value === 'boolean') return fail(`“${shown}”不是编号`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0) return fail(`“${shown}”不是编号`);
    if (value >= LOST_DIGITS) return fail(lostDigits(value));
    return ok(excelNumberText(value));
  }
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${shown}”（公式出错）`);
  const code = toHalfWidth(value.replace(CONTROL, '').replace(GUARDED, '')).replace(/[\s\u00a0]/g, '').toUpperCase();
  if (code === '') return ok(null);
  if (/^\d(\.\d+)?E\+\d+$/.test(code)) return fail(`“${shown}”是被 Excel 转成科学计数法的长号码，后几位已丢失。请把这一列设为“文本”格式后重新填写`);
  if (options.maxLength !== undefined && code.length > options.maxLength) return fail(`“${shown}”超过 ${options.maxLength} 位`);
  return ok(code);
}
