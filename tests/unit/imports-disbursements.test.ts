import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupOverview } from '../../shared/api/backups';
import type { ExportedFile } from '../../shared/api/files';
import type { ProgrammeDetail } from '../../shared/api/funds/records';
import type { ImportPreview, ImportSummary, OpenedImport, PreviewImportInput } from '../../shared/api/imports';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import { DISBURSEMENT_IMPORT } from '../../shared/api/funds/import-definition';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { refused } from '../helpers/fixtures';
import { REGIONAL_PROGRAMME, WAN } from '../fixtures/funds';
import { base64, DISBURSEMENT_HEADER, disbursementList, loadWorkbook, type DisbursementListOptions, type RosterRow } from '../helpers/import-files';
import { auditRows, ok, openShizhongApp, snapshotDatabase, testDisplayName, type TestApp } from '../helpers/test-context';

/** A well-formed plan id that matches no preview (for refusals decided before the plan is compared). */
const NO_PLAN = '0'.repeat(64);

/**
 * 经费拨付记录 through the import wizard, on the real 市中区 divisions: a disbursement list
 * (title, 单位：万元, 合计, footer) opened, previewed and committed against one 经费项目. Each
 * accepted row becomes one 待审核 disbursement of the recipient's allocation; the preview shows
 * what each row leaves of its allocation, cumulatively in file order, and rejects the rows that
 * would overspend it. What the preview showed is what is written; a refusal writes nothing.
 */

const YUAN = 100;
const ADMIN = testDisplayName('admin');

let app: TestApp;
/** 大观园街道, 杆石桥街道 */
let daguanyuan: StreetNode;
let ganshiqiao: StreetNode;
/** 大观园街道 纬一路社区, 大观园街道 睦和苑社区, 杆石桥街道 春元里社区 */
let u1: UnitRow;
let u2: UnitRow;
let u3: UnitRow;

beforeEach(async () => {
  app = await openShizhongApp();
  const streets = ok<StreetNode[]>(await app.call('units.tree', {}));
  daguanyuan = streets.find((s) => s.code === '370103002')!;
  ganshiqiao = streets.find((s) => s.code === '370103003')!;
  const units = new Map(streets.flatMap((s) => s.units.map((u) => [u.code, u] as const)));
  u1 = units.get('370103002001')!;
  u2 = units.get('370103002003')!;
  u3 = units.get('370103003001')!;
  expect([daguanyuan.name, ganshiqiao.name, u1.name, u2.name, u3.name]).toEqual(['大观园街道', '杆石桥街道', '纬一路社区', '睦和苑社区', '春元里社区']);
});
afterEach(async () => {
  await app.close();
});

type ProgrammeFields = typeof REGIONAL_PROGRAMME;
const REGIONAL: ProgrammeFields = REGIONAL_PROGRAMME;
const OPERATION = { ...REGIONAL, name: '村级组织运转经费', category: 'village_operation', budgetFen: 100 * WAN, standardText: null, standardFen: null, recipientKind: 'village' };
const ALLOWANCE = { ...REGIONAL, name: '村党组织书记津贴', category: 'secretary_allowance', budgetFen: 10 * WAN, standardText: null, standardFen: null, recipientKind: 'person' };

async function createProgramme(fields: ProgrammeFields): Promise<number> {
  return ok<{ id: number }>(await app.call('funds.createProgramme', fields)).id;
}
async function allocate(programmeId: number, recipient: { unitId: number } | { personName: string }, amountFen: number): Promise<number> {
  return ok<{ id: number }>(await app.call('funds.allocate', { programmeId, recipient, amountFen })).id;
}
/** 区域化党建工作经费 2026 with 10万元 allocated to 大观园街道 and to 杆石桥街道. */
async function regionalProgramme() {
  const id = await createProgramme(REGIONAL);
  return { id, daguanyuan: await allocate(id, { unitId: daguanyuan.id }, 10 * WAN), ganshiqiao: await allocate(id, { unitId: ganshiqiao.id }, 10 * WAN) };
}

const FILE_NAME = '2026年区域化党建工作经费拨付明细.xlsx';
async function open(bytes: Uint8Array, fileName = FILE_NAME): Promise<OpenedImport> {
  return ok<OpenedImport>(await app.call('imports.open', { kind: 'disbursements', fileName, contentBase64: base64(bytes) }));
}
async function openList(rows: RosterRow[], options: DisbursementListOptions = {}) {
  return open(await disbursementList(rows, options));
}

