import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Allocation, BatchPreview, Disbursement, Programme, ProgrammeDetail } from '../../shared/api/funds/records';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import type { ApiError } from '../../shared/api/result';
import { DomainError } from '../../electron/services/errors';
import { translateFundError } from '../../electron/services/funds/fund-rules';
import { refused } from '../helpers/fixtures';
import { REGIONAL_PROGRAMME, WAN } from '../fixtures/funds';
import { auditRows, ok, openShizhongApp, snapshotDatabase, testDisplayName, type TestApp, type UncheckedCaller } from '../helpers/test-context';

/**
 * 经费台账 through the services, as the issue walks it: 区域化党建工作经费 2026 (区级, to the
 * streets, 170万元 at 10万元 per street), allocated to all 17 streets in one batch, disbursed,
 * approved, posted, partly reversed and disbursed again — with the balances equal to the sums of
 * the rows at every level, and every refusal the contract implies worded in Chinese, naming the
 * amounts, and leaving the database as it was.
 */

const YUAN = 100;
const ADMIN = testDisplayName('admin');

let app: TestApp;
let streets: StreetNode[];
/** a street and two of its 村（社区） */
let street: StreetNode;
let unitA: UnitRow;
let unitB: UnitRow;
/** a 行政村 and a 社区 (any street) */
let village: UnitRow;
let community: UnitRow;

beforeAll(async () => {
  app = await openShizhongApp();
  streets = ok<StreetNode[]>(await app.call('units.tree', {}));
  street = streets.find((s) => s.units.length >= 2)!;
  [unitA, unitB] = street.units as [UnitRow, UnitRow];
  const all = streets.flatMap((s) => s.units);
  village = all.find((u) => u.kind === 'village')!;
  community = all.find((u) => u.kind === 'urban')!;
});
afterAll(async () => {
  await app.close();
});

const REGIONAL = REGIONAL_PROGRAMME;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const detail = async (id: number) => ok<ProgrammeDetail>(await app.call('funds.programme', { id }));
const dataOf = () => snapshotDatabase(app, { except: ['audit_log'] });

/** The call is refused with exactly this message and changes nothing (audit log aside). */
async function refusedWith(method: string, input: unknown, message: string, caller: UncheckedCaller = app.callUnchecked): Promise<ApiError> {
  const before = dataOf();
  const error = refused(await caller(method, input));
  expect(error.message).toBe(message);
  expect(dataOf(), `${method} changed the database although refused`).toEqual(before);
  return error;
}

/** Balances at every level equal the sums of the raw rows. */
function expectBalancesAddUp(d: ProgrammeDetail) {
  const paid = (allocationId?: number) => sum(d.disbursements.filter((r) => r.status === 'paid' && (allocationId === undefined || r.allocationId === allocationId)).map((r) => r.amountFen));
  const pending = (allocationId?: number) => sum(d.disbursements.filter((r) => r.status !== 'paid' && (allocationId === undefined || r.allocationId === allocationId)).map((r) => r.amountFen));
  const allocated = sum(d.allocations.map((a) => a.amountFen));
  expect(d.programme.balance).toEqual({
    allocatedFen: allocated,
    pendingFen: pending(),
    paidFen: paid(),
    unpaidFen: allocated - paid(),
    rateBp: allocated > 0 ? Math.floor((paid() * 10_000) / allocated) : null,
  });
  expect(d.programme.unallocatedFen).toBe(d.programme.budgetFen - allocated);
  expect(d.programme.recipients).toBe(d.allocations.length);
  for (const a of d.allocations) {
    expect(a.balance).toEqual({
      allocatedFen: a.amountFen,
      pendingFen: pending(a.id),
      paidFen: paid(a.id),
      unpaidFen: a.amountFen - paid(a.id),
      rateBp: Math.floor((paid(a.id) * 10_000) / a.amountFen),
    });
  }
  for (const key of ['allocatedFen', 'pendingFen', 'paidFen', 'unpaidFen'] as const) {
    expect(d.programme.balance[key]).toBe(sum(d.allocations.map((a) => a.balance[key])));
  }
}

