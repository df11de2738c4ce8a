import ExcelJS from 'exceljs';
import { columnLetter } from '../../shared/domain/parse/cells';
import { safeSheetName, safeText, type CellInput } from './write-table';

/**
 * A ledger as finance and auditors expect it (经费台账): a title, a 单位/日期 line, a bold header
 * repeated on every printed page, the rows grouped (by street), a 小计 row under each group and a
 * 合计 row at the end whose money cells are SUM formulas — with the stored totals as their cached
 * results, so a reader that does not calculate shows the same figures — 元 with two decimals and
 * thousands separators, and the signature line (单位负责人 / 审核人 / 填表人 / 报出日期). A4 landscape.
 *
 * Amounts come in as integer 分; subtotals are summed in 分 here, never in floating point.
 */

export interface LedgerColumn<R> {
  header: string;
  /** width in characters (a CJK character ≈ 2) */
  width: number;
  /** yuan: integer 分 shown as 元 #,##0.00, summed in 小计/合计; percent: a ratio 0..1 */
  type?: 'text' | 'yuan' | 'number' | 'percent';
  value: (row: R) => CellInput;
  /** yuan columns are summed unless false; a number column is summed only when true */
  sum?: boolean;
  /** a 小计/合计 row's own value for this column (e.g. 拨付率 of the group), instead of a sum */
  total?: (rows: readonly R[]) => CellInput;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

export interface LedgerGroup<R> {
  /** e.g. 大观园街道; the 小计 row reads “大观园街道小计” */
  label: string;
  rows: readonly R[];
}

export interface LedgerInput<R> {
  sheetName: string;
  title: string;
  /** the line under the title, e.g. 填报单位：中共济南市市中区委组织部        单位：元 */
  subtitle: string;
  columns: ReadonlyArray<LedgerColumn<R>>;
  groups: ReadonlyArray<LedgerGroup<R>>;
  /** no 小计 rows (a flat statement) */
  noSubtotals?: boolean;
  /** signature labels, spread along the line under the table */
  signatures?: readonly string[];
  creator: string;
}

export const DEFAULT_SIGNATURES = ['单位负责人：', '审核人：', '填表人：', '报出日期：'] as const;

const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const YUAN = '#,##0.00';
const SUBTOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } };

const summed = <R>(c: LedgerColumn<R>) => (c.type === 'yuan' ? c.sum !== false : c.sum === true);
const fenOf = (v: CellInput) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

function cell<R>(c: LedgerColumn<R>, v: CellInput): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (c.type === 'yuan') return typeof v === 'number' ? v / 100 : safeText(String(v));
  if (c.type === 'number' || c.type === 'percent') return typeof v === 'number' ? v : safeText(String(v));
  return safeText(v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
}

/** The sum row's value of one column: a SUM formula over `ranges` with the exact total as its result. */
function sumCell(letter: string, ranges: ReadonlyArray<[number, number] | number>, totalFen: number, yuan: boolean): ExcelJS.CellValue {
  if (ranges.length === 0) return 0; // an empty ledger: nothing to sum
  const parts = ranges.map((r) => (typeof r === 'number' ? `${letter}${r}` : r[0] === r[1] ? `${letter}${r[0]}` : `${letter}${r[0]}:${letter}${r[1]}`));
  return { formula: `SUM(${parts.join(',')})`, result: yuan ? totalFen / 100 : totalFen };
}

export async function writeLedger<R>(input: LedgerInput<R>): Promise<Uint8Array> {
  const { columns } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = input.creator;
  const last = columns.length;
  const HEADER = 3;
  const ws = wb.addWorksheet(safeSheetName(input.sheetName), {
    views: [{ state: 'frozen', ySplit: HEADER }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER}:${HEADER}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));

  ws.getCell(1, 1).value = safeText(input.title);
  ws.getCell(1, 1).style = { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
  ws.getRow(1).height = 30;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(2, 1).value = safeText(input.subtitle);
  ws.getCell(2, 1).style = { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' } };
  ws.mergeCells(2, 1, 2, last);

  columns.forEach((c, i) => {
    const h = ws.getCell(HEADER, i + 1);
    h.value = safeText(c.header);
    h.style = { font: { name: FONT, size: 11, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } } };
  });
  ws.getRow(HEADER).height = 22;

  const styleOf = (c: LedgerColumn<R>, bold = false): Partial<ExcelJS.Style> => ({
    font: { name: FONT, size: 10, bold },
    border: BORDER,
    numFmt: c.type === 'yuan' ? YUAN : c.type === 'percent' ? '0.00%' : undefined,
    alignment: { vertical: 'middle', wrapText: c.wrap ?? false, horizontal: c.align ?? (c.type === 'yuan' || c.type === 'number' || c.type === 'percent' ? 'right' : 'left') },
  });

  let r = HEADER;
  const subtotalRows: number[] = [];
  const dataRanges: Array<[number, number]> = [];
  const grand = columns.map(() => 0);
  const allRows: R[] = [];

  // the 小计/合计 label spans the columns before the first figure (序号 + 单位 …)
  const firstFigure = columns.findIndex((c) => summed(c) || c.total !== undefined);
  const labelSpan = Math.max(1, firstFigure === -1 ? 1 : firstFigure);
  const writeSumRow = (label: string, rows: readonly R[], ranges: ReadonlyArray<[number, number] | number>, totals: number[]) => {
    r++;
    columns.forEach((c, i) => {
      const target = ws.getCell(r, i + 1);
      if (i === 0) target.value = safeText(label);
      else if (i < labelSpan) target.value = null;
      else if (c.total) target.value = cell(c, c.total(rows));
      else if (summed(c)) target.value = sumCell(columnLetter(i), ranges, totals[i]!, c.type === 'yuan');
      target.style = { ...styleOf(c, true), fill: SUBTOTAL_FILL, ...(i === 0 ? { alignment: { horizontal: 'center', vertical: 'middle' } } : {}) };
    });
    if (labelSpan > 1) ws.mergeCells(r, 1, r, labelSpan);
  };

  for (const group of input.groups) {
    const start = r + 1;
    const totals = columns.map(() => 0);
    for (const row of group.rows) {
      r++;
      columns.forEach((c, i) => {
        const v = c.value(row);
        const target = ws.getCell(r, i + 1);
        target.value = cell(c, v);
        target.style = styleOf(c);
        if (summed(c)) totals[i]! += fenOf(v);
      });
      allRows.push(row);
    }
    if (group.rows.length === 0) continue;
    dataRanges.push([start, r]);
    totals.forEach((t, i) => (grand[i]! += t));
    if (!input.noSubtotals) {
      writeSumRow(`${group.label}小计`, group.rows, [[start, r]], totals);
      subtotalRows.push(r);
    }
  }
  // 合计 sums the 小计 rows (or the data rows of a flat statement), never both
  writeSumRow('合计', allRows, input.noSubtotals ? dataRanges : subtotalRows, grand);

  const signatures = input.signatures ?? DEFAULT_SIGNATURES;
  if (signatures.length > 0) {
    r += 2;
    const span = Math.max(1, Math.floor(last / signatures.length));
    signatures.forEach((s, i) => {
      const c = ws.getCell(r, 1 + i * span);
      c.value = s;
      c.style = { font: { name: FONT, size: 11 } };
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