type Options = { year: number | null; programmeId: number | null };
const inputOf = (opened: OpenedImport, options: Options, extra: Partial<PreviewImportInput> = {}) => ({ importId: opened.importId, sheetIndex: opened.suggestedSheet, options, ...extra });
async function preview(opened: OpenedImport, options: Options, extra: Partial<PreviewImportInput> = {}) {
  return ok<ImportPreview>(await app.call('imports.preview', inputOf(opened, options, extra)));
}
/** Commits what the preview showed. */
async function commit(opened: OpenedImport, options: Options, p: ImportPreview, extra: Record<string, unknown> = {}) {
  const expectCounts = { create: p.counts.create, update: p.counts.update, rejected: p.counts.rejected, plan: p.plan };
  return app.call('imports.commit', { ...inputOf(opened, options), fields: p.columns.map((c) => c.field), expect: expectCounts, ...extra });
}

const dataOf = () => snapshotDatabase(app, { except: ['audit_log'] });
const backupNames = async () => ok<BackupOverview>(await app.call('backups.overview', {})).backups.map((b) => b.name);
const detail = async (id: number) => ok<ProgrammeDetail>(await app.call('funds.programme', { id }));
const takeExport = async (file: ExportedFile) => app.ctx.exports.take(file.token, (await app.callerFor('admin')).token).bytes;

interface StoredRow {
  id: number;
  allocation_id: number;
  paid_on: string;
  amount_fen: number;
  voucher_no: string | null;
  handler: string | null;
  approver: string | null;
  note: string | null;
  status: string;
  created_by: string;
}
const storedRows = (): StoredRow[] => app.store.sqlite.prepare('SELECT * FROM fund_disbursements ORDER BY id').all() as StoredRow[];
const stored = () => storedRows().map((r) => [r.allocation_id, r.paid_on, r.amount_fen, r.voucher_no, r.status]);

/** Row number → [status, problems, notes] of the preview. */
const rowsOf = (p: ImportPreview) => Object.fromEntries(p.rows.map((r) => [r.row, [r.status, r.problems.map((x) => x.message), r.notes]]));

