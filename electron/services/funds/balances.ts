import { sql } from 'kysely';
import { toBalance, type BalanceSums } from '../../../shared/api/funds/ledger-layout';
import type { Db } from '../context';

/**
 * 结余: what was allocated, what is committed but not yet paid (待审核 + 已审核), and what was
 * paid net of reversals (冲销). A programme's balance is the sum of its allocations' balances,
 * which are sums of their rows — nothing is stored, so nothing can drift.
 */

/** The three sums a balance is made of (shared/api/fund-ledger.ts BalanceSums). */
export type Sums = BalanceSums;
export const NO_SUMS: Sums = { allocatedFen: 0, pendingFen: 0, paidFen: 0 };

export const addSums = (a: Sums, b: Sums): Sums => ({ allocatedFen: a.allocatedFen + b.allocatedFen, pendingFen: a.pendingFen + b.pendingFen, paidFen: a.paidFen + b.paidFen });

/** the one balance rule, shared with the renderer */
export { toBalance };

const pendingSum = sql<number>`coalesce(sum(case when d.status <> 'paid' then d.amount_fen else 0 end), 0)`;
const paidSum = sql<number>`coalesce(sum(case when d.status = 'paid' then d.amount_fen else 0 end), 0)`;

/** Pending and paid sums of each allocation of these programmes, or of one allocation (allocations without rows absent). */
export async function disbursementSumsByAllocation(db: Db, of: { programmeIds: readonly number[] } | { allocationId: number }): Promise<Map<number, { pendingFen: number; paidFen: number }>> {
  let q = db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_allocations as a', 'a.id', 'd.allocation_id')
    .select(['a.id as allocationId', pendingSum.as('pending'), paidSum.as('paid')])
    .groupBy('a.id');
  if ('allocationId' in of) q = q.where('a.id', '=', of.allocationId);
  else if (of.programmeIds.length === 0) return new Map();
  else q = q.where('a.programme_id', 'in', [...of.programmeIds]);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.allocationId, { pendingFen: Number(r.pending), paidFen: Number(r.paid) }]));
}

/** Each programme's sums and number of recipients (programmes without allocations get zeros). */
export async function programmeSums(db: Db, programmeIds: readonly number[]): Promise<Map<number, { sums: Sums; recipients: number }>> {
  const out = new Map<number, { sums: Sums; recipients: number }>(programmeIds.map((id) => [id, { sums: NO_SUMS, recipients: 0 }]));
  if (programmeIds.length === 0) return out;
  const allocated = await db
    .selectFrom('fund_allocations')
    .select((eb) => ['programme_id as programmeId', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_fen').as('total')])
    .where('programme_id', 'in', [...programmeIds])
    .groupBy('programme_id')
    .execute();
  const disbursed = await db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_allocations as a', 'a.id', 'd.allocation_id')
    .select(['a.programme_id as programmeId', pendingSum.as('pending'), paidSum.as('paid')])
    .where('a.programme_id', 'in', [...programmeIds])
    .groupBy('a.programme_id')
    .execute();
  for (const r of allocated) out.set(r.programmeId, { sums: { ...NO_SUMS, allocatedFen: Number(r.total) }, recipients: Number(r.n) });
  for (const r of disbursed) {
    const entry = out.get(r.programmeId)!;
    entry.sums = { ...entry.sums, pendingFen: Number(r.pending), paidFen: Number(r.paid) };
  }
  return out;
}