describe('the walkthrough: 区域化党建工作经费 2026, 17 streets × 10万元', () => {
  let programme: Programme;
  let allocation: Allocation;
  const rows: Record<string, Disbursement> = {};

  it('creates the programme with its labels and an empty balance', async () => {
    const auditBefore = auditRows(app).length;
    programme = ok<Programme>(await app.call('funds.createProgramme', REGIONAL));
    expect(programme).toMatchObject({
      ...REGIONAL,
      categoryLabel: '区域化党建工作经费',
      sourceLevelLabel: '区',
      recipientKindLabel: '街道',
      unallocatedFen: 170 * WAN,
      recipients: 0,
      balance: { allocatedFen: 0, pendingFen: 0, paidFen: 0, unpaidFen: 0, rateBp: null },
    });
    const audit = auditRows(app).slice(auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'fund_programme', entity_id: String(programme.id), actor: ADMIN });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ name: '区域化党建工作经费', budgetFen: 170 * WAN, category: 'regional', recipientKind: 'street' });
    expect(ok<Programme[]>(await app.call('funds.programmes', { year: 2026 })).map((p) => p.name)).toEqual(['区域化党建工作经费']);
    expect(ok<Programme[]>(await app.call('funds.programmes', { year: 2025 }))).toEqual([]);
  });

  it('previews the batch (17 rows, 170万元, nothing left) without writing anything', async () => {
    const before = snapshotDatabase(app);
    const preview = ok<BatchPreview>(await app.call('funds.previewBatch', { programmeId: programme.id, scope: { kind: 'allStreets' as const }, amountFen: 10 * WAN }));
    expect(preview.rows).toHaveLength(17);
    expect(preview.rows.map((r) => r.code)).toEqual(streets.map((s) => s.code).sort());
    for (const r of preview.rows) expect(r).toMatchObject({ amountFen: 10 * WAN, alreadyAllocatedFen: null, streetName: r.name });
    expect(preview).toMatchObject({ totalFen: 170 * WAN, skipped: 0, unallocatedBeforeFen: 170 * WAN, unallocatedAfterFen: 0, problem: null });
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('saves the batch in one go: 17 allocations, one audit row each', async () => {
    const auditBefore = auditRows(app).length;
    const result = ok(await app.call('funds.allocateBatch', { programmeId: programme.id, scope: { kind: 'allStreets' as const }, amountFen: 10 * WAN }));
    expect(result).toEqual({ created: 17, skipped: 0, totalFen: 170 * WAN });
    const audit = auditRows(app).slice(auditBefore);
    expect(audit).toHaveLength(17);
    expect(new Set(audit.map((r) => `${r.action}/${r.entity}`))).toEqual(new Set(['create/fund_allocation']));
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ programmeName: '区域化党建工作经费', amountFen: 10 * WAN, dueOn: null });

    const d = await detail(programme.id);
    expect(d.allocations).toHaveLength(17);
    expect(d.programme).toMatchObject({ unallocatedFen: 0, recipients: 17, balance: { allocatedFen: 170 * WAN, paidFen: 0, unpaidFen: 170 * WAN, rateBp: 0 } });
    allocation = d.allocations.find((a) => a.unitId === street.id)!;
    expect(allocation).toMatchObject({ recipientName: street.name, streetId: street.id, streetName: street.name, code: street.code, personName: null, amountFen: 10 * WAN });
    // due by the programme's date (2026-06-30), today is 2026-11-22, nothing paid: overdue
    expect(allocation.overdue).toBe(true);
    expectBalancesAddUp(d);
  });

  it('the same batch again: every street is skipped, showing what it holds — nothing to save', async () => {
    const input = { programmeId: programme.id, scope: { kind: 'allStreets' as const }, amountFen: 10 * WAN };
    const preview = ok<BatchPreview>(await app.call('funds.previewBatch', input));
    expect(preview).toMatchObject({ totalFen: 0, skipped: 17, unallocatedBeforeFen: 0, unallocatedAfterFen: 0, problem: '所选的 17 个单位在本项目中都已分配，没有需要新增的分配' });
    for (const r of preview.rows) expect(r).toMatchObject({ amountFen: 0, alreadyAllocatedFen: 10 * WAN });
    await refusedWith('funds.allocateBatch', input, '所选的 17 个单位在本项目中都已分配，没有需要新增的分配');
    const refuse = { ...input, existing: 'refuse' as const };
    const message = `“${preview.rows[0]!.name}”等 17 个单位在本项目中已有分配，一个单位只能分配一次；请选择跳过已分配的单位，或去掉这些单位`;
    expect(ok<BatchPreview>(await app.call('funds.previewBatch', refuse)).problem).toBe(message);
    await refusedWith('funds.allocateBatch', refuse, message);
  });

  it('disburses 6万 and 4万 (待审核), refuses a cent more, approves and posts the first', async () => {
    rows.first = ok<Disbursement>(
      await app.call('funds.disburse', { allocationId: allocation.id, paidOn: '2026-07-01', amountFen: 6 * WAN, voucherNo: '记-0701', handler: '王会计', approver: '李科长', note: '第一笔' }),
    );
    expect(rows.first).toMatchObject({ status: 'pending', amountFen: 6 * WAN, recipientName: street.name, programmeId: programme.id, createdBy: ADMIN, approvedBy: null, postedBy: null, reversesId: null, reversedFen: 0 });
    rows.second = ok<Disbursement>(await app.call('funds.disburse', { allocationId: allocation.id, paidOn: '2026-07-15', amountFen: 4 * WAN }));
    await refusedWith(
      'funds.disburse',
      { allocationId: allocation.id, paidOn: '2026-07-20', amountFen: 1 },
      '拨付后合计 100,000.01元 超过分配金额 100,000.00元：已登记 100,000.00元（含待审核、已审核），本次 0.01元，超出 0.01元',
    );
    // 待审核 cannot be posted; approve, then approving again is refused
    await refusedWith('funds.post', { id: rows.first.id }, '该拨付记录尚未审核，请先审核再确认拨付');
    expect(ok<Disbursement>(await app.call('funds.approve', { id: rows.first.id }))).toMatchObject({ status: 'approved', approvedBy: ADMIN });
    await refusedWith('funds.approve', { id: rows.first.id }, '该拨付记录已审核，不需要再审核');
    await refusedWith(
      'funds.updateDisbursement',
      { id: rows.first.id, paidOn: '2026-07-01', amountFen: 5 * WAN },
      '该拨付记录已审核，不能修改；如有错误请删除后重新登记',
    );
    // posting may set the day it was really paid
    const posted = ok<Disbursement>(await app.call('funds.post', { id: rows.first.id, paidOn: '2026-07-03' }));
    expect(posted).toMatchObject({ status: 'paid', paidOn: '2026-07-03', postedBy: ADMIN, approvedBy: ADMIN });
    rows.first = posted;
    await refusedWith('funds.post', { id: rows.first.id }, '该拨付记录已确认拨付，不需要再确认');

    const d = await detail(programme.id);
    const a = d.allocations.find((x) => x.id === allocation.id)!;
    expect(a.balance).toEqual({ allocatedFen: 10 * WAN, pendingFen: 4 * WAN, paidFen: 6 * WAN, unpaidFen: 4 * WAN, rateBp: 6000 });
    expectBalancesAddUp(d);
  });

  it('a paid row is final: not updated, not deleted — a pending one may be', async () => {
    await refusedWith('funds.updateDisbursement', { id: rows.first!.id, paidOn: '2026-07-03', amountFen: 5 * WAN }, '已拨付的记录不能修改，如有错误请冲销后重新登记');
    await refusedWith('funds.deleteDisbursement', { id: rows.first!.id }, '已拨付的记录不能删除，如有错误请冲销后重新登记');
    // the database holds the rule too, whatever the service does
    expect(() => app.store.sqlite.prepare('UPDATE fund_disbursements SET amount_fen = 1 WHERE id = ?').run(rows.first!.id)).toThrow('fund: a paid disbursement cannot be changed');
    expect(() => app.store.sqlite.prepare('DELETE FROM fund_disbursements WHERE id = ?').run(rows.first!.id)).toThrow('fund: a paid disbursement cannot be deleted');

    const updated = ok<Disbursement>(await app.call('funds.updateDisbursement', { id: rows.second!.id, paidOn: '2026-07-16', amountFen: 3 * WAN, voucherNo: '记-0716' }));
    expect(updated).toMatchObject({ status: 'pending', paidOn: '2026-07-16', amountFen: 3 * WAN, voucherNo: '记-0716' });
    await refusedWith(
      'funds.updateDisbursement',
      { id: rows.second!.id, paidOn: '2026-07-16', amountFen: 4 * WAN + 1 },
      '拨付后合计 100,000.01元 超过分配金额 100,000.00元：已登记 60,000.00元（含待审核、已审核），本次 40,000.01元，超出 0.01元',
    );
    const auditBefore = auditRows(app).length;
    expect(ok(await app.call('funds.deleteDisbursement', { id: rows.second!.id }))).toEqual({ done: true });
    const [row] = auditRows(app).slice(auditBefore);
    expect(row).toMatchObject({ action: 'delete', entity: 'fund_disbursement', entity_id: String(rows.second!.id) });
    expect(JSON.parse(row!.before_json!)).toMatchObject({ name: street.name, amountFen: 3 * WAN, disbursementStatus: 'pending' });
    rows.second = ok<Disbursement>(await app.call('funds.disburse', { allocationId: allocation.id, paidOn: '2026-07-15', amountFen: 4 * WAN }));
  });

  it('reverses only a paid ordinary row, partly, never beyond what is left; then disburses again', async () => {
    await refusedWith('funds.reverse', { id: rows.second!.id, paidOn: '2026-08-01', reason: '录错' }, '该拨付记录待审核、尚未拨付，不能冲销；未拨付的记录可以直接修改或删除');
    await refusedWith(
      'funds.reverse',
      { id: rows.first!.id, paidOn: '2026-08-01', amountFen: 6 * WAN + 1, reason: '录错' },
      '冲销金额 60,000.01元 超过可冲销的余额 60,000.00元（原拨付 60,000.00元，已冲销 0.00元）',
    );
    await refusedWith('funds.reverse', { id: rows.first!.id, paidOn: '2026-07-02', amountFen: WAN, reason: '录错' }, '冲销日期不能早于原拨付日期 2026-07-03');

    const auditBefore = auditRows(app).length;
    rows.reversal = ok<Disbursement>(await app.call('funds.reverse', { id: rows.first!.id, paidOn: '2026-08-01', amountFen: WAN, reason: '多拨1万元，冲回', voucherNo: '记-0815' }));
    expect(rows.reversal).toMatchObject({ amountFen: -WAN, status: 'paid', reversesId: rows.first!.id, note: '多拨1万元，冲回', voucherNo: '记-0815', allocationId: allocation.id, createdBy: ADMIN, postedBy: ADMIN });
    const [row] = auditRows(app).slice(auditBefore);
    expect(row).toMatchObject({ action: 'create', entity: 'fund_disbursement' });
    expect(JSON.parse(row!.after_json!)).toMatchObject({ amountFen: -WAN, reversesId: rows.first!.id, disbursementStatus: 'paid' });

    let d = await detail(programme.id);
    expect(d.disbursements.find((r) => r.id === rows.first!.id)!.reversedFen).toBe(WAN);
    expect(d.allocations.find((x) => x.id === allocation.id)!.balance).toEqual({ allocatedFen: 10 * WAN, pendingFen: 4 * WAN, paidFen: 5 * WAN, unpaidFen: 5 * WAN, rateBp: 5000 });
    expectBalancesAddUp(d);

    // a reversal row is itself final and cannot be reversed
    await refusedWith('funds.reverse', { id: rows.reversal.id, paidOn: '2026-08-02', reason: '再冲' }, '这是一条冲销记录，不能再冲销');
    await refusedWith('funds.updateDisbursement', { id: rows.reversal.id, paidOn: '2026-08-01', amountFen: 1 }, '已拨付的记录不能修改，如有错误请冲销后重新登记');
    await refusedWith('funds.deleteDisbursement', { id: rows.reversal.id }, '已拨付的记录不能删除，如有错误请冲销后重新登记');
    await refusedWith('funds.approve', { id: rows.reversal.id }, '该拨付记录已拨付，不需要审核');
    // a second reversal beyond what is left (5万)
    await refusedWith(
      'funds.reverse',
      { id: rows.first!.id, paidOn: '2026-08-02', amountFen: 5 * WAN + 1, reason: '再冲' },
      '冲销金额 50,000.01元 超过可冲销的余额 50,000.00元（原拨付 60,000.00元，已冲销 10,000.00元）',
    );

    // the 1万 freed by the reversal can be disbursed again, properly
    await refusedWith(
      'funds.disburse',
      { allocationId: allocation.id, paidOn: '2026-08-05', amountFen: WAN + 1 },
      '拨付后合计 100,000.01元 超过分配金额 100,000.00元：已登记 90,000.00元（含待审核、已审核），本次 10,000.01元，超出 0.01元',
    );
    rows.again = ok<Disbursement>(await app.call('funds.disburse', { allocationId: allocation.id, paidOn: '2026-08-05', amountFen: WAN, note: '重新拨付' }));
    ok(await app.call('funds.approve', { id: rows.again.id }));
    ok(await app.call('funds.post', { id: rows.again.id, paidOn: null }));
    ok(await app.call('funds.approve', { id: rows.second!.id }));
    ok(await app.call('funds.post', { id: rows.second!.id }));

    d = await detail(programme.id);
    const a = d.allocations.find((x) => x.id === allocation.id)!;
    expect(a.balance).toEqual({ allocatedFen: 10 * WAN, pendingFen: 0, paidFen: 10 * WAN, unpaidFen: 0, rateBp: 10_000 });
    // fully paid: no longer overdue
    expect(a.overdue).toBe(false);
    expect(d.programme.balance).toEqual({ allocatedFen: 170 * WAN, pendingFen: 0, paidFen: 10 * WAN, unpaidFen: 160 * WAN, rateBp: 588 });
    expectBalancesAddUp(d);
    // the list shows the same balance as the detail
    const listed = ok<Programme[]>(await app.call('funds.programmes', { year: 2026 })).find((p) => p.id === programme.id)!;
    expect(listed).toEqual(d.programme);

    // the rest of the first row (5万) reversed by default; then nothing is left to reverse
    const rest = ok<Disbursement>(await app.call('funds.reverse', { id: rows.first!.id, paidOn: '2026-09-01', amountFen: null, reason: '整笔冲回' }));
    expect(rest.amountFen).toBe(-5 * WAN);
    await refusedWith('funds.reverse', { id: rows.first!.id, paidOn: '2026-09-02', reason: '再冲' }, '该拨付记录（60,000.00元）已全部冲销，不能再冲销');
    expectBalancesAddUp(await detail(programme.id));
  });

  it('refuses what would break the allocation or the programme', async () => {
    // the allocation holds 10万 − 5万 reversed = 5万 net disbursed; it cannot go below
    await refusedWith(
      'funds.updateAllocation',
      { id: allocation.id, amountFen: 5 * WAN - 1 },
      '分配金额 49,999.99元 低于已登记的拨付合计 50,000.00元（含待审核、已审核，已扣除冲销），不能调减到这个数',
    );
    await refusedWith(
      'funds.updateAllocation',
      { id: allocation.id, amountFen: 10 * WAN + 1 },
      '超出预算：预算 1,700,000.00元，其他对象已分配 1,600,000.00元，本对象调整为 100,000.01元，超出 0.01元',
    );
    await refusedWith('funds.deleteAllocation', { id: allocation.id }, `“${street.name}”的分配已有 5 条拨付记录，不能删除`);
    await refusedWith('funds.deleteProgramme', { id: programme.id }, '“区域化党建工作经费”已分配给 17 个对象，不能删除；请先删除这些分配');
    await refusedWith(
      'funds.updateProgramme',
      { ...REGIONAL, id: programme.id, budgetFen: 170 * WAN - 1 },
      '预算 1,699,999.99元 低于已分配的合计 1,700,000.00元，请先调减分配或提高预算',
    );
    await refusedWith(
      'funds.allocate',
      { programmeId: programme.id, recipient: { unitId: street.id }, amountFen: WAN },
      `“${street.name}”在本项目中已有分配（100,000.00元），一个单位只能分配一次，如需调整请修改原分配`,
    );
    await refusedWith('funds.allocate', { programmeId: programme.id, recipient: { unitId: unitA.id }, amountFen: WAN }, `“${unitA.name}”是村（社区），本项目的拨付对象是“街道”，请选择街道（镇）`);
    await refusedWith('funds.allocate', { programmeId: programme.id, recipient: { personName: '张三' }, amountFen: WAN }, '本项目的拨付对象是“街道”，请选择单位，不能填写个人姓名');
    await refusedWith('funds.createProgramme', REGIONAL, '2026年度已有名为“区域化党建工作经费”的经费项目，请换一个名称');
    // a 村（社区） in a batch for streets
    const wrong = { programmeId: programme.id, scope: { kind: 'units' as const, unitIds: [unitA.id, unitB.id] }, amountFen: WAN };
    const message = `“${unitA.name}”是村（社区），本项目的拨付对象是“街道”，请选择街道（镇）；另有 1 个单位同样不符合`;
    expect(ok<BatchPreview>(await app.call('funds.previewBatch', wrong)).problem).toBe(message);
    await refusedWith('funds.allocateBatch', wrong, message);
  });

  it('lowers an allocation (not below what is disbursed) and frees budget; updates and audits the programme', async () => {
    const auditBefore = auditRows(app).length;
    const lowered = ok<Allocation>(await app.call('funds.updateAllocation', { id: allocation.id, amountFen: 5 * WAN, dueOn: '2026-12-31', note: '已足额拨付' }));
    expect(lowered).toMatchObject({ amountFen: 5 * WAN, dueOn: '2026-12-31', note: '已足额拨付', overdue: false, balance: { paidFen: 5 * WAN, unpaidFen: 0, rateBp: 10_000 } });
    const [row] = auditRows(app).slice(auditBefore);
    expect(row).toMatchObject({ action: 'update', entity: 'fund_allocation', entity_id: String(allocation.id) });
    expect(JSON.parse(row!.before_json!)).toMatchObject({ name: street.name, amountFen: 10 * WAN, dueOn: null });
    expect(JSON.parse(row!.after_json!)).toMatchObject({ name: street.name, amountFen: 5 * WAN, dueOn: '2026-12-31' });

    const updated = ok<Programme>(await app.call('funds.updateProgramme', { ...REGIONAL, id: programme.id, budgetFen: 165 * WAN, note: '调减' }));
    expect(updated).toMatchObject({ budgetFen: 165 * WAN, unallocatedFen: 0, note: '调减' });
    const last = auditRows(app).at(-1)!;
    expect(last).toMatchObject({ action: 'update', entity: 'fund_programme' });
    expect([JSON.parse(last.before_json!).budgetFen, JSON.parse(last.after_json!).budgetFen]).toEqual([170 * WAN, 165 * WAN]);
    expectBalancesAddUp(await detail(programme.id));
  });
});