describe('a street list in 万元', () => {
  it('previews the balance each row leaves, cumulatively in file order, and creates 待审核 rows with the exact fen', async () => {
    const fund = await regionalProgramme();
    const options = { year: 2026, programmeId: fund.id };
    const opened = await openList(
      [
        [1, '大观园街道', null, null, '2026-03-05', 6, '记-001', '王会计', '李科长', '第一批'],
        [2, '杆石桥街道', null, '370103003', '2026年3月6日', 2.5, '记-002', '王会计', null, null],
        [3, '大观园街道办事处', null, null, '2026.4.1', 3.5, '记-003', null, null, null],
      ],
      { total: ['合计', null, null, null, null, 12] },
    );
    expect(opened.sheets).toEqual([{ index: 0, name: '拨付明细', hidden: false, rowCount: 8, problem: null, matchedColumns: 9 }]);

    const p = await preview(opened, options);
    expect(p).toMatchObject({ headerRow: 2, dataStart: 3, totalRow: 7, blockers: [], missingRequired: [], rowsOmitted: 0 });
    expect(p.columns.map((c) => [c.header, c.field, c.unit])).toEqual([
      ['序号', null, null],
      ['街道（镇）', 'streetName', null],
      ['单位名称', 'unitName', null],
      ['区划代码', 'code', null],
      ['拨付日期', 'paidOn', null],
      // the header says no unit: the 单位：万元 line applies
      ['拨付金额', 'amountFen', '万元'],
      ['凭证号', 'voucherNo', null],
      ['经办人', 'handler', null],
      ['审核人', 'approver', null],
      ['备注', 'note', null],
    ]);
    expect(p.notes).toEqual(['拨付记录登记到“2026年区域化党建工作经费”，导入后为“待审核”，审核、确认拨付后计入已拨付', '“拨付金额”按万元读取']);
    expect(p.totals).toEqual([{ header: '拨付金额', stated: '120,000.00元', summed: '120,000.00元', matches: true }]);
    expect(p.counts).toEqual({ rows: 3, create: 3, update: 0, unchanged: 0, rejected: 0, blank: 0, subtotal: 0 });
    expect(p.rows.map((r) => [r.row, r.status, r.target, r.problems, r.notes])).toEqual([
      [4, 'create', '大观园街道', [], ['拨付后该分配尚余 40,000.00元']],
      [5, 'create', '杆石桥街道', [], ['拨付后该分配尚余 75,000.00元']],
      [6, 'create', '大观园街道', [], ['拨付后该分配尚余 5,000.00元']],
    ]);

    const logBefore = auditRows(app).length;
    const summary = ok<ImportSummary>(await commit(opened, options, p));
    expect(summary).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0, rejectedFile: null });
    expect(summary.backupName).toEqual(expect.any(String));

    const rows = storedRows();
    expect(rows.map((r) => [r.allocation_id, r.paid_on, r.amount_fen, r.voucher_no, r.handler, r.approver, r.note, r.status, r.created_by])).toEqual([
      [fund.daguanyuan, '2026-03-05', 6 * WAN, '记-001', '王会计', '李科长', '第一批', 'pending', ADMIN],
      [fund.ganshiqiao, '2026-03-06', 2.5 * WAN, '记-002', '王会计', null, null, 'pending', ADMIN],
      [fund.daguanyuan, '2026-04-01', 3.5 * WAN, '记-003', null, null, null, 'pending', ADMIN],
    ]);

    // one audit row per disbursement, as funds.disburse writes it, then the import's own row
    const log = auditRows(app).slice(logBefore);
    expect(log.map((r) => [r.action, r.entity, r.entity_id])).toEqual([
      ...rows.map((r) => ['create', 'fund_disbursement', String(r.id)]),
      ['import', 'import', 'disbursements'],
    ]);
    expect(JSON.parse(log[0]!.after_json!)).toMatchObject({ name: '大观园街道', programmeName: '区域化党建工作经费', allocationId: fund.daguanyuan, amountFen: 6 * WAN, disbursementStatus: 'pending', voucherNo: '记-001' });
    expect(JSON.parse(log.at(-1)!.after_json!)).toEqual({
      what: '经费拨付记录',
      fileName: FILE_NAME,
      sheet: '拨付明细',
      year: 2026,
      programmeId: fund.id,
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      backup: summary.backupName,
    });

    // the programme counts them as pending; the usual flow approves and posts them
    let d = await detail(fund.id);
    expect(d.programme.balance).toMatchObject({ allocatedFen: 20 * WAN, pendingFen: 12 * WAN, paidFen: 0 });
    ok(await app.call('funds.approveMany', { ids: rows.map((r) => r.id) }));
    ok(await app.call('funds.postMany', { ids: rows.map((r) => r.id), paidOn: null }));
    d = await detail(fund.id);
    expect(d.programme.balance).toMatchObject({ pendingFen: 0, paidFen: 12 * WAN, unpaidFen: 8 * WAN });
  });

  it('rejects a row that would overspend its allocation, naming the amounts; the others commit, and the rejected row takes nothing from the rows after it', async () => {
    const fund = await regionalProgramme();
    const options = { year: 2026, programmeId: fund.id };
    // registered before: 2万 paid, 1万 of it reversed (a reversal counts negative, as the trigger counts)
    const first = ok<{ id: number }>(await app.call('funds.disburse', { allocationId: fund.daguanyuan, paidOn: '2026-02-01', amountFen: 2 * WAN })).id;
    ok(await app.call('funds.approve', { id: first }));
    ok(await app.call('funds.post', { id: first, paidOn: null }));
    ok(await app.call('funds.reverse', { id: first, paidOn: '2026-02-10', amountFen: 1 * WAN, reason: '多拨，冲回' }));

    const opened = await openList([
      [1, '大观园街道', null, null, '2026-05-01', 6, 'A1'],
      [2, '大观园街道', null, null, '2026-05-02', 5, 'A2'],
      [3, '杆石桥街道', null, null, '2026-05-02', 12, 'B1'],
      [4, '大观园街道', null, null, '2026-05-03', 3, 'A3'],
    ]);
    const p = await preview(opened, options);
    expect(p.counts).toMatchObject({ rows: 4, create: 2, rejected: 2 });
    expect(p.rows.map((r) => [r.row, r.status, r.problems, r.notes])).toEqual([
      [4, 'create', [], ['拨付后该分配尚余 30,000.00元']],
      [5, 'rejected', [{ column: 5, message: '超出分配：分配 100,000.00元，已登记 10,000.00元，本表前面各行 60,000.00元，本行 50,000.00元，超出 20,000.00元' }], []],
      [6, 'rejected', [{ column: 5, message: '超出分配：分配 100,000.00元，已登记 0.00元，本行 120,000.00元，超出 20,000.00元' }], []],
      [7, 'create', [], ['拨付后该分配尚余 0.00元']],
    ]);

    const before = stored();
    const summary = ok<ImportSummary>(await commit(opened, options, p));
    expect(summary).toMatchObject({ created: 2, rejected: 2 });
    expect(stored()).toEqual([...before, [fund.daguanyuan, '2026-05-01', 6 * WAN, 'A1', 'pending'], [fund.daguanyuan, '2026-05-03', 3 * WAN, 'A3', 'pending']]);
    const d = await detail(fund.id);
    expect(d.allocations.find((a) => a.id === fund.daguanyuan)!.balance).toMatchObject({ allocatedFen: 10 * WAN, pendingFen: 9 * WAN, paidFen: 1 * WAN });

    // the rejected rows come back as a workbook (its title keeps 单位：万元) the clerk fixes and imports again
    const ws = (await loadWorkbook(await takeExport(summary.rejectedFile!))).worksheets[0]!;
    expect(ws.getCell(1, 1).text).toBe(`以下 2 行未导入（金额单位：万元），请按“错误原因”修改后重新导入（原文件：${FILE_NAME}，工作表：拨付明细）`);
    const header = Array.from({ length: 12 }, (_, i) => ws.getCell(2, i + 1).text);
    expect(header).toEqual([...DISBURSEMENT_HEADER, '原行号', '错误原因']);
    expect([3, 4].map((r) => [ws.getCell(r, 11).value, ws.getCell(r, 12).text])).toEqual([
      [5, '超出分配：分配 100,000.00元，已登记 10,000.00元，本表前面各行 60,000.00元，本行 50,000.00元，超出 20,000.00元'],
      [6, '超出分配：分配 100,000.00元，已登记 0.00元，本行 120,000.00元，超出 20,000.00元'],
    ]);
    ws.getCell(4, 6).value = 10; // 杆石桥街道: 10万元, its whole allocation
    const fixed = new Uint8Array(await ws.workbook.xlsx.writeBuffer());
    const again = await open(fixed, '拨付明细_未导入的行.xlsx');
    const q = await preview(again, options);
    expect(q.columns.find((c) => c.field === 'amountFen')).toMatchObject({ header: '拨付金额', unit: '万元' });
    expect(q.columns.filter((c) => c.header === '原行号' || c.header === '错误原因').map((c) => c.field)).toEqual([null, null]);
    expect(q.rows.map((r) => [r.row, r.status, r.problems.map((x) => x.message), r.notes])).toEqual([
      [3, 'rejected', ['超出分配：分配 100,000.00元，已登记 100,000.00元，本行 50,000.00元，超出 50,000.00元'], []],
      [4, 'create', [], ['拨付后该分配尚余 0.00元']],
    ]);
    ok(await commit(again, options, q));
    expect(stored().at(-1)).toEqual([fund.ganshiqiao, '2026-05-02', 10 * WAN, 'B1', 'pending']);
  });

  it('is idempotent: the same file again finds every row already registered (无变化) and writes nothing; a repeated row in the file is rejected as a likely duplicate', async () => {
    const fund = await regionalProgramme();
    const options = { year: 2026, programmeId: fund.id };
    const bytes = await disbursementList([
      [1, '大观园街道', null, null, '2026-03-05', 3, '记-001'],
      [2, '杆石桥街道', null, null, '2026-03-06', 2.5, '记-002'],
      [3, '大观园街道', null, null, '2026-03-05', 3, '记-001'],
    ]);
    const duplicate = '与第 4 行的拨付对象、日期、金额、凭证号都相同，疑似重复，未导入；如确是两笔拨付，请分别填写凭证号';
    const first = await open(bytes);
    const p1 = await preview(first, options);
    expect(rowsOf(p1)).toEqual({
      4: ['create', [], ['拨付后该分配尚余 70,000.00元']],
      5: ['create', [], ['拨付后该分配尚余 75,000.00元']],
      6: ['rejected', [duplicate], []],
    });
    expect(ok<ImportSummary>(await commit(first, options, p1))).toMatchObject({ created: 2, rejected: 1 });
    const backups = await backupNames();

    const again = await open(bytes);
    const p2 = await preview(again, options);
    expect(p2.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 2, rejected: 1, blank: 0, subtotal: 0 });
    expect(rowsOf(p2)).toEqual({
      4: ['unchanged', [], ['系统中已有相同的拨付记录（2026-03-05，30,000.00元，凭证号 记-001，待审核），视为已导入，不再登记']],
      5: ['unchanged', [], ['系统中已有相同的拨付记录（2026-03-06，25,000.00元，凭证号 记-002，待审核），视为已导入，不再登记']],
      6: ['rejected', [duplicate], []],
    });
    const before = dataOf();
    const logBefore = auditRows(app).length;
    const summary = ok<ImportSummary>(await commit(again, options, p2));
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1, backupName: null });
    expect(dataOf()).toEqual(before);
    expect(await backupNames()).toEqual(backups);
    expect(auditRows(app).slice(logBefore).map((r) => [r.action, r.entity])).toEqual([['import', 'import']]);

    // the same payment with another voucher is another payment
    const third = await openList([[1, '大观园街道', null, null, '2026-03-05', 3, '记-009']]);
    expect(rowsOf(await preview(third, options))).toEqual({ 4: ['create', [], ['拨付后该分配尚余 40,000.00元']] });
  });
});

