import { describe, expect, it } from 'vitest';
import type { ColumnDefinition } from '../../shared/domain/parse/definition';
import { describeColumn, requiredMark } from '../../shared/domain/parse/describe';
import { VILLAGE_IMPORT } from '../../shared/api/villages/import-definition';

/** The clerk-facing sentence of what a column takes, made from its definition. */

const col = (c: Partial<ColumnDefinition> & Pick<ColumnDefinition, 'kind'>): ColumnDefinition => ({ field: 'f', label: '列', ...c });
const options = (labels: string[]) => labels.map((label, i) => ({ value: `v${i}`, label }));

describe('describeColumn', () => {
  it('integers: an example, and the bounds that are not the default minimum 0', () => {
    expect(describeColumn(col({ kind: 'integer' }))).toBe('整数（如 356）');
    expect(describeColumn(col({ kind: 'integer', max: 100 }))).toBe('整数（如 356），不超过 100');
    expect(describeColumn(col({ kind: 'integer', min: 1, max: 10_000_000 }))).toBe('整数（如 356），不小于 1，不超过 10,000,000');
  });

  it('money: the unit, the other unit a header or title line may state, decimals by unit, negatives when allowed', () => {
    expect(describeColumn(col({ kind: 'money', unit: '万元' }))).toBe('金额，单位万元（表头或标题行写明“单位：元”时按元），最多 6 位小数，可带千位分隔符');
    expect(describeColumn(col({ kind: 'money' }))).toBe('金额，单位元（表头或标题行写明“单位：万元”时按万元），最多 2 位小数，可带千位分隔符');
    expect(describeColumn(col({ kind: 'money', unit: '万元', allowNegative: true }))).toMatch(/，可为负数$/);
    expect(describeColumn(col({ kind: 'money', unit: '万元' }))).not.toContain('负数');
  });

  it('decimals: their scale and bounds', () => {
    expect(describeColumn(col({ kind: 'decimal' }))).toBe('数字，最多 2 位小数');
    expect(describeColumn(col({ kind: 'decimal', scale: 1, min: 18, max: 100 }))).toBe('数字，最多 1 位小数，不小于 18，不超过 100');
    expect(describeColumn(col({ kind: 'decimal', scale: 0 }))).toBe('整数');
  });

  it('months, dates and 是/否', () => {
    expect(describeColumn(col({ kind: 'month' }))).toBe('年月，如 2019-05、2019.05、2019年5月');
    expect(describeColumn(col({ kind: 'date' }))).toBe('日期，如 2019-05-03、2019.5.3、2019年5月3日');
    expect(describeColumn(col({ kind: 'boolean' }))).toBe('填“是”或“否”（也可填 √ / ×）');
  });

  it('dictionaries: the labels of the options, the first 12 of a long list', () => {
    const stars = options(['五星', '四星', '三星', '未定级']);
    expect(describeColumn(col({ kind: 'dictionary', dictionary: 'star_rating' }), stars)).toBe('从下拉列表选择：五星、四星、三星、未定级');
    const many = options(Array.from({ length: 15 }, (_, i) => `选项${i + 1}`));
    const text = describeColumn(col({ kind: 'dictionary', dictionary: 'x' }), many);
    expect(text).toContain('选项12 等，共 15 项');
    expect(text).not.toContain('选项13');
    expect(describeColumn(col({ kind: 'dictionary', dictionary: 'x' }))).toBe('从下拉列表选择');
  });

  it("dictionaries in the clerk's own file (no dropdown there): the names to write", () => {
    const c = col({ kind: 'dictionary', dictionary: 'star_rating', label: '评星定级' });
    expect(describeColumn(c, undefined, 'file')).toBe('“评星定级”的规范名称（与模板下拉列表中的选项一致）');
    expect(describeColumn(c, options(['五星', '四星']), 'file')).toBe('“评星定级”的规范名称：五星、四星');
  });

  it('codes and text: text format, and the length limit', () => {
    expect(describeColumn(col({ kind: 'code', maxLength: 12 }))).toBe('按文本格式填写（长号码不要存成数字），不超过 12 位');
    expect(describeColumn(col({ kind: 'code' }))).toBe('按文本格式填写（长号码不要存成数字）');
    expect(describeColumn(col({ kind: 'text', maxLength: 50 }))).toBe('文字，不超过 50 个字');
    expect(describeColumn(col({ kind: 'text' }))).toBe('文字');
  });

  it('every column of the 村情 definition gets a Chinese sentence', () => {
    for (const c of VILLAGE_IMPORT.columns) {
      const text = describeColumn(c, options(['甲', '乙']));
      expect(text.length).toBeGreaterThan(1);
      expect(text).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe('requiredMark', () => {
  it('is * for required columns only', () => {
    expect(requiredMark(col({ kind: 'text', required: true }))).toBe('*');
    expect(requiredMark(col({ kind: 'text' }))).toBe('');
  });
});
