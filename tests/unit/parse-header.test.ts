import { describe, expect, it } from 'vitest';
import type { CellRange, CellValue } from '../../shared/domain/parse/cells';
import { detectHeader, fillMerges, findDataRange } from '../../shared/domain/parse/header';
import { headerFingerprint, mapColumns, normalizeHeader, rememberMapping, remapColumn } from '../../shared/domain/parse/mapping';
import { checkTotals, parseRecords } from '../../shared/domain/parse/records';
import { VILLAGE_SAMPLE } from '../fixtures/sheets/village-sample';

/** Header detection, column mapping, preview and the 合计 check, on rows as the reader gives them. */

const N = null;
/** A register as streets send it: title, unit line, two-row merged header, data, 小计, 合计, footer. */
const REGISTER_ROWS: CellValue[][] = [
  ['济南市市中区村情统计表', N, N, N, N, N, N, N, N, N],
  ['填报单位：市中区委组织部', N, N, N, N, N, N, '单位：万元', N, N],
  ['序号', '街道', '村（社区）名称', '区划代码', '党员人数', N, N, '集体经营性收入', '是否一肩挑', '书记出生年月'],
  [N, N, N, N, '总数', '女', '35岁以下', N, N, N],
  [1, '大观园街道', '纬一路社区', '370103002001', 56, 20, 8, 12.5, '是', '1975.06'],
  [2, N, '睦和苑社区', 370103002003, 40, 15, 5, '8.30', '否', '1980年3月'],
  [N, N, N, N, N, N, N, N, N, N],
  [3, '杆石桥街道', '南上山街社区', '370103003001', 31, 12, 4, 5.5, '√', '1968-11'],
  [N, '小计', N, N, 31, 12, 4, 5.5, N, N],
  ['合计', N, N, N, 126, 47, 17, '26.30', N, N],
  ['填表人：张三', N, N, N, N, N, N, '审核人：李四', N, N],
];
const REGISTER_MERGES: CellRange[] = [
  { s: { r: 0, c: 0 }, e: { r: 0, c: 9 } },
  ...[0, 1, 2, 3, 7, 8, 9].map((c) => ({ s: { r: 2, c }, e: { r: 3, c } })),
  { s: { r: 2, c: 4 }, e: { r: 2, c: 6 } },
  { s: { r: 4, c: 1 }, e: { r: 5, c: 1 } },
  { s: { r: 9, c: 0 }, e: { r: 9, c: 3 } },
];

