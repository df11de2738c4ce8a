import { cellAsText, isBlankCell, type CellRange, type CellValue } from './cells';
import type { RecordDefinition } from './definition';
import { candidatesFor } from './mapping';
import { moneyUnitFromText, type MoneyUnit } from './money';
import { toHalfWidth } from '../text';

/**
 * Where the table is on a sheet: the header row (below title rows such as '济南市市中区村情统计表'
 * and lines such as '填报单位：…  单位：万元'), a second header row under merged group headers
 * ('党员人数' over '总数 | 女 | 35岁以下' → '党员人数/女'), and where the data ends (blank rows,
 * '小计' rows, a trailing '合计'/'总计' row returned separately so the importer can check sums,
 * footer lines such as '填表人：').
 */

export interface HeaderDetection {
  /** 0-based index of the (first) header row */
  headerRow: number;
  headerRows: 1 | 2;
  /** 0-based index of the first row after the header (and after a 栏次 row '甲 乙 1 2 3', if any) */
  dataStart: number;
  /** one label per column; '' where the column has no header */
  labels: string[];
  /** the text of the rows above the header, one string per row */
  titleLines: string[];
  /** the unit a title line states ('单位：万元'), for money columns whose header does not say */
  unitHint: MoneyUnit | null;
  /** how many fields of the definition the labels matched (0: a best guess) */
  matched: number;
}

export interface DataRange {
  /** 0-based, start inclusive, end exclusive */
  start: number;
  end: number;
  /** the rows to import: not blank, not a 小计 row */
  dataRows: number[];
  blankRows: number[];
  subtotalRows: number[];
  /** the trailing 合计/总计 row, or null */
  totalRow: number | null;
  /** first footer line ('填表人：…') or null */
  footerRow: number | null;
}

/** How far down a header may be (title rows, notes). */
const SEARCH_ROWS = 30;

const cellText = (v: CellValue | undefined) => (v === undefined || isBlankCell(v) ? '' : cellAsText(v ?? null));
const compact = (text: string) => toHalfWidth(text).replace(/[\s\u00a0]/g, '');

function widthOf(rows: ReadonlyArray<readonly CellValue[]>): number {
  return rows.reduce((w, r) => Math.max(w, r.length), 0);
}

/** Copies the top-left value of each merge into its other cells (within the given rows only). */
export function fillMerges(
  rows: ReadonlyArray<readonly CellValue[]>,
  merges: readonly CellRange[],
  options: { fromRow?: number; toRow?: number; verticalOnly?: boolean } = {},
): CellValue[][] {
  const out = rows.map((r) => [...r]);
  const from = options.fromRow ?? 0;
  const to = options.toRow ?? rows.length;
  for (const m of merges) {
    if (m.s.r < from || m.s.r >= to) continue;
    if (options.verticalOnly && m.s.c !== m.e.c) continue;
    const value = out[m.s.r]?.[m.s.c] ?? null;
    if (value === null) continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, to - 1); r++) {
      const row = out[r];
      if (!row) continue;
      for (let c = m.s.c; c <= m.e.c; c++) if (row[c] === null || row[c] === undefined) row[c] = value;
    }
  }
  return out;
}

/** How well labels fit a definition: distinct fields matched, and a weight (label 3, synonym 2, containment ~1 each). */
function fit(definition: RecordDefinition, labels: readonly string[]): { fields: number; weight: number } {
  const best = new Map<string, number>();
  for (const l of labels) {
    const c = candidatesFor(definition, l);
    if (c.length === 1) best.set(c[0]!.field, Math.max(best.get(c[0]!.field) ?? 0, c[0]!.score));
  }
  return { fields: best.size, weight: [...best.values()].reduce((a, b) => a + b, 0) };
}

/** Labels of a single header row: a cell merged across several columns labels only its first one. */
function singleLabels(rows: ReadonlyArray<readonly CellValue[]>, r: number, width: number): string[] {
  return Array.from({ length: width }, (_, c) => cellText(rows[r]?.[c]));
}

