import ExcelJS from 'exceljs';
import type { CellValue } from '../../shared/domain/parse/cells';
import { safeSheetName, safeText, wrappedLines } from './write-table';
import { textWidth } from './write-table';

/**
 * The rows an import did not take, as a workbook the clerk corrects and imports again: the
 * file's own header (so the columns map as they did), each row's cells as they were read
 * (numbers stay numbers), and two extra columns, 原行号 and 错误原因, that match no field and
 * are left unmapped on re-import.
 */

export interface RejectedRow {
  /** the row as Excel numbered it in the original file (1-based) */
  row: number;
  cells: readonly CellValue[];
  /** Chinese messages, joined with '；' */
  reasons: readonly string[];
}

export interface RejectedRowsInput {
  sheetTitle: string;
  /**
   * the title row; when the original header does not state a money unit but a title line did
   * ('单位：万元'), keep that line in the title so the amounts are read in the same unit again
   */
  title: string;
  /** the original header texts, one per column */
  headers: readonly string[];
  rows: readonly RejectedRow[];
}

export const ROW_NUMBER_HEADER = '原行号';
export const REASONS_HEADER = '错误原因';

const CJK_FONT = '宋体';
const RED = 'FFC00000';
const THIN = { style: 'thin' as const, color: { argb: 'FFB0B0B0' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LINE_HEIGHT = 14;
const REASONS_WIDTH = 50;
/** Rows looked at for a column's width (enough to size it, cheap for large files). */
const WIDTH_SAMPLE = 200;

const headerStyle = (fill: string, color?: string): Partial<ExcelJS.Style> => ({
  font: { name: CJK_FONT, size: 11, bold: true, ...(color ? { color: { argb: color } } : {}) },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } },
  border: BORDER,
});
const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: '@', font: { name: CJK_FONT, size: 10 }, border: BORDER, alignment: { vertical: 'top' } };
const NUMBER_STYLE: Partial<ExcelJS.Style> = { font: { name: CJK_FONT, size: 10 }, border: BORDER, alignment: { vertical: 'top' } };
const REASONS_STYLE: Partial<ExcelJS.Style> = { ...TEXT_STYLE, font: { name: CJK_FONT, size: 10, color: { argb: RED } }, alignment: { vertical: 'top', wrapText: true } };

/**
 * A number or a dash typed as text ('-12.5', '-', '+3') cannot be a formula, and the importer
 * reads it as it was; an apostrophe in front would make a rejected '-' (zero) or a negative
 * amount fail again. Everything else goes through safeText.
 */
const HARMLESS = /^(?:[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+|[-—–―─~～/\\_]+)$/;
const rejectedText = (text: string) => (HARMLESS.test(text) ? text : safeText(text));

/** A cell as read, written back with its type: numbers as numbers, TRUE/FALSE as 是/否, text guarded. */
function cellOut(value: CellValue | undefined): { value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> } {
  if (value === null || value === undefined || value === '') return { value: null, style: TEXT_STYLE };
  if (typeof value === 'number') return Number.isFinite(value) ? { value, style: NUMBER_STYLE } : { value: safeText(String(value)), style: TEXT_STYLE };
  if (typeof value === 'boolean') return { value: value ? '是' : '否', style: TEXT_STYLE };
  return { value: rejectedText(value), style: TEXT_STYLE };
}

function shownText(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : typeof value === 'boolean' ? '是' : String(value);
}

export async function writeRejectedRows(input: RejectedRowsInput): Promise<Uint8Array> {
  const { rows } = input;
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), input.headers.length);
  const headers = [...Array.from({ length: width }, (_, i) => input.headers[i] ?? ''), ROW_NUMBER_HEADER, REASONS_HEADER];
  const rowCol = width + 1;
  const reasonsCol = width + 2;

  const wb = new ExcelJS.Workbook();
  wb.creator = '基层党建台账';
  const ws = wb.addWorksheet(safeSheetName(input.sheetTitle), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, showGridLines: true }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });

  // widths from the header and the first rows: CJK characters count about two
  const sample = rows.slice(0, WIDTH_SAMPLE);
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    if (i + 1 === reasonsCol) col.width = REASONS_WIDTH;
    else col.width = Math.min(30, Math.max(8, textWidth(h) + 2, ...sample.map((r) => textWidth(shownText(r.cells[i])) + 2)));
  });

  const title = ws.getCell(1, 1);
  title.value = safeText(input.title);
  title.style = { font: { name: CJK_FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
  ws.getRow(1).height = 28;
  ws.mergeCells(1, 1, 1, headers.length);

  const plain = headerStyle('FFE8ECF2');
  const added = headerStyle('FFFCE4D6', RED);
  headers.forEach((h, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = h ? safeText(h) : null;
    // the two added columns stand out, so they are not taken for the file's own
    cell.style = i >= width ? added : plain;
  });
  ws.getRow(2).height = 22;

  rows.forEach((r, n) => {
    const row = ws.getRow(n + 3);
    for (let i = 0; i < width; i++) {
      const { value, style } = cellOut(r.cells[i]);
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.style = style;
    }
    row.getCell(rowCol).value = r.row;
    row.getCell(rowCol).style = { ...NUMBER_STYLE, alignment: { vertical: 'top', horizontal: 'center' } };
    const reasons = safeText(r.reasons.join('；'));
    row.getCell(reasonsCol).value = reasons;
    row.getCell(reasonsCol).style = REASONS_STYLE;
    const lines = wrappedLines(reasons, REASONS_WIDTH);
    // not every program grows a row to its wrapped text by itself
    if (lines > 1) row.height = Math.min(lines, 20) * LINE_HEIGHT + 2;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
