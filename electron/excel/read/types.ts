import type { CellRange, CellValue } from '../../../shared/domain/parse/cells';

/**
 * What the workbook reader hands back: plain data only — arrays of strings, numbers, booleans
 * and nulls, frozen. No SheetJS object crosses the worker boundary (see read-workbook.ts).
 * The cell values are described in shared/domain/parse/cells.ts.
 */

export type WorkbookFormat = 'xlsx' | 'xlsb' | 'xls' | 'ods' | 'csv' | 'html' | 'xml';
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';
export type CsvDelimiter = ',' | '\t' | ';';

export interface SheetData {
  name: string;
  /** hidden or very hidden in the workbook (the wizard offers visible sheets first) */
  hidden: boolean;
  /** every row has `width` cells; trailing empty rows and columns are dropped */
  width: number;
  rows: ReadonlyArray<readonly CellValue[]>;
  /** merged ranges inside the rows (0-based, inclusive) */
  merges: readonly CellRange[];
  /** why this sheet cannot be imported (too many rows or columns); its rows are then empty */
  problem: string | null;
}

export interface WorkbookData {
  fileName: string;
  format: WorkbookFormat;
  /** for CSV: how the text was decoded and split */
  csv: { encoding: TextEncodingName; delimiter: CsvDelimiter } | null;
  sheets: readonly SheetData[];
}

export type ReadErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-spreadsheet'
  | 'encrypted'
  | 'damaged'
  | 'zip-bomb'
  | 'encoding'
  | 'too-many-sheets'
  | 'no-data'
  | 'too-much-text'
  | 'timeout'
  | 'out-of-memory'
  | 'crash';

export interface ReadError {
  code: ReadErrorCode;
  /** Chinese, fit to show the clerk */
  message: string;
}

export type ReadResult = { ok: true; value: WorkbookData } | { ok: false; error: ReadError };

export interface ReadLimits {
  /** the file itself */
  maxFileBytes: number;
  /** all parts of an .xlsx/.ods together once unzipped (zip bombs) */
  maxUnzippedBytes: number;
  maxZipEntries: number;
  maxSheets: number;
  /** per sheet; a sheet over it gets a problem, the others still read */
  maxRows: number;
  maxColumns: number;
  /** characters in all text cells together (a crafted file can repeat one huge shared string in every cell) */
  maxTotalChars: number;
  /** merged ranges kept per sheet (the rest are ignored) */
  maxMerges: number;
  /**
   * wall clock from starting the worker to its answer; the worker is then terminated. Unset: it
   * follows the file's size (readTimeoutMs), so a small crafted file cannot hold a worker long.
   */
  timeoutMs?: number;
  /** the time every file gets, whatever its size */
  timeoutBaseMs: number;
  /** and per MB of file */
  timeoutPerMbMs: number;
  /** the most any file gets */
  maxTimeoutMs: number;
  /** the worker's V8 old-generation heap */
  maxHeapMb: number;
}
