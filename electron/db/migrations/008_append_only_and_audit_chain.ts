import type SQLite from 'better-sqlite3';
import { AUDIT_CHAIN_GENESIS, auditRowHash, type AuditChainRow } from '../audit-chain';
import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * 1. REPLACE cannot get round the rules. `INSERT OR REPLACE` (and `UPDATE OR REPLACE`) deletes
 *    the row it collides with, and while recursive_triggers is off — the default of every other
 *    SQLite program — that delete fires no DELETE trigger. So the rows the database keeps
 *    forever are also guarded on the way in: an insert whose key is already taken, or an update
 *    that moves a key onto another row, is refused for the audit log, paid disbursements (here:
 *    any disbursement, the services never choose ids), accounts, and dictionary items.
 * 2. The audit log becomes a hash chain (electron/db/audit-chain.ts): chain_hash on every row,
 *    computed here for the rows already written. The append-only trigger is lifted for that one
 *    update and put back exactly as migration 001 created it.
 */
export const m008AppendOnlyAndAuditChain: Migration = {
  version: 8,
  name: '只增不改的记录拒绝 REPLACE；操作日志哈希链',
  sql: `
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TRIGGER fund_disbursements_no_replace BEFORE INSERT ON fund_disbursements
WHEN EXISTS (SELECT 1 FROM fund_disbursements WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'fund: a disbursement cannot be replaced'); END;
CREATE TRIGGER fund_disbursements_id_fixed BEFORE UPDATE OF id ON fund_disbursements
WHEN NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'fund: a disbursement keeps its id'); END;

CREATE TRIGGER users_no_replace BEFORE INSERT ON users
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.id OR username = NEW.username)
BEGIN SELECT RAISE(ABORT, 'users are not replaced'); END;
CREATE TRIGGER users_key_fixed BEFORE UPDATE OF id, username ON users
WHEN NEW.id IS NOT OLD.id OR EXISTS (SELECT 1 FROM users WHERE username = NEW.username AND id <> OLD.id)
BEGIN SELECT RAISE(ABORT, 'users are not replaced'); END;

CREATE TRIGGER dict_items_no_replace BEFORE INSERT ON dict_items
WHEN EXISTS (SELECT 1 FROM dict_items WHERE id = NEW.id OR (dict = NEW.dict AND value = NEW.value)
  OR (NEW.retired = 0 AND retired = 0 AND dict = NEW.dict AND label = NEW.label))
BEGIN SELECT RAISE(ABORT, 'dictionary items are not replaced'); END;
CREATE TRIGGER dict_items_key_fixed BEFORE UPDATE OF id, label, retired ON dict_items
WHEN NEW.id IS NOT OLD.id
  OR (NEW.retired = 0 AND EXISTS (SELECT 1 FROM dict_items WHERE dict = NEW.dict AND label = NEW.label AND retired = 0 AND id <> OLD.id))
BEGIN SELECT RAISE(ABORT, 'dictionary items are not replaced'); END;

ALTER TABLE audit_log ADD COLUMN chain_hash TEXT CHECK (chain_hash IS NULL OR length(chain_hash) = 64);
`,
  run(sqlite: SQLite.Database) {
    const trigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'").get() as { sql: string } | undefined;
    if (trigger) sqlite.exec('DROP TRIGGER audit_log_no_update');
    const rows = sqlite
      .prepare('SELECT id, at, actor, user_id, username, action, entity, entity_id, before_json, after_json FROM audit_log ORDER BY id')
      .all() as AuditChainRow[];
    const update = sqlite.prepare('UPDATE audit_log SET chain_hash = ? WHERE id = ?');
    let previous = AUDIT_CHAIN_GENESIS;
    for (const row of rows) {
      previous = auditRowHash(previous, row);
      update.run(previous, row.id);
    }
    if (trigger) sqlite.exec(trigger.sql);
  },
};
