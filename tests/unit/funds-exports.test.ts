import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeLedger, RecipientStatement, YearSummary } from '../../shared/api/funds/reports';
import type { ExportedFile } from '../../shared/api/files';
import type { Allocation, Disbursement, Programme, ProgrammeDetail } from '../../shared/api/funds/records';
import type { Role } from '../../shared/domain/roles';
import type { StreetNode } from '../../shared/api/units';
import { refused } from '../helpers/fixtures';
import { REGIONAL_PROGRAMME, WAN } from '../fixtures/funds';
import { columnOf, expectFormulasAddUp, fenOf, headerRow, labelRows, loadWorkbook, rowInFen, shownNumber, sumRanges } from '../helpers/ledger-workbook';
import { auditRows, ok, openShizhongApp, type TestApp } from '../helpers/test-context';

/**
 * The 经费台账 workbooks read back as finance reads them: title, 填报单位 and 单位：元, headers,
 * every amount to the fen, every 小计/合计 a SUM over exactly its rows whose cached result is
 * the sum, 元 #,##0.00, A4 landscape with the header repeated, the signature line; the 拨付明细's
 * 合计 equal to the 已拨付 合计; the export logged first; refusals in Chinese leaving no trace.
 */

const YUAN = 100;

let app: TestApp;
let streets: StreetNode[];
let regional: Programme;
let allowance: Programme;
let S1: StreetNode;
let S2: StreetNode;
let first: Disbursement;

const call = async <T>(method: string, input: unknown, role: Role = 'admin') => ok<T>(await app.callAsUnchecked(role)(`funds.${method}`, input));
async function pay(allocationId: number, amountFen: number, paidOn: string, upTo: 'pending' | 'paid' = 'paid', voucherNo: string | null = null, note: string | null = null): Promise<Disbursement> {
  const row = await call<Disbursement>('disburse', { allocationId, paidOn, amountFen, voucherNo, handler: '王红', approver: '李明', note });
  if (upTo === 'pending') return row;
  await call('approve', { id: row.id });
  return call<Disbursement>('post', { id: row.id, paidOn: null });
}
const allocationOf = async (programmeId: number, unitId: number) => (await call<ProgrammeDetail>('programme', { id: programmeId })).allocations.find((a) => a.unitId === unitId)!;

/** The export's bytes as the caller would save them. */
async function workbookOf(file: ExportedFile, role: Role = 'admin'): Promise<ExcelJS.Workbook> {
  const entry = app.ctx.exports.take(file.token, (await app.callerFor(role)).token);
  return loadWorkbook(entry.bytes);
}
const text = (ws: ExcelJS.Worksheet, row: number, col: number) => {
  const v = ws.getCell(row, col).value;
  return v === null || v === undefined ? '' : String(v);
};
const formulaOf = (ws: ExcelJS.Worksheet, row: number, col: number) => {
  const v = ws.getCell(row, col).value;
  return v && typeof v === 'object' && 'formula' in v ? String(v.formula) : null;
};
const SIGNATURES = ['单位负责人：', '审核人：', '填表人：', '报出日期：'];
function expectPrintSetup(ws: ExcelJS.Worksheet) {
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '3:3' });
  expect(ws.headerFooter.oddFooter).toContain('&P');
}
/** The signature line two rows under 合计. */
function expectFooter(ws: ExcelJS.Worksheet, totalRow: number) {
  const cells = (ws.getRow(totalRow + 2).values as unknown[]).filter((v) => typeof v === 'string');
  expect(cells).toEqual(SIGNATURES);
}

