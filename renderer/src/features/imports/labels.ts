import type { RowStatus } from '../../../../shared/api/imports';
import type { RecordDefinition } from '../../../../shared/domain/parse/definition';
import { ApiCallError, errorMessage } from '../../api/client';

/** How a column's field was chosen (PreviewColumn.how), as the clerk reads it. */
export const HOW_LABELS: Record<string, string> = {
  label: '按表头',
  synonym: '按同义词',
  contains: '近似匹配',
  remembered: '沿用上次',
  manual: '手动',
};
export const HOW_HINTS: Record<string, string> = {
  label: '表头与模板的列名相同',
  synonym: '表头是这一项的常用叫法',
  contains: '表头与这一项相近，请核对是否正确',
  remembered: '上次导入同样格式的表格时选定的',
  manual: '刚才手动选定的',
};

export const STATUS_COLORS: Record<RowStatus, 'success' | 'info' | 'default' | 'error'> = {
  create: 'success',
  update: 'info',
  unchanged: 'default',
  rejected: 'error',
};

/** A problem found before anything reached the main process (file too large, unreadable). */
export class LocalProblem extends Error {
  override name = 'LocalProblem';
}

/** The Chinese message of any error a wizard step met. */
export function problemText(error: unknown): string {
  if (error instanceof LocalProblem || error instanceof ApiCallError) return error.message;
  return errorMessage(error);
}

/** A field's label in the definition ('集体经营性收入（万元）'), or the key itself for an unknown one. */
export function fieldLabel(definition: RecordDefinition, field: string | null, unit: string | null = null): string {
  if (field === null) return '（不导入）';
  const label = definition.columns.find((c) => c.field === field)?.label ?? field;
  // a money column read in another unit than the label names ('拨付金额（元）' from a 万元 file) says so
  return unit ? label.replace(/（(?:元|万元)）$/, `（${unit}）`) : label;
}