describe('allocations to 村（社区） and to persons', () => {
  let mass: Programme;

  it('a single allocation past the budget names every amount; a batch past it writes nothing', async () => {
    mass = ok<Programme>(
      await app.call('funds.createProgramme', { ...REGIONAL, name: '党组织群众工作专项经费', category: 'mass_work', recipientKind: 'village', budgetFen: 10 * WAN, standardFen: null, standardText: null, dueOn: null }),
    );
    expect(mass.recipientKindLabel).toBe('村');
    ok(await app.call('funds.allocate', { programmeId: mass.id, recipient: { unitId: unitA.id }, amountFen: 9 * WAN, dueOn: '2026-12-31' }));
    await refusedWith(
      'funds.allocate',
      { programmeId: mass.id, recipient: { unitId: unitB.id }, amountFen: 2 * WAN },
      '超出预算：预算 100,000.00元，已分配 90,000.00元，本次 20,000.00元，超出 10,000.00元',
    );
    await refusedWith('funds.allocate', { programmeId: mass.id, recipient: { unitId: street.id }, amountFen: WAN }, `“${street.name}”是街道（镇），本项目的拨付对象是“村”，请选择村（社区）`);

    // every 村（社区） of the street at 1万: unitA is skipped, the rest do not fit in 1万
    const input = { programmeId: mass.id, scope: { kind: 'unitsOfStreets' as const, streetIds: [street.id] }, amountFen: WAN };
    const preview = ok<BatchPreview>(await app.call('funds.previewBatch', input));
    const others = street.units.length - 1;
    expect(preview.skipped).toBe(1);
    expect(preview.rows.find((r) => r.unitId === unitA.id)).toMatchObject({ amountFen: 0, alreadyAllocatedFen: 9 * WAN, streetName: street.name });
    expect(preview.totalFen).toBe(others * WAN);
    expect(preview.unallocatedBeforeFen).toBe(WAN);
    expect(preview.unallocatedAfterFen).toBe(WAN - others * WAN);
    const over = `超出预算：预算 100,000.00元，已分配 90,000.00元，本次 ${(others * 10_000).toLocaleString('en-US')}.00元，超出 ${((others - 1) * 10_000).toLocaleString('en-US')}.00元`;
    expect(preview.problem).toBe(over);
    await refusedWith('funds.allocateBatch', input, over);
  });

  it('a batch that fits is saved; unit kinds filter the 村（社区）', async () => {
    ok(await app.call('funds.updateProgramme', { ...REGIONAL, id: mass.id, name: mass.name, category: 'mass_work', recipientKind: 'village', budgetFen: 1000 * WAN, standardFen: null, standardText: null, dueOn: null }));
    const kinds = new Set(street.units.map((u) => u.kind));
    const kind = [...kinds][0]!;
    const input = { programmeId: mass.id, scope: { kind: 'unitsOfStreets' as const, streetIds: [street.id], unitKinds: [kind] }, amountFen: 3 * YUAN * 1000 };
    const expected = street.units.filter((u) => u.kind === kind);
    const preview = ok<BatchPreview>(await app.call('funds.previewBatch', input));
    expect(preview.rows.map((r) => r.unitId).sort()).toEqual(expected.map((u) => u.id).sort());
    const created = expected.filter((u) => u.id !== unitA.id).length;
    expect(ok(await app.call('funds.allocateBatch', input))).toEqual({ created, skipped: expected.length - created, totalFen: created * 300_000 });
    expectBalancesAddUp(await detail(mass.id));
    await refusedWith('funds.previewBatch', { ...input, scope: { kind: 'unitsOfStreets' as const, streetIds: [unitA.id] } }, `“${unitA.name}”不是街道（镇），请选择街道（镇）`);
    await refusedWith('funds.previewBatch', { ...input, scope: { kind: 'unitsOfStreets' as const, streetIds: [], unitKinds: ['nope'] } }, '所选单位类别不在“单位类别”字典中，请从列表中选择');
  });

  it('社区 programmes take no 行政村; 个人 programmes take names only', async () => {
    const communityProgramme = ok<Programme>(
      await app.call('funds.createProgramme', { ...REGIONAL, name: '社区为民服务经费', category: 'public_service', recipientKind: 'community', budgetFen: 100 * WAN }),
    );
    await refusedWith(
      'funds.allocate',
      { programmeId: communityProgramme.id, recipient: { unitId: village.id }, amountFen: WAN },
      `“${village.name}”是行政村，本项目的拨付对象是“社区”，请选择社区`,
    );
    ok(await app.call('funds.allocate', { programmeId: communityProgramme.id, recipient: { unitId: community.id }, amountFen: WAN }));

    const allowance = ok<Programme>(
      await app.call('funds.createProgramme', { ...REGIONAL, name: '村党组织书记津贴', category: 'secretary_allowance', recipientKind: 'person', budgetFen: 10 * WAN, dueOn: null }),
    );
    const person = ok<Allocation>(await app.call('funds.allocate', { programmeId: allowance.id, recipient: { personName: '张三' }, amountFen: 2 * WAN }));
    expect(person).toMatchObject({ unitId: null, personName: '张三', recipientName: '张三', streetId: null, streetName: null, code: null, overdue: false });
    await refusedWith('funds.allocate', { programmeId: allowance.id, recipient: { unitId: unitA.id }, amountFen: WAN }, `本项目的拨付对象是“个人”，请填写受款人姓名，不能选择单位（“${unitA.name}”）`);
    const batch = { programmeId: allowance.id, scope: { kind: 'units' as const, unitIds: [unitA.id] }, amountFen: WAN };
    expect(ok<BatchPreview>(await app.call('funds.previewBatch', batch)).problem).toBe(`本项目的拨付对象是“个人”，请填写受款人姓名，不能选择单位（“${unitA.name}”）`);
    await refusedWith('funds.allocateBatch', batch, `本项目的拨付对象是“个人”，请填写受款人姓名，不能选择单位（“${unitA.name}”）`);

    // the recipient kind changes only to one every allocation fits
    await refusedWith(
      'funds.updateProgramme',
      { ...REGIONAL, id: communityProgramme.id, name: '社区为民服务经费', category: 'public_service', recipientKind: 'street', budgetFen: 100 * WAN },
      `已有的分配对象不符合新的拨付对象类别：“${community.name}”是村（社区），本项目的拨付对象是“街道”，请选择街道（镇）`,
    );
    ok(await app.call('funds.updateProgramme', { ...REGIONAL, id: communityProgramme.id, name: '社区为民服务经费', category: 'public_service', recipientKind: 'village', budgetFen: 100 * WAN }));
  });

  it('a retired unit receives nothing new', async () => {
    const unit = streets.at(-1)!.units.at(-1)!;
    ok(await app.call('units.retire', { id: unit.id, retiredOn: '2026-01-01', reason: '撤并' }));
    await refusedWith('funds.allocate', { programmeId: mass.id, recipient: { unitId: unit.id }, amountFen: WAN }, `“${unit.name}”已撤销，不能分配经费`);
    const batch = { programmeId: mass.id, scope: { kind: 'units' as const, unitIds: [unit.id] }, amountFen: WAN };
    expect(ok<BatchPreview>(await app.call('funds.previewBatch', batch)).problem).toBe(`“${unit.name}”已撤销，不能分配经费`);
    // every 村（社区） of its street leaves it out
    const all = ok<BatchPreview>(await app.call('funds.previewBatch', { ...batch, scope: { kind: 'unitsOfStreets' as const, streetIds: [streets.at(-1)!.id] } }));
    expect(all.rows.map((r) => r.unitId)).not.toContain(unit.id);
    await refusedWith('funds.allocate', { programmeId: mass.id, recipient: { unitId: 987_654 }, amountFen: WAN }, '所选拨付对象不存在或已被删除');
    await refusedWith('funds.previewBatch', { ...batch, scope: { kind: 'units' as const, unitIds: [987_654, unitA.id] } }, '所选单位中有 1 个不存在或已被删除，请重新选择');
  });
});

