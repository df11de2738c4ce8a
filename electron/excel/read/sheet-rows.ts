import type * as XLSX from 'xlsx';
import type { CellRange, CellValue } from '../../../shared/domain/parse/cells';
import { excelSerialToIso } from '../../../shared/domain/parse/excel-date';
import { tooManyColumnsMessage, tooManyRowsMessage } from './limits';
import type { ReadLimits, SheetData } from './types';

/**
 * A SheetJS workbook → plain sheets (runs inside the worker). Only own properties are read,
 * every value is checked for its type and copied into new arrays, so nothing SheetJS built (or
 * a crafted file polluted) is passed on.
 */

type XlsxModule = typeof XLSX;

/** Excel's error codes (BErr) → their literals. */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isDateFormat(lib: XlsxModule, z: unknown): boolean {
  if (typeof z !== 'string' || z === 'General') return false;
  try {
    return lib.SSF.is_date(z) === true;
  } catch {
    return false;
  }
}

function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // SheetJS builds dates from local fields
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = d.getHours() || d.getMinutes() || d.getSeconds() ? `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : '';
  return date + time;
}

function cellValue(lib: XlsxModule, cell: unknown, date1904: boolean): CellValue {
  if (typeof cell !== 'object' || cell === null) return null;
  const c = cell as { t?: unknown; v?: unknown; z?: unknown; w?: unknown };
  const v = c.v;
  switch (c.t) {
    case 's':
    case 'str': {
      if (v === undefined || v === null) return null;
      const text = String(v).replaceAll('\u0000', '');
      return text === '' ? null : text;
    }
    case 'n': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      if (isDateFormat(lib, c.z)) return excelSerialToIso(v, date1904) ?? v;
      return Object.is(v, -0) ? 0 : v;
    }
    case 'b':
      return typeof v === 'boolean' ? v : null;
    case 'e':
      return typeof c.w === 'string' && c.w.startsWith('#') ? c.w : typeof v === 'number' ? (ERRORS[v] ?? '#VALUE!') : '#VALUE!';
    case 'd':
      return v instanceof Date ? dateText(v) : typeof v === 'string' ? v : null;
    default:
      return null;
  }
}

function decodeAddress(key: string): { r: number; c: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(key);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

function plainMerges(raw: unknown, rows: number, width: number, max: number): CellRange[] {
  if (!Array.isArray(raw)) return [];
  const out: CellRange[] = [];
  for (const m of raw as unknown[]) {
    if (out.length >= max) break;
    const mm = m as { s?: { r?: unknown; c?: unknown }; e?: { r?: unknown; c?: unknown } } | null;
    const sr = mm?.s?.r;
    const sc = mm?.s?.c;
    const er = mm?.e?.r;
    const ec = mm?.e?.c;
    if (![sr, sc, er, ec].every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) continue;
    const s = { r: sr as number, c: sc as number };
    const e = { r: Math.min(er as number, rows - 1), c: Math.min(ec as number, width - 1) };
    if (s.r >= rows || s.c >= width || e.r < s.r || e.c < s.c || (e.r === s.r && e.c === s.c)) continue;
    out.push({ s, e });
  }
  return out;
}

/** Rows of one sheet: no trailing empty rows, every row as wide as the widest. */
export function finishRows(sparse: CellValue[][], maxRows: number): { rows: CellValue[][]; width: number } {
  let last = Math.min(sparse.length, maxRows) - 1;
  while (last >= 0 && !(sparse[last] ?? []).some((v) => v !== null && v !== undefined)) last--;
  let width = 0;
  for (let r = 0; r <= last; r++) {
    const row = sparse[r] ?? [];
    for (let c = row.length - 1; c >= width; c--) if (row[c] !== null && row[c] !== undefined) width = c + 1;
  }
  const rows: CellValue[][] = [];
  for (let r = 0; r <= last; r++) {
    const src = sparse[r] ?? [];
    const row: CellValue[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = src[c] ?? null;
    rows.push(row);
  }
  return { rows, width };
}

export function sheetsOf(lib: XlsxModule, wb: XLSX.WorkBook, limits: ReadLimits): SheetData[] | 'too-much-text' {
  const names = Array.isArray(wb.SheetNames) ? wb.SheetNames : [];
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const meta = Array.isArray(wb.Workbook?.Sheets) ? wb.Workbook!.Sheets! : [];
  const sheets: SheetData[] = [];
  let chars = 0;
  for (let i = 0; i < names.length; i++) {
    const rawName = names[i];
    const name = String(rawName);
    const hidden = (meta[i]?.Hidden ?? 0) !== 0;
    const ws = wb.Sheets && own(wb.Sheets, name) ? (wb.Sheets[name] as Record<string, unknown>) : null;
    const base = { name, hidden };
    if (!ws || typeof ws !== 'object') {
      sheets.push({ ...base, width: 0, rows: [], merges: [], problem: null });
      continue;
    }
    const sparse: CellValue[][] = [];
    let problem: string | null = null;
    for (const key of Object.keys(ws)) {
      if (key.charCodeAt(0) === 33 /* ! */) continue;
      const at = decodeAddress(key);
      if (!at) continue;
      const value = cellValue(lib, ws[key], date1904);
      if (value === null) continue;
      if (typeof value === 'string') {
        chars += value.length;
        if (chars > limits.maxTotalChars) return 'too-much-text';
      }
      if (at.r >= limits.maxRows) {
        problem = tooManyRowsMessage(limits);
        break;
      }
      if (at.c >= limits.maxColumns) {
        problem = tooManyColumnsMessage(limits);
        break;
      }
      (sparse[at.r] ??= [])[at.c] = value;
    }
    if (problem) {
      sheets.push({ ...base, width: 0, rows: [], merges: [], problem });
      continue;
    }
    const { rows, width } = finishRows(sparse, limits.maxRows);
    sheets.push({ ...base, width, rows, merges: plainMerges(ws['!merges'], rows.length, width, limits.maxMerges), problem: null });
  }
  return sheets;
}
