import type { ImportPreview } from '../../../../shared/api/imports';

/** A 0-based column index as Excel letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The field of every column of the preview, in column order (the `fields` a new preview takes). */
export function currentFields(preview: ImportPreview): Array<string | null> {
  return preview.columns.map((c) => c.field);
}

/** 第 3 行, or 第 3–4 行 for a two-row header (rows as Excel numbers them). */
export function headerRowText(preview: ImportPreview): string {
  const first = preview.headerRow + 1;
  const last = preview.headerRow + Math.max(1, preview.headerRows);
  return last > first ? `第 ${first}–${last} 行` : `第 ${first} 行`;
}