beforeAll(async () => {
  app = await openShizhongApp();
  streets = ok<StreetNode[]>(await app.call('units.tree', {})).sort((a, b) => a.code.localeCompare(b.code));
  [S1, S2] = streets as [StreetNode, StreetNode];
  regional = await call<Programme>('createProgramme', REGIONAL_PROGRAMME);
  ok(await app.call('funds.allocateBatch', { programmeId: regional.id, scope: { kind: 'allStreets' }, amountFen: 10 * WAN }));
  const a1 = await allocationOf(regional.id, S1.id);
  first = await pay(a1.id, 6 * WAN + 12, '2026-07-01', 'paid', '记-01', '第一批');
  await call('reverse', { id: first.id, paidOn: '2026-08-01', amountFen: 1 * WAN, reason: '多拨，冲回', voucherNo: '记-09' });
  await pay(a1.id, 2 * WAN, '2026-09-10', 'pending');
  await pay((await allocationOf(regional.id, S2.id)).id, 10 * WAN, '2026-07-15', 'paid', '记-02');
  await pay((await allocationOf(regional.id, streets[5]!.id)).id, 3 * WAN + 1, '2026-07-20', 'paid', '=危险');

  allowance = await call<Programme>('createProgramme', { year: 2026, name: '书记津贴', category: 'secretary_allowance', sourceLevel: 'street', budgetFen: 1 * WAN, recipientKind: 'person' });
  const zhang = await call<Allocation>('allocate', { programmeId: allowance.id, recipient: { personName: '张三' }, amountFen: 5_000 * YUAN });
  await call('allocate', { programmeId: allowance.id, recipient: { personName: '李四' }, amountFen: 3_000 * YUAN });
  await pay(zhang.id, 2_000 * YUAN, '2026-10-01');
});
afterAll(async () => {
  await app.close();
});

