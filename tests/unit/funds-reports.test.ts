import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverdueAllocation, ProgrammeLedger, RecipientBalance, RecipientStatement, StreetBalances, YearSummary } from '../../shared/api/funds/reports';
import type { Allocation, Balance, Disbursement, Programme, ProgrammeDetail } from '../../shared/api/funds/records';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import { refused } from '../helpers/fixtures';
import { ok, openShizhongApp, type TestApp } from '../helpers/test-context';
import { wipeFunds } from '../helpers/funds-db';
import { expectOutcome, FUND_REFUSALS, OutcomeTally, type RefusalKinds } from '../helpers/property-ops';

/**
 * 经费台账 reports on the real 市中区 data: the ledger of a programme, the year by category and
 * source level, balances per recipient and per street, a recipient's statement, overdue
 * allocations. First a small year worked out by hand (区域化党建工作经费 to all 17 streets, 村级组织
 * 运转经费 to a street and its villages, 书记津贴 to persons; payments, a partial reversal, a row
 * still pending, a programme of the year before); then, at random, every report's totals are the
 * sums of its rows and agree with each other and with the raw rows.
 */

const WAN = 1_000_000; // 分 per 万元
const YUAN = 100;
const TODAY = '2026-11-22'; // the test clock

let app: TestApp;
let streets: StreetNode[];