describe('programmes: dictionaries, names, deleting', () => {
  const base = { ...REGIONAL, year: 2027, name: '村级组织运转经费', category: 'village_operation', recipientKind: 'village', budgetFen: 50 * WAN };

  it('refuses unknown and retired dictionary values, but keeps one the programme already holds', async () => {
    await refusedWith('funds.createProgramme', { ...base, category: 'nope' }, '所选资金类别不在“资金类别”字典中，请从列表中选择');
    await refusedWith('funds.createProgramme', { ...base, sourceLevel: 'nope' }, '所选资金来源层级不在“资金来源层级”字典中，请从列表中选择');
    await refusedWith('funds.createProgramme', { ...base, recipientKind: 'nope' }, '所选拨付对象类别不在“拨付对象类别”字典中，请从列表中选择');
    const created = ok<Programme>(await app.call('funds.createProgramme', { ...base, category: 'other' }));
    ok(await app.call('dictionaries.retireItem', { name: 'fund_category', value: 'other' }));
    try {
      await refusedWith('funds.createProgramme', { ...base, name: '其他经费', category: 'other' }, '资金类别“其他”已停用，请选择其他资金类别');
      // unchanged on the programme that holds it: fine
      expect(ok<Programme>(await app.call('funds.updateProgramme', { ...base, id: created.id, category: 'other', budgetFen: 60 * WAN })).categoryLabel).toBe('其他');
    } finally {
      ok(await app.call('dictionaries.restoreItem', { name: 'fund_category', value: 'other' }));
    }
    // the same name in another year is another programme
    expect(ok<Programme>(await app.call('funds.createProgramme', { ...base, year: 2028 })).year).toBe(2028);
    await refusedWith('funds.updateProgramme', { ...base, id: created.id, year: 2028, category: 'other' }, '2028年度已有名为“村级组织运转经费”的经费项目，请换一个名称');
    // a value a programme holds is in use: the dictionary page counts it and will not delete it
    const detail = ok<{ items: Array<{ value: string; usageCount: number }> }>(await app.call('dictionaries.detail', { name: 'fund_category' }));
    expect(detail.items.find((i) => i.value === 'other')!.usageCount).toBe(1);
    await refusedWith('dictionaries.deleteItem', { name: 'fund_category', value: 'other' }, '“其他”正在被 1 条记录使用，不能删除，只能停用');
  });

  it('deletes a programme without allocations, and an allocation without disbursements; audited', async () => {
    const p = ok<Programme>(await app.call('funds.createProgramme', { ...base, name: '待删除的项目' }));
    const a = ok<Allocation>(await app.call('funds.allocate', { programmeId: p.id, recipient: { unitId: unitB.id }, amountFen: WAN }));
    await refusedWith('funds.deleteProgramme', { id: p.id }, '“待删除的项目”已分配给 1 个对象，不能删除；请先删除这些分配');
    const auditBefore = auditRows(app).length;
    expect(ok(await app.call('funds.deleteAllocation', { id: a.id }))).toEqual({ done: true });
    expect(ok(await app.call('funds.deleteProgramme', { id: p.id }))).toEqual({ done: true });
    const audit = auditRows(app).slice(auditBefore);
    expect(audit.map((r) => [r.action, r.entity])).toEqual([
      ['delete', 'fund_allocation'],
      ['delete', 'fund_programme'],
    ]);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ name: unitB.name, programmeName: '待删除的项目', code: unitB.code, amountFen: WAN });
    expect(audit.every((r) => r.after_json === null)).toBe(true);
    await refusedWith('funds.programme', { id: p.id }, '该经费项目不存在或已被删除');
    await refusedWith('funds.deleteAllocation', { id: a.id }, '该分配不存在或已被删除');
    await refusedWith('funds.approve', { id: 987_654 }, '该拨付记录不存在或已被删除');
  });
});

