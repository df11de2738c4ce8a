import { cellForMessage, isBlankCell, isExcelError, type CellValue } from './cells';
import { fail, ok, type ParseResult } from './result';
import { toHalfWidth } from '../text';

/** Dictionary (字典) columns: the cell must name one of the dictionary's items. */

export interface DictionaryOption {
  /** what is stored (the item's code or label, as the module decides) */
  value: string;
  label: string;
  /** other spellings that mean the same item, e.g. 大学本科 for 本科 */
  aliases?: readonly string[];
}

const norm = (text: string) => toHalfWidth(text).replace(/[\s\u00a0]/g, '').toLowerCase();

export function parseDictionary(value: CellValue, options: readonly DictionaryOption[], dictionaryLabel: string): ParseResult<string | null> {
  if (value === null || isBlankCell(value)) return ok(null);
  const shown = cellForMessage(value);
  if (isExcelError(value)) return fail(`单元格是 Excel 错误值“${shown}”（公式出错）`);
  const key = norm(typeof value === 'string' ? value : cellForMessage(value));
  const hits = options.filter((o) => [o.label, o.value, ...(o.aliases ?? [])].some((s) => norm(s) === key));
  if (hits.length === 1) return ok(hits[0]!.value);
  if (hits.length > 1) return fail(`“${shown}”在“${dictionaryLabel}”中对应多个选项，请写完整`);
  const some = options.slice(0, 8).map((o) => o.label).join('、');
  return fail(`“${shown}”不是“${dictionaryLabel}”中的选项（可选：${some}${options.length > 8 ? ' 等' : ''}）`);
}
