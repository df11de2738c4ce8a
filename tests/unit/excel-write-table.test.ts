import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelLocalDate, MAX_CELL_CHARS, safeSheetName, safeText, tableSheet, writeTableWorkbook, wrappedLines } from '../../electron/excel/write-table';

/** The shared Excel table writer: layout, print setup, and the formula-injection guard. */

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'];
const INJECTIONS = ['=1+1', '+SUM(A1)', '-2', '@x', '\tA', '\rB', '\nC', '=HYPERLINK("http://example.invalid","点我")', "=cmd|' /C calc'!A0", '-2+3+cmd|x', '@SUM(1,2)'];

async function reload(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of a sheet, merged slaves included. */
function allCells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void cells.push(cell)));
  return cells;
}

async function writeOneColumn(values: Array<string | null>) {
  const bytes = await writeTableWorkbook({
    creator: '测试',
    sheets: [tableSheet({ sheetName: '表', title: '标题', columns: [{ header: '内容', width: 20, value: (v: string | null) => v }], rows: values })],
  });
  return (await reload(bytes)).getWorksheet('表')!;
}

describe('safeText', () => {
  it('puts an apostrophe before a leading = + - @ tab CR LF, and only then', () => {
    for (const s of INJECTIONS) expect(safeText(s)).toBe(`'${s}`);
    for (const s of ['纬一路社区', '1+1', 'a=b', ' =1', "'=1", '', '３７０１０３', '—2']) expect(safeText(s)).toBe(s);
  });

  it('replaces characters XML cannot hold, and cuts text past the cell limit', () => {
    expect(safeText('a\u0000b\u0008c\u000bd\u001fe')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde');
    expect(safeText('x\ud800y')).toBe('x\ufffdy'); // a lone surrogate
    expect(safeText('😀')).toBe('😀');
    const long = safeText('长'.repeat(40_000));
    expect(long.length).toBe(MAX_CELL_CHARS);
    expect(long.endsWith('（内容过长，已截断）')).toBe(true);
  });

  it('property: the result never starts with a trigger, and is the input (or the input after an apostrophe) when nothing had to change', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('', ...TRIGGERS), (rest, lead) => {
        const s = lead + rest;
        const out = safeText(s);
        expect(TRIGGERS.some((t) => out.startsWith(t))).toBe(false);
        // eslint-disable-next-line no-control-regex
        const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        expect(out).toBe(TRIGGERS.some((t) => clean.startsWith(t)) ? `'${clean}` : clean);
      }),
      { numRuns: 300 },
    );
  });
});

describe('writeTableWorkbook', () => {
  it('formula-looking text comes back from the file as text, not formulas, formatted as text', async () => {
    const ws = await writeOneColumn([...INJECTIONS, '普通文字', null]);
    for (const cell of allCells(ws)) {
      expect(cell.type, `${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula, cell.address).toBeUndefined();
    }
    INJECTIONS.forEach((s, i) => {
      const cell = ws.getCell(3 + i, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML turns a bare CR into LF when read back; the apostrophe guard is what matters
      expect(cell.value).toBe(`'${s}`.replace(/\r/g, '\n'));
      expect(cell.numFmt).toBe('@');
    });
    expect(ws.getCell(3 + INJECTIONS.length, 1).value).toBe('普通文字');
    expect(ws.getCell(4 + INJECTIONS.length, 1).value).toBeNull();
  });

  it('property: any text survives a round trip through the file as a string cell that is not a formula', async () => {
    const samples = fc.sample(fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => fc.sample(fc.constantFrom('', ...TRIGGERS), 1)[0] + s), 200);
    const ws = await writeOneColumn(samples);
    samples.forEach((s, i) => {
      const cell = ws.getCell(3 + i, 1);
      if (s === '') return expect(cell.value).toBeNull();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(safeText(s).replace(/\r\n?/g, '\n'));
    });
  });

  it('title merged and bold, notes, bold frozen header repeated on print, widths, A4 landscape, date and number formats', async () => {
    const at = '2026-11-22T02:03:04.000Z';
    const sheet = tableSheet({
      sheetName: '名单',
      title: '济南市市中区测试表',
      notes: ['筛选条件：全部记录', '导出人 测试员'],
      columns: [
        { header: '时间', width: 20, type: 'datetime', value: (r: { at: string; n: number; s: string }) => r.at },
        { header: '数量', width: 8, type: 'number', value: (r) => r.n },
        { header: '说明', width: 30, wrap: true, value: (r) => r.s },
      ],
      rows: [
        { at, n: 3, s: '第一行\n第二行' },
        { at: 'not a date', n: 4, s: '' },
      ],
    });
    const wb = await reload(await writeTableWorkbook({ creator: '测试员', sheets: [sheet] }));
    const ws = wb.getWorksheet('名单')!;
    expect(ws.getCell('A1').value).toBe('济南市市中区测试表');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:C1', 'A2:C2', 'A3:C3']));
    expect(ws.getCell('A2').value).toBe('筛选条件：全部记录');
    expect(ws.getRow(4).values).toEqual([undefined, '时间', '数量', '说明']);
    expect(ws.getRow(4).getCell(1).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getColumn(3).width).toBe(30);
    // the time as this computer's wall clock, formatted as a date-time
    const date = ws.getCell('A5').value as Date;
    expect(date).toBeInstanceOf(Date);
    expect(date.getTime()).toBe(excelLocalDate(at)!.getTime());
    expect(ws.getCell('A5').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getCell('A6').value).toBe('not a date'); // not a timestamp: kept as text
    expect(ws.getCell('B5').value).toBe(3);
    expect(ws.getCell('C5').alignment.wrapText).toBe(true);
    expect(ws.getRow(5).height).toBeGreaterThan(15); // two lines
    expect(ws.autoFilter).toBeTruthy();
    expect(wb.creator).toBe('测试员');
  });

  it('sheet names and line estimates', () => {
    expect(safeSheetName('a/b:c?d*e[f]g\\h')).toBe('a_b_c_d_e_f_g_h');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    expect(safeSheetName("''")).toBe('Sheet1');
    expect(wrappedLines('abc', 10)).toBe(1);
    expect(wrappedLines('一二三四五六七八九十', 11)).toBe(2);
    expect(wrappedLines('a\nb\nc', 10)).toBe(3);
  });
});
