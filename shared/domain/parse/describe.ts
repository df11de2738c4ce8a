import type { ColumnDefinition } from './definition';
import type { DictionaryOption } from './dictionary';

/**
 * What to type in a column, in one Chinese sentence for the clerk — made from the column's
 * definition, so the template's 填写说明, its header notes and the wizard never disagree with
 * what the parser accepts.
 */

/** Options named in full; a longer list is cut (the dropdown has them all). */
const LISTED_OPTIONS = 12;

/** Decimals a money column takes, by unit: the importer refuses anything finer than 1 分. */
const MONEY_PLACES = { 元: 2, 万元: 6 } as const;

const num = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 20 });

/** '不小于 18，不超过 100' — the default minimum 0 goes without saying. */
function bounds(column: ColumnDefinition): string[] {
  const parts: string[] = [];
  if (column.min !== undefined && column.min !== 0) parts.push(`不小于 ${num(column.min)}`);
  if (column.max !== undefined) parts.push(`不超过 ${num(column.max)}`);
  return parts;
}

/**
 * `where`: 'template' — our template, whose dictionary columns have dropdowns; 'file' — the
 * clerk's own file, where a dictionary cell must hold one of the names the dropdown would offer.
 */
export function describeColumn(column: ColumnDefinition, options?: readonly DictionaryOption[], where: 'template' | 'file' = 'template'): string {
  switch (column.kind) {
    case 'text':
      return column.maxLength ? `文字，不超过 ${column.maxLength} 个字` : '文字';
    case 'code':
      return ['按文本格式填写（长号码不要存成数字）', ...(column.maxLength ? [`不超过 ${column.maxLength} 位`] : [])].join('，');
    case 'money': {
      const unit = column.unit ?? '元';
      const other = unit === '元' ? '万元' : '元';
      return [
        `金额，单位${unit}（表头或标题行写明“单位：${other}”时按${other}）`,
        `最多 ${MONEY_PLACES[unit]} 位小数`,
        '可带千位分隔符',
        ...(column.allowNegative ? ['可为负数'] : []),
      ].join('，');
    }
    case 'integer':
      return ['整数（如 356）', ...bounds(column)].join('，');
    case 'decimal': {
      const scale = column.scale ?? 2;
      return [scale === 0 ? '整数' : `数字，最多 ${scale} 位小数`, ...bounds(column)].join('，');
    }
    case 'month':
      return '年月，如 2019-05、2019.05、2019年5月';
    case 'date':
      return '日期，如 2019-05-03、2019.5.3、2019年5月3日';
    case 'boolean':
      return '填“是”或“否”（也可填 √ / ×）';
    case 'dictionary': {
      if (where === 'file') {
        const named = options && options.length > 0 ? `：${options.slice(0, LISTED_OPTIONS).map((o) => o.label).join('、')}${options.length > LISTED_OPTIONS ? ' 等' : ''}` : '（与模板下拉列表中的选项一致）';
        return `“${column.label}”的规范名称${named}`;
      }
      if (!options || options.length === 0) return '从下拉列表选择';
      const labels = options.slice(0, LISTED_OPTIONS).map((o) => o.label).join('、');
      // the 选项 sheet is hidden, so the dropdown is where the rest are seen
      return options.length > LISTED_OPTIONS ? `从下拉列表选择：${labels} 等，共 ${options.length} 项，见下拉列表` : `从下拉列表选择：${labels}`;
    }
  }
}

/** The marker of a required column in our headers ('*姓名'); normalizeHeader strips it again. */
export function requiredMark(column: ColumnDefinition): string {
  return column.required ? '*' : '';
}