describe('rows with problems (a village programme, amounts in 元)', () => {
  it('are rejected each with its reason and nothing written for them; the good rows commit', async () => {
    const programmeId = await createProgramme(OPERATION);
    const a1 = await allocate(programmeId, { unitId: u1.id }, 5 * WAN);
    const a3 = await allocate(programmeId, { unitId: u3.id }, 20 * WAN);
    const options = { year: 2026, programmeId };
    const header = [...DISBURSEMENT_HEADER];
    header[5] = '拨付金额（元）';
    const opened = await openList(
      [
        [1, '大观园街道', '纬一路社区', null, '2026-03-05', 10000, 'V1'],
        // a unit written after the number overrides the column's: 12.3万 in a 元 column is 123,000元
        [2, null, null, '370103003001', '2026-03-05', '12.3万', 'V2'],
        [3, '大观园街道', '睦和苑社区', null, '2026-03-05', 1000],
        [4, '大观园街道', '不存在社区', null, '2026-03-05', 1000],
        [5, '纬二路街道', '纬一路社区', null, '2026-03-05', 1000],
        [6, null, null, '370103099001', '2026-03-05', 1000],
        [7, null, '纬一路社区', null, '2026-02-30', 1000],
        [8, null, '纬一路社区', null, '2026-03-05', 0],
        [9, null, '纬一路社区', null, '2026-03-05', -5],
        [10, null, '纬一路社区', null, '2026-03-05', 1.005],
        [11, null, '纬一路社区', null, null, 1000],
        [12, '杆石桥街道', null, null, '2026-03-05', 1000],
        [13, '杆石桥街道', null, '370103002001', '2026-03-05', 1000],
        [14, null, '大观园街道', null, '2026-03-05', 1000],
        [15, null, '纬一路社区', null, '2026-03-05', 10000.5, 'V3', null, null, '最后一笔'],
      ],
      { unitLine: null, header, title: '2026年村级组织运转经费拨付明细' },
    );
    const p = await preview(opened, options);
    expect(p.columns[5]).toMatchObject({ field: 'amountFen', unit: '元' });
    expect(p.counts).toMatchObject({ rows: 15, create: 3, rejected: 12 });
    const target = (row: number) => p.rows.find((r) => r.row === row)!.target;
    expect([target(3), target(4), target(5), target(17)]).toEqual(['大观园街道 纬一路社区', '杆石桥街道 春元里社区', '大观园街道 睦和苑社区', '大观园街道 纬一路社区']);
    expect(Object.fromEntries(p.rows.map((r) => [r.row, r.problems.map((x) => [x.column, x.message])]))).toEqual({
      3: [],
      4: [],
      5: [[2, '大观园街道 睦和苑社区在“2026年村级组织运转经费”中没有分配，请先分配']],
      6: [[2, '大观园街道没有“不存在社区”，请核对名称或填写区划代码']],
      7: [[1, '本区没有名为“纬二路街道”的街道（镇）']],
      8: [[3, '区划代码 370103099001 不是本区的街道（镇）或村（社区），请核对']],
      9: [[4, '拨付日期：日期“2026-02-30”不存在（2026年2月没有30日）']],
      10: [[5, '拨付金额应大于0']],
      11: [[5, '拨付金额（元）：金额“-5”不能为负数']],
      12: [[5, '拨付金额（元）：金额“1.005”超过两位小数（最小到分），请核对']],
      13: [[4, '拨付日期不能为空']],
      14: [[2, '请填写单位名称或区划代码']],
      15: [[3, '区划代码 370103002001 是大观园街道的“纬一路社区”，与表中街道“杆石桥街道”不符']],
      16: [[2, '大观园街道在“2026年村级组织运转经费”中没有分配（本项目的拨付对象是“村”），请核对']],
      17: [],
    });
    expect(p.rows.find((r) => r.row === 4)!.notes).toEqual(['拨付后该分配尚余 77,000.00元']);
    expect(p.rows.find((r) => r.row === 17)!.notes).toEqual(['拨付后该分配尚余 29,999.50元']);

    ok(await commit(opened, options, p));
    expect(stored()).toEqual([
      [a1, '2026-03-05', 10_000 * YUAN, 'V1', 'pending'],
      [a3, '2026-03-05', 123_000 * YUAN, 'V2', 'pending'],
      [a1, '2026-03-05', 1_000_050, 'V3', 'pending'],
    ]);
    expect(storedRows().at(-1)!.note).toBe('最后一笔');
  });

  it('a name alone finds the unit the programme pays, even with a namesake in another street; two allocated namesakes need the street', async () => {
    // a 纬一路社区 in 杆石桥街道 too
    const twin = ok<UnitRow>(await app.call('units.create', { level: 'unit', parentId: ganshiqiao.id, code: '370103003099', name: '纬一路社区', kind: 'urban' }));
    const programmeId = await createProgramme(OPERATION);
    const a1 = await allocate(programmeId, { unitId: u1.id }, 5 * WAN);
    const options = { year: 2026, programmeId };
    const rows: RosterRow[] = [[1, null, '纬一路社区', null, '2026-03-05', 1]];
    expect(rowsOf(await preview(await openList(rows), options))).toEqual({ 4: ['create', [], ['拨付后该分配尚余 40,000.00元']] });

    await allocate(programmeId, { unitId: twin.id }, 5 * WAN);
    const p = await preview(await openList([...rows, [2, '杆石桥街道', '纬一路社区', null, '2026-03-05', 2]]), options);
    expect(rowsOf(p)).toEqual({
      4: ['rejected', ['本区有 2 个“纬一路社区”，请填写街道（镇）或区划代码'], []],
      5: ['create', [], ['拨付后该分配尚余 30,000.00元']],
    });
    expect(p.rows[1]!.target).toBe('杆石桥街道 纬一路社区');
    expect(a1).toBeGreaterThan(0);
  });

  it('a person programme matches 受款人 by name; an unknown person is rejected; without a 受款人 column the file is blocked', async () => {
    const programmeId = await createProgramme(ALLOWANCE);
    const wang = await allocate(programmeId, { personName: '王建国' }, 12_000 * YUAN);
    await allocate(programmeId, { personName: '李红' }, 12_000 * YUAN);
    const options = { year: 2026, programmeId };
    const header = ['序号', '街道（镇）', '村（社区）', '姓名', '拨付日期', '金额（元）', '备注'];
    const opened = await openList(
      [
        [1, '大观园街道', '纬一路社区', '王建国', '2026-01-31', 1000, '1月'],
        [2, '大观园街道', '睦和苑社区', '王五', '2026-01-31', 1000, '1月'],
      ],
      { unitLine: null, header, title: '2026年1月书记津贴发放表' },
    );
    const p = await preview(opened, options);
    // (the footer's second cell widens the sheet by one empty column)
    expect(p.columns.map((c) => c.field)).toEqual([null, 'streetName', 'unitName', 'personName', 'paidOn', 'amountFen', 'note', null]);
    expect(p.rows.map((r) => [r.row, r.status, r.target, r.problems.map((x) => x.message), r.notes])).toEqual([
      [3, 'create', '王建国', [], ['拨付后该分配尚余 11,000.00元']],
      [4, 'rejected', '王五', ['受款人“王五”在“2026年村党组织书记津贴”中没有分配，请先分配'], []],
    ]);
    ok(await commit(opened, options, p));
    expect(stored()).toEqual([[wang, '2026-01-31', 1000 * YUAN, null, 'pending']]);

    // the 姓名 column set to 不导入: nothing says who was paid
    const fields = p.columns.map((c) => c.field);
    fields[3] = null;
    const blocked = await preview(opened, options, { fields });
    const message = '“2026年村党组织书记津贴”拨付给个人，表中没有“受款人”列，请在“核对列”中指定';
    expect(blocked.blockers).toEqual([message]);
    const before = dataOf();
    expect(refused(await commit(opened, options, blocked)).message).toBe(message);
    expect(dataOf()).toEqual(before);
  });
});