describe('funds.exportLedger', () => {
  it('sheet 1: title, 单位 line, headers, each street’s lines and 小计, the 合计 — values to the fen, formulas over exactly their rows', async () => {
    const ledger = await call<ProgrammeLedger>('ledger', { programmeId: regional.id });
    const logBefore = auditRows(app).length;
    const file = await call<ExportedFile>('exportLedger', { programmeId: regional.id });
    expect(file.fileName).toMatch(/^2026年度区域化党建工作经费台账_\d{8}-\d{4}\.xlsx$/);
    const log = auditRows(app).slice(logBefore);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'export', entity: 'fund_programme', entity_id: String(regional.id) });
    expect(JSON.parse(log[0]!.after_json!)).toMatchObject({ fileName: file.fileName, name: '区域化党建工作经费', year: 2026, rows: 4 });

    const wb = await workbookOf(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分配及拨付汇总', '拨付明细']);
    const ws = wb.getWorksheet('分配及拨付汇总')!;
    expect(text(ws, 1, 1)).toBe('2026年度区域化党建工作经费台账');
    expect(text(ws, 2, 1)).toMatch(/^填报单位：中共市中区委组织部\s+资金类别：区域化党建工作经费\s+文号：市中组字〔2026〕8号\s+标准：10万元\/街道\s+预算：1,700,000\.00元\s+单位：元$/);
    expect(headerRow(ws)).toEqual(['序号', '街道（镇）', '单位名称', '区划代码', '分配金额', '已拨付', '未拨付', '拨付率', '应拨付日期', '备注']);

    let r = 4;
    const subtotalRows: number[] = [];
    let seq = 0;
    for (const g of ledger.groups) {
      const start = r;
      for (const a of g.lines) {
        expect([shownNumber(ws.getCell(r, 1).value), text(ws, r, 2), text(ws, r, 3), text(ws, r, 4)]).toEqual([++seq, g.streetName, a.recipientName, a.code]);
        expect([fenOf(ws.getCell(r, 5).value), fenOf(ws.getCell(r, 6).value), fenOf(ws.getCell(r, 7).value)]).toEqual([a.amountFen, a.balance.paidFen, a.balance.unpaidFen]);
        expect(shownNumber(ws.getCell(r, 8).value)).toBeCloseTo(a.balance.rateBp! / 10_000, 10);
        expect(text(ws, r, 9)).toBe('2026-06-30');
        r++;
      }
      expect(text(ws, r, 1)).toBe(`${g.streetName}小计`);
      for (const [col, letter, fen] of [
        [5, 'E', g.subtotal.allocatedFen],
        [6, 'F', g.subtotal.paidFen],
        [7, 'G', g.subtotal.unpaidFen],
      ] as const) {
        expect(formulaOf(ws, r, col)).toBe(start === r - 1 ? `SUM(${letter}${start})` : `SUM(${letter}${start}:${letter}${r - 1})`);
        expect(fenOf(ws.getCell(r, col).value)).toBe(fen);
      }
      subtotalRows.push(r);
      r++;
    }
    expect(text(ws, r, 1)).toBe('合计');
    expect(sumRanges(formulaOf(ws, r, 5)!).rows).toEqual(subtotalRows);
    expect([fenOf(ws.getCell(r, 5).value), fenOf(ws.getCell(r, 6).value), fenOf(ws.getCell(r, 7).value)]).toEqual([170 * WAN, 15 * WAN + 3 * WAN + 13, 155 * WAN - 3 * WAN - 13]);
    expect(shownNumber(ws.getCell(r, 8).value)).toBeCloseTo(ledger.total.rateBp! / 10_000, 10);
    expect(expectFormulasAddUp(ws)).toBe((ledger.groups.length + 1) * 3);
    expect(ws.getCell(4, 5).numFmt).toBe('#,##0.00');
    expect(ws.getCell(r, 6).numFmt).toBe('#,##0.00');
    expect(ws.getCell(4, 8).numFmt).toBe('0.00%');
    expectPrintSetup(ws);
    expectFooter(ws, r);
  });

  it('sheet 2 拨付明细: every paid row by date, the reversal negative and explained, 合计 = sheet 1’s 已拨付 合计', async () => {
    const ledger = await call<ProgrammeLedger>('ledger', { programmeId: regional.id });
    const wb = await workbookOf(await call<ExportedFile>('exportLedger', { programmeId: regional.id }));
    const ws = wb.getWorksheet('拨付明细')!;
    expect(text(ws, 1, 1)).toBe('2026年度区域化党建工作经费拨付明细');
    expect(text(ws, 2, 1)).toMatch(/^填报单位：中共市中区委组织部.*单位：元$/);
    expect(headerRow(ws)).toEqual(['拨付日期', '凭证号', '街道（镇）', '单位名称', '摘要', '金额', '经办人', '审核人']);
    const rows = ledger.paidRows.map((_, i) => rowInFen(ws, 4 + i, 8, [6]));
    expect(rows).toEqual([
      ['2026-07-01', '记-01', S1.name, S1.name, '第一批（其中 10,000.00元 已冲销）', 6 * WAN + 12, '王红', '李明'],
      ['2026-07-15', '记-02', S2.name, S2.name, '', 10 * WAN, '王红', '李明'],
      ['2026-07-20', "'=危险", streets[5]!.name, streets[5]!.name, '', 3 * WAN + 1, '王红', '李明'],
      ['2026-08-01', '记-09', S1.name, S1.name, '冲销 2026-07-01 凭证号 记-01 的拨付：多拨，冲回', -1 * WAN, '', ''],
    ]);
    const total = 4 + ledger.paidRows.length;
    expect(text(ws, total, 1)).toBe('合计');
    expect(formulaOf(ws, total, 6)).toBe(`SUM(F4:F${total - 1})`);
    expect(fenOf(ws.getCell(total, 6).value)).toBe(ledger.total.paidFen);
    expect(expectFormulasAddUp(ws)).toBe(1);
    const summary = wb.getWorksheet('分配及拨付汇总')!;
    const [summaryTotal] = labelRows(summary, /^合计$/);
    expect(fenOf(ws.getCell(total, 6).value)).toBe(fenOf(summary.getCell(summaryTotal!, columnOf(summary, '已拨付')).value));
    expect(ws.getCell(4, 6).numFmt).toBe('#,##0.00');
    expectPrintSetup(ws);
    expectFooter(ws, total);
  });

  it('a programme of persons: 受款人, one group 个人 with its 小计', async () => {
    const wb = await workbookOf(await call<ExportedFile>('exportLedger', { programmeId: allowance.id }));
    const ws = wb.getWorksheet('分配及拨付汇总')!;
    expect(headerRow(ws)[2]).toBe('受款人');
    expect([text(ws, 4, 2), text(ws, 4, 3), text(ws, 4, 4), fenOf(ws.getCell(4, 5).value)]).toEqual(['', '张三', '', 5_000 * YUAN]);
    expect(text(ws, 6, 1)).toBe('个人小计');
    expect(text(ws, 7, 1)).toBe('合计');
    expect([fenOf(ws.getCell(7, 5).value), fenOf(ws.getCell(7, 6).value), fenOf(ws.getCell(7, 7).value)]).toEqual([8_000 * YUAN, 2_000 * YUAN, 6_000 * YUAN]);
    expectFormulasAddUp(ws);
    expect(headerRow(wb.getWorksheet('拨付明细')!)[3]).toBe('受款人');
  });

  it('the 查阅 role may export and save it', async () => {
    const file = await call<ExportedFile>('exportLedger', { programmeId: regional.id }, 'viewer');
    const wb = await workbookOf(file, 'viewer');
    expect(text(wb.worksheets[0]!, 1, 1)).toBe('2026年度区域化党建工作经费台账');
    expect(auditRows(app).at(-1)).toMatchObject({ action: 'export', username: 'test-viewer' });
  });

  it('an unknown programme is refused in Chinese; nothing is logged or held', async () => {
    const logBefore = auditRows(app).length;
    const held = app.ctx.exports.size;
    expect(refused(await app.call('funds.exportLedger', { programmeId: 987_654 })).message).toBe('该经费项目不存在或已被删除');
    expect(auditRows(app)).toHaveLength(logBefore);
    expect(app.ctx.exports.size).toBe(held);
  });
});

