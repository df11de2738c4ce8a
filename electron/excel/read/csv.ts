import type { CellValue } from '../../../shared/domain/parse/cells';
import type { CsvDelimiter, TextEncodingName } from './types';

/**
 * CSV and other delimited text, read without SheetJS: every cell stays text (no guessing that
 * turns '0012' into 12 or '2019-5' into a date — the column's parser decides later).
 * Encodings clerks' files come in: UTF-8 with or without BOM (Excel's "CSV UTF-8"), GBK/GB18030
 * (Excel's "CSV" on a Chinese Windows), UTF-16 with BOM (Excel's "Unicode text").
 */

/**
 * Decodes text: a BOM decides; otherwise strict UTF-8, and if that fails strict GB18030 (a
 * superset of GBK and GB2312). Null when neither fits (e.g. Latin-1): the clerk is asked to
 * save as UTF-8 rather than shown mojibake.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  try {
    if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8-bom' };
    if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
    if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  } catch {
    return null;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the Chinese national encoding
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return null;
  }
}

const CANDIDATES: readonly CsvDelimiter[] = [',', '\t', ';'];

/** Counts of each candidate delimiter per line (outside quotes) over the first lines. */
function delimiterCounts(text: string, maxLines = 50): Array<Record<CsvDelimiter, number>> {
  const lines: Array<Record<CsvDelimiter, number>> = [];
  let current: Record<CsvDelimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  let nonEmpty = false;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (nonEmpty) lines.push(current);
      current = { ',': 0, '\t': 0, ';': 0 };
      nonEmpty = false;
    } else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) {
      current[ch]++;
      nonEmpty = true;
    } else if (ch.trim()) nonEmpty = true;
  }
  if (nonEmpty && lines.length < maxLines) lines.push(current);
  return lines;
}

/**
 * The delimiter: the candidate that splits the most lines the same way (its most common count
 * per line, above zero); comma on a tie or when nothing splits. Null when no candidate occurs
 * at all (one column — or not a table).
 */
export function detectDelimiter(text: string): CsvDelimiter | null {
  const lines = delimiterCounts(text);
  let best: { d: CsvDelimiter; score: number } | null = null;
  for (const d of CANDIDATES) {
    const freq = new Map<number, number>();
    for (const l of lines) if (l[d] > 0) freq.set(l[d], (freq.get(l[d]) ?? 0) + 1);
    const score = Math.max(0, ...freq.values());
    if (score > 0 && (!best || score > best.score)) best = { d, score };
  }
  return best?.d ?? null;
}

export interface CsvLimits {
  maxRows: number;
  maxColumns: number;
}

export type CsvParse = { rows: CellValue[][]; overflow: null } | { rows: []; overflow: 'rows' | 'columns' };

/**
 * RFC 4180 and what spreadsheet programs write: quoted fields with "" escapes and line breaks
 * inside, CRLF / LF / CR line ends, ragged rows, a missing final line end. Lenient like Excel:
 * text after a closing quote is kept, an unterminated quote runs to the end of the file. Empty
 * fields are null; NUL characters are dropped; a blank line stays a blank row, so row numbers
 * match what the clerk sees.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter, limits: CsvLimits): CsvParse {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;
  const endField = () => {
    const v = field.includes('\u0000') ? field.replaceAll('\u0000', '') : field;
    row.push(v === '' ? null : v);
    field = '';
    fieldStarted = false;
  };
  const endRow = (): boolean => {
    endField();
    while (row.length && row[row.length - 1] === null) row.pop();
    if (row.length > limits.maxColumns) return false;
    rows.push(row);
    row = [];
    return true;
  };
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      endField();
      if (row.length > limits.maxColumns) return { rows: [], overflow: 'columns' };
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!endRow()) return { rows: [], overflow: 'columns' };
      if (rows.length > limits.maxRows) return { rows: [], overflow: 'rows' };
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) {
    if (!endRow()) return { rows: [], overflow: 'columns' };
  }
  // trailing blank lines are not rows
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  if (rows.length > limits.maxRows) return { rows: [], overflow: 'rows' };
  return { rows, overflow: null };
}