describe('the 经费项目 option', () => {
  const ROWS: RosterRow[] = [[1, '大观园街道', null, null, '2026-03-05', 6, '记-001']];

  it.each<[string, number | null, string]>([
    ['not chosen', null, '请选择经费项目'],
    ['one that does not exist', 987_654, '所选经费项目不存在或已被删除，请重新选择'],
  ])('%s: a blocker in the preview, the commit refused, nothing written', async (_, programmeId, message) => {
    await regionalProgramme();
    const opened = await openList(ROWS);
    const options = { year: 2026, programmeId };
    const p = await preview(opened, options);
    expect(p.blockers).toEqual([message]);
    expect(p.counts).toMatchObject({ create: 0, rejected: 1 });
    const before = dataOf();
    const backups = await backupNames();
    expect(refused(await commit(opened, options, p))).toMatchObject({ code: 'VALIDATION', message });
    expect(dataOf()).toEqual(before);
    expect(await backupNames()).toEqual(backups);
  });

  it('a programme of another year than the page’s is refused', async () => {
    await regionalProgramme();
    const old = await createProgramme({ ...REGIONAL, year: 2025, dueOn: null });
    await allocate(old, { unitId: daguanyuan.id }, 10 * WAN);
    const opened = await openList(ROWS);
    const options = { year: 2026, programmeId: old };
    const p = await preview(opened, options);
    const message = '所选经费项目“2025年区域化党建工作经费”属于 2025 年，不是 2026 年的项目，请重新选择';
    expect(p.blockers).toEqual([message]);
    const before = dataOf();
    expect(refused(await commit(opened, options, p)).message).toBe(message);
    expect(dataOf()).toEqual(before);
    // chosen for its own year, it imports
    expect((await preview(opened, { year: 2025, programmeId: old })).blockers).toEqual([]);
  });

  it('an id that is not a positive integer is refused at the boundary', async () => {
    const opened = await openList(ROWS);
    const error = refused(await app.call('imports.preview', inputOf(opened, { year: 2026, programmeId: 0 })));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('请选择经费项目');
  });
});

