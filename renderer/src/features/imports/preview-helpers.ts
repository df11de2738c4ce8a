import type { ImportPreview } from '../../../../shared/api/imports';

export { columnLetter } from '../../../../shared/domain/parse/cells';

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