describe('批量审核、批量确认拨付: all rows or none', () => {
  it('approves and posts several rows in one go; one row that cannot stops the whole batch, named', async () => {
    const p = ok<Programme>(await app.call('funds.createProgramme', { ...REGIONAL, year: 2029, name: '批量审核演示经费', budgetFen: 30 * WAN }));
    const allocations = [];
    for (const s of streets.slice(0, 2)) {
      allocations.push(ok<Allocation>(await app.call('funds.allocate', { programmeId: p.id, recipient: { unitId: s.id }, amountFen: 10 * WAN })));
    }
    const rows = [];
    for (const a of allocations) rows.push(ok<Disbursement>(await app.call('funds.disburse', { allocationId: a.id, paidOn: '2029-03-01', amountFen: 4 * WAN, voucherNo: `记-${a.id}` })));
    const [first, second] = rows as [Disbursement, Disbursement];

    // posting before approval: refused, naming the row, nothing changed
    await refusedWith('funds.postMany', { ids: [first.id, second.id] }, `${first.recipientName} 2029-03-01 40,000.00元的拨付记录尚未审核，请先审核再确认拨付`);
    expect(ok(await app.call('funds.approveMany', { ids: [first.id, second.id, first.id] }))).toEqual({ done: 2 });
    // approving again: the first row already approved stops the batch
    await refusedWith('funds.approveMany', { ids: [first.id] }, `${first.recipientName} 2029-03-01 40,000.00元的拨付记录已审核，不需要再审核`);
    await refusedWith('funds.approveMany', { ids: [987_654] }, '该拨付记录不存在或已被删除');

    const auditBefore = auditRows(app).length;
    expect(ok(await app.call('funds.postMany', { ids: [first.id, second.id], paidOn: '2029-03-05' }))).toEqual({ done: 2 });
    const d = await detail(p.id);
    expect(d.disbursements.map((r) => [r.status, r.paidOn, r.postedBy])).toEqual([
      ['paid', '2029-03-05', ADMIN],
      ['paid', '2029-03-05', ADMIN],
    ]);
    expect(d.disbursements.every((r) => r.approvedAt !== null && r.postedAt !== null)).toBe(true);
    expect(d.programme.balance.paidFen).toBe(8 * WAN);
    expect(auditRows(app).slice(auditBefore).map((r) => [r.action, r.entity])).toEqual([
      ['update', 'fund_disbursement'],
      ['update', 'fund_disbursement'],
    ]);
    await refusedWith('funds.postMany', { ids: [second.id] }, `${second.recipientName} 2029-03-05 40,000.00元的拨付记录已确认拨付，不需要再确认`);
    expectBalancesAddUp(d);
  });

  it('a batch whose last row fails leaves the earlier rows as they were', async () => {
    const p = ok<Programme>(await app.call('funds.createProgramme', { ...REGIONAL, year: 2030, name: '批量回滚演示经费', budgetFen: 20 * WAN }));
    const a = ok<Allocation>(await app.call('funds.allocate', { programmeId: p.id, recipient: { unitId: street.id }, amountFen: 10 * WAN }));
    const r1 = ok<Disbursement>(await app.call('funds.disburse', { allocationId: a.id, paidOn: '2030-01-10', amountFen: WAN }));
    const r2 = ok<Disbursement>(await app.call('funds.disburse', { allocationId: a.id, paidOn: '2030-01-11', amountFen: WAN }));
    ok(await app.call('funds.approve', { id: r1.id }));
    // r1 approved, r2 pending: posting both fails on r2 and r1 stays 已审核
    await refusedWith('funds.postMany', { ids: [r1.id, r2.id] }, `${street.name} 2030-01-11 10,000.00元的拨付记录尚未审核，请先审核再确认拨付`);
    expect((await detail(p.id)).disbursements.map((r) => r.status)).toEqual(['approved', 'pending']);
    await refusedWith('funds.approveMany', { ids: [] }, '请至少选择一条拨付记录');
  });
});