describe('data changed between the preview and the commit', () => {
  it('someone disbursed meanwhile, so a row would now overspend: refused, nothing written, no backup left', async () => {
    const fund = await regionalProgramme();
    const options = { year: 2026, programmeId: fund.id };
    const opened = await openList([
      [1, '大观园街道', null, null, '2026-03-05', 8, '记-001'],
      [2, '杆石桥街道', null, null, '2026-03-06', 1, '记-002'],
    ]);
    const p = await preview(opened, options);
    expect(p.counts).toMatchObject({ create: 2, rejected: 0 });
    expect(p.rows[0]!.notes).toEqual(['拨付后该分配尚余 20,000.00元']);

    ok(await app.call('funds.disburse', { allocationId: fund.daguanyuan, paidOn: '2026-03-04', amountFen: 3 * WAN }));
    const before = dataOf();
    const backups = await backupNames();
    const error = refused(await commit(opened, options, p));
    expect(error).toMatchObject({ code: 'CONFLICT', message: '预览之后数据已有变化（可能有人刚修改了经费分配或拨付记录），请重新预览、核对后再确认导入' });
    expect(dataOf()).toEqual(before);
    expect(await backupNames()).toEqual(backups);

    // previewed again, the row shows why
    const q = await preview(opened, options);
    expect(q.rows[0]!.problems.map((x) => x.message)).toEqual(['超出分配：分配 100,000.00元，已登记 30,000.00元，本行 80,000.00元，超出 10,000.00元']);
  });

  it('someone disbursed meanwhile and every row still fits: the balances shown are no longer true, so refused too; the new preview commits', async () => {
    const fund = await regionalProgramme();
    const options = { year: 2026, programmeId: fund.id };
    const opened = await openList([[1, '大观园街道', null, null, '2026-03-05', 2, '记-001']]);
    const p = await preview(opened, options);
    expect(p.rows[0]!.notes).toEqual(['拨付后该分配尚余 80,000.00元']);

    ok(await app.call('funds.disburse', { allocationId: fund.daguanyuan, paidOn: '2026-03-04', amountFen: 1 * WAN }));
    const before = dataOf();
    const error = refused(await commit(opened, options, p));
    expect(error).toMatchObject({ code: 'CONFLICT', message: '预览之后数据已有变化（可能有人刚修改了经费分配或拨付记录），请重新预览、核对后再确认导入' });
    expect(dataOf()).toEqual(before);

    const q = await preview(opened, options);
    expect(q.counts).toMatchObject({ create: 1, rejected: 0 });
    expect(q.rows[0]!.notes).toEqual(['拨付后该分配尚余 70,000.00元']);
    expect(ok<ImportSummary>(await commit(opened, options, q)).created).toBe(1);
  });

  it('a plan id that is not a preview\'s is refused before anything is read', async () => {
    const fund = await regionalProgramme();
    const options = { year: 2026, programmeId: fund.id };
    const opened = await openList([[1, '大观园街道', null, null, '2026-03-05', 2, '记-001']]);
    const p = await preview(opened, options);
    const before = dataOf();
    expect(refused(await commit(opened, options, { ...p, plan: 'abc' })).message).toBe('预览标识不正确，请重新预览');
    expect(refused(await commit(opened, options, { ...p, plan: NO_PLAN })).code).toBe('CONFLICT');
    expect(dataOf()).toEqual(before);
  });
});

