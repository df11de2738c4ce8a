import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeLedger, type LedgerColumn } from '../../electron/excel/write-grouped-ledger';
import { evaluateSum, loadWorkbook } from '../helpers/ledger-workbook';

/** A ledger's 小计 and 合计 are formulas over its rows; their results are the exact sums in 分. */

interface Line {
  name: string;
  planned: number;
  paid: number;
}

const COLUMNS: LedgerColumn<Line>[] = [
  { header: '序号', width: 6, type: 'number', value: () => null },
  { header: '单位', width: 24, value: (l) => l.name },
  { header: '应拨（元）', width: 16, type: 'yuan', value: (l) => l.planned },
  { header: '实拨（元）', width: 16, type: 'yuan', value: (l) => l.paid },
  { header: '结余（元）', width: 16, type: 'yuan', value: (l) => l.planned - l.paid },
  { header: '拨付率', width: 10, type: 'percent', value: (l) => (l.planned ? l.paid / l.planned : null), total: (rows) => ratio(rows) },
];
const ratio = (rows: readonly Line[]) => {
  const planned = rows.reduce((a, l) => a + l.planned, 0);
  return planned ? rows.reduce((a, l) => a + l.paid, 0) / planned : null;
};

async function read(bytes: Uint8Array) {
  return (await loadWorkbook(bytes)).worksheets[0]!;
}

describe('writeLedger', () => {
  it('lays out title, unit line, header, groups with 小计, 合计 and the signature line', async () => {
    const ws = await read(
      await writeLedger({
        sheetName: '区域化党建工作经费',
        title: '2026年区域化党建工作经费拨付台账',
        subtitle: '填报单位：中共济南市市中区委组织部        单位：元',
        columns: COLUMNS,
        groups: [
          { label: '大观园街道', rows: [{ name: '纬一路社区', planned: 10_000_00, paid: 4_000_00 }, { name: '=HYPERLINK("x")', planned: 5_000_01, paid: 0 }] },
          { label: '杆石桥街道', rows: [{ name: '春元里社区', planned: 20_000_00, paid: 20_000_00 }] },
        ],
        creator: '测试',
      }),
    );
    expect(ws.getCell('A1').value).toBe('2026年区域化党建工作经费拨付台账');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '单位', '应拨（元）', '实拨（元）', '结余（元）', '拨付率']);
    expect(ws.getCell('B5').value).toBe('\'=HYPERLINK("x")');
    expect(ws.getCell('A6').value).toBe('大观园街道小计');
    expect(ws.getCell('C6').value).toEqual({ formula: 'SUM(C4:C5)', result: 15_000.01 });
    expect(ws.getCell('F6').value).toBeCloseTo(4_000_00 / 15_000_01, 10);
    expect(ws.getCell('A9').value).toBe('合计');
    expect(ws.getCell('C9').value).toEqual({ formula: 'SUM(C6,C8)', result: 35_000.01 });
    expect(ws.getCell('C4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('A11').value).toBe('单位负责人：');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });
  });

  it('every 小计 and 合计 equals the sum of its rows, to the fen (any groups, any amounts)', async () => {
    const line = fc.record({ name: fc.string({ maxLength: 8 }), planned: fc.integer({ min: 0, max: 10_000_000_000_00 }), paid: fc.integer({ min: 0, max: 1_000_000_00 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ label: fc.string({ minLength: 1, maxLength: 6 }), rows: fc.array(line, { maxLength: 6 }) }), { minLength: 1, maxLength: 6 }), async (groups) => {
        const ws = await read(await writeLedger({ sheetName: '台账', title: 't', subtitle: 's', columns: COLUMNS, groups, creator: 't' }));
        let checked = 0;
        ws.eachRow((row) => {
          row.eachCell((c) => {
            const v = c.value;
            if (v && typeof v === 'object' && 'formula' in v) {
              expect(Math.round(Number(v.result ?? 0) * 100), `${c.address} ${v.formula}`).toBe(evaluateSum(ws, String(v.formula)));
              checked++;
            }
          });
        });
        const all = groups.flatMap((g) => g.rows);
        const total = ws.getRow(ws.rowCount - 2).getCell(3).value;
        expect(ws.getRow(ws.rowCount - 2).getCell(1).value).toBe('合计');
        const totalFen = typeof total === 'number' ? Math.round(total * 100) : Math.round(Number((total as ExcelJS.CellFormulaValue).result ?? 0) * 100);
        expect(totalFen).toBe(all.reduce((a, l) => a + l.planned, 0));
        if (all.length > 0) expect(checked).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 60 },
    );
  });
});