beforeAll(async () => {
  app = await openShizhongApp();
  streets = ok<StreetNode[]>(await app.call('units.tree', {})).sort((a, b) => a.code.localeCompare(b.code));
  // an administrator's own 拨付对象类别: any unit, street or village (the ledger then mixes both)
  ok(await app.call('dictionaries.addItem', { name: 'fund_recipient_kind', label: '街道及村（社区）', value: 'any_unit' }));
});
afterAll(async () => {
  await app.close();
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** The test's own arithmetic of a balance from parts (the oracle, not the app's helper). */
function balanceOf(parts: readonly Balance[]): Balance {
  const allocatedFen = sum(parts.map((b) => b.allocatedFen));
  const paidFen = sum(parts.map((b) => b.paidFen));
  return { allocatedFen, pendingFen: sum(parts.map((b) => b.pendingFen)), paidFen, unpaidFen: allocatedFen - paidFen, rateBp: allocatedFen > 0 ? Math.floor((paidFen * 10_000) / allocatedFen) : null };
}
const balance = (allocatedFen: number, paidFen: number, pendingFen = 0): Balance => balanceOf([{ allocatedFen, paidFen, pendingFen, unpaidFen: 0, rateBp: null }]);
const ZERO: Balance = { allocatedFen: 0, pendingFen: 0, paidFen: 0, unpaidFen: 0, rateBp: null };

const call = async <T>(method: string, input: unknown) => ok<T>(await app.callUnchecked(`funds.${method}`, input));
const programme = (fields: Record<string, unknown>) => call<Programme>('createProgramme', { year: 2026, documentNo: null, standardText: null, standardFen: null, dueOn: null, note: null, ...fields });
const allocate = (programmeId: number, recipient: object, amountFen: number, dueOn: string | null = null) => call<Allocation>('allocate', { programmeId, recipient, amountFen, dueOn });
/** registers a row and takes it as far as `upTo` */
async function pay(allocationId: number, amountFen: number, paidOn: string, upTo: 'pending' | 'paid' = 'paid', voucherNo: string | null = null): Promise<Disbursement> {
  const row = await call<Disbursement>('disburse', { allocationId, paidOn, amountFen, voucherNo, handler: '王红', approver: '李明' });
  if (upTo === 'pending') return row;
  await call('approve', { id: row.id });
  return call<Disbursement>('post', { id: row.id, paidOn: null });
}

describe('a year worked out by hand', () => {
  // S1: the first street by code with two 村/社区; S2: the next street; S3: a later street with a 村/社区
  let S1: StreetNode, S2: StreetNode, S3: StreetNode;
  let unitA: UnitRow, unitB: UnitRow, unitC: UnitRow;
  let regional: Programme, operation: Programme, allowance: Programme, lastYear: Programme;
  let first: Disbursement, reversal: Disbursement, pending: Disbursement;

  beforeAll(async () => {
    S1 = streets.find((s) => s.units.length >= 2)!;
    S2 = streets.find((s) => s.code > S1.code)!;
    S3 = streets.find((s) => s.code > S2.code && s.units.length >= 1)!;
    [unitA, unitB] = [...S1.units].sort((a, b) => a.code.localeCompare(b.code)) as [UnitRow, UnitRow];
    unitC = S3.units[0]!;

    regional = await programme({ name: '区域化党建工作经费', category: 'regional', sourceLevel: 'district', budgetFen: 170 * WAN, recipientKind: 'street', dueOn: '2026-06-30', documentNo: '市中组字〔2026〕8号' });
    ok(await app.call('funds.allocateBatch', { programmeId: regional.id, scope: { kind: 'allStreets' }, amountFen: 10 * WAN }));
    const regionalOf = async (s: StreetNode) => ok<ProgrammeDetail>(await app.call('funds.programme', { id: regional.id })).allocations.find((a) => a.unitId === s.id)!;
    first = await pay((await regionalOf(S1)).id, 6 * WAN, '2026-07-01', 'paid', '记-01');
    reversal = await call<Disbursement>('reverse', { id: first.id, paidOn: '2026-08-01', amountFen: 1 * WAN, reason: '多拨，冲回', voucherNo: '记-09' });
    pending = await pay((await regionalOf(S1)).id, 2 * WAN, '2026-09-10', 'pending');
    await pay((await regionalOf(S2)).id, 10 * WAN, '2026-07-15', 'paid', '记-02');

    operation = await programme({ name: '村级组织运转经费', category: 'village_operation', sourceLevel: 'city', budgetFen: 20 * WAN, recipientKind: 'any_unit', dueOn: '2026-10-31' });
    await allocate(operation.id, { unitId: unitB.id }, 2 * WAN, '2026-12-31');
    const a = await allocate(operation.id, { unitId: unitA.id }, 1 * WAN);
    await allocate(operation.id, { unitId: unitC.id }, 3 * WAN);
    await allocate(operation.id, { unitId: S1.id }, 5 * WAN);
    await pay(a.id, 1 * WAN, '2026-09-01');

    allowance = await programme({ name: '书记津贴', category: 'secretary_allowance', sourceLevel: 'street', budgetFen: 1 * WAN, recipientKind: 'person' });
    const zhang = await allocate(allowance.id, { personName: '张三' }, 5_000 * YUAN);
    await allocate(allowance.id, { personName: '李四' }, 3_000 * YUAN);
    await pay(zhang.id, 2_000 * YUAN, '2026-10-01');

    lastYear = await programme({ year: 2025, name: '区域化党建工作经费', category: 'regional', sourceLevel: 'district', budgetFen: 1 * WAN, recipientKind: 'street', dueOn: '2025-12-31' });
    await allocate(lastYear.id, { unitId: S1.id }, 1 * WAN);
  });

  it('ledger: one group per street in code order with its 小计, the 合计, every paid row incl. the reversal by date', async () => {
    const l = await call<ProgrammeLedger>('ledger', { programmeId: regional.id });
    expect(l.organisation).toBe('中共市中区委组织部');
    expect(l.programme).toMatchObject({ id: regional.id, name: '区域化党建工作经费', documentNo: '市中组字〔2026〕8号' });
    expect(l.groups.map((g) => g.streetName)).toEqual(streets.map((s) => s.name));
    expect(l.groups.map((g) => g.streetId)).toEqual(streets.map((s) => s.id));
    for (const g of l.groups) {
      expect(g.lines).toHaveLength(1);
      expect(g.lines[0]).toMatchObject({ unitId: g.streetId, recipientName: g.streetName, amountFen: 10 * WAN });
    }
    const groupOf = (s: StreetNode) => l.groups.find((g) => g.streetId === s.id)!;
    expect(groupOf(S1).subtotal).toEqual(balance(10 * WAN, 5 * WAN, 2 * WAN));
    expect(groupOf(S2).subtotal).toEqual(balance(10 * WAN, 10 * WAN));
    expect(groupOf(S3).subtotal).toEqual(balance(10 * WAN, 0));
    expect(l.total).toEqual({ allocatedFen: 170 * WAN, pendingFen: 2 * WAN, paidFen: 15 * WAN, unpaidFen: 155 * WAN, rateBp: 882 });
    expect(l.total).toEqual(l.programme.balance);
    // 拨付明细: paid rows only, by date, the reversal negative
    expect(l.paidRows.map((d) => [d.paidOn, d.amountFen, d.voucherNo])).toEqual([
      ['2026-07-01', 6 * WAN, '记-01'],
      ['2026-07-15', 10 * WAN, '记-02'],
      ['2026-08-01', -1 * WAN, '记-09'],
    ]);
    expect(l.paidRows[2]).toMatchObject({ id: reversal.id, reversesId: first.id, note: '多拨，冲回' });
    expect(l.paidRows.map((d) => d.id)).not.toContain(pending.id);
    expect(sum(l.paidRows.map((d) => d.amountFen))).toBe(l.total.paidFen);
  });

  it('ledger: a street’s own allocation first, then its 村/社区 by code; persons as one group 个人', async () => {
    const l = await call<ProgrammeLedger>('ledger', { programmeId: operation.id });
    expect(l.groups.map((g) => [g.streetId, g.streetName, g.lines.map((a) => a.unitId)])).toEqual([
      [S1.id, S1.name, [S1.id, unitA.id, unitB.id]],
      [S3.id, S3.name, [unitC.id]],
    ]);
    expect(l.groups[0]!.subtotal).toEqual(balance(8 * WAN, 1 * WAN));
    expect(l.groups[1]!.subtotal).toEqual(balance(3 * WAN, 0));
    expect(l.total).toEqual(balance(11 * WAN, 1 * WAN));

    const persons = await call<ProgrammeLedger>('ledger', { programmeId: allowance.id });
    expect(persons.groups).toHaveLength(1);
    expect(persons.groups[0]).toMatchObject({ streetId: null, streetName: '个人' });
    expect(persons.groups[0]!.lines.map((a) => a.personName)).toEqual(['张三', '李四']);
    expect(persons.total).toEqual(balance(8_000 * YUAN, 2_000 * YUAN));
  });

  it('ledger of an unknown programme is refused in Chinese', async () => {
    expect(refused(await app.call('funds.ledger', { programmeId: 987_654 })).message).toBe('该经费项目不存在或已被删除');
  });

  it('yearSummary: by category and by source level in dictionary order, totals, overdue', async () => {
    const y = await call<YearSummary>('yearSummary', { year: 2026 });
    const all = balance(181 * WAN + 8_000 * YUAN, 16 * WAN + 2_000 * YUAN, 2 * WAN);
    expect(y).toMatchObject({ year: 2026, programmes: 3, budgetFen: 191 * WAN, balance: all });
    expect(y.byCategory.map((g) => [g.value, g.label, g.programmes, g.budgetFen])).toEqual([
      ['regional', '区域化党建工作经费', 1, 170 * WAN],
      ['village_operation', '村级组织运转经费', 1, 20 * WAN],
      ['secretary_allowance', '书记津贴', 1, 1 * WAN],
    ]);
    expect(y.byCategory[0]!.balance).toEqual(balance(170 * WAN, 15 * WAN, 2 * WAN));
    expect(y.bySourceLevel.map((g) => [g.value, g.label])).toEqual([
      ['city', '市'],
      ['district', '区'],
      ['street', '街道'],
    ]);
    expect(y.bySourceLevel[1]!.balance).toEqual(y.byCategory[0]!.balance);
    // overdue today: 16 streets of 区域化 (S2 is paid up: 15 × 10万 + S1's 5万); 运转经费's S1 (5万) and unitC (3万)
    expect(y.overdue).toEqual({ allocations: 18, unpaidFen: 155 * WAN + 8 * WAN });
    expect(await call<YearSummary>('yearSummary', { year: 2024 })).toEqual({ year: 2024, programmes: 0, budgetFen: 0, balance: ZERO, byCategory: [], bySourceLevel: [], overdue: { allocations: 0, unpaidFen: 0 } });
  });

  it('recipientBalances: each recipient across the year’s programmes, units by code, persons by name last', async () => {
    const rows = await call<RecipientBalance[]>('recipientBalances', { year: 2026 });
    expect(rows).toHaveLength(17 + 3 + 2);
    const units = rows.filter((r) => r.unitId !== null);
    expect(units.map((r) => r.code)).toEqual(units.map((r) => r.code).sort());
    expect(rows.slice(-2).map((r) => r.name)).toEqual(['李四', '张三']);
    const of = (key: string) => rows.find((r) => r.key === key)!;
    expect(of(`u${S1.id}`)).toMatchObject({ name: S1.name, code: S1.code, streetId: S1.id, streetName: S1.name, programmes: 2, overdueAllocations: 2, balance: balance(15 * WAN, 5 * WAN, 2 * WAN) });
    expect(of(`u${unitA.id}`)).toMatchObject({ streetId: S1.id, streetName: S1.name, programmes: 1, overdueAllocations: 0, balance: balance(1 * WAN, 1 * WAN) });
    expect(of(`u${unitB.id}`)).toMatchObject({ overdueAllocations: 0, balance: balance(2 * WAN, 0) });
    expect(of(`u${S2.id}`)).toMatchObject({ programmes: 1, overdueAllocations: 0, balance: balance(10 * WAN, 10 * WAN) });
    expect(of('p张三')).toMatchObject({ unitId: null, personName: '张三', code: null, streetId: null, balance: balance(5_000 * YUAN, 2_000 * YUAN) });
    const year = await call<YearSummary>('yearSummary', { year: 2026 });
    expect(balanceOf(rows.map((r) => r.balance))).toEqual(year.balance);

    const ofStreet = await call<RecipientBalance[]>('recipientBalances', { year: 2026, streetId: S1.id });
    expect(ofStreet.map((r) => r.unitId)).toEqual([S1.id, unitA.id, unitB.id]);
    expect((await call<RecipientBalance[]>('recipientBalances', { year: 2026, search: '张' })).map((r) => r.key)).toEqual(['p张三']);
    expect((await call<RecipientBalance[]>('recipientBalances', { year: 2026, search: unitC.code })).map((r) => r.unitId)).toEqual([unitC.id]);
    expect((await call<RecipientBalance[]>('recipientBalances', { year: 2026, search: ` ${unitA.name} ` })).map((r) => r.unitId)).toContain(unitA.id);
    expect(await call<RecipientBalance[]>('recipientBalances', { year: 2024 })).toEqual([]);
  });

  it('streetBalances: each street with its villages, persons apart, total = Σ rows + persons', async () => {
    const s = await call<StreetBalances>('streetBalances', { year: 2026 });
    expect(s.rows.map((r) => r.code)).toEqual(streets.map((x) => x.code));
    const row = (street: StreetNode) => s.rows.find((r) => r.streetId === street.id)!;
    expect(row(S1)).toMatchObject({ streetName: S1.name, recipients: 3, balance: balance(18 * WAN, 6 * WAN, 2 * WAN) });
    expect(row(S3)).toMatchObject({ recipients: 2, balance: balance(13 * WAN, 0) });
    expect(row(S2)).toMatchObject({ recipients: 1, balance: balance(10 * WAN, 10 * WAN) });
    expect(s.persons).toEqual(balance(8_000 * YUAN, 2_000 * YUAN));
    expect(s.total).toEqual(balanceOf([...s.rows.map((r) => r.balance), s.persons]));
    expect(s.total).toEqual((await call<YearSummary>('yearSummary', { year: 2026 })).balance);
  });

  it('statement: one line per allocation with its rows by date; persons too; nothing that year is an empty statement', async () => {
    const st = await call<RecipientStatement>('statement', { year: 2026, recipient: { unitId: S1.id } });
    expect(st).toMatchObject({ year: 2026, key: `u${S1.id}`, name: S1.name, code: S1.code, streetName: S1.name });
    expect(st.lines.map((l) => [l.programmeName, l.categoryLabel, l.allocation.amountFen])).toEqual([
      ['区域化党建工作经费', '区域化党建工作经费', 10 * WAN],
      ['村级组织运转经费', '村级组织运转经费', 5 * WAN],
    ]);
    expect(st.lines[0]!.disbursements.map((d) => [d.paidOn, d.amountFen, d.status])).toEqual([
      ['2026-07-01', 6 * WAN, 'paid'],
      ['2026-08-01', -1 * WAN, 'paid'],
      ['2026-09-10', 2 * WAN, 'pending'],
    ]);
    expect(st.lines[1]!.disbursements).toEqual([]);
    expect(st.total).toEqual(balance(15 * WAN, 5 * WAN, 2 * WAN));

    const village = await call<RecipientStatement>('statement', { year: 2026, recipient: { unitId: unitA.id } });
    expect(village).toMatchObject({ name: unitA.name, streetName: S1.name, total: balance(1 * WAN, 1 * WAN) });
    const person = await call<RecipientStatement>('statement', { year: 2026, recipient: { personName: '张三' } });
    expect(person).toMatchObject({ key: 'p张三', name: '张三', code: null, streetName: null, total: balance(5_000 * YUAN, 2_000 * YUAN) });
    expect(person.lines.map((l) => l.programmeName)).toEqual(['书记津贴']);

    expect(await call<RecipientStatement>('statement', { year: 2024, recipient: { unitId: unitC.id } })).toEqual({
      year: 2024,
      key: `u${unitC.id}`,
      name: unitC.name,
      code: unitC.code,
      streetName: S3.name,
      lines: [],
      total: ZERO,
    });
    expect((await call<RecipientStatement>('statement', { year: 2026, recipient: { personName: '无此人' } })).lines).toEqual([]);
    expect(refused(await app.call('funds.statement', { year: 2026, recipient: { unitId: 987_654 } })).message).toBe('该拨付对象不存在或已被删除');
  });

  it('overdue: past the allocation’s own date, else the programme’s, with something unpaid; most overdue first', async () => {
    const year = await call<OverdueAllocation[]>('overdue', { year: 2026 });
    expect(year).toHaveLength(18);
    expect(year.slice(0, 16).every((o) => o.programmeName === '区域化党建工作经费' && o.dueOn === '2026-06-30' && o.daysOverdue === 145 && o.year === 2026)).toBe(true);
    expect(year.slice(0, 16).map((o) => o.allocation.unitId)).not.toContain(S2.id);
    expect(year.slice(16).map((o) => [o.programmeName, o.allocation.unitId, o.dueOn, o.daysOverdue, o.allocation.balance.unpaidFen])).toEqual([
      ['村级组织运转经费', S1.id, '2026-10-31', 22, 5 * WAN],
      ['村级组织运转经费', unitC.id, '2026-10-31', 22, 3 * WAN],
    ]);
    for (const o of year) expect(o.allocation.overdue).toBe(true);

    const every = await call<OverdueAllocation[]>('overdue', {});
    expect(every).toHaveLength(19);
    expect(every[0]).toMatchObject({ year: 2025, dueOn: '2025-12-31', daysOverdue: 326, allocation: { unitId: S1.id } });

    // as of a day: unitB's own date (2026-12-31) passes the programme's
    const later = await call<OverdueAllocation[]>('overdue', { year: 2026, asOf: '2027-01-02' });
    expect(later.find((o) => o.allocation.unitId === unitB.id)).toMatchObject({ dueOn: '2026-12-31', daysOverdue: 2 });
    expect(await call<OverdueAllocation[]>('overdue', { year: 2026, asOf: '2026-06-30' })).toEqual([]);
    expect(await call<OverdueAllocation[]>('overdue', { year: 2026, asOf: '2026-07-01' })).toHaveLength(16);
    expect(TODAY).toBe('2026-11-22');
  });

  it('every role that may read can read the reports', async () => {
    const viewer = app.callAs('viewer');
    expect((await viewer('funds.ledger', { programmeId: regional.id })).ok).toBe(true);
    expect((await viewer('funds.streetBalances', { year: 2026 })).ok).toBe(true);
  });
});

// ---------------------------------------------------------------- at random

const db = () => app.store.sqlite;
const one = <T>(sql: string, ...args: unknown[]) => db().prepare(sql).get(...args) as T;

const wipe = () => wipeFunds(app);

type Op =
  | { t: 'programme'; kind: number; category: number; source: number; year: number }
  | { t: 'allocate'; p: number; r: number; fen: number; due: number }
  | { t: 'disburse'; a: number; fen: number }
  | { t: 'approve'; d: number; many: boolean }
  | { t: 'post'; d: number; many: boolean }
  | { t: 'reverse'; d: number; fen: number | null };

const KINDS = ['street', 'village', 'person', 'any_unit'] as const;
const CATEGORIES = ['regional', 'village_operation', 'secretary_allowance', 'other'];
const SOURCES = ['central', 'district', 'street'];
const PERSONS = ['张三', '李四', '王五'];
const DUES = [null, '2026-03-31', '2026-12-31'];
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ t: fc.constant('programme' as const), kind: fc.nat({ max: 3 }), category: fc.nat({ max: 3 }), source: fc.nat({ max: 2 }), year: fc.constantFrom(2026, 2026, 2025) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('allocate' as const), p: pick, r: pick, fen: fc.integer({ min: 1, max: 300_00 }), due: fc.nat({ max: 2 }) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('disburse' as const), a: pick, fen: fc.integer({ min: 1, max: 80_00 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('approve' as const), d: pick, many: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('post' as const), d: pick, many: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('reverse' as const), d: pick, fen: fc.option(fc.integer({ min: 1, max: 100_00 }), { nil: null }) }) },
);