describe('the template', () => {
  it('has every column as its header (required ones marked) and opens back with every column mapped by its label', async () => {
    const file = ok<ExportedFile>(await app.call('imports.template', { kind: 'disbursements' }));
    expect(file.fileName).toBe('经费拨付记录导入模板.xlsx');
    const wb = await loadWorkbook(await takeExport(file));
    const ws = wb.worksheets[0]!;
    const labels = DISBURSEMENT_IMPORT.columns.map((c) => c.label);
    const header = Array.from({ length: labels.length }, (_, i) => ws.getCell(2, i + 1).text);
    expect(header).toEqual(['街道（镇）', '单位名称', '受款人', '区划代码', '*拨付日期', '*拨付金额（元）', '凭证号', '经办人', '审核人', '备注']);
    const guide = wb.getWorksheet('填写说明')!;
    const guideText = guide.getSheetValues().flat().join('\n');
    expect(guideText).toContain('导入的记录为“待审核”');
    expect(guideText).toContain('拨付金额（万元）');

    const fund = await regionalProgramme();
    const opened = await open(await takeExportAgain(file), file.fileName);
    const p = await preview(opened, { year: 2026, programmeId: fund.id });
    expect(p.headerRow).toBe(1);
    expect(p.columns.map((c) => [c.field, c.how])).toEqual(DISBURSEMENT_IMPORT.columns.map((c) => [c.field, 'label']));
    expect(p.columns.find((c) => c.field === 'amountFen')!.unit).toBe('元');
    expect(p.counts).toMatchObject({ rows: 0, create: 0, rejected: 0 });
    expect(p.blockers).toEqual([]);
  });
});