/** Labels of a two-row header at r, r+1: 'upper/lower', or one of them when the other is empty or the same. */
function twoRowLabels(rows: ReadonlyArray<readonly CellValue[]>, merges: readonly CellRange[], r: number, width: number): string[] {
  const upper = singleLabels(rows, r, width);
  const lower = singleLabels(rows, r + 1, width);
  const verticalFromUpper = new Set<number>();
  for (const m of merges) {
    if (m.s.r === r && m.e.r >= r + 1) for (let c = m.s.c; c <= m.e.c; c++) verticalFromUpper.add(c);
    if (m.s.r === r && m.e.c > m.s.c) for (let c = m.s.c + 1; c <= Math.min(m.e.c, width - 1); c++) if (!upper[c]) upper[c] = upper[m.s.c]!;
  }
  // without merges (CSV): a group label stands over the first of its sub-columns, blanks after it
  for (let c = 1; c < width; c++) {
    if (!upper[c] && lower[c] && lower[c - 1] && upper[c - 1] && !verticalFromUpper.has(c - 1) && !hasMergeAt(merges, r, c)) upper[c] = upper[c - 1]!;
  }
  return upper.map((u, c) => {
    const l = verticalFromUpper.has(c) && !hasHorizontalMergeAt(merges, r, c) ? '' : lower[c]!;
    if (u && l && compact(u) !== compact(l)) return `${u}/${l}`;
    return u || l;
  });
}

function hasMergeAt(merges: readonly CellRange[], r: number, c: number): boolean {
  return merges.some((m) => m.s.r <= r && m.e.r >= r && m.s.c <= c && m.e.c >= c);
}

function hasHorizontalMergeAt(merges: readonly CellRange[], r: number, c: number): boolean {
  return merges.some((m) => m.s.r === r && m.e.r === r && m.s.c <= c && m.e.c >= c && m.e.c > m.s.c);
}

/** A 栏次 row under a statistical header: 甲 乙 丙 … or 1 2 3 … only. */
function isColumnNumberRow(row: readonly CellValue[] | undefined): boolean {
  if (!row) return false;
  const cells = row.map(cellText).map(compact).filter(Boolean);
  if (cells.length < 2) return false;
  let expect = 1;
  for (const t of cells) {
    if (/^(甲|乙|丙|丁|栏次|序号)$/.test(t)) continue;
    if (t !== String(expect)) return false;
    expect++;
  }
  return true;
}

function textCells(row: readonly CellValue[] | undefined): { texts: number; numbers: number } {
  let texts = 0;
  let numbers = 0;
  for (const v of row ?? []) {
    if (isBlankCell(v)) continue;
    if (typeof v === 'number' || (typeof v === 'string' && /^[\d.,\-+%\s]+$/.test(v))) numbers++;
    else texts++;
  }
  return { texts, numbers };
}

/**
 * Finds the header of a table for a definition. Returns null when the sheet has no row that
 * could be a header (empty, or nothing but one-cell lines).
 */
