import type SQLite from 'better-sqlite3';
import { verifyAuditChain } from './audit-chain';

/**
 * The rules the database holds with triggers, re-checked over the data itself. A database
 * restored from a backup may have been written by anything: its triggers were checked
 * (schema-check.ts), but rows written while they were missing would still be there. So before a
 * backup is trusted, and again once it is restored, every rule the triggers enforce on each write
 * is checked across all rows at once, and the audit log's hash chain is walked.
 * (CHECK and NOT NULL constraints are covered by SQLite's integrity_check, foreign keys by
 * foreign_key_check.)
 */

interface DataRule {
  /** the first schema version that has the tables */
  since: number;
  /** what is wrong, in the clerk's words, when `sql` returns rows */
  problem: string;
  /** returns the offending rows (id first), at most a few */
  sql: string;
}

const RULES: DataRule[] = [
  {
    since: 2,
    problem: '没有可用的管理员账户',
    sql: "SELECT 0 AS id WHERE EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1)",
  },
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
  },
];

export type DataCheckResult = { ok: true } | { ok: false; problem: string; detail: string };

/** Every rule of `version`, the foreign keys and the audit chain; the first failure is reported. */
export function checkData(sqlite: SQLite.Database, version: number): DataCheckResult {
  for (const rule of RULES) {
    if (version < rule.since) continue;
    const rows = sqlite.prepare(rule.sql).all() as Array<{ id: number }>;
    if (rows.length > 0) return { ok: false, problem: rule.problem, detail: `${rule.problem}: ids ${rows.map((r) => r.id).join(',')}` };
  }
  const fk = sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number }>;
  if (fk.length > 0) return { ok: false, problem: '有记录指向不存在的记录', detail: `foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}` };
  if (version >= 8) {
    const chain = verifyAuditChain(sqlite);
    if (!chain.ok) {
      const at = new Date(chain.brokenAt.at);
      const when = Number.isNaN(at.getTime()) ? '' : `，${at.toLocaleString('zh-CN', { hour12: false })}`;
      return {
        ok: false,
        problem: `操作日志在第 ${chain.rows} 条（编号 ${chain.brokenAt.id}${when}）处前后对不上，日志被改动、删除或插入过`,
        detail: `audit chain broken at id ${chain.brokenAt.id}`,
      };
    }
  }
  return { ok: true };
}