describe('detectHeader', () => {
  it('skips the title and unit lines and reads a two-row merged header', () => {
    const h = detectHeader(REGISTER_ROWS, REGISTER_MERGES, VILLAGE_SAMPLE)!;
    expect(h.headerRow).toBe(2);
    expect(h.headerRows).toBe(2);
    expect(h.dataStart).toBe(4);
    expect(h.labels).toEqual(['序号', '街道', '村（社区）名称', '区划代码', '党员人数/总数', '党员人数/女', '党员人数/35岁以下', '集体经营性收入', '是否一肩挑', '书记出生年月']);
    expect(h.titleLines).toEqual(['济南市市中区村情统计表', '填报单位：市中区委组织部 单位：万元']);
    expect(h.unitHint).toBe('万元');
    expect(h.matched).toBe(9);
  });

  it('finds the unit at the end of a long title line (not only in its first 30 characters)', () => {
    const long = '济南市市中区2026年度各街道村（社区）集体经济发展情况统计汇总表（截至2026年10月底）  单位：万元';
    const h = detectHeader([[long], ['街道', '村名', '党员人数'], ['大观园街道', '纬一路社区', 5]], [], VILLAGE_SAMPLE)!;
    expect(h.titleLines).toEqual([long.replace(/\s+/g, ' ')]);
    expect(h.unitHint).toBe('万元');
  });

  it('reads a one-row header, and a two-row header written without merges (CSV)', () => {
    const one = detectHeader([['村情表'], ['街道', '村名', '党员人数'], ['大观园街道', '纬一路社区', 5]], [], VILLAGE_SAMPLE)!;
    expect(one).toMatchObject({ headerRow: 1, headerRows: 1, dataStart: 2, labels: ['街道', '村名', '党员人数'], unitHint: null });
    const csv: CellValue[][] = [
      ['街道', '村名', '党员人数', N, N],
      [N, N, '总数', '女', '35岁以下'],
      ['大观园街道', '纬一路社区', '56', '20', '8'],
    ];
    expect(detectHeader(csv, [], VILLAGE_SAMPLE)!.labels).toEqual(['街道', '村名', '党员人数/总数', '党员人数/女', '党员人数/35岁以下']);
  });

  it('does not take the first data row for a second header row', () => {
    const rows: CellValue[][] = [
      ['街道', '村名', '书记出生年月'],
      ['大观园街道', '纬一路社区', '1975.06'],
    ];
    expect(detectHeader(rows, [], VILLAGE_SAMPLE)).toMatchObject({ headerRows: 1, dataStart: 1 });
  });

  it('a single header row with a merged cell (备注 over two columns) keeps its first data row', () => {
    const rows: CellValue[][] = [
      ['街道', '村名', '备注', N],
      ['大观园街道', '纬一路社区', '无', '—'],
      ['杆石桥街道', '南上山街社区', N, N],
    ];
    expect(detectHeader(rows, [{ s: { r: 0, c: 2 }, e: { r: 0, c: 3 } }], VILLAGE_SAMPLE)).toMatchObject({ headerRow: 0, headerRows: 1, dataStart: 1 });
  });

  it('a two-row header whose sub-columns have no synonyms is still taken as two rows when cells are merged down', () => {
    const rows: CellValue[][] = [
      ['村名', '党员人数', N, '备注'],
      [N, '合计人数', '其中女', N],
      ['纬一路社区', 56, 20, N],
    ];
    const merges = [
      { s: { r: 0, c: 0 }, e: { r: 1, c: 0 } },
      { s: { r: 0, c: 1 }, e: { r: 0, c: 2 } },
      { s: { r: 0, c: 3 }, e: { r: 1, c: 3 } },
    ];
    expect(detectHeader(rows, merges, VILLAGE_SAMPLE)).toMatchObject({ headerRows: 2, dataStart: 2, labels: ['村名', '党员人数/合计人数', '党员人数/其中女', '备注'] });
  });

  it('skips a 栏次 row (甲 乙 1 2 3) under the header', () => {
    const rows: CellValue[][] = [
      ['街道', '村名', '党员人数', '集体经营性收入（元）'],
      ['甲', '乙', 1, 2],
      ['大观园街道', '纬一路社区', 5, 100],
    ];
    expect(detectHeader(rows, [], VILLAGE_SAMPLE)!.dataStart).toBe(2);
  });

  it('falls back to the first wide row of text when no label matches, and gives up on a sheet without one', () => {
    const rows: CellValue[][] = [['报表'], ['甲', '乙', '丙'], [1, 2, 3]];
    expect(detectHeader(rows, [], VILLAGE_SAMPLE)).toMatchObject({ headerRow: 1, matched: 0 });
    expect(detectHeader([[1, 2, 3]], [], VILLAGE_SAMPLE)).toBe(null);
    expect(detectHeader([], [], VILLAGE_SAMPLE)).toBe(null);
  });
});

describe('findDataRange', () => {
  it('stops at the 合计 row, skips blank and 小计 rows, ignores the footer', () => {
    expect(findDataRange(REGISTER_ROWS, 4)).toEqual({ start: 4, end: 9, dataRows: [4, 5, 7], blankRows: [6], subtotalRows: [8], totalRow: 9, footerRow: null });
  });

  it('without a total: ends at a footer line or at the last data row; trailing blank rows are not data', () => {
    const rows: CellValue[][] = [['街道', '村名'], ['a', 'b'], [N, N], ['c', 'd'], [N, N], ['填表人：张三', N], [N, N]];
    expect(findDataRange(rows, 1)).toMatchObject({ dataRows: [1, 3], blankRows: [2], totalRow: null, footerRow: 5, end: 4 });
    expect(findDataRange([['h'], ['x'], [N]], 1)).toMatchObject({ dataRows: [1], end: 2, blankRows: [] });
    expect(findDataRange([['合  计', 5]], 0)).toMatchObject({ totalRow: 0, dataRows: [] });
  });
});

