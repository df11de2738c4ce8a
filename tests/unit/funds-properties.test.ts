import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Balance, ProgrammeDetail } from '../../shared/api/funds/records';
import type { StreetNode } from '../../shared/api/units';
import { refused } from '../helpers/fixtures';
import { ok, openShizhongApp, snapshotDatabase, type TestApp } from '../helpers/test-context';
import { wipeFunds } from '../helpers/funds-db';
import { expectOutcome, FUND_REFUSALS, OutcomeTally, type FundRefusal } from '../helpers/property-ops';

/**
 * The 经费台账 through its services, at random: sequences of allocate / updateAllocation /
 * disburse / approve / post / reverse with random amounts against small budgets (so the limits
 * are reached often). Before each call a small model, read from the raw rows, says whether the
 * call may succeed, and if not which refusal the service gives; the service must agree, and a
 * refused call must leave the database as it was. After every step, for every programme: its
 * Balance equals the sum of its allocations' balances and the sums over the raw rows; paid ≤
 * allocated; Σ disbursements ≤ each allocation; allocated ≤ budget. Over the run, enough calls
 * of every kind succeed and the limits are met (the tally at the end).
 */

let app: TestApp;
let streetIds: number[];
beforeAll(async () => {
  app = await openShizhongApp();
  streetIds = ok<StreetNode[]>(await app.call('units.tree', {})).map((s) => s.id);
});
afterAll(async () => {
  await app.close();
});

type Op =
  | { t: 'allocate'; p: number; u: number; fen: number }
  | { t: 'updateAllocation'; a: number; fen: number }
  | { t: 'disburse'; a: number; fen: number }
  | { t: 'approve'; d: number; fit: boolean }
  | { t: 'post'; d: number; fit: boolean }
  | { t: 'reverse'; d: number; fit: boolean; fen: number | null };

const BUDGET = 1000_00;
const fen = fc.integer({ min: 1, max: 400_00 });
const pick = fc.nat({ max: 1000 });
/** mostly a row in the status the step needs (so rows get paid and reversed), else any row */
const fit = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('allocate' as const), p: fc.nat({ max: 1 }), u: fc.nat({ max: 5 }), fen }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('updateAllocation' as const), a: pick, fen }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('disburse' as const), a: pick, fen: fc.integer({ min: 1, max: 200_00 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('approve' as const), d: pick, fit }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('post' as const), d: pick, fit }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('reverse' as const), d: pick, fit, fen: fc.option(fc.integer({ min: 1, max: 200_00 }), { nil: null }) }) },
);

const db = () => app.store.sqlite;
const all = <T>(sql: string, ...args: unknown[]) => db().prepare(sql).all(...args) as T[];

const wipe = () => wipeFunds(app);

