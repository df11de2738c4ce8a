import type SQLite from 'better-sqlite3';
import { verifyAuditChain } from './audit-chain';

/**
 * The rules the database holds with triggers, re-checked over the data itself. A database
 * restored from a backup may have been written by anything: its triggers were checked
 * (schema-check.ts), but rows written while they were missing would still be there. So before a
 * backup is trusted, and again once it is restored, every rule the triggers enforce on each write
 * is checked across all rows at once, and the audit log's hash chain is walked. The rules come
 * from the modules that own the tables (their manifests, electron/modules.ts).
 * (CHECK and NOT NULL constraints are covered by SQLite's integrity_check, foreign keys by
 * foreign_key_check.)
 */

/** One rule over the data, as a query that finds the rows breaking it. Modules declare theirs (electron/modules.ts). */
export interface DataRule {
  /** the first schema version that has the tables */
  since: number;
  /** what is wrong, in the clerk's words, when `sql` returns rows */
  problem: string;
  /** returns the offending rows (id first), at most a few */
  sql: string;
}

/** The platform's own: the department can never be locked out. */
export const PLATFORM_DATA_RULES: readonly DataRule[] = [
  {
    since: 2,
    problem: '没有可用的管理员账户',
    sql: "SELECT 0 AS id WHERE EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1)",
  },
];

export type DataCheckResult = { ok: true } | { ok: false; problem: string; detail: string };

/** Every rule given that `version` has, the foreign keys and the audit chain; the first failure is reported. */
export function checkData(sqlite: SQLite.Database, version: number, rules: readonly DataRule[]): DataCheckResult {
  for (const rule of rules) {
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