describe('mapColumns', () => {
  const labels = detectHeader(REGISTER_ROWS, REGISTER_MERGES, VILLAGE_SAMPLE)!.labels;

  it('maps by label, synonym and containment; reports unmapped columns; takes the money unit from header or title', () => {
    const m = mapColumns(VILLAGE_SAMPLE, labels, { titleUnit: '万元' });
    expect(m.columns.map((c) => c.field)).toEqual([null, 'street', 'unitName', 'code', 'members', 'femaleMembers', 'youngMembers', 'income', 'oneShoulder', 'secretaryBirth']);
    expect(m.columns.map((c) => c.how)).toEqual([null, 'label', 'label', 'label', 'synonym', 'synonym', 'synonym', 'label', 'synonym', 'label']);
    expect(m.columns[7]!.unit).toBe('万元');
    expect(m.unmapped).toEqual([0]);
    expect(m.missingRequired).toEqual([]);
    const own = mapColumns(VILLAGE_SAMPLE, ['街道', '收入（元）', '村集体经营性收入情况']);
    expect(own.columns[1]).toMatchObject({ field: null });
    expect(own.columns[2]).toMatchObject({ field: 'income', how: 'contains', unit: '元' });
    expect(own.missingRequired).toEqual(['unitName']);
    expect(mapColumns(VILLAGE_SAMPLE, ['村名', '经营性收入(万元)'], { titleUnit: '元' }).columns[1]!.unit).toBe('万元');
  });

  it('reports ambiguous headers and duplicate columns', () => {
    const m = mapColumns(VILLAGE_SAMPLE, ['街道', '党员', '村名', '村名']);
    expect(m.ambiguous).toEqual([{ index: 1, fields: expect.arrayContaining(['members', 'femaleMembers', 'youngMembers']) }]);
    expect(m.duplicates).toEqual([{ field: 'unitName', indexes: [2, 3] }]);
    expect(m.columns[3]!.field).toBe(null);
  });

  it('normalises header text: full-width, spaces, line breaks, brackets, required marks', () => {
    expect(normalizeHeader(' *村（社区）\n名 称： ')).toBe('村名称');
    expect(normalizeHeader('ＡＢＣ')).toBe('abc');
    expect(mapColumns(VILLAGE_SAMPLE, ['街  道', '*村\n名']).columns.map((c) => c.field)).toEqual(['street', 'unitName']);
  });

  it('fingerprints a layout: stable across spacing and full-width forms, different for other columns or units', () => {
    const a = headerFingerprint(['街道', '村名', '收入（万元）']);
    expect(headerFingerprint([' 街 道', '村名', '收入(万元)', '', ''])).toBe(a);
    expect(headerFingerprint(['街道', '村名', '收入（元）'])).not.toBe(a);
    expect(headerFingerprint(['村名', '街道', '收入（万元）'])).not.toBe(a);
    expect(a).toMatch(/^h1-3-[0-9a-f]{14}$/);
  });

  it('re-maps by hand and remembers the choice for the same layout', () => {
    const headers = ['街道', '名字', '收入'];
    let m = mapColumns(VILLAGE_SAMPLE, headers);
    expect(m.columns[1]!.field).toBe(null);
    m = remapColumn(VILLAGE_SAMPLE, m, 1, 'unitName');
    expect(m.columns[1]).toMatchObject({ field: 'unitName', how: 'manual' });
    expect(m.missingRequired).toEqual([]);
    m = remapColumn(VILLAGE_SAMPLE, m, 0, 'unitName'); // moving a field frees its old column
    expect(m.columns.map((c) => c.field)).toEqual(['unitName', null, 'income']);
    const remembered = rememberMapping(m);
    const again = mapColumns(VILLAGE_SAMPLE, headers, { remembered });
    expect(again.columns.map((c) => [c.field, c.how])).toEqual([['unitName', 'remembered'], [null, null], ['income', 'remembered']]);
    // another layout does not use it
    expect(mapColumns(VILLAGE_SAMPLE, ['街道', '名字'], { remembered }).columns[0]!.field).toBe('street');
    expect(() => remapColumn(VILLAGE_SAMPLE, m, 0, 'nope')).toThrow();
  });
});

