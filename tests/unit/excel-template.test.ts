import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type WorkbookData } from '../../electron/excel/read';
import { writeImportTemplate } from '../../electron/excel/write-template';
import { columnLetter } from '../../shared/domain/parse/cells';
import { GENDER_OPTIONS, VILLAGE_IMPORT } from '../../shared/api/villages/import-definition';
import { DICTIONARIES } from '../../shared/domain/dictionaries';
import type { DictionaryOption } from '../../shared/domain/parse/dictionary';
import { detectHeader, findDataRange } from '../../shared/domain/parse/header';
import { mapColumns } from '../../shared/domain/parse/mapping';
import { parseRecords } from '../../shared/domain/parse/records';

/** The import template: what Excel sees (formats, dropdowns, notes) and what our importer reads back. */

const seed = (name: keyof typeof DICTIONARIES): DictionaryOption[] => DICTIONARIES[name].seed.map(({ value, label }) => ({ value, label }));
const DICTS: Record<string, readonly DictionaryOption[]> = {
  unit_kind: seed('unit_kind'),
  party_org_type: seed('party_org_type'),
  gender: GENDER_OPTIONS,
  education_level: seed('education_level'),
  star_rating: seed('star_rating'),
  fortress_index: seed('fortress_index'),
};
const COLUMNS = VILLAGE_IMPORT.columns;
const colOf = (field: string) => COLUMNS.findIndex((c) => c.field === field) + 1;

async function template(): Promise<Uint8Array> {
  return writeImportTemplate({ definition: VILLAGE_IMPORT, title: '村情档案导入模板', dictionaries: DICTS, notes: ['年度数据写入导入时选定的年度。'] });
}

async function reload(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A cell's note as text (ExcelJS reads it back as rich text). */
function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | { texts?: Array<{ text: string }> } | undefined;
  return typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
}

async function read(bytes: Uint8Array): Promise<WorkbookData> {
  const book = await readWorkbook(bytes, '村情档案导入模板.xlsx');
  if (!book.ok) throw new Error(book.error.message);
  return book.value;
}

describe('writeImportTemplate, as Excel sees it', () => {
  it('data sheet: title, the definition labels as header (* for required), frozen below it, text formats, notes, print setup', async () => {
    const wb = await reload(await template());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['村情档案', '填写说明', '选项']);
    const ws = wb.getWorksheet('村情档案')!;
    expect(ws.getCell('A1').text).toBe('村情档案导入模板');
    expect(ws.getCell('A1').isMerged).toBe(true);
    const headers = COLUMNS.map((_, i) => ws.getCell(2, i + 1).text);
    expect(headers).toEqual(COLUMNS.map((c) => (c.required ? `*${c.label}` : c.label)));
    expect(ws.getCell(2, 1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '2:2' });
    // codes and 年月 stay text in every row a clerk types into
    for (const field of ['code', 'secretaryBirthMonth', 'unitName', 'secretaryPhone']) {
      expect(ws.getCell(3, colOf(field)).numFmt).toBe('@');
      expect(ws.getCell(1002, colOf(field)).numFmt).toBe('@');
    }
    expect(ws.getCell(3, colOf('households')).numFmt).not.toBe('@');
    expect(noteText(ws.getCell(2, colOf('collectiveIncomeFen')))).toContain('金额，单位万元');
    expect(noteText(ws.getCell(2, colOf('unitName')))).toMatch(/^必填。文字/);
    for (let i = 1; i <= COLUMNS.length; i++) expect(ws.getColumn(i).width).toBeGreaterThanOrEqual(10);
  });

  it('dropdowns: dictionary columns list a range of the hidden 选项 sheet, 是/否 columns an inline list', async () => {
    const wb = await reload(await template());
    const ws = wb.getWorksheet('村情档案')!;
    const options = wb.getWorksheet('选项')!;
    expect(options.state).toBe('hidden');

    const star = ws.getCell(3, colOf('starRating')).dataValidation;
    expect(star).toMatchObject({ type: 'list', showErrorMessage: true, error: '请从下拉列表中选择' });
    const [, sheetCol, first, last] = /^'选项'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(star.formulae[0] as string)!;
    expect(options.getCell(`${sheetCol}1`).text).toBe('评星定级');
    const listed = [];
    for (let r = Number(first); r <= Number(last); r++) listed.push(options.getCell(`${sheetCol}${r}`).text);
    expect(listed).toEqual(['五星', '四星', '三星', '未定级']);
    expect(ws.getCell(1002, colOf('starRating')).dataValidation?.formulae).toEqual(star.formulae);

    const weak = ws.getCell(500, colOf('weakOrg')).dataValidation;
    expect(weak).toMatchObject({ type: 'list', formulae: ['"是,否"'], showErrorMessage: true, error: '请从下拉列表中选择' });
    expect(ws.getCell(3, colOf('households')).dataValidation).toBeUndefined();

    // one column per dictionary the definition uses
    const labels = [];
    for (let c = 1; options.getCell(1, c).text; c++) labels.push(options.getCell(1, c).text);
    expect(labels).toHaveLength(Object.keys(DICTS).length);
    expect(labels).toContain('书记性别'); // gender is no configurable dictionary: named after its column
  });

  it('填写说明 lists every column: name, required or not, a 填写要求, the other headers understood', async () => {
    const wb = await reload(await template());
    const ws = wb.getWorksheet('填写说明')!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push([1, 2, 3, 4].map((c) => row.getCell(c).text)));
    expect(rows[0]![0]).toBe('村情档案导入模板填写说明');
    expect(rows.some((r) => r[0] === '年度数据写入导入时选定的年度。')).toBe(true);
    const head = rows.findIndex((r) => r.join('|') === '列名|是否必填|填写要求|也可识别的表头');
    expect(head).toBeGreaterThan(0);
    const table = rows.slice(head + 1);
    expect(table.map((r) => r[0])).toEqual(COLUMNS.map((c) => (c.required ? `*${c.label}` : c.label)));
    for (const [i, r] of table.entries()) {
      expect(r[1]).toBe(COLUMNS[i]!.required ? '必填' : '选填');
      expect(r[2]!.length).toBeGreaterThan(1);
      expect(r[3]).toBe((COLUMNS[i]!.synonyms ?? []).join('、'));
    }
    expect(table[colOf('starRating') - 1]![2]).toBe('从下拉列表选择：五星、四星、三星、未定级');
    expect(ws.getColumn(3).alignment?.wrapText ?? ws.getCell(head + 2, 3).alignment?.wrapText).toBe(true);
  });
});

