import type { DataRule } from '../../db/data-checks';

/**
 * The ledger rules the triggers of migration 006 hold on every write, as checks over all rows:
 * run on a backup before it is trusted and on the data once restored (electron/db/data-checks.ts).
 */
export const FUND_DATA_RULES: readonly DataRule[] = [
  {
    since: 6,
    problem: '经费项目的分配合计超过预算',
    sql: `SELECT p.id FROM fund_programmes p
          JOIN (SELECT programme_id, SUM(amount_fen) AS total FROM fund_allocations GROUP BY programme_id) a ON a.programme_id = p.id
          WHERE a.total > p.budget_fen LIMIT 5`,
  },
  {
    since: 6,
    problem: '分配的拨付合计超过分配金额',
    sql: `SELECT a.id FROM fund_allocations a
          JOIN (SELECT allocation_id, SUM(amount_fen) AS total FROM fund_disbursements GROUP BY allocation_id) d ON d.allocation_id = a.id
          WHERE d.total > a.amount_fen LIMIT 5`,
  },
  {
    since: 6,
    problem: '冲销记录没有指向同一分配中已拨付的原记录',
    sql: `SELECT r.id FROM fund_disbursements r LEFT JOIN fund_disbursements o ON o.id = r.reverses_id
          WHERE r.reverses_id IS NOT NULL
            AND (o.id IS NULL OR o.status <> 'paid' OR o.reverses_id IS NOT NULL OR o.allocation_id <> r.allocation_id)
          LIMIT 5`,
  },
  {
    since: 6,
    problem: '冲销金额超过原拨付金额',
    sql: `SELECT o.id FROM fund_disbursements o
          JOIN (SELECT reverses_id, -SUM(amount_fen) AS total FROM fund_disbursements WHERE reverses_id IS NOT NULL GROUP BY reverses_id) r ON r.reverses_id = o.id
          WHERE r.total > o.amount_fen LIMIT 5`,
  },];