describe('parseRecords and checkTotals', () => {
  const header = detectHeader(REGISTER_ROWS, REGISTER_MERGES, VILLAGE_SAMPLE)!;
  const mapping = mapColumns(VILLAGE_SAMPLE, header.labels, { titleUnit: header.unitHint });
  const range = findDataRange(REGISTER_ROWS, header.dataStart);
  const input = { definition: VILLAGE_SAMPLE, mapping, rows: REGISTER_ROWS, merges: REGISTER_MERGES, range };

  it('parses each data row, filling a street merged down over its villages', () => {
    const records = parseRecords(input);
    expect(records.map((r) => r.row)).toEqual([5, 6, 8]);
    expect(records.every((r) => r.problems.length === 0)).toBe(true);
    expect(records[0]!.values).toEqual({
      street: '大观园街道',
      unitName: '纬一路社区',
      code: '370103002001',
      members: 56,
      femaleMembers: 20,
      youngMembers: 8,
      income: 12_500_000,
      oneShoulder: true,
      secretaryBirth: '1975-06',
    });
    expect(records[1]!.values).toMatchObject({ street: '大观园街道', code: '370103002003', income: 8_300_000, oneShoulder: false, secretaryBirth: '1980-03' });
  });

  it('checks the 合计 row against the sum of the rows, exactly', () => {
    const records = parseRecords(input);
    const { checks, problems } = checkTotals(input, records);
    expect(checks.map((c) => [c.field, c.matches])).toEqual([
      ['members', false],
      ['femaleMembers', true],
      ['youngMembers', true],
      ['income', true],
    ]);
    expect(checks.find((c) => c.field === 'income')).toMatchObject({ stated: '263,000.00元', summed: '263,000.00元' });
    expect(problems).toEqual([{ row: 10, column: 4, field: 'members', header: '党员人数/总数', message: '合计行“党员人数/总数”为 126，各行相加为 127，两者不符，请核对' }]);
  });

  it('reports each row’s problems with the row number Excel shows, the column and the value', () => {
    const rows = REGISTER_ROWS.map((r) => [...r]);
    rows[4]![3] = '37010300200';
    rows[5]![7] = '8.3000005';
    rows[7]![2] = '  ';
    rows[7]![9] = '1968.13';
    const records = parseRecords({ ...input, rows });
    expect(records.flatMap((r) => r.problems.map((p) => [p.row, p.field, p.message]))).toEqual([
      [5, 'code', '区划代码：区划代码应为12位数字'],
      [6, 'income', '集体经营性收入：金额“8.3000005”万元折合成元后超过两位小数（最小到分），请核对'],
      [8, 'unitName', '村（社区）名称不能为空'],
      [8, 'secretaryBirth', '书记出生年月：日期“1968.13”不存在（没有13月）'],
    ]);
    // a column with problems is not summed against the 合计 row
    expect(checkTotals({ ...input, rows }, records).checks.map((c) => c.field)).not.toContain('income');
  });

  it('fillMerges copies a merge’s value into its other cells', () => {
    expect(fillMerges([['a', N], [N, N]], [{ s: { r: 0, c: 0 }, e: { r: 1, c: 1 } }])).toEqual([['a', 'a'], ['a', 'a']]);
    expect(fillMerges([['a', N], [N, N]], [{ s: { r: 0, c: 0 }, e: { r: 1, c: 1 } }], { verticalOnly: true })).toEqual([['a', N], [N, N]]);
  });
});