/** A second download of the template (an export is handed out once). */
async function takeExportAgain(file: ExportedFile): Promise<Uint8Array> {
  const again = ok<ExportedFile>(await app.call('imports.template', { kind: 'disbursements' }));
  expect(again.fileName).toBe(file.fileName);
  return takeExport(again);
}

describe('who may import', () => {
  it('查阅 may download the template but not open, preview or commit', async () => {
    const fund = await regionalProgramme();
    const viewer = app.callAs('viewer');
    ok(await viewer('imports.template', { kind: 'disbursements' }));
    const bytes = await disbursementList([[1, '大观园街道', null, null, '2026-03-05', 6, '记-001']]);
    const opened = await open(bytes);
    const input = inputOf(opened, { year: 2026, programmeId: fund.id });
    const before = dataOf();
    for (const [method, payload] of [
      ['imports.open', { kind: 'disbursements', fileName: FILE_NAME, contentBase64: base64(bytes) }],
      ['imports.preview', input],
      ['imports.commit', { ...input, expect: { create: 1, update: 0, rejected: 0, plan: NO_PLAN } }],
    ] as const) {
      const error = refused(await viewer(method, payload));
      expect(error.code, method).toBe('FORBIDDEN');
      expect(error.message, method).toContain(ROLE_LABELS.viewer);
    }
    expect(dataOf()).toEqual(before);
    // the clerk (经办人) may
    const clerk = app.callAs('clerk');
    const own = ok<OpenedImport>(await clerk('imports.open', { kind: 'disbursements', fileName: FILE_NAME, contentBase64: base64(bytes) }));
    const clerkInput = inputOf(own, { year: 2026, programmeId: fund.id });
    const p = ok<ImportPreview>(await clerk('imports.preview', clerkInput));
    ok(await clerk('imports.commit', { ...clerkInput, expect: { create: p.counts.create, update: 0, rejected: p.counts.rejected, plan: p.plan } }));
    expect(storedRows().map((r) => r.created_by)).toEqual([testDisplayName('clerk')]);
  });
});
