import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type WorkbookData } from '../../electron/excel/read';
import { defineRecord } from '../../shared/domain/parse/definition';
import { detectHeader, findDataRange } from '../../shared/domain/parse/header';
import { mapColumns } from '../../shared/domain/parse/mapping';
import { checkTotals, parseRecords } from '../../shared/domain/parse/records';
import { VILLAGE_SAMPLE } from '../fixtures/sheets/village-sample';

/**
 * The whole reading half end to end, on files shaped like the registers streets send: read in the
 * worker → header found → columns mapped → rows parsed with their problems → 合计 checked.
 */

const root = path.resolve(import.meta.dirname, '..', '..');

async function register(options: { incomeHeader: string; unitLine: string; income: Array<number | string>; total: number | string }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村情统计');
  ws.addRow(['济南市市中区村情统计表（2024年）']);
  ws.mergeCells('A1:J1');
  ws.addRow(['填报单位：市中区委组织部', null, null, null, null, null, null, options.unitLine]);
  ws.addRow(['序号', '街道', '村（社区）名称', '区划代码', '党员人数', null, null, options.incomeHeader, '书记主任\n一肩挑', '书记出生年月']);
  ws.addRow([null, null, null, null, '总数', '女', '35岁以下']);
  for (const c of ['A', 'B', 'C', 'D', 'H', 'I', 'J']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('E3:G3');
  const birth = new Date(Date.UTC(1975, 5, 1));
  ws.addRow([1, '大观园街道', '纬一路社区', '370103002001', 56, 20, 8, options.income[0], '是', birth]);
  ws.getCell('J5').numFmt = 'yyyy"年"m"月"';
  ws.addRow([2, null, '睦和苑社区', 370103002003, 40, 15, 5, options.income[1], '否', '1980.03']);
  ws.mergeCells('B5:B6');
  ws.addRow([]);
  ws.addRow([3, '杆石桥街道', '南上山街社区', '370103003001', 31, 12, 4, options.income[2], '√', 1968.11]);
  ws.addRow(['合  计', null, null, null, 127, 47, 17, options.total]);
  ws.mergeCells('A9:D9');
  ws.addRow(['填表人：张三', null, null, null, null, null, null, '审核人：李四']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function preview(book: WorkbookData) {
  const sheet = book.sheets[0]!;
  const header = detectHeader(sheet.rows, sheet.merges, VILLAGE_SAMPLE)!;
  const mapping = mapColumns(VILLAGE_SAMPLE, header.labels, { titleUnit: header.unitHint });
  const range = findDataRange(sheet.rows, header.dataStart);
  const input = { definition: VILLAGE_SAMPLE, mapping, rows: sheet.rows, merges: sheet.merges, range };
  const records = parseRecords(input);
  return { header, mapping, range, records, totals: checkTotals(input, records) };
}

describe('a 村情 register made in Excel', () => {
  it('万元 from the title line: header, mapping, rows, merged street, dates, and the 合计 check', async () => {
    const bytes = await register({ incomeHeader: '集体经营性收入', unitLine: '单位：万元', income: [12.5, '8.30', 5.5], total: 26.3 });
    const book = (await readWorkbook(bytes, '村情统计.xlsx')) as { ok: true; value: WorkbookData };
    expect(book.ok).toBe(true);
    const { header, mapping, range, records, totals } = preview(book.value);
    expect(header).toMatchObject({ headerRow: 2, headerRows: 2, dataStart: 4, unitHint: '万元' });
    expect(header.labels.slice(4, 9)).toEqual(['党员人数/总数', '党员人数/女', '党员人数/35岁以下', '集体经营性收入', '书记主任 一肩挑']);
    expect(mapping.unmapped).toEqual([0]);
    expect(mapping.missingRequired).toEqual([]);
    expect(mapping.columns[7]).toMatchObject({ field: 'income', unit: '万元' });
    expect(range).toMatchObject({ dataRows: [4, 5, 7], blankRows: [6], totalRow: 8 });
    expect(records.map((r) => r.values)).toEqual([
      { street: '大观园街道', unitName: '纬一路社区', code: '370103002001', members: 56, femaleMembers: 20, youngMembers: 8, income: 12_500_000, oneShoulder: true, secretaryBirth: '1975-06' },
      { street: '大观园街道', unitName: '睦和苑社区', code: '370103002003', members: 40, femaleMembers: 15, youngMembers: 5, income: 8_300_000, oneShoulder: false, secretaryBirth: '1980-03' },
      { street: '杆石桥街道', unitName: '南上山街社区', code: '370103003001', members: 31, femaleMembers: 12, youngMembers: 4, income: 5_500_000, oneShoulder: true, secretaryBirth: '1968-11' },
    ]);
    expect(records.every((r) => r.problems.length === 0)).toBe(true);
    expect(totals.checks.map((c) => [c.field, c.matches])).toEqual([
      ['members', true],
      ['femaleMembers', true],
      ['youngMembers', true],
      ['income', true],
    ]);
    expect(totals.problems).toEqual([]);
  });

  it('元 in the header wins over the title line; a bad amount is reported and its column is not summed; a wrong 合计 is', async () => {
    const bytes = await register({ incomeHeader: '集体经营性收入（元）', unitLine: '单位：万元', income: [125000, '83,000.00', '55000.005'], total: '263,000.00' });
    const { mapping, records, totals } = preview(await readOk(bytes, 'x.xlsx'));
    expect(mapping.columns[7]).toMatchObject({ field: 'income', unit: '元' });
    expect(records.map((r) => r.values.income)).toEqual([12_500_000, 8_300_000, null]);
    expect(records[2]!.problems).toEqual([{ row: 8, column: 7, field: 'income', header: '集体经营性收入（元）', message: '集体经营性收入：金额“55000.005”超过两位小数（最小到分），请核对' }]);
    expect(totals.checks.map((c) => c.field)).not.toContain('income');

    const fixed = await register({ incomeHeader: '集体经营性收入（元）', unitLine: '', income: [125000, '83,000.00', 55000], total: '260,000.00' });
    const again = preview(await readOk(fixed, 'x.xlsx'));
    expect(again.totals.problems.map((p) => p.message)).toEqual(['合计行“集体经营性收入（元）”为 260,000.00，各行相加为 263,000.00元，两者不符，请核对']);
  });
});

async function readOk(bytes: Uint8Array, name: string): Promise<WorkbookData> {
  const r = await readWorkbook(bytes, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('clerks’ CSV files', () => {
  const DIVISIONS = defineRecord({
    key: 'test-divisions',
    label: '区划',
    columns: [
      { field: 'code', label: '区划代码', synonyms: ['code'], kind: 'code', required: true, validate: (x) => (/^\d{12}$/.test(String(x)) ? null : '区划代码应为12位数字') },
      { field: 'name', label: '名称', synonyms: ['name', '村（社区）名称'], kind: 'text', required: true },
      { field: 'street', label: '街道', synonyms: ['parent_name'], kind: 'text' },
    ],
  });

  it('a GBK CSV with CRLF: every village parses, codes stay 12-digit text', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(root, 'tests/fixtures/divisions/jinan_shizhong_370103_villages.gbk.csv')));
    const sheet = (await readOk(bytes, '市中区.csv')).sheets[0]!;
    const header = detectHeader(sheet.rows, sheet.merges, DIVISIONS)!;
    expect(header).toMatchObject({ headerRow: 0, headerRows: 1, dataStart: 1 });
    const mapping = mapColumns(DIVISIONS, header.labels);
    expect(mapping.columns.filter((c) => c.field).map((c) => [c.header, c.field])).toEqual([
      ['code', 'code'],
      ['name', 'name'],
      ['parent_name', 'street'],
    ]);
    const range = findDataRange(sheet.rows, header.dataStart);
    const records = parseRecords({ definition: DIVISIONS, mapping, rows: sheet.rows, merges: sheet.merges, range });
    expect(records).toHaveLength(216);
    expect(records.flatMap((r) => r.problems)).toEqual([]);
    expect(records[0]!.values).toEqual({ code: '370103002001', name: '纬一路社区居民委员会', street: '大观园街道' });
    expect(new Set(records.map((r) => r.values.street)).size).toBe(17);
  });
});
