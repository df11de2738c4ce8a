import ExcelJS from 'exceljs';
import { expect } from 'vitest';

/**
 * Reading back a ledger workbook (electron/excel/write-ledger.ts) as finance would: the cached
 * values a reader that does not calculate shows, and each SUM formula re-evaluated over the
 * sheet, in 分, to prove the 小计 and 合计 are what the rows add up to.
 */

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A cell's number as shown: its value, or a formula's cached result (ExcelJS omits a 0 result: read as 0). */
export function shownNumber(v: ExcelJS.CellValue): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'formula' in v) return Number(v.result ?? 0);
  return 0;
}

/** 元 as shown → 分, exactly. */
export const fenOf = (v: ExcelJS.CellValue): number => Math.round(shownNumber(v) * 100);

/** The rows a SUM formula adds: SUM(E4:E9,E11) → column E, rows [4..9, 11]. */
export function sumRanges(formula: string): { column: string; rows: number[] } {
  const m = /^SUM\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`不是 SUM：${formula}`);
  let column = '';
  const rows: number[] = [];
  for (const part of m[1]!.split(',')) {
    const [from, to = from] = part.split(':') as [string, string?];
    column = from.replace(/\d+/g, '');
    expect(to!.replace(/\d+/g, ''), `${formula} spans one column`).toBe(column);
    for (let row = Number(from.replace(/\D+/g, '')); row <= Number(to!.replace(/\D+/g, '')); row++) rows.push(row);
  }
  return { column, rows };
}

/** Evaluates SUM(A1:A3,A5) over the sheet's shown values, in 分 (or plain units when not money). */
export function evaluateSum(ws: ExcelJS.Worksheet, formula: string, scale = 100): number {
  const { column, rows } = sumRanges(formula);
  return rows.reduce((n, row) => n + Math.round(shownNumber(ws.getCell(`${column}${row}`).value) * scale), 0);
}

export interface FormulaCell {
  row: number;
  col: number;
  formula: string;
  /** the cached result, ×100 (分) */
  resultFen: number;
}

export function formulaCells(ws: ExcelJS.Worksheet): FormulaCell[] {
  const out: FormulaCell[] = [];
  ws.eachRow((row, r) => {
    row.eachCell((c, col) => {
      const v = c.value;
      if (v && typeof v === 'object' && 'formula' in v) out.push({ row: r, col, formula: String(v.formula), resultFen: fenOf(v) });
    });
  });
  return out;
}

/** Every formula's cached result equals its re-evaluated sum; returns how many were checked. */
export function expectFormulasAddUp(ws: ExcelJS.Worksheet): number {
  const cells = formulaCells(ws);
  for (const c of cells) expect(c.resultFen, `${ws.name}!${c.col}:${c.row} ${c.formula}`).toBe(evaluateSum(ws, c.formula));
  return cells.length;
}

/** The text of column A of each row (labels: 小计, 合计 …), by row number. */
export function labelRows(ws: ExcelJS.Worksheet, pattern: RegExp): number[] {
  const out: number[] = [];
  ws.eachRow((row, r) => {
    if (pattern.test(String(row.getCell(1).value ?? ''))) out.push(r);
  });
  return out;
}

/** The header row's texts (row 3 of a ledger sheet). */
export function headerRow(ws: ExcelJS.Worksheet): string[] {
  return (ws.getRow(3).values as unknown[]).slice(1).map((v) => String(v ?? ''));
}

/** A column's 1-based number by its header. */
export function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const i = headerRow(ws).indexOf(header);
  if (i < 0) throw new Error(`${ws.name} 没有“${header}”列：${headerRow(ws).join('、')}`);
  return i + 1;
}

/**
 * A row as a reader sees it, columns 1..n: a formula's cached result, '' for an empty cell or
 * the covered part of a merged label, numbers as shown (元 stay 元: use fenOf for amounts).
 */
export function rowCells(ws: ExcelJS.Worksheet, row: number, n: number): Array<string | number> {
  const out: Array<string | number> = [];
  for (let col = 1; col <= n; col++) {
    const c = ws.getCell(row, col);
    const v = c.value;
    if (c.isMerged && c.master.address !== c.address) out.push('');
    else if (v === null || v === undefined) out.push('');
    else if (typeof v === 'number' || typeof v === 'string') out.push(v);
    else if (typeof v === 'object' && 'formula' in v) out.push(Number(v.result ?? 0));
    else out.push(String(v));
  }
  return out;
}

/** rowCells with the money columns (1-based) in 分. */
export const rowInFen = (ws: ExcelJS.Worksheet, row: number, n: number, moneyColumns: readonly number[]) =>
  rowCells(ws, row, n).map((v, i) => (moneyColumns.includes(i + 1) && typeof v === 'number' ? Math.round(v * 100) : v));