const ids = (sql: string) => (db().prepare(sql).all() as Array<{ id: number }>).map((r) => r.id);
const at = <T>(xs: readonly T[], i: number): T | undefined => (xs.length > 0 ? xs[i % xs.length] : undefined);
const total = (sql: string, ...args: unknown[]) => one<{ n: number | null }>(`SELECT sum(amount_fen) AS n ${sql}`, ...args).n ?? 0;

/** The refusals a step may meet here: the ledger's limits (funds-properties covers every refusal of every step). */
type Refusal = 'overBudget' | 'alreadyAllocated' | 'overAllocation' | 'fullyReversed' | 'overReversible';
const REFUSALS: RefusalKinds<Refusal> = FUND_REFUSALS;

/**
 * Runs one step through the services and checks its answer: the step, read against the raw rows
 * before the call, says whether it must succeed or which limit refuses it (over budget, a unit
 * allocated twice, over the allocation, more reversed than paid); anything else fails the test.
 * Returns the step's name and outcome for the tally ('none' when there was nothing to act on).
 */
async function run(o: Op, serial: { n: number }, recipients: Record<(typeof KINDS)[number], object[]>): Promise<[string, string]> {
  const step = async (method: string, input: unknown, expected: 'ok' | Refusal) => {
    const outcome = expectOutcome(await app.callUnchecked(`funds.${method}`, input), expected, REFUSALS, `funds.${method} ${JSON.stringify(input)}`);
    return [method, outcome] as [string, string];
  };
  switch (o.t) {
    case 'programme': {
      const kind = KINDS[o.kind]!;
      return step('createProgramme', { year: o.year, name: `项目${++serial.n}`, category: CATEGORIES[o.category], sourceLevel: SOURCES[o.source], budgetFen: 1000_00, recipientKind: kind, dueOn: o.kind % 2 ? '2026-06-30' : null }, 'ok');
    }
    case 'allocate': {
      const p = at(db().prepare('SELECT id, recipient_kind, budget_fen FROM fund_programmes ORDER BY id').all() as Array<{ id: number; recipient_kind: (typeof KINDS)[number]; budget_fen: number }>, o.p);
      if (!p) return ['allocate', 'none'];
      const recipient = at(recipients[p.recipient_kind], o.r)!;
      const taken = 'unitId' in recipient && one<{ n: number }>('SELECT count(*) AS n FROM fund_allocations WHERE programme_id = ? AND unit_id = ?', p.id, recipient.unitId).n > 0;
      const over = total('FROM fund_allocations WHERE programme_id = ?', p.id) + o.fen > p.budget_fen;
      return step('allocate', { programmeId: p.id, recipient, amountFen: o.fen, dueOn: DUES[o.due] }, taken ? 'alreadyAllocated' : over ? 'overBudget' : 'ok');
    }
    case 'disburse': {
      const a = at(db().prepare('SELECT id, amount_fen FROM fund_allocations ORDER BY id').all() as Array<{ id: number; amount_fen: number }>, o.a);
      if (a === undefined) return ['disburse', 'none'];
      const over = total('FROM fund_disbursements WHERE allocation_id = ?', a.id) + o.fen > a.amount_fen;
      return step('disburse', { allocationId: a.id, paidOn: '2026-05-01', amountFen: o.fen }, over ? 'overAllocation' : 'ok');
    }
    case 'approve':
    case 'post': {
      // rows in the status the step needs: it must succeed, one or several at once
      const rows = ids(`SELECT id FROM fund_disbursements WHERE status = '${o.t === 'approve' ? 'pending' : 'approved'}' ORDER BY id`);
      const d = at(rows, o.d);
      if (d === undefined) return [o.t, 'none'];
      if (o.many) return step(`${o.t}Many`, { ids: rows.slice(0, 3), paidOn: null }, 'ok');
      return step(o.t, { id: d, paidOn: null }, 'ok');
    }
    case 'reverse': {
      const d = at(db().prepare("SELECT id, amount_fen FROM fund_disbursements WHERE status = 'paid' AND reverses_id IS NULL ORDER BY id").all() as Array<{ id: number; amount_fen: number }>, o.d);
      if (d === undefined) return ['reverse', 'none'];
      const left = d.amount_fen + total('FROM fund_disbursements WHERE reverses_id = ?', d.id);
      const expected = left <= 0 ? 'fullyReversed' : (o.fen ?? left) > left ? 'overReversible' : 'ok';
      return step('reverse', { id: d.id, paidOn: '2026-06-01', amountFen: o.fen, reason: '冲销' }, expected);
    }
  }
}

