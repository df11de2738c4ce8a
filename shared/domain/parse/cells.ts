/**
 * The plain cell values the workbook reader hands over (electron/excel/read). No SheetJS object
 * ever crosses the worker boundary; a sheet is rows of these:
 * - string: text exactly as stored (not trimmed); a date-formatted cell becomes an ISO string
 *   ('2019-05-03', '2019-05-03T08:30:00', or '08:30:00' for a time of day); an Excel error
 *   value becomes its literal ('#N/A', '#DIV/0!' …)
 * - number: a numeric cell as stored (an IEEE double; see excelNumberText for how it is read)
 * - boolean: a TRUE/FALSE cell
 * - null: an empty cell
 * CSV files give strings and nulls only (no type guessing: '0012' stays '0012').
 */
export type CellValue = string | number | boolean | null;

/** A merged range, 0-based and inclusive (SheetJS's shape): s = top-left, e = bottom-right. */
export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** Excel's error literals, as the reader passes them. */
export const EXCEL_ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!'] as const;

export function isExcelError(value: CellValue): boolean {
  return typeof value === 'string' && (EXCEL_ERRORS as readonly string[]).includes(value.trim().toUpperCase());
}

/** Empty, or only white space (including the ideographic space and NBSP). */
export function isBlankCell(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.replaceAll('\u0000', '').replace(/[\s\u3000\u00a0\ufeff]/g, '') === '');
}

/** A cell as it should be quoted in a message: text as typed (cut when long), numbers as Excel shows them. */
export function cellForMessage(value: CellValue): string {
  const text = cellAsText(value);
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** A cell as one line of text, whole (headers and title lines: a '单位：万元' may end a long title). */
export function cellAsText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return excelNumberText(value);
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * A number from a spreadsheet as decimal text, at Excel's own precision of 15 significant digits
 * — what Excel shows when the column is wide enough. Excel stores 1234.56 as the nearest double
 * and sums like 0.1+0.2 as 0.30000000000000004; both are read the way the clerk sees them
 * ('1234.56', '0.3'). Any decimal of up to 15 significant digits survives the trip through a
 * double unchanged, so this never invents or loses a digit the clerk typed. Plain notation,
 * never an exponent: 1e21 → '1000000000000000000000'.
 */
/** A 0-based column index as Excel letters: 0 → A, 26 → AA (messages, formulas, the wizard). */
export function columnLetter(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

export function excelNumberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const [mantissa, exp = '0'] = n.toPrecision(15).split('e');
  const negative = mantissa!.startsWith('-');
  const [whole, fraction = ''] = mantissa!.replace('-', '').split('.');
  let digits = `${whole}${fraction}`;
  let point = whole!.length + Number(exp);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