describe('funds.exportStatement', () => {
  it('one recipient’s programmes: the allocation, each row with date, 凭证号, amount and 状态; 小计 and 合计', async () => {
    const st = await call<RecipientStatement>('statement', { year: 2026, recipient: { unitId: S1.id } });
    const logBefore = auditRows(app).length;
    const file = await call<ExportedFile>('exportStatement', { year: 2026, recipient: { unitId: S1.id } });
    expect(file.fileName).toMatch(new RegExp(`^2026年度经费对账单_${S1.name}_\\d{8}-\\d{4}\\.xlsx$`));
    const log = auditRows(app).slice(logBefore);
    expect(log.map((l) => [l.action, l.entity])).toEqual([['export', 'fund_allocation']]);
    expect(JSON.parse(log[0]!.after_json!)).toMatchObject({ fileName: file.fileName, name: S1.name, code: S1.code, year: 2026 });

    const ws = (await workbookOf(file)).worksheets[0]!;
    expect(ws.name).toBe('对账单');
    expect(text(ws, 1, 1)).toBe(`2026年度经费对账单 — ${S1.name}`);
    expect(text(ws, 2, 1)).toMatch(new RegExp(`^填报单位：中共市中区委组织部\\s+拨付对象：${S1.name}（${S1.code}）\\s+单位：元$`));
    expect(headerRow(ws)).toEqual(['序号', '经费项目', '拨付日期', '凭证号', '摘要', '状态', '分配金额', '已拨付', '待审核/在途', '未拨付']);
    const cells = (r: number) => rowInFen(ws, r, 10, [7, 8, 9, 10]);
    expect([4, 5, 6, 7, 8].map(cells)).toEqual([
      [1, '区域化党建工作经费', '', '', '分配：区域化党建工作经费，应于 2026-06-30 前拨付', '', 10 * WAN, '', '', 5 * WAN - 12],
      ['', '', '2026-07-01', '记-01', '第一批（其中 10,000.00元 已冲销）', '已拨付', '', 6 * WAN + 12, '', ''],
      ['', '', '2026-08-01', '记-09', '冲销 2026-07-01 凭证号 记-01 的拨付：多拨，冲回', '冲销', '', -1 * WAN, '', ''],
      ['', '', '2026-09-10', '', '拨付', '待审核', '', '', 2 * WAN, ''],
      ['区域化党建工作经费小计', '', '', '', '', '', 10 * WAN, 5 * WAN + 12, 2 * WAN, 5 * WAN - 12],
    ]);
    const [total] = labelRows(ws, /^合计$/);
    expect(formulaOf(ws, total!, 7)).toBe('SUM(G8)');
    expect([7, 8, 9, 10].map((c) => fenOf(ws.getCell(total!, c).value))).toEqual([st.total.allocatedFen, st.total.paidFen, st.total.pendingFen, st.total.unpaidFen]);
    expect(expectFormulasAddUp(ws)).toBe(2 * 4);
    expect(ws.getCell(4, 7).numFmt).toBe('#,##0.00');
    expectPrintSetup(ws);
    expectFooter(ws, total!);
  });

  it('a recipient with nothing that year gets an empty statement with a 合计 of 0; an unknown unit is refused', async () => {
    const ws = (await workbookOf(await call<ExportedFile>('exportStatement', { year: 2024, recipient: { unitId: S1.id } }))).worksheets[0]!;
    expect(text(ws, 4, 1)).toBe('合计');
    expect(fenOf(ws.getCell(4, 7).value)).toBe(0);
    const person = (await workbookOf(await call<ExportedFile>('exportStatement', { year: 2026, recipient: { personName: '张三' } }))).worksheets[0]!;
    expect(text(person, 1, 1)).toBe('2026年度经费对账单 — 张三');
    expect(text(person, 2, 1)).toMatch(/拨付对象：张三\s+单位：元$/);

    const logBefore = auditRows(app).length;
    expect(refused(await app.call('funds.exportStatement', { year: 2026, recipient: { unitId: 987_654 } })).message).toBe('该拨付对象不存在或已被删除');
    expect(auditRows(app)).toHaveLength(logBefore);
  });
});