describe('roles', () => {
  it('查阅 reads the ledger but changes nothing, not even a preview', async () => {
    const viewer = app.callAs('viewer');
    const viewerUnchecked = app.callAsUnchecked('viewer');
    const [programme] = ok<Programme[]>(await viewer('funds.programmes', { year: 2026 }));
    expect(ok<ProgrammeDetail>(await viewer('funds.programme', { id: programme!.id })).programme.id).toBe(programme!.id);
    const message = (summary: string) => `当前账户（查阅）没有此项操作的权限：${summary}`;
    await refusedWith('funds.createProgramme', { ...REGIONAL, name: '查阅新建' }, message('新建经费项目'), viewerUnchecked);
    await refusedWith('funds.previewBatch', { programmeId: programme!.id, scope: { kind: 'allStreets' as const }, amountFen: WAN }, message('按标准批量分配：预览（不保存）'), viewerUnchecked);
    await refusedWith('funds.disburse', { allocationId: 1, paidOn: '2026-11-01', amountFen: WAN }, message('登记拨付（待审核）'), viewerUnchecked);
    // 经办人 may
    expect((await app.callAs('clerk')('funds.createProgramme', { ...REGIONAL, name: '经办人新建' })).ok).toBe(true);
  });
});

describe('a ledger rule the database enforces still reads in Chinese', () => {
  it('translates every trigger message of migration 006, and leaves other errors alone', () => {
    const raw = (sql: string, ...args: unknown[]) => {
      try {
        app.store.sqlite.prepare(sql).run(...args);
      } catch (error) {
        return error;
      }
      throw new Error('should fail');
    };
    const paid = app.store.sqlite.prepare("SELECT id FROM fund_disbursements WHERE status = 'paid' AND reverses_id IS NULL LIMIT 1").get() as { id: number };
    const translated = translateFundError(raw('UPDATE fund_disbursements SET note = ? WHERE id = ?', 'x', paid.id));
    expect(translated).toBeInstanceOf(DomainError);
    expect(translated).toMatchObject({ code: 'VALIDATION', message: '已拨付的记录不能修改，如有错误请冲销后重新登记' });
    expect(translateFundError(new Error('fund: something new'))).toMatchObject({ message: '不符合经费台账的规则，未保存' });
    const other = new Error('disk I/O error');
    expect(translateFundError(other)).toBe(other);
  });
});
