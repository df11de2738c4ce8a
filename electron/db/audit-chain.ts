import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';

/**
 * The 操作日志 as a hash chain. Each audit row stores chain_hash = SHA-256 of the previous row's
 * chain_hash and every column of its own (id included), so a row that is edited, removed from
 * the middle, or slipped in later without recomputing every hash after it breaks the chain at
 * that row. The database already refuses UPDATE, DELETE and REPLACE on audit_log (triggers);
 * the chain is what a backup's or a restored database's check can verify without trusting the
 * triggers to have been in place all along.
 *
 * What it cannot do: someone with the file and this source code can recompute the whole chain,
 * and cutting rows off the end leaves a valid chain. That is the threat model (README): misuse
 * and accidents on an office PC, not an attacker with administrator rights over the files.
 *
 * FROZEN: migration 008 hashed the existing rows with this function; changing it would break
 * every chain already written.
 */

export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

export interface AuditChainRow {
  id: number;
  at: string;
  actor: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export function auditRowHash(previous: string, row: AuditChainRow): string {
  // a JSON array: every field in a fixed place, no separator ambiguity
  const text = JSON.stringify([
    previous,
    row.id,
    row.at,
    row.actor,
    row.user_id,
    row.username,
    row.action,
    row.entity,
    row.entity_id,
    row.before_json,
    row.after_json,
  ]);
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

export type AuditChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: { id: number; at: string } };

/** Walks the whole log in id order and recomputes every link. */
export function verifyAuditChain(sqlite: SQLite.Database): AuditChainCheck {
  const rows = sqlite
    .prepare('SELECT id, at, actor, user_id, username, action, entity, entity_id, before_json, after_json, chain_hash FROM audit_log ORDER BY id')
    .iterate() as IterableIterator<AuditChainRow & { chain_hash: string | null }>;
  let previous = AUDIT_CHAIN_GENESIS;
  let count = 0;
  for (const row of rows) {
    count++;
    const expected = auditRowHash(previous, row);
    if (row.chain_hash !== expected) {
      return { ok: false, rows: count, brokenAt: { id: row.id, at: row.at } };
    }
    previous = expected;
  }
  return { ok: true, rows: count };
}
