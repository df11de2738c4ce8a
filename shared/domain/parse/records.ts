import { cellForMessage, isBlankCell, type CellRange, type CellValue } from './cells';
import { parseCell, type ColumnDefinition, type ImportedValue, type RecordDefinition } from './definition';
import type { DictionaryOption } from './dictionary';
import { fillMerges, type DataRange } from './header';
import type { ColumnMapping } from './mapping';
import { formatYuan } from '../money';
import { decimalText, exactDecimal, scaledInteger } from './decimal';

/**
 * The preview: every data row through its columns' parsers, with each row's problems (Chinese,
 * naming the row as Excel numbers it, the column and the value), and the check of a trailing
 * 合计 row against the sum of the rows. Nothing is written here; the commit step takes the
 * records without problems (or refuses the whole file) in one transaction.
 */

export interface ImportProblem {
  /** the row as Excel numbers it (1-based) */
  row: number;
  /** 0-based column, when the problem is in one cell */
  column: number | null;
  field: string | null;
  /** the header text of that column */
  header: string | null;
  message: string;
}

export interface ParsedRecord {
  /** the row as Excel numbers it (1-based) */
  row: number;
  values: Record<string, ImportedValue>;
  problems: ImportProblem[];
}

export interface ParseRecordsInput {
  definition: RecordDefinition;
  mapping: ColumnMapping;
  rows: ReadonlyArray<readonly CellValue[]>;
  merges: readonly CellRange[];
  range: DataRange;
  dictionaries?: Readonly<Record<string, readonly DictionaryOption[]>>;
}

/** A cell merged down over several rows (e.g. 街道 over its villages) counts for each of them. */
export function parseRecords(input: ParseRecordsInput): ParsedRecord[] {
  const { definition, mapping, range } = input;
  const rows = fillMerges(input.rows, input.merges, { fromRow: range.start, toRow: range.end, verticalOnly: true });
  const byField = new Map(definition.columns.map((c) => [c.field, c]));
  const mapped = mapping.columns.filter((c) => c.field !== null);
  return range.dataRows.map((i) => {
    const values: Record<string, ImportedValue> = {};
    const problems: ImportProblem[] = [];
    for (const col of mapped) {
      const def = byField.get(col.field!)!;
      const cell = rows[i]?.[col.index] ?? null;
      const parsed = parseCell(def, cell, { unit: col.unit, dictionaries: input.dictionaries });
      const at = { row: i + 1, column: col.index, field: def.field, header: col.header };
      if (!parsed.ok) {
        problems.push({ ...at, message: `${def.label}：${parsed.message}` });
        values[def.field] = null;
        continue;
      }
      values[def.field] = parsed.value;
      if (parsed.value === null && def.required) problems.push({ ...at, message: `${def.label}不能为空` });
    }
    return { row: i + 1, values, problems };
  });
}

export interface TotalCheck {
  field: string;
  header: string;
  /** the 合计 row's value and the sum of the rows, as shown to the clerk (元 for money) */
  stated: string;
  summed: string;
  matches: boolean;
}

const SUMMABLE = new Set(['money', 'integer', 'decimal']);

function asUnits(def: ColumnDefinition, value: number): bigint | null {
  if (def.kind !== 'decimal' || def.scaledInteger) return BigInt(value);
  const d = exactDecimal(String(value));
  return d ? scaledInteger(d, def.scale ?? 2) : null;
}

/** '260,000.00' as the cell shows it and '260,000.00元' as we state it are the same: no need to say it twice. */
const sameAmount = (shown: string, stated: string) => shown === stated || `${shown}元` === stated;

function unitsText(def: ColumnDefinition, units: bigint): string {
  if (def.kind === 'money') return `${formatYuan(Number(units))}元`;
  if (def.kind === 'integer') return String(units);
  const scale = def.scale ?? 2;
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const d = exactDecimal(`${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`);
  return d ? decimalText(d) : digits;
}

/**
 * Checks a trailing 合计 row against the rows: every mapped money/integer/decimal column whose
 * 合计 cell holds a number, and whose rows all parsed, is summed exactly (fen, integers) and
 * compared. A column with problems in its rows is not checked (its sum would mislead).
 */
export function checkTotals(input: ParseRecordsInput, records: readonly ParsedRecord[]): { checks: TotalCheck[]; problems: ImportProblem[] } {
  const { definition, mapping, range } = input;
  if (range.totalRow === null) return { checks: [], problems: [] };
  const totalCells = input.rows[range.totalRow] ?? [];
  const byField = new Map(definition.columns.map((c) => [c.field, c]));
  const checks: TotalCheck[] = [];
  const problems: ImportProblem[] = [];
  for (const col of mapping.columns) {
    const def = col.field ? byField.get(col.field) : undefined;
    if (!def || !SUMMABLE.has(def.kind)) continue;
    const cell = totalCells[col.index] ?? null;
    if (isBlankCell(cell)) continue;
    const stated = parseCell({ ...def, validate: undefined, allowNegative: true, min: undefined, max: undefined }, cell, { unit: col.unit });
    if (!stated.ok || typeof stated.value !== 'number') continue;
    if (records.some((r) => r.problems.some((p) => p.field === def.field))) continue;
    let sum = 0n;
    let exact = true;
    for (const r of records) {
      const v = r.values[def.field];
      if (typeof v !== 'number') continue;
      const u = asUnits(def, v);
      if (u === null) exact = false;
      else sum += u;
    }
    const statedUnits = asUnits(def, stated.value);
    if (!exact || statedUnits === null) continue;
    const check = { field: def.field, header: col.header, stated: unitsText(def, statedUnits), summed: unitsText(def, sum), matches: statedUnits === sum };
    checks.push(check);
    if (!check.matches) {
      problems.push({
        row: range.totalRow + 1,
        column: col.index,
        field: def.field,
        header: col.header,
        message: `合计行“${col.header}”为 ${cellForMessage(cell)}${sameAmount(cellForMessage(cell), check.stated) ? '' : `（${check.stated}）`}，各行相加为 ${check.summed}，两者不符，请核对`,
      });
    }
  }
  return { checks, problems };
}
