import ExcelJS from 'exceljs';
import { columnLetter } from '../../shared/domain/parse/cells';
import { LEDGER_SIGNATURES } from '../../shared/api/funds/ledger-layout';
import { safeSheetName, safeText, streamWorkbook, type CellInput } from './write-table';

/**
 * A ledger as finance and auditors expect it (经费台账): a title, a 单位/日期 line, a bold header
 * repeated on every printed page, the rows grouped (by street), a 小计 row under each group and a
 * 合计 row at the end whose money cells are SUM formulas — with the stored totals as their cached
 * results, so a reader that does not calculate shows the same figures — 元 with two decimals and
 * thousands separators, and the signature line (单位负责人 / 审核人 / 填表人 / 报出日期). A4 landscape.
 *
 * A workbook may hold several such sheets (a programme's 汇总 and its 拨付明细). It is written
 * with ExcelJS's streaming writer, pausing every few hundred rows: a programme's 拨付明细 can
 * run to hundreds of thousands of rows, and memory stays flat and the app responsive.
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

export interface LedgerSheet<R> {
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
}

export interface LedgerInput<R> extends LedgerSheet<R> {
  creator: string;
}

export interface LedgerBook {
  /** who made it (document properties) */
  creator: string;
  sheets: ReadonlyArray<LedgerSheet<never>>;
}

/** Types one sheet for a LedgerBook (its rows and its columns agree). */
export const ledgerSheet = <R>(sheet: LedgerSheet<R>): LedgerSheet<never> => sheet as unknown as LedgerSheet<never>;

export const DEFAULT_SIGNATURES = LEDGER_SIGNATURES;

/** Excel's rows per sheet (2^20). */
export const EXCEL_MAX_ROWS = 1_048_576;
/** title, 单位 line, header */
const HEADER = 3;

/** How many sheet rows a ledger takes: to refuse before writing a file Excel would cut short. */
export function ledgerRowCount(shape: { rows: number; groups: number; noSubtotals?: boolean; signatures?: number }): number {
  const signatures = shape.signatures ?? DEFAULT_SIGNATURES.length;
  return HEADER + shape.rows + (shape.noSubtotals ? 0 : shape.groups) + 1 + (signatures > 0 ? 2 : 0);
}

const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const YUAN = '#,##0.00';
const SUBTOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
/** Rows written between two pauses that let the main process answer other calls and repaint. */
const ROWS_PER_SLICE = 500;

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

/** Writes several ledger sheets into one workbook. */
export async function writeLedgerBook(book: LedgerBook): Promise<Uint8Array> {
  const bytes = await streamWorkbook(book.creator, async (wb) => {
    for (const sheet of book.sheets) await writeSheet(wb, sheet);
  });
  return new Uint8Array(bytes);
}

/** One ledger sheet as a workbook of its own. */
export async function writeLedger<R>(input: LedgerInput<R>): Promise<Uint8Array> {
  const { creator, ...sheet } = input;
  return writeLedgerBook({ creator, sheets: [ledgerSheet(sheet)] });
}

async function writeSheet<R>(wb: ExcelJS.stream.xlsx.WorkbookWriter, input: LedgerSheet<R>): Promise<void> {
  const { columns } = input;
  const last = columns.length;
  const rowsNeeded = ledgerRowCount({ rows: input.groups.reduce((n, g) => n + g.rows.length, 0), groups: input.groups.filter((g) => g.rows.length > 0).length, noSubtotals: input.noSubtotals, signatures: input.signatures?.length });
  // the callers refuse first, in words the clerk reads; this is the last guard against a cut-off file
  if (rowsNeeded > EXCEL_MAX_ROWS) throw new Error(`ledger sheet needs ${rowsNeeded} rows, more than Excel holds`);
  const ws = wb.addWorksheet(safeSheetName(input.sheetName), {
    views: [{ state: 'frozen', ySplit: HEADER, xSplit: 0 }],
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
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = columns.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = safeText(input.title);
  title.getCell(1).style = { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
  title.height = 30;
  if (last > 1) ws.mergeCells(1, 1, 1, last);
  title.commit();
  const subtitle = ws.getRow(2);
  subtitle.getCell(1).value = safeText(input.subtitle);
  subtitle.getCell(1).style = { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' } };
  if (last > 1) ws.mergeCells(2, 1, 2, last);
  subtitle.commit();

  const header = ws.getRow(HEADER);
  const headerStyle: Partial<ExcelJS.Style> = { font: { name: FONT, size: 11, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER, fill: HEADER_FILL };
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = safeText(c.header);
    header.getCell(i + 1).style = headerStyle;
  });
  header.height = 22;
  header.commit();

  const styleOf = (c: LedgerColumn<R>, bold = false): Partial<ExcelJS.Style> => ({
    font: { name: FONT, size: 10, bold },
    border: BORDER,
    numFmt: c.type === 'yuan' ? YUAN : c.type === 'percent' ? '0.00%' : undefined,
    alignment: { vertical: 'middle', wrapText: c.wrap ?? false, horizontal: c.align ?? (c.type === 'yuan' || c.type === 'number' || c.type === 'percent' ? 'right' : 'left') },
  });
  // one style object per column, shared by its cells (never changed per cell)
  const rowStyles = columns.map((c) => styleOf(c));
  const sumStyles = columns.map((c, i) => ({ ...styleOf(c, true), fill: SUBTOTAL_FILL, ...(i === 0 ? { alignment: { horizontal: 'center' as const, vertical: 'middle' as const } } : {}) }));

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
    const row = ws.getRow(r);
    columns.forEach((c, i) => {
      const target = row.getCell(i + 1);
      if (i === 0) target.value = safeText(label);
      else if (i < labelSpan) target.value = null;
      else if (c.total) target.value = cell(c, c.total(rows));
      else if (summed(c)) target.value = sumCell(columnLetter(i), ranges, totals[i]!, c.type === 'yuan');
      target.style = sumStyles[i]!;
    });
    if (labelSpan > 1) ws.mergeCells(r, 1, r, labelSpan);
    row.commit();
  };

  for (const group of input.groups) {
    const start = r + 1;
    const totals = columns.map(() => 0);
    for (const item of group.rows) {
      r++;
      const row = ws.getRow(r);
      columns.forEach((c, i) => {
        const v = c.value(item);
        const target = row.getCell(i + 1);
        target.value = cell(c, v);
        target.style = rowStyles[i]!;
        if (summed(c)) totals[i]! += fenOf(v);
      });
      row.commit();
      allRows.push(item);
      if ((r - HEADER) % ROWS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
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
    const row = ws.getRow(r);
    const span = Math.max(1, Math.floor(last / signatures.length));
    signatures.forEach((s, i) => {
      const c = row.getCell(1 + i * span);
      c.value = s;
      c.style = { font: { name: FONT, size: 11 } };
    });
    row.commit();
  }
  ws.commit();
}
