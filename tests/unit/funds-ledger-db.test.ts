import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { OutcomeTally } from '../helpers/property-ops';
import { openTestApp, type TestApp } from '../helpers/test-context';

/**
 * The 经费台账 rules held by the database itself (migration 006), tested below every service:
 * random sequences of raw SQL writes — allocate, re-allocate, change budgets, disburse, approve,
 * pay, reverse, edit or delete unpaid rows — are run against a model of the rules. Every write
 * the model allows must succeed and every write it forbids must be refused by the database, for
 * one of the rules the model says it breaks; after each step the invariants hold and no posted
 * row has changed. Over the run every kind of write is accepted on real rows, and every rule
 * refuses, a minimum number of times (the tally at the end).
 */

let app: TestApp;
let db: Database.Database;
beforeAll(async () => {
  app = await openTestApp();
  db = app.store.sqlite;
});
afterAll(async () => {
  await app.close();
});

type Op =
  | { t: 'budget'; p: number; fen: number }
  | { t: 'allocate'; p: number; fen: number }
  | { t: 'reallocate'; a: number; fen: number }
  | { t: 'disburse'; a: number; fen: number }
  | { t: 'edit'; d: number; fen: number }
  | { t: 'approve'; d: number }
  | { t: 'pay'; d: number }
  | { t: 'unapprove'; d: number }
  | { t: 'delete'; d: number }
  | { t: 'reverse'; d: number; fen: number }
  | { t: 'editPaid'; d: number; fen: number }
  | { t: 'deletePaid'; d: number };

// small amounts against budgets of 300元, so limits are reached often
const fen = fc.integer({ min: 1, max: 150_00 });
/** an index into what exists at that step (taken modulo its length), so most ops hit a real row */
const pick = fc.nat({ max: 1000 });
// the steps that build up paid rows come more often, so reversals and posted rows are reached
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ t: fc.constant('budget' as const), p: fc.nat({ max: 2 }), fen: fc.integer({ min: 1, max: 500_00 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('allocate' as const), p: fc.nat({ max: 2 }), fen }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reallocate' as const), a: pick, fen }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('disburse' as const), a: pick, fen }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('edit' as const), d: pick, fen }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('approve' as const), d: pick }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('pay' as const), d: pick }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unapprove' as const), d: pick }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), d: pick }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('reverse' as const), d: pick, fen }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('editPaid' as const), d: pick, fen }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deletePaid' as const), d: pick }) },
);

interface Row {
  id: number;
  alloc: number;
  fen: number;
  status: 'pending' | 'approved' | 'paid';
  reverses: number | null;
}

const AT = '2026-11-22T00:00:00Z';
const lastId = () => (db.prepare('SELECT max(id) AS id FROM fund_disbursements').get() as { id: number }).id;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function reset() {
  db.exec('DELETE FROM fund_disbursements; DELETE FROM fund_allocations; DELETE FROM fund_programmes;');
  const ins = db.prepare(
    "INSERT INTO fund_programmes (year, name, category, source_level, budget_fen, recipient_kind, created_at, updated_at) VALUES (2026, ?, 'regional', 'district', ?, 'person', ?, ?)",
  );
  return [0, 1, 2].map((i) => Number(ins.run(`项目${i}`, 300_00, AT, AT).lastInsertRowid));
}

/**
 * The database's refusals, as its triggers and constraints word them (the model names the ones a
 * write breaks; which of several fires first is SQLite's business).
 */
const RULE = {
  budgetBelow: 'fund: budget below allocations',
  overBudget: 'fund: allocations exceed budget',
  belowDisbursed: 'fund: allocation below disbursements',
  overAllocation: 'fund: disbursements exceed allocation',
  paidFinal: 'fund: a paid disbursement cannot be changed',
  paidKept: 'fund: a paid disbursement cannot be deleted',
  approvedFixed: 'fund: an approved disbursement keeps its amount',
  statusFlow: 'fund: status moves pending → approved → paid',
  reversalTarget: 'fund: reversal must point at a paid disbursement of the same allocation',
  reversalsExceed: 'fund: reversals exceed the original',
  noAllocation: 'NOT NULL constraint failed: fund_disbursements.allocation_id',
  foreignKey: 'FOREIGN KEY constraint failed',
} as const;
type Rule = (typeof RULE)[keyof typeof RULE];

