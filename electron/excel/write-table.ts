import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Writing one styled table per sheet with ExcelJS — shared by every Excel export: a merged bold
 * title row, optional note lines (filter, who exported when), a bold frozen header row repeated
 * on every printed page, column widths, number/date formats, A4 print setup, and every text
 * cell neutralised against formula injection (see safeText).
 */

export type CellInput = string | number | boolean | Date | null | undefined;

export interface TableColumn<R> {
  header: string;
  /** width in characters (a CJK character counts about 2) */
  width: number;
  /**
   * text: stored as text (format '@'), formula-guarded;
   * number: as is; datetime/date: an ISO string or Date shown in this computer's local time;
   * yuan: an integer number of 分 (fen), shown as 元 with thousands separators and 2 decimals
   */
  type?: 'text' | 'number' | 'datetime' | 'date' | 'yuan';
  value: (row: R) => CellInput;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
}

export interface TableSheet<R> {
  sheetName: string;
  title: string;
  /** lines under the title, e.g. the filter and who exported when */
  notes?: string[];
  columns: TableColumn<R>[];
  rows: Iterable<R>;
  orientation?: 'landscape' | 'portrait';
}

/** Excel's own limit for one cell's text. */
export const MAX_CELL_CHARS = 32_767;
const TRUNCATED = '…（内容过长，已截断）';

/** Characters that make Excel, LibreOffice or a CSV re-save read a cell as a formula or command. */
const FORMULA_START = /^[=+\-@\t\r\n]/;
/** Characters XML 1.0 cannot hold (ExcelJS would write a file Excel refuses to open), and lone surrogates. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as it is safe to put in a cell: a leading = + - @ tab CR or LF gets an apostrophe in
 * front, so no spreadsheet program ever evaluates it (it shows as text, with the apostrophe);
 * characters XML cannot hold become U+FFFD; text past Excel's cell limit is cut with a note.
 *
 * Why a visible apostrophe: ExcelJS cannot set Excel's hidden "quotePrefix" style, and an
 * invisible prefix (zero-width space) would survive into copies and searches unnoticed. The
 * apostrophe is the convention people know (OWASP "CSV injection"), and it still protects
 * after the workbook is saved as CSV. Text cells are also formatted '@' (text), so editing a
 * cell in Excel does not turn it into a formula either.
 */
export function safeText(value: string): string {
  let text = value.replace(XML_INVALID, '\ufffd');
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (text.length > MAX_CELL_CHARS) text = text.slice(0, MAX_CELL_CHARS - TRUNCATED.length) + TRUNCATED;
  return text;
}

/** An ISO timestamp or Date as ExcelJS must get it to show this computer's local wall-clock time. */
export function excelLocalDate(value: string | Date): Date | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return null;
  // ExcelJS converts a Date to a serial number from its UTC fields; Excel has no time zones.
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

const FORMATS = { text: '@', datetime: 'yyyy-mm-dd hh:mm:ss', date: 'yyyy-mm-dd', yuan: '#,##0.00' } as const;
const THIN = { style: 'thin' as const, color: { argb: 'FFB0B0B0' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CJK_FONT = '宋体';
/** Rows written between two pauses that let the main process answer other calls and repaint. */
const ROWS_PER_SLICE = 500;

export interface TableBook {
  /** who made it (document properties) */
  creator: string;
  sheets: Array<TableSheet<never>>;
}

/** Types one sheet for a TableBook (its rows and its columns agree). */
export const tableSheet = <R>(sheet: TableSheet<R>): TableSheet<never> => sheet as unknown as TableSheet<never>;

/**
 * Writes the workbook with ExcelJS's streaming writer: rows go out as they are made, so memory
 * stays flat for tens of thousands of rows, and the work pauses every few hundred rows so the
 * app stays responsive.
 */
export async function writeTableWorkbook(book: TableBook): Promise<Buffer> {
  return streamWorkbook(book.creator, async (wb) => {
    for (const sheet of book.sheets) await writeSheet(wb, sheet);
  });
}

/** A workbook written through ExcelJS's streaming writer into memory: `write` adds its sheets. */
export async function streamWorkbook(creator: string, write: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 6 } } });
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  await write(wb);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