describe('writeImportTemplate, read back by our importer', () => {
  it('the header is found on row 2 and every column maps to its own field by label', async () => {
    const book = await read(await template());
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['村情档案', false],
      ['填写说明', false],
      ['选项', true],
    ]);
    const sheet = book.sheets[0]!;
    const header = detectHeader(sheet.rows, sheet.merges, VILLAGE_IMPORT)!;
    expect(header).toMatchObject({ headerRow: 1, headerRows: 1, dataStart: 2 });
    const mapping = mapColumns(VILLAGE_IMPORT, header.labels, { titleUnit: header.unitHint });
    expect(mapping.columns.map((c) => [c.field, c.how])).toEqual(COLUMNS.map((c) => [c.field, 'label']));
    expect(mapping).toMatchObject({ unmapped: [], ambiguous: [], duplicates: [], missingRequired: [] });
  });

  it('two rows filled in: codes, 年月, 万元, dictionary labels and 是/否 parse without a problem', async () => {
    const wb = await reload(await template());
    const ws = wb.getWorksheet('村情档案')!;
    const fill = (row: number, values: Record<string, string | number>) => {
      for (const [field, value] of Object.entries(values)) ws.getCell(row, colOf(field)).value = value;
    };
    fill(3, {
      streetName: '大观园街道',
      unitName: '纬一路社区',
      code: '370103002001',
      kind: '城市社区',
      households: 356,
      areaM2: 1.25,
      partyOrgType: '党支部',
      memberTotal: 56,
      secretaryName: '张三',
      secretaryGender: '女',
      secretaryBirthMonth: '1975-03',
      secretaryEducation: '本科',
      secretaryPhone: '13800000000',
      secretaryIsDirector: '是',
      collectiveIncomeFen: 12.5,
      collectiveAssetsFen: '1,234.56',
      starRating: '五星',
      weakOrg: '否',
    });
    fill(4, { unitName: '睦和苑社区', code: '370103002003', collectiveIncomeFen: -1.5, secretarySinceMonth: '2021年5月', coopLed: '√', fortressIndex: '强' });
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());

    const sheet = (await read(filled)).sheets[0]!;
    const header = detectHeader(sheet.rows, sheet.merges, VILLAGE_IMPORT)!;
    const mapping = mapColumns(VILLAGE_IMPORT, header.labels, { titleUnit: header.unitHint });
    const range = findDataRange(sheet.rows, header.dataStart);
    expect(range.dataRows).toEqual([2, 3]);
    const records = parseRecords({ definition: VILLAGE_IMPORT, mapping, rows: sheet.rows, merges: sheet.merges, range, dictionaries: DICTS });
    expect(records.flatMap((r) => r.problems)).toEqual([]);
    expect(records[0]).toMatchObject({
      row: 3,
      values: {
        streetName: '大观园街道',
        unitName: '纬一路社区',
        code: '370103002001',
        kind: 'urban',
        households: 356,
        areaM2: 1_250_000,
        partyOrgType: 'branch',
        secretaryGender: 'female',
        secretaryBirthMonth: '1975-03',
        secretaryEducation: 'bachelor',
        secretaryPhone: '13800000000',
        secretaryIsDirector: true,
        collectiveIncomeFen: 12_500_000,
        collectiveAssetsFen: 1_234_560_000,
        starRating: 'five_star',
        weakOrg: false,
        note: null,
      },
    });
    expect(records[1]).toMatchObject({
      row: 4,
      values: { unitName: '睦和苑社区', code: '370103002003', collectiveIncomeFen: -1_500_000, secretarySinceMonth: '2021-05', coopLed: true, fortressIndex: 'strong', streetName: null },
    });
  });

  it('refuses to make a template without a dictionary the definition needs', async () => {
    const { star_rating: _, ...missing } = DICTS;
    await expect(writeImportTemplate({ definition: VILLAGE_IMPORT, title: '模板', dictionaries: missing })).rejects.toThrow('star_rating');
  });
});

describe('columnLetter', () => {
  it('numbers columns as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map((i) => columnLetter(i))).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