describe('funds.exportYearSummary', () => {
  it('by 资金类别, by 资金来源层级 and the programme list, each with its 合计 = the year’s totals', async () => {
    const y = await call<YearSummary>('yearSummary', { year: 2026 });
    const programmes = await call<Programme[]>('programmes', { year: 2026 });
    const file = await call<ExportedFile>('exportYearSummary', { year: 2026 });
    expect(file.fileName).toMatch(/^市中区2026年度经费汇总_\d{8}-\d{4}\.xlsx$/);
    expect(auditRows(app).at(-1)).toMatchObject({ action: 'export', entity: 'fund_programme', entity_id: null });
    const wb = await workbookOf(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按资金类别', '按资金来源层级', '项目明细']);

    for (const [name, groups, header] of [
      ['按资金类别', y.byCategory, '资金类别'],
      ['按资金来源层级', y.bySourceLevel, '资金来源层级'],
    ] as const) {
      const ws = wb.getWorksheet(name)!;
      expect(text(ws, 1, 1)).toBe(`2026年度经费汇总（按${header}）`);
      expect(text(ws, 2, 1)).toMatch(/^填报单位：中共市中区委组织部\s+单位：元$/);
      expect(headerRow(ws)).toEqual([header, '项目数', '预算', '已分配', '已拨付', '未拨付', '拨付率']);
      groups.forEach((g, i) => {
        expect([text(ws, 4 + i, 1), shownNumber(ws.getCell(4 + i, 2).value), fenOf(ws.getCell(4 + i, 3).value), fenOf(ws.getCell(4 + i, 4).value), fenOf(ws.getCell(4 + i, 5).value)]).toEqual([
          g.label,
          g.programmes,
          g.budgetFen,
          g.balance.allocatedFen,
          g.balance.paidFen,
        ]);
      });
      const total = 4 + groups.length;
      expect(text(ws, total, 1)).toBe('合计');
      expect(formulaOf(ws, total, 2)).toBe(`SUM(B4:B${total - 1})`);
      expect(shownNumber(ws.getCell(total, 2).value)).toBe(y.programmes);
      expect([3, 4, 5, 6].map((c) => fenOf(ws.getCell(total, c).value))).toEqual([y.budgetFen, y.balance.allocatedFen, y.balance.paidFen, y.balance.unpaidFen]);
      expect(shownNumber(ws.getCell(total, 7).value)).toBeCloseTo(y.balance.rateBp! / 10_000, 10);
      expect(expectFormulasAddUp(ws)).toBe(5);
      expectPrintSetup(ws);
      expectFooter(ws, total);
    }
    const list = wb.getWorksheet('项目明细')!;
    expect(headerRow(list)).toEqual(['序号', '经费项目', '资金类别', '资金来源层级', '文号', '拨付对象', '预算', '已分配', '已拨付', '未拨付', '拨付率', '应拨付日期']);
    programmes.forEach((p, i) => expect([text(list, 4 + i, 2), text(list, 4 + i, 3), fenOf(list.getCell(4 + i, 7).value), fenOf(list.getCell(4 + i, 9).value)]).toEqual([p.name, p.categoryLabel, p.budgetFen, p.balance.paidFen]));
    const total = 4 + programmes.length;
    expect([7, 8, 9, 10].map((c) => fenOf(list.getCell(total, c).value))).toEqual([y.budgetFen, y.balance.allocatedFen, y.balance.paidFen, y.balance.unpaidFen]);
    expectFormulasAddUp(list);
  });
});

describe('exported totals are the stored sums, at random (reversals included)', () => {
  it('any allocations, payments and reversals: sheet 1 合计 = Σ allocations / paid rows, sheet 2 合计 = sheet 1 已拨付, every formula adds up', async () => {
    let serial = 0;
    const payment = fc.record({ fen: fc.integer({ min: 1, max: 40_000_00 }), paid: fc.boolean(), reverse: fc.option(fc.integer({ min: 1, max: 40_000_00 }), { nil: null }) });
    const allocation = fc.record({ street: fc.nat({ max: 16 }), fen: fc.integer({ min: 1, max: 100_000_00 }), payments: fc.array(payment, { maxLength: 4 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(allocation, { selector: (a) => a.street, minLength: 1, maxLength: 8 }), async (allocations) => {
        const p = await call<Programme>('createProgramme', { year: 2027, name: `随机项目${++serial}`, category: 'regional', sourceLevel: 'district', budgetFen: 1_000_000_00, recipientKind: 'street' });
        for (const a of allocations) {
          const made = await call<Allocation>('allocate', { programmeId: p.id, recipient: { unitId: streets[a.street]!.id }, amountFen: a.fen });
          let left = a.fen;
          for (const pm of a.payments) {
            const fen = Math.min(pm.fen, left);
            if (fen <= 0) break;
            left -= fen;
            const row = await pay(made.id, fen, '2027-03-01', pm.paid ? 'paid' : 'pending');
            if (pm.paid && pm.reverse !== null) await call('reverse', { id: row.id, paidOn: '2027-03-02', amountFen: Math.min(pm.reverse, fen), reason: '冲销' });
          }
        }
        const stored = app.store.sqlite
          .prepare(
            `SELECT (SELECT sum(amount_fen) FROM fund_allocations WHERE programme_id = ?) AS allocated,
                    (SELECT coalesce(sum(d.amount_fen), 0) FROM fund_disbursements d JOIN fund_allocations a ON a.id = d.allocation_id WHERE a.programme_id = ? AND d.status = 'paid') AS paid`,
          )
          .get(p.id, p.id) as { allocated: number; paid: number };
        const wb = await workbookOf(await call<ExportedFile>('exportLedger', { programmeId: p.id }));
        const summary = wb.getWorksheet('分配及拨付汇总')!;
        const detail = wb.getWorksheet('拨付明细')!;
        const [total] = labelRows(summary, /^合计$/);
        expect([5, 6, 7].map((c) => fenOf(summary.getCell(total!, c).value))).toEqual([stored.allocated, stored.paid, stored.allocated - stored.paid]);
        const [detailTotal] = labelRows(detail, /^合计$/);
        expect(fenOf(detail.getCell(detailTotal!, 6).value)).toBe(stored.paid);
        expect(labelRows(summary, /小计$/)).toHaveLength(allocations.length);
        expectFormulasAddUp(summary);
        expectFormulasAddUp(detail);
      }),
      { numRuns: 15 },
    );
  });
});

describe('a 拨付明细 longer than an Excel sheet', () => {
  it('is refused in Chinese before anything is written or logged', async () => {
    const big = await openShizhongApp();
    try {
      const street = ok<StreetNode[]>(await big.call('units.tree', {}))[0]!;
      const p = ok<Programme>(await big.call('funds.createProgramme', { year: 2026, name: '大项目', category: 'regional', sourceLevel: 'district', budgetFen: 1_000_000_000_00, recipientKind: 'street' }));
      const a = ok<Allocation>(await big.call('funds.allocate', { programmeId: p.id, recipient: { unitId: street.id }, amountFen: 1_000_000_000_00 }));
      // 1,048,571 paid rows + title, 单位 line, header, 合计, blank and signature line = one row too many.
      // Written straight to the table: the checks per row (triggers) are lifted for the fill only.
      const sqlite = big.store.sqlite;
      const lifted = ['fund_disbursements_within_allocation_ins', 'fund_disbursements_start_pending'];
      const saved = lifted.map((name) => (sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string }).sql);
      for (const name of lifted) sqlite.exec(`DROP TRIGGER ${name}`);
      sqlite
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1048571)
           INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, created_at, created_by)
           SELECT ?, '2026-07-01', 1, 'paid', '2026-07-01T00:00:00Z', '测试' FROM n`,
        )
        .run(a.id);
      for (const sql of saved) sqlite.exec(sql);

      const logBefore = auditRows(big).length;
      const held = big.ctx.exports.size;
      expect(refused(await big.call('funds.exportLedger', { programmeId: p.id })).message).toBe(
        '“大项目”的拨付明细有 1,048,571 条，需要 1,048,577 行，超过 Excel 一张工作表的上限（1,048,576 行），无法导出。请按拨付对象分别导出对账单',
      );
      expect(auditRows(big)).toHaveLength(logBefore);
      expect(big.ctx.exports.size).toBe(held);
    } finally {
      await big.close();
    }
  }, 120_000);
});