/** Runs the op in SQL; returns null when the database accepted it, else its refusal. */
function runSql(o: Op, ids: { programmes: number[]; allocations: number[]; rows: Row[] }): string | null {
  try {
    switch (o.t) {
      case 'budget':
        db.prepare('UPDATE fund_programmes SET budget_fen = ? WHERE id = ?').run(o.fen, ids.programmes[o.p]);
        break;
      case 'allocate':
        ids.allocations.push(
          Number(
            db
              .prepare('INSERT INTO fund_allocations (programme_id, person_name, amount_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
              .run(ids.programmes[o.p], `受款人${ids.allocations.length}`, o.fen, AT, AT).lastInsertRowid,
          ),
        );
        break;
      case 'reallocate':
        db.prepare('UPDATE fund_allocations SET amount_fen = ? WHERE id = ?').run(o.fen, ids.allocations[o.a]);
        break;
      case 'disburse':
        db.prepare("INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (?, '2026-11-01', ?, 'pending', ?, 'test')").run(
          ids.allocations[o.a],
          o.fen,
          AT,
        );
        break;
      case 'edit':
      case 'editPaid':
        db.prepare('UPDATE fund_disbursements SET amount_fen = ? WHERE id = ?').run(o.fen, ids.rows[o.d]?.id);
        break;
      case 'approve':
        db.prepare("UPDATE fund_disbursements SET status = 'approved' WHERE id = ?").run(ids.rows[o.d]?.id);
        break;
      case 'pay':
        db.prepare("UPDATE fund_disbursements SET status = 'paid' WHERE id = ?").run(ids.rows[o.d]?.id);
        break;
      case 'unapprove':
        db.prepare("UPDATE fund_disbursements SET status = 'pending' WHERE id = ?").run(ids.rows[o.d]?.id);
        break;
      case 'delete':
      case 'deletePaid':
        db.prepare('DELETE FROM fund_disbursements WHERE id = ?').run(ids.rows[o.d]?.id);
        break;
      case 'reverse': {
        const target = ids.rows[o.d];
        db.prepare("INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, reverses_id, created_at, created_by) VALUES (?, '2026-11-02', ?, 'paid', ?, ?, 'test')").run(
          target?.alloc ?? -1,
          -o.fen,
          target?.id ?? -1,
          AT,
        );
        break;
      }
    }
    return null;
  } catch (error) {
    const message = String((error as Error).message);
    // only the ledger's own refusals (and the FK / CHECK of a missing target) are expected
    if (!/^fund: |FOREIGN KEY|CHECK constraint|NOT NULL/.test(message)) throw error;
    return message;
  }
}

describe('the ledger rules in the database (migration 006)', () => {
  it('accept exactly the writes that keep Σ allocations ≤ budget, Σ disbursements ≤ allocation, reversals ≤ original, posted rows final', () => {
    const tally = new OutcomeTally();
    fc.assert(
      // sequences of up to 80 writes (fast-check's default size kept them to about 10, too short to post and reverse rows)
      fc.property(fc.array(op, { minLength: 1, maxLength: 80, size: 'max' }), (ops) => {
        const programmes = reset();
        const budget = new Map(programmes.map((p) => [p, 300_00]));
        const allocation = new Map<number, { p: number; fen: number }>();
        const ids = { programmes, allocations: [] as number[], rows: [] as Row[] };
        db.exec('BEGIN');
        try {
          for (const o of ops) {
            const rowsOf = (a: number) => ids.rows.filter((r) => r.alloc === a);
            const allocSum = (p: number, except?: number) => sum([...allocation].filter(([id, x]) => x.p === p && id !== except).map(([, x]) => x.fen));
            const disbSum = (a: number, except?: number) => sum(rowsOf(a).filter((r) => r.id !== except).map((r) => r.fen));
            if ('d' in o) o.d = ids.rows.length ? o.d % ids.rows.length : 0;
            if ('a' in o) o.a = ids.allocations.length ? o.a % ids.allocations.length : 0;
            const row = 'd' in o ? ids.rows[o.d] : undefined;
            const alloc = 'a' in o ? ids.allocations[o.a] : undefined;
            // the rules the write breaks, by the model ([] = it must be accepted)
            let breaks: Rule[];
            const when = (...rules: Array<[broken: boolean, rule: Rule]>) => rules.filter(([broken]) => broken).map(([, rule]) => rule);
            switch (o.t) {
              case 'budget':
                breaks = when([allocSum(programmes[o.p]!) > o.fen, RULE.budgetBelow]);
                break;
              case 'allocate':
                breaks = when([allocSum(programmes[o.p]!) + o.fen > budget.get(programmes[o.p]!)!, RULE.overBudget]);
                break;
              case 'reallocate':
                breaks =
                  alloc === undefined
                    ? []
                    : when([allocSum(allocation.get(alloc)!.p, alloc) + o.fen > budget.get(allocation.get(alloc)!.p)!, RULE.overBudget], [disbSum(alloc) > o.fen, RULE.belowDisbursed]);
                break;
              case 'disburse':
                breaks = alloc === undefined ? [RULE.noAllocation] : when([disbSum(alloc) + o.fen > allocation.get(alloc)!.fen, RULE.overAllocation]);
                break;
              case 'edit':
              case 'editPaid':
                breaks =
                  row === undefined || (row.status === 'pending' && disbSum(row.alloc, row.id) + o.fen <= allocation.get(row.alloc)!.fen) || (row.status !== 'paid' && row.fen === o.fen)
                    ? []
                    : when([row.status === 'paid', RULE.paidFinal], [row.status === 'approved', RULE.approvedFixed], [row.status === 'pending', RULE.overAllocation]);
                break;
              case 'approve':
                breaks = row?.status === 'paid' ? [RULE.paidFinal, RULE.statusFlow] : [];
                break;
              case 'pay':
                breaks = row === undefined || row.status === 'approved' ? [] : row.status === 'paid' ? [RULE.paidFinal] : [RULE.statusFlow];
                break;
              case 'unapprove':
                breaks = row === undefined || row.status === 'pending' ? [] : row.status === 'paid' ? [RULE.paidFinal, RULE.statusFlow] : [RULE.statusFlow];
                break;
              case 'delete':
              case 'deletePaid':
                breaks = row === undefined ? [] : when([row.status === 'paid', RULE.paidKept], [ids.rows.some((r) => r.reverses === row.id), RULE.foreignKey]);
                break;
              case 'reverse':
                breaks =
                  row === undefined
                    ? [RULE.reversalTarget, RULE.foreignKey]
                    : row.status !== 'paid' || row.reverses !== null
                      ? [RULE.reversalTarget]
                      : when(
                          [-sum(ids.rows.filter((r) => r.reverses === row.id).map((r) => r.fen)) + o.fen > row.fen, RULE.reversalsExceed],
                          [disbSum(row.alloc) - o.fen > allocation.get(row.alloc)!.fen, RULE.overAllocation],
                        );
                break;
            }
            const allowed = breaks.length === 0;
            const refusal = runSql(o, ids);
            const accepted = refusal === null;
            expect(accepted, `${JSON.stringify(o)} — model says ${allowed ? 'allowed' : `refused (${breaks.join(' / ')})`}, the database ${refusal ?? 'accepted it'}`).toBe(allowed);
            // refused for a rule the write breaks, not for some other reason
            if (refusal !== null) expect(breaks, `${JSON.stringify(o)} refused: ${refusal}`).toContain(refusal);
            // a write with no row to act on (nothing allocated or registered yet) proves little: counted apart
            tally.add(o.t, ('d' in o && row === undefined) || ('a' in o && alloc === undefined) ? 'none' : (refusal ?? 'ok'));
            if (!accepted) continue;
            // the model follows the accepted write
            switch (o.t) {
              case 'budget':
                budget.set(programmes[o.p]!, o.fen);
                break;
              case 'allocate':
                allocation.set(ids.allocations.at(-1)!, { p: programmes[o.p]!, fen: o.fen });
                break;
              case 'reallocate':
                if (alloc !== undefined) allocation.get(alloc)!.fen = o.fen;
                break;
              case 'disburse':
                ids.rows.push({ id: lastId(), alloc: alloc!, fen: o.fen, status: 'pending', reverses: null });
                break;
              case 'edit':
              case 'editPaid':
                if (row) row.fen = o.fen;
                break;
              case 'approve':
                if (row) row.status = 'approved';
                break;
              case 'pay':
                if (row) row.status = 'paid';
                break;
              case 'delete':
              case 'deletePaid':
                if (row) ids.rows.splice(ids.rows.indexOf(row), 1);
                break;
              case 'reverse':
                ids.rows.push({ id: lastId(), alloc: row!.alloc, fen: -o.fen, status: 'paid', reverses: row!.id });
                break;
            }
            // the database agrees with the model, row for row
            const stored = db.prepare('SELECT id, allocation_id AS alloc, amount_fen AS fen, status, reverses_id AS reverses FROM fund_disbursements ORDER BY id').all();
            expect(stored).toEqual([...ids.rows].sort((a, b) => a.id - b.id));
          }
        } finally {
          db.exec('ROLLBACK');
        }
      }),
      { numRuns: 150 },
    );
    // every rule was met and every kind of write was accepted on real rows, many times
    tally.expectAtLeast({
      'budget:ok': 60,
      [`budget:${RULE.budgetBelow}`]: 4,
      'allocate:ok': 180,
      [`allocate:${RULE.overBudget}`]: 15,
      'reallocate:ok': 45,
      [`reallocate:${RULE.belowDisbursed}`]: 3,
      'disburse:ok': 75,
      [`disburse:${RULE.overAllocation}`]: 90,
      'edit:ok': 4,
      [`editPaid:${RULE.paidFinal}`]: 12,
      [`editPaid:${RULE.approvedFixed}`]: 6,
      'approve:ok': 60,
      'pay:ok': 18,
      [`pay:${RULE.paidFinal}`]: 18,
      [`pay:${RULE.statusFlow}`]: 18,
      'unapprove:ok': 8,
      'delete:ok': 8,
      [`deletePaid:${RULE.paidKept}`]: 6,
      'reverse:ok': 6,
      [`reverse:${RULE.reversalsExceed}`]: 8,
      [`reverse:${RULE.reversalTarget}`]: 40,
    });
  });

  it('refuse, each with its reason: a raised allocation past the budget, a new row that skips 待审核, an approved row whose amount changes', () => {
    const [p] = reset();
    const alloc = (fen: number) =>
      Number(db.prepare("INSERT INTO fund_allocations (programme_id, person_name, amount_fen, created_at, updated_at) VALUES (?, '张三', ?, ?, ?)").run(p, fen, AT, AT).lastInsertRowid);
    const a = alloc(200_00);
    alloc(100_00);
    expect(() => db.prepare('UPDATE fund_allocations SET amount_fen = ? WHERE id = ?').run(200_01, a)).toThrow('fund: allocations exceed budget');
    const insert = (status: string) =>
      db.prepare("INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (?, '2026-11-01', 1000, ?, ?, 'test')").run(a, status, AT);
    expect(() => insert('approved')).toThrow('fund: a disbursement starts pending');
    expect(() => insert('paid')).toThrow('fund: a disbursement starts pending');
    const d = Number(insert('pending').lastInsertRowid);
    db.prepare("UPDATE fund_disbursements SET status = 'approved' WHERE id = ?").run(d);
    expect(() => db.prepare('UPDATE fund_disbursements SET amount_fen = 999 WHERE id = ?').run(d)).toThrow('fund: an approved disbursement keeps its amount');
    expect(() => db.prepare("UPDATE fund_disbursements SET paid_on = '2026-12-01' WHERE id = ?").run(d)).toThrow('fund: an approved disbursement keeps its amount');
    // paying it may set the date it was paid
    db.prepare("UPDATE fund_disbursements SET status = 'paid', paid_on = '2026-12-01' WHERE id = ?").run(d);
    expect(db.prepare('SELECT status, paid_on AS paidOn, amount_fen AS fen FROM fund_disbursements WHERE id = ?').get(d)).toEqual({ status: 'paid', paidOn: '2026-12-01', fen: 1000 });
  });
});
