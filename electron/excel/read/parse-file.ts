import type * as XLSX from 'xlsx';
import { decodeText, detectDelimiter, parseCsv } from './csv';
import { readErrorMessage, tooManyColumnsMessage, tooManyRowsMessage } from './limits';
import { finishRows, sheetsOf } from './sheet-rows';
import { extensionOf, markupFormat, sniffKind, TEXT_EXTENSIONS } from './sniff';
import type { ReadErrorCode, ReadLimits, SheetData, WorkbookData, WorkbookFormat } from './types';
import { checkZip } from './zip-guard';

/**
 * Everything the worker does with one file: find out what it is, refuse what must be refused,
 * read it (CSV here, the rest with SheetJS), and build plain sheets. Runs only inside the
 * parse worker (parse-worker.ts), never in the main process.
 */

type XlsxModule = typeof XLSX;

export type WorkerReply = { ok: true; book: WorkbookData } | { ok: false; code: ReadErrorCode; message: string };

const failure = (code: ReadErrorCode, limits: ReadLimits): WorkerReply => ({ ok: false, code, message: readErrorMessage(code, limits) });

function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? '';
  return name.replace(/\.[^.]*$/, '').slice(0, 31) || 'Sheet1';
}

function finish(fileName: string, format: WorkbookFormat, sheets: SheetData[], limits: ReadLimits, csv: WorkbookData['csv'] = null): WorkerReply {
  if (sheets.length > limits.maxSheets) return failure('too-many-sheets', limits);
  if (sheets.every((s) => s.rows.length === 0 && s.problem === null)) return failure('no-data', limits);
  return { ok: true, book: { fileName, format, csv, sheets } };
}

function readText(bytes: Uint8Array, fileName: string, limits: ReadLimits): WorkerReply {
  const decoded = decodeText(bytes);
  if (!decoded) return failure('encoding', limits);
  const ext = extensionOf(fileName);
  const found = ext === 'tsv' || ext === 'tab' ? '\t' : detectDelimiter(decoded.text);
  // plain text with no delimiter at all is a one-column CSV only when it is named like one
  if (!found && !TEXT_EXTENSIONS.has(ext)) return failure('not-spreadsheet', limits);
  const delimiter = found ?? ',';
  const parsed = parseCsv(decoded.text, delimiter, limits);
  const name = baseName(fileName);
  let sheet: SheetData;
  if (parsed.overflow) {
    sheet = { name, hidden: false, width: 0, rows: [], merges: [], problem: parsed.overflow === 'rows' ? tooManyRowsMessage(limits) : tooManyColumnsMessage(limits) };
  } else {
    const { rows, width } = finishRows(parsed.rows, limits.maxRows);
    sheet = { name, hidden: false, width, rows, merges: [], problem: null };
  }
  return finish(fileName, 'csv', [sheet], limits, { encoding: decoded.encoding, delimiter });
}

const ENCRYPTED = /password|encrypt|decrypt|RC4|XOR|AlgID/i;

function readWithSheetJs(lib: XlsxModule, data: Buffer | string, format: WorkbookFormat, fileName: string, limits: ReadLimits): WorkerReply {
  let wb: XLSX.WorkBook;
  try {
    wb = lib.read(data, {
      type: typeof data === 'string' ? 'string' : 'buffer',
      cellFormula: false,
      cellHTML: false,
      cellNF: true,
      cellStyles: false,
      cellText: false,
      cellDates: false,
      sheetStubs: false,
      sheetRows: limits.maxRows + 1,
      bookDeps: false,
      bookFiles: false,
      bookProps: false,
      bookVBA: false,
      raw: true,
      WTF: false,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RangeError && /call stack/i.test(message)) return failure('damaged', limits);
    return failure(ENCRYPTED.test(message) ? 'encrypted' : 'damaged', limits);
  }
  if (!wb || typeof wb !== 'object' || !Array.isArray(wb.SheetNames)) return failure('damaged', limits);
  if (wb.SheetNames.length > limits.maxSheets) return failure('too-many-sheets', limits);
  const sheets = sheetsOf(lib, wb, limits);
  if (sheets === 'too-much-text') return failure('too-much-text', limits);
  return finish(fileName, format, sheets, limits);
}

/**
 * Code pages matter only for BIFF2–BIFF5 (Excel 95 and older, whose text is in the ANSI code
 * page, e.g. GBK); BIFF8 (Excel 97–2003) keeps text in UTF-16. A compound file whose directory
 * names a "Workbook" stream is BIFF8 (BIFF5 calls it "Book").
 */
function needsCodePages(kind: 'cfb' | 'biff', bytes: Uint8Array): boolean {
  if (kind === 'biff') return true;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return !['Workbook', 'WORKBOOK', 'workbook'].some((name) => buf.includes(Buffer.from(name, 'utf16le')));
}

/** Loads SheetJS; old .xls files also need its code pages (GBK and the other ANSI code pages). */
export type SheetJsLoader = (withCodePages: boolean) => Promise<XlsxModule>;

export async function parseFile(bytes: Uint8Array, fileName: string, limits: ReadLimits, loadSheetJs: SheetJsLoader): Promise<WorkerReply> {
  if (bytes.length === 0) return failure('empty', limits);
  if (bytes.length > limits.maxFileBytes) return failure('too-large', limits);
  const kind = sniffKind(bytes, fileName);
  const buffer = () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (kind) {
    case 'empty':
      return failure('empty', limits);
    case 'binary':
      return failure('not-spreadsheet', limits);
    case 'text':
      return readText(bytes, fileName, limits);
    case 'markup': {
      const decoded = decodeText(bytes);
      if (!decoded) return failure('encoding', limits);
      const format = markupFormat(decoded.text);
      if (!format) return failure('not-spreadsheet', limits);
      return readWithSheetJs(await loadSheetJs(false), decoded.text, format, fileName, limits);
    }
    case 'zip': {
      const zip = checkZip(bytes, limits);
      if (!zip.ok) return failure(zip.code, limits);
      const format: WorkbookFormat = zip.kind === 'unknown' ? 'xlsx' : zip.kind;
      return readWithSheetJs(await loadSheetJs(false), buffer(), format, fileName, limits);
    }
    case 'cfb':
    case 'biff':
      return readWithSheetJs(await loadSheetJs(needsCodePages(kind, bytes)), buffer(), 'xls', fileName, limits);
  }
}