async function writeSheet<R>(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: TableSheet<R>): Promise<void> {
  const { columns } = sheet;
  const notes = sheet.notes ?? [];
  const headerRowNumber = 2 + notes.length;
  const lastCol = Math.max(columns.length, 1);
  const ws = wb.addWorksheet(safeSheetName(sheet.sheetName), {
    views: [{ state: 'frozen', ySplit: headerRowNumber, xSplit: 0, showGridLines: true }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.orientation ?? 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
    autoFilter: { from: { row: headerRowNumber, column: 1 }, to: { row: headerRowNumber, column: lastCol } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = columns.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = safeText(sheet.title);
  title.getCell(1).style = { font: { name: CJK_FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
  title.height = 28;
  if (lastCol > 1) ws.mergeCells(1, 1, 1, lastCol);
  title.commit();

  const noteStyle: Partial<ExcelJS.Style> = { font: { name: CJK_FONT, size: 10, color: { argb: 'FF555555' } }, alignment: { horizontal: 'left', vertical: 'middle' } };
  notes.forEach((note, i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = safeText(note);
    row.getCell(1).style = noteStyle;
    if (lastCol > 1) ws.mergeCells(2 + i, 1, 2 + i, lastCol);
    row.commit();
  });

  const header = ws.getRow(headerRowNumber);
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { name: CJK_FONT, size: 11, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } },
    border: BORDER,
  };
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = safeText(c.header);
    header.getCell(i + 1).style = headerStyle;
  });
  header.height = 20;
  header.commit();

  // one style object per column, shared by its cells (never changed per cell)
  const styles = columns.map((c): Partial<ExcelJS.Style> => {
    const type = c.type ?? 'text';
    return {
      ...(type === 'number' ? {} : { numFmt: FORMATS[type] }),
      font: { name: CJK_FONT, size: 10 },
      border: BORDER,
      alignment: { vertical: 'top', wrapText: c.wrap ?? false, ...(c.align ? { horizontal: c.align } : {}) },
    };
  });
  let r = headerRowNumber;
  for (const item of sheet.rows) {
    r++;
    const row = ws.getRow(r);
    let lines = 1;
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const value = cellValue(c.type ?? 'text', c.value(item));
      cell.value = value;
      cell.style = styles[i]!;
      if (c.wrap && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, c.width));
    });
    // Not every program grows rows to fit wrapped text by itself (ExcelJS writes no height).
    if (lines > 1) row.height = Math.min(lines, MAX_ROW_LINES) * LINE_HEIGHT + 2;
    row.commit();
    if ((r - headerRowNumber) % ROWS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  ws.commit();
}

function cellValue(type: NonNullable<TableColumn<unknown>['type']>, value: CellInput): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : safeText(String(value));
    case 'yuan':
      // fen → 元: a double holds every 2-decimal amount below 10^13 元 exactly enough to show and sum
      return typeof value === 'number' && Number.isSafeInteger(value) ? value / 100 : safeText(String(value));
    case 'date':
    case 'datetime': {
      const d = typeof value === 'string' || value instanceof Date ? excelLocalDate(value) : null;
      return d ?? safeText(String(value));
    }
    default:
      return safeText(value instanceof Date ? value.toISOString() : String(value));
  }
}

const LINE_HEIGHT = 13.5;
const MAX_ROW_LINES = 20;

/** Display width of a text in Excel columns: a CJK character is about two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

/** Roughly how many lines a wrapped cell takes. */
export function wrappedLines(text: string, width: number): number {
  const per = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / per)), 0);
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31);
  return cleaned || 'Sheet1';
}