const FIGURES = ['allocatedFen', 'pendingFen', 'paidFen', 'unpaidFen'] as const;

/** Every report of a year agrees with its own rows, with the other reports, and with the raw rows. */
async function checkReports(year: number, streetOrder: Map<number, number>) {
  const programmes = await call<Programme[]>('programmes', { year });
  const raw = one<{ allocated: number; paid: number; pending: number }>(
    `SELECT
       (SELECT coalesce(sum(a.amount_fen), 0) FROM fund_allocations a JOIN fund_programmes p ON p.id = a.programme_id WHERE p.year = ?) AS allocated,
       (SELECT coalesce(sum(d.amount_fen), 0) FROM fund_disbursements d JOIN fund_allocations a ON a.id = d.allocation_id JOIN fund_programmes p ON p.id = a.programme_id WHERE p.year = ? AND d.status = 'paid') AS paid,
       (SELECT coalesce(sum(d.amount_fen), 0) FROM fund_disbursements d JOIN fund_allocations a ON a.id = d.allocation_id JOIN fund_programmes p ON p.id = a.programme_id WHERE p.year = ? AND d.status <> 'paid') AS pending`,
    year,
    year,
    year,
  );
  const yearTotal = balance(raw.allocated, raw.paid, raw.pending);

  // each programme's ledger: 小计 = Σ its lines, 合计 = Σ 小计 = the programme's balance, Σ 拨付明细 = 已拨付
  for (const p of programmes) {
    const l = await call<ProgrammeLedger>('ledger', { programmeId: p.id });
    const detail = await call<ProgrammeDetail>('programme', { id: p.id });
    for (const g of l.groups) {
      expect(g.subtotal, `${p.name} ${g.streetName}小计`).toEqual(balanceOf(g.lines.map((a) => a.balance)));
      if (g.streetId === null) expect(g.lines.every((a) => a.unitId === null)).toBe(true);
      else {
        expect(g.lines.every((a) => a.streetId === g.streetId)).toBe(true);
        // the street's own allocation first, then by code
        const own = g.lines.findIndex((a) => a.unitId === g.streetId);
        expect(own === -1 || own === 0).toBe(true);
        const villages = g.lines.filter((a) => a.unitId !== g.streetId).map((a) => a.code!);
        expect(villages).toEqual([...villages].sort());
      }
    }
    const ranks = l.groups.map((g) => (g.streetId === null ? Infinity : streetOrder.get(g.streetId)!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(l.total).toEqual(balanceOf(l.groups.map((g) => g.subtotal)));
    expect(l.total).toEqual(p.balance);
    expect(sum(l.paidRows.map((d) => d.amountFen))).toBe(l.total.paidFen);
    expect(l.paidRows.map((d) => d.id).sort()).toEqual(detail.disbursements.filter((d) => d.status === 'paid').map((d) => d.id).sort());
    expect(l.groups.flatMap((g) => g.lines.map((a) => a.id)).sort()).toEqual(detail.allocations.map((a) => a.id).sort());
  }

  const y = await call<YearSummary>('yearSummary', { year });
  expect(y.balance).toEqual(balanceOf(programmes.map((p) => p.balance)));
  expect(y.balance).toEqual(yearTotal);
  expect(y.budgetFen).toBe(sum(programmes.map((p) => p.budgetFen)));
  for (const groups of [y.byCategory, y.bySourceLevel]) {
    expect(balanceOf(groups.map((g) => g.balance))).toEqual(y.balance);
    expect(sum(groups.map((g) => g.programmes))).toBe(y.programmes);
    expect(sum(groups.map((g) => g.budgetFen))).toBe(y.budgetFen);
    expect(groups.every((g) => g.programmes > 0)).toBe(true);
  }

  const streetsReport = await call<StreetBalances>('streetBalances', { year });
  expect(streetsReport.total).toEqual(balanceOf([...streetsReport.rows.map((r) => r.balance), streetsReport.persons]));
  expect(streetsReport.total).toEqual(yearTotal);

  const recipients = await call<RecipientBalance[]>('recipientBalances', { year });
  expect(balanceOf(recipients.map((r) => r.balance))).toEqual(yearTotal);
  for (const s of streetsReport.rows) {
    const own = await call<RecipientBalance[]>('recipientBalances', { year, streetId: s.streetId });
    expect(own).toHaveLength(s.recipients);
    expect(balanceOf(own.map((r) => r.balance))).toEqual(s.balance);
  }
  for (const r of recipients) {
    const st = await call<RecipientStatement>('statement', { year, recipient: r.unitId !== null ? { unitId: r.unitId } : { personName: r.personName } });
    expect(st.total).toEqual(r.balance);
    expect(st.total).toEqual(balanceOf(st.lines.map((l) => l.allocation.balance)));
    expect(new Set(st.lines.map((l) => l.programmeId)).size).toBe(r.programmes);
    for (const line of st.lines) {
      const paid = sum(line.disbursements.filter((d) => d.status === 'paid').map((d) => d.amountFen));
      const pending = sum(line.disbursements.filter((d) => d.status !== 'paid').map((d) => d.amountFen));
      expect([line.allocation.balance.paidFen, line.allocation.balance.pendingFen]).toEqual([paid, pending]);
    }
  }

  const late = await call<OverdueAllocation[]>('overdue', { year });
  expect(late.map((o) => o.daysOverdue)).toEqual(late.map((o) => o.daysOverdue).sort((a, b) => b - a));
  for (const o of late) expect(o.dueOn < TODAY && o.allocation.balance.unpaidFen > 0 && o.year === year).toBe(true);
  expect(y.overdue).toEqual({ allocations: late.length, unpaidFen: sum(late.map((o) => o.allocation.balance.unpaidFen)) });
  expect(sum(recipients.map((r) => r.overdueAllocations))).toBe(late.length);
  for (const key of FIGURES) expect(typeof y.balance[key]).toBe('number');
}

describe('every report adds up, at random', () => {
  it('random programmes, allocations, payments, approvals, postings and reversals: totals are the sums of the rows', async () => {
    const order = new Map(streets.map((s, i) => [s.id, i]));
    const few = streets.slice(0, 3);
    const villages = few.flatMap((s) => s.units.slice(0, 3));
    const recipients = {
      street: few.map((s) => ({ unitId: s.id })),
      village: villages.map((u) => ({ unitId: u.id })),
      person: PERSONS.map((personName) => ({ personName })),
      any_unit: [...few.map((s) => ({ unitId: s.id })), ...villages.map((u) => ({ unitId: u.id }))],
    };
    const serial = { n: 0 };
    const tally = new OutcomeTally();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 60, size: 'max' }), async (ops) => {
        wipe();
        // a programme of units and one of persons to start with; the ops add more
        ok(await app.call('funds.createProgramme', { year: 2026, name: `项目${++serial.n}`, category: 'regional', sourceLevel: 'district', budgetFen: 1000_00, recipientKind: 'any_unit', dueOn: '2026-06-30' }));
        ok(await app.call('funds.createProgramme', { year: 2026, name: `项目${++serial.n}`, category: 'secretary_allowance', sourceLevel: 'street', budgetFen: 1000_00, recipientKind: 'person' }));
        for (const o of ops) tally.add(...(await run(o, serial, recipients)));
        for (const year of [2026, 2025]) await checkReports(year, order);
      }),
      { numRuns: 25 },
    );
    // the reports were checked over real ledgers: many rows of every kind were written, and the limits were reached
    tally.expectAtLeast({
      'createProgramme:ok': 15,
      'allocate:ok': 80,
      'allocate:alreadyAllocated': 3,
      'disburse:ok': 80,
      'disburse:overAllocation': 15,
      'approve:ok': 15,
      'approveMany:ok': 12,
      'post:ok': 12,
      'postMany:ok': 10,
      'reverse:ok': 8,
      'reverse:overReversible': 10,
    });
  });
});