interface AllocRow {
  id: number;
  programme_id: number;
  unit_id: number;
  amount_fen: number;
}
interface DisbRow {
  id: number;
  allocation_id: number;
  amount_fen: number;
  status: 'pending' | 'approved' | 'paid';
  reverses_id: number | null;
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const balanceOf = (allocated: number, rows: DisbRow[]): Balance => {
  const paid = sumOf(rows.filter((r) => r.status === 'paid').map((r) => r.amount_fen));
  return {
    allocatedFen: allocated,
    pendingFen: sumOf(rows.filter((r) => r.status !== 'paid').map((r) => r.amount_fen)),
    paidFen: paid,
    unpaidFen: allocated - paid,
    rateBp: allocated > 0 ? Math.floor((paid * 10_000) / allocated) : null,
  };
};

/**
 * The call and what the model, reading the raw rows, expects of it: success, or the refusal the
 * service gives first (its checks in the service's order).
 */
function plan(o: Op, programmes: number[]): { method: string; input: unknown; expected: 'ok' | FundRefusal } {
  const allocations = all<AllocRow>('SELECT id, programme_id, unit_id, amount_fen FROM fund_allocations ORDER BY id');
  const rows = all<DisbRow>('SELECT id, allocation_id, amount_fen, status, reverses_id FROM fund_disbursements ORDER BY id');
  const allocated = (p: number, except?: number) => sumOf(allocations.filter((a) => a.programme_id === p && a.id !== except).map((a) => a.amount_fen));
  const disbursed = (a: number) => sumOf(rows.filter((r) => r.allocation_id === a).map((r) => r.amount_fen));
  const alloc = 'a' in o ? allocations[o.a % Math.max(allocations.length, 1)] : undefined;
  const wanted = (r: DisbRow) => (o.t === 'approve' ? r.status === 'pending' : o.t === 'post' ? r.status === 'approved' : r.status === 'paid' && r.reverses_id === null);
  const candidates = 'fit' in o && o.fit && rows.some(wanted) ? rows.filter(wanted) : rows;
  const row = 'd' in o ? candidates[o.d % Math.max(candidates.length, 1)] : undefined;
  const missing = 987_654;
  const first = (...checks: Array<[failed: boolean, refusal: FundRefusal]>): 'ok' | FundRefusal => checks.find(([failed]) => failed)?.[1] ?? 'ok';
  switch (o.t) {
    case 'allocate': {
      const p = programmes[o.p]!;
      const unitId = streetIds[o.u]!;
      const taken = allocations.some((a) => a.programme_id === p && a.unit_id === unitId);
      return { method: 'funds.allocate', input: { programmeId: p, recipient: { unitId }, amountFen: o.fen }, expected: first([taken, 'alreadyAllocated'], [allocated(p) + o.fen > BUDGET, 'overBudget']) };
    }
    case 'updateAllocation':
      return {
        method: 'funds.updateAllocation',
        input: { id: alloc?.id ?? missing, amountFen: o.fen },
        expected: first([alloc === undefined, 'notFoundAllocation'], [o.fen < disbursed(alloc?.id ?? missing), 'belowDisbursed'], [allocated(alloc?.programme_id ?? missing, alloc?.id) + o.fen > BUDGET, 'overBudget']),
      };
    case 'disburse':
      return {
        method: 'funds.disburse',
        input: { allocationId: alloc?.id ?? missing, paidOn: '2026-10-01', amountFen: o.fen },
        expected: first([alloc === undefined, 'notFoundAllocation'], [disbursed(alloc?.id ?? missing) + o.fen > (alloc?.amount_fen ?? 0), 'overAllocation']),
      };
    case 'approve':
      return {
        method: 'funds.approve',
        input: { id: row?.id ?? missing },
        expected: first([row === undefined, 'notFoundDisbursement'], [row?.status === 'approved', 'alreadyApproved'], [row?.status === 'paid', 'approvePaid']),
      };
    case 'post':
      return {
        method: 'funds.post',
        input: { id: row?.id ?? missing, paidOn: null },
        expected: first([row === undefined, 'notFoundDisbursement'], [row?.status === 'pending', 'notApproved'], [row?.status === 'paid', 'alreadyPosted']),
      };
    case 'reverse': {
      const remaining = row ? row.amount_fen + sumOf(rows.filter((r) => r.reverses_id === row.id).map((r) => r.amount_fen)) : 0;
      const amount = o.fen ?? remaining;
      return {
        method: 'funds.reverse',
        input: { id: row?.id ?? missing, paidOn: '2026-10-02', amountFen: o.fen, reason: '冲销' },
        expected: first(
          [row === undefined, 'notFoundDisbursement'],
          [row?.reverses_id !== null, 'reverseReversal'],
          [row?.status !== 'paid', 'reverseUnpaid'],
          [remaining <= 0, 'fullyReversed'],
          [amount > remaining, 'overReversible'],
        ),
      };
    }
  }
}

async function checkInvariants(programmes: number[]) {
  for (const id of programmes) {
    const d = ok<ProgrammeDetail>(await app.call('funds.programme', { id }));
    const allocations = all<AllocRow>('SELECT id, programme_id, unit_id, amount_fen FROM fund_allocations WHERE programme_id = ?', id);
    const rows = all<DisbRow>(
      'SELECT d.id, d.allocation_id, d.amount_fen, d.status, d.reverses_id FROM fund_disbursements d JOIN fund_allocations a ON a.id = d.allocation_id WHERE a.programme_id = ?',
      id,
    );
    const allocated = sumOf(allocations.map((a) => a.amount_fen));
    // the programme's balance is the raw rows' sums …
    expect(d.programme.balance).toEqual(balanceOf(allocated, rows));
    // … and the sum of its allocations' balances, each the sums of its own rows
    for (const key of ['allocatedFen', 'pendingFen', 'paidFen', 'unpaidFen'] as const) {
      expect(d.programme.balance[key]).toBe(sumOf(d.allocations.map((a) => a.balance[key])));
    }
    for (const a of d.allocations) {
      const own = rows.filter((r) => r.allocation_id === a.id);
      expect(a.balance).toEqual(balanceOf(a.amountFen, own));
      expect(a.balance.paidFen).toBeLessThanOrEqual(a.amountFen);
      expect(a.balance.paidFen).toBeGreaterThanOrEqual(0);
      expect(a.balance.pendingFen + a.balance.paidFen).toBeLessThanOrEqual(a.amountFen);
    }
    expect(d.programme.balance.paidFen).toBeLessThanOrEqual(d.programme.balance.allocatedFen);
    expect(d.programme.balance.allocatedFen).toBeLessThanOrEqual(d.programme.budgetFen);
    expect(d.programme.unallocatedFen).toBe(d.programme.budgetFen - allocated);
    // every reversal within what it reverses
    for (const r of d.disbursements.filter((x) => x.reversesId === null)) expect(r.reversedFen).toBeLessThanOrEqual(r.amountFen);
  }
}

describe('the ledger through the services, at random', () => {
  it('balances add up at every level after every step; refused calls change nothing', async () => {
    let serial = 0;
    const tally = new OutcomeTally();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 15, maxLength: 40, size: 'max' }), async (ops) => {
        wipe();
        const programmes: number[] = [];
        for (const name of ['甲项目', '乙项目']) {
          const created = ok<{ id: number }>(
            await app.call('funds.createProgramme', { year: 2026, name: `${name}${++serial}`, category: 'regional', sourceLevel: 'district', budgetFen: BUDGET, recipientKind: 'street' }),
          );
          programmes.push(created.id);
        }
        for (const o of ops) {
          const { method, input, expected } = plan(o, programmes);
          const before = snapshotDatabase(app, { except: ['audit_log'] });
          const result = await app.callUnchecked(method, input);
          // ok exactly when the model allows it, else the refusal the model names
          tally.add(method, expectOutcome(result, expected, FUND_REFUSALS, `${method} ${JSON.stringify(input)}`));
          if (!result.ok) {
            refused(result);
            expect(snapshotDatabase(app, { except: ['audit_log'] }), `${method} ${JSON.stringify(input)} was refused but changed the database`).toEqual(before);
          }
          await checkInvariants(programmes);
        }
      }),
      { numRuns: 40 },
    );
    // the balances were checked after writes of every kind, and the limits were met (over budget
    // is left out: with these budgets and weights it comes up only 0–2 times in a run)
    tally.expectAtLeast({
      'funds.allocate:ok': 40,
      'funds.allocate:alreadyAllocated': 4,
      'funds.updateAllocation:ok': 8,
      'funds.disburse:ok': 30,
      'funds.disburse:overAllocation': 12,
      'funds.approve:ok': 20,
      'funds.approve:alreadyApproved': 4,
      'funds.approve:approvePaid': 8,
      'funds.post:ok': 12,
      'funds.post:notApproved': 8,
      'funds.post:alreadyPosted': 8,
      'funds.reverse:ok': 6,
      'funds.reverse:overReversible': 3,
      'funds.reverse:reverseUnpaid': 12,
    });
  });
});
