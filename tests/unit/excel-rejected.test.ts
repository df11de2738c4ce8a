import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type WorkbookData } from '../../electron/excel/read';
import { writeRejectedRows } from '../../electron/excel/write-rejected';
import { VILLAGE_IMPORT } from '../../shared/api/villages/import-definition';
import { detectHeader, findDataRange } from '../../shared/domain/parse/header';
import { mapColumns } from '../../shared/domain/parse/mapping';
import { parseRecords } from '../../shared/domain/parse/records';

/** The workbook of rows an import did not take: the clerk fixes it and imports it again. */

const HEADERS = ['序号', '街道', '村（社区）名称', '区划代码', '党员人数/总数', '集体经营性收入（万元）', '书记主任 一肩挑', '备注'];

async function rejected(): Promise<Uint8Array> {
  return writeRejectedRows({
    sheetTitle: '未导入的行',
    title: '村情统计表（未导入的行）',
    headers: HEADERS,
    rows: [
      { row: 5, cells: [1, '大观园街道', '纬一路社区', '37010300200', 56, '12.3456789', true, '=1+1'], reasons: ['区划代码：区划代码应为12位数字', '集体经营性收入（万元）：金额“12.3456789”万元折合成元后超过两位小数（最小到分），请核对'] },
      { row: 9, cells: [3, null, '', 370103003001, 'abc', -1.5, false, '-'], reasons: ['村（社区）名称不能为空', '党员总数：“abc”不是数字'] },
      { row: 12, cells: [4, '杆石桥街道', '南上山街社区'], reasons: ['街道“杆石桥街道”不存在'] },
    ],
  });
}

async function reload(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('writeRejectedRows, as Excel sees it', () => {
  it('title, the file header plus 原行号 and 错误原因, frozen, A4 landscape with the header repeated', async () => {
    const ws = await reload(await rejected());
    expect(ws.name).toBe('未导入的行');
    expect(ws.getCell('A1').text).toBe('村情统计表（未导入的行）');
    expect(ws.getCell('A1').isMerged).toBe(true);
    const header = Array.from({ length: HEADERS.length + 2 }, (_, i) => ws.getCell(2, i + 1).text);
    expect(header).toEqual([...HEADERS, '原行号', '错误原因']);
    // the two added columns stand out
    expect(ws.getCell(2, 9).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFCE4D6' } });
    expect(ws.getCell(2, 10).font?.color?.argb).toBe('FFC00000');
    expect(ws.getCell(2, 1).fill).toMatchObject({ fgColor: { argb: 'FFE8ECF2' } });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '2:2' });
  });

  it('cells keep their types; 是/否 for TRUE/FALSE; a formula-like text stays text; reasons joined with ；', async () => {
    const ws = await reload(await rejected());
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getCell(3, c).value)).toEqual([1, '大观园街道', '纬一路社区', '37010300200', 56, '12.3456789', '是', "'=1+1"]);
    expect(ws.getCell(3, 8).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(3, 8).formula).toBeUndefined();
    expect(ws.getCell(3, 4).numFmt).toBe('@');
    expect(ws.getCell(3, 9).value).toBe(5);
    expect(ws.getCell(3, 10).value).toBe('区划代码：区划代码应为12位数字；集体经营性收入（万元）：金额“12.3456789”万元折合成元后超过两位小数（最小到分），请核对');
    expect(ws.getCell(3, 10).alignment?.wrapText).toBe(true);
    expect(ws.getCell(3, 10).font?.color?.argb).toBe('FFC00000');
    // a number stays a number (a code read as a number, a negative amount); a lone '-' is not guarded
    expect([1, 4, 6, 7, 8, 9].map((c) => ws.getCell(4, c).value)).toEqual([3, 370103003001, -1.5, '否', '-', 9]);
    expect(ws.getCell(4, 2).value).toBeNull();
    // a short row is padded
    expect(ws.getCell(5, 3).value).toBe('南上山街社区');
    expect(ws.getCell(5, 5).value).toBeNull();
    expect(ws.getCell(5, 9).value).toBe(12);
  });
});

describe('writeRejectedRows, read back by our importer', () => {
  it('the original columns map as before; 原行号 and 错误原因 stay unmapped; the fixed rows parse', async () => {
    const book = await readWorkbook(await rejected(), '未导入的行.xlsx');
    if (!book.ok) throw new Error(book.error.message);
    const sheet = (book.value as WorkbookData).sheets[0]!;
    const header = detectHeader(sheet.rows, sheet.merges, VILLAGE_IMPORT)!;
    expect(header).toMatchObject({ headerRow: 1, headerRows: 1, dataStart: 2 });

    const original = mapColumns(VILLAGE_IMPORT, HEADERS);
    const mapping = mapColumns(VILLAGE_IMPORT, header.labels, { titleUnit: header.unitHint });
    expect(mapping.columns.slice(0, HEADERS.length).map((c) => [c.field, c.how, c.unit])).toEqual(original.columns.map((c) => [c.field, c.how, c.unit]));
    expect(mapping.columns.slice(HEADERS.length).map((c) => [c.header, c.field])).toEqual([
      ['原行号', null],
      ['错误原因', null],
    ]);
    expect(mapping.unmapped).toEqual([...original.unmapped, HEADERS.length, HEADERS.length + 1]);

    const range = findDataRange(sheet.rows, header.dataStart);
    const records = parseRecords({ definition: VILLAGE_IMPORT, mapping, rows: sheet.rows, merges: sheet.merges, range });
    // what was wrong is still wrong, what was right still reads the same
    expect(records[0]!.values).toMatchObject({ unitName: '纬一路社区', memberTotal: 56, secretaryIsDirector: true, note: '=1+1' });
    expect(records[0]!.problems.map((p) => p.field)).toEqual(['code', 'collectiveIncomeFen']);
    expect(records[1]!.values).toMatchObject({ code: '370103003001', collectiveIncomeFen: -1_500_000, secretaryIsDirector: false, note: '-' });
    expect(records[1]!.problems.map((p) => p.field)).toEqual(['unitName', 'memberTotal']);
  });
});
