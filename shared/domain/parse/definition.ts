import type { CellValue } from './cells';
import { parseBoolean } from './boolean';
import { parseDate } from './date';
import { parseDictionary, type DictionaryOption } from './dictionary';
import { parseMoney, type MoneyUnit } from './money';
import { parseDecimal, parseInteger } from './number';
import { fail, ok, type ParseResult } from './result';
import { exactDecimal, scaledInteger } from './decimal';
import { excelNumberText } from './cells';
import { parseCode, parseText } from './text';

/**
 * One import engine, many record types: each module describes its rows once — columns, labels,
 * the header texts clerks use for them, kinds and validation from shared/domain — and the
 * reader, header detection, column mapping, value parsing, preview and total check all work
 * from that description. Nothing here is specific to one module.
 */

export type ColumnKind = 'text' | 'code' | 'money' | 'integer' | 'decimal' | 'date' | 'month' | 'boolean' | 'dictionary';

export type ImportedValue = string | number | boolean | null;

export interface ColumnDefinition {
  /** the key in the parsed record */
  field: string;
  /** the header text of our own template and exports */
  label: string;
  /** other header texts clerks use (matched after normalisation: full-width, spaces, brackets, units) */
  synonyms?: readonly string[];
  required?: boolean;
  kind: ColumnKind;
  /** money: the unit when neither the header ('收入（万元）') nor a title line ('单位：万元') says; default 元 */
  unit?: MoneyUnit;
  /** dictionary: the dictionary's key; its items are passed in at parse time (they are configurable) */
  dictionary?: string;
  /** text/code: most characters */
  maxLength?: number;
  /** integer/decimal: bounds (default min 0) */
  min?: number;
  max?: number;
  /** decimal: most decimals (default 2) */
  scale?: number;
  /**
   * decimal: the value is handed on as an integer of 10^scale-ths (123.45 亩 → 12345), the way
   * quantities are stored (like money in 分), so no float ever carries it
   */
  scaledInteger?: boolean;
  /** money: negative amounts allowed (a loss, a reversal) */
  allowNegative?: boolean;
  /** money/integer/decimal: what '-', '—', '/', '无' mean (default zero) */
  dash?: 'zero' | 'blank';
  /** a rule from shared/domain on the parsed value (e.g. idCardProblem); returns a Chinese message or null */
  validate?: (value: string | number | boolean) => string | null;
}

export interface RecordDefinition {
  /** stable key, e.g. 'village-profile'; remembered mappings are stored under it */
  key: string;
  /** what a row is, in Chinese, e.g. '村情基本信息' */
  label: string;
  columns: readonly ColumnDefinition[];
}

export interface CellContext {
  /** money: the unit this column's header or the title lines gave; falls back to the definition's */
  unit?: MoneyUnit | null;
  /** dictionary items by dictionary key */
  dictionaries?: Readonly<Record<string, readonly DictionaryOption[]>>;
}

/** Checks a definition once (fields and labels unique) and returns it typed. */
export function defineRecord<D extends RecordDefinition>(definition: D): D {
  const seen = new Set<string>();
  for (const c of definition.columns) {
    if (seen.has(c.field)) throw new Error(`导入定义“${definition.label}”中字段 ${c.field} 重复`);
    seen.add(c.field);
    if (c.kind === 'dictionary' && !c.dictionary) throw new Error(`导入定义“${definition.label}”中“${c.label}”缺少字典`);
  }
  return definition;
}

/** One cell through the parser of its column's kind, then the column's own rule. */
export function parseCell(column: ColumnDefinition, value: CellValue, ctx: CellContext = {}): ParseResult<ImportedValue> {
  const parsed = parseByKind(column, value, ctx);
  if (!parsed.ok || parsed.value === null || !column.validate) return parsed;
  const problem = column.validate(parsed.value);
  return problem ? fail(problem) : parsed;
}

function parseByKind(column: ColumnDefinition, value: CellValue, ctx: CellContext): ParseResult<ImportedValue> {
  const numeric = { min: column.min, max: column.max, dash: column.dash };
  switch (column.kind) {
    case 'text':
      return parseText(value, { maxLength: column.maxLength });
    case 'code':
      return parseCode(value, { maxLength: column.maxLength });
    case 'money':
      return parseMoney(value, { unit: ctx.unit ?? column.unit ?? '元', dash: column.dash, allowNegative: column.allowNegative });
    case 'integer':
      return parseInteger(value, numeric);
    case 'decimal': {
      const parsed = parseDecimal(value, { ...numeric, scale: column.scale });
      if (!parsed.ok || parsed.value === null || !column.scaledInteger) return parsed;
      return ok(toScaledInteger(parsed.value, column.scale ?? 2));
    }
    case 'date':
      return parseDate(value, 'day');
    case 'month':
      return parseDate(value, 'month');
    case 'boolean':
      return parseBoolean(value);
    case 'dictionary': {
      const items = ctx.dictionaries?.[column.dictionary ?? ''];
      if (!items) return fail(`字典“${column.label}”没有提供`);
      return parseDictionary(value, items, column.label);
    }
  }
}


/** A parsed decimal (at most `scale` decimals, so exact) as an integer of 10^scale-ths. */
function toScaledInteger(value: number, scale: number): number {
  const d = exactDecimal(excelNumberText(value));
  const n = d ? scaledInteger(d, scale) : null;
  if (n === null) throw new Error(`不能换算的数值：${value}`);
  return Number(n);
}