export function detectHeader(
  rows: ReadonlyArray<readonly CellValue[]>,
  merges: readonly CellRange[],
  definition: RecordDefinition,
  options: { headerRow?: number | null } = {},
): HeaderDetection | null {
  const width = widthOf(rows);
  // the clerk may say where the header is; one or two rows is still decided here
  const forced = options.headerRow ?? null;
  if (forced !== null && (forced < 0 || forced >= rows.length)) return null;
  const first = forced ?? 0;
  const last = forced !== null ? forced + 1 : Math.min(rows.length, SEARCH_ROWS);
  let best: { r: number; two: boolean; fields: number; weight: number; labels: string[] } | null = null;
  for (let r = first; r < last; r++) {
    const { texts, numbers } = textCells(rows[r]);
    if (forced === null && (texts < 2 || numbers > texts)) continue;
    const single = singleLabels(rows, r, width);
    let pick = { two: false, labels: single, ...fit(definition, single) };
    if (r + 1 < rows.length && couldBeLowerHeader(rows, merges, r)) {
      const labels = twoRowLabels(rows, merges, r, width);
      const two = { two: true, labels, ...fit(definition, labels) };
      // strong evidence: header cells merged down over both rows (the usual two-row header);
      // otherwise the second row must make the header fit better (a merged 备注 over two
      // columns must not swallow the first data row)
      const spansBoth = merges.some((m) => m.s.r === r && m.e.r === r + 1);
      if ((spansBoth && two.fields >= pick.fields) || two.weight > pick.weight) pick = two;
    }
    if (!best || pick.weight > best.weight) best = { r, ...pick };
  }
  if (!best) return null;
  if (best.fields === 0 && forced === null) {
    // nothing matched: the first wide row of text (at least half as wide as the widest row)
    const wide = Math.max(2, Math.ceil(width / 2));
    for (let r = 0; r < last; r++) {
      const { texts, numbers } = textCells(rows[r]);
      if (texts >= 2 && texts >= numbers && texts + numbers >= wide) {
        best = { r, two: false, fields: 0, weight: 0, labels: singleLabels(rows, r, width) };
        break;
      }
    }
  }
  const headerRows = best.two ? 2 : 1;
  let dataStart = best.r + headerRows;
  if (isColumnNumberRow(rows[dataStart])) dataStart++;
  const titleLines = rows
    .slice(0, best.r)
    .map((row) => row.map(cellText).filter(Boolean).join(' '))
    .filter(Boolean);
  const unitLine = titleLines.find((l) => /单位[:：]/.test(compact(l)));
  const unitHint = unitLine ? moneyUnitFromText(compact(unitLine).replace(/^.*单位[:：]/, '单位：')) : null;
  return { headerRow: best.r, headerRows, dataStart, labels: best.labels, titleLines, unitHint, matched: best.fields };
}

/** The row under r holds sub-headers: text only (no numbers), at least one cell. */
function couldBeLowerHeader(rows: ReadonlyArray<readonly CellValue[]>, merges: readonly CellRange[], r: number): boolean {
  const lower = rows[r + 1] ?? [];
  let sawCell = false;
  for (let c = 0; c < lower.length; c++) {
    const v = lower[c] ?? null;
    if (isBlankCell(v)) continue;
    sawCell = true;
    const underGroup = merges.some((m) => m.s.r === r && m.e.r === r && m.s.c <= c && m.e.c >= c && m.e.c > m.s.c);
    // a number — also as text, as every CSV cell is — is data, not a sub-header
    const numeric = typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && /^[\d.,\-+%\s]+$/.test(v));
    if (numeric && !underGroup) return false;
  }
  return sawCell;
}

const TOTAL = /^(合计|总计|共计|总合计|全区合计|全县合计|全市合计|全镇合计|全街道合计|累计)[:：]?$/;
const SUBTOTAL = /^(.{0,20})(小计)[:：]?$/;
const FOOTER = /^(填表人|填报人|制表人|审核人|审核|负责人|单位负责人|分管领导|主要负责人|联系人|联系电话|填报日期|填表日期|报出日期|制表日期|报送日期|注|备注|说明|附注)[:：]/;

/** Where the data of a table ends, from its first data row down. */
export function findDataRange(rows: ReadonlyArray<readonly CellValue[]>, dataStart: number): DataRange {
  const blankRows: number[] = [];
  const subtotalRows: number[] = [];
  const dataRows: number[] = [];
  let totalRow: number | null = null;
  let footerRow: number | null = null;
  for (let i = dataStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const cells = row.map(cellText).filter(Boolean);
    if (cells.length === 0) {
      blankRows.push(i);
      continue;
    }
    const leading = cells.slice(0, 3).map(compact);
    if (leading.some((t) => TOTAL.test(t))) {
      totalRow = i;
      break;
    }
    if (leading.some((t) => SUBTOTAL.test(t))) {
      subtotalRows.push(i);
      continue;
    }
    if (cells.length <= 4 && FOOTER.test(compact(cells[0]!))) {
      footerRow = i;
      break;
    }
    dataRows.push(i);
  }
  const lastData = Math.max(dataRows.at(-1) ?? dataStart - 1, subtotalRows.at(-1) ?? dataStart - 1);
  const end = lastData + 1;
  return { start: dataStart, end, dataRows, blankRows: blankRows.filter((b) => b < end), subtotalRows, totalRow, footerRow };
}
