import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrations/apply';

/**
 * REPLACE cannot get round the rows the database keeps forever (issue 10, finding 4). Seen
 * before: `INSERT OR REPLACE` deleted the audit row or paid disbursement it collided with, and
 * with recursive_triggers off — SQLite's default, so any other program's connection — that
 * delete fired no DELETE trigger. Migration 008 refuses such inserts (and updates that move a
 * key onto another row) in the database itself. Every case runs on a plain connection with
 * SQLite's defaults, as another program would have.
 */

function ledgerDatabase(): SQLite.Database {
  const db = new SQLite(':memory:');
  migrate(db, 0);
  expect(db.pragma('recursive_triggers', { simple: true })).toBe(0);
  db.exec(`
    INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
      VALUES (1, 'admin', '管理员', 'admin', 'scrypt$x', '2026-01-01', '2026-01-01'),
             (2, 'jingban', '经办人', 'clerk', 'scrypt$y', '2026-01-01', '2026-01-01');
    INSERT INTO fund_programmes (id, year, name, category, source_level, budget_fen, recipient_kind, created_at, updated_at)
      VALUES (1, 2026, '书记津贴', 'allowance', 'district', 1000000, 'person', '2026-01-01', '2026-01-01');
    INSERT INTO fund_allocations (id, programme_id, person_name, amount_fen, created_at, updated_at)
      VALUES (1, 1, '王五', 500000, '2026-01-01', '2026-01-01');
    INSERT INTO fund_disbursements (id, allocation_id, paid_on, amount_fen, status, created_at, created_by)
      VALUES (1, 1, '2026-02-01', 200000, 'pending', '2026-02-01', '经办人'),
             (2, 1, '2026-02-02', 100000, 'pending', '2026-02-02', '经办人');
    UPDATE fund_disbursements SET status = 'approved' WHERE id = 1;
    UPDATE fund_disbursements SET status = 'paid' WHERE id = 1;
  `);
  return db;
}

const all = (db: SQLite.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();

describe('REPLACE on rows the database keeps', () => {
  it('a paid disbursement cannot be replaced by an insert, nor overwritten by moving another row onto its id', () => {
    const db = ledgerDatabase();
    const before = all(db, 'fund_disbursements');
    expect(() =>
      db.exec("INSERT OR REPLACE INTO fund_disbursements (id, allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (1, 1, '2026-02-01', 1, 'pending', '2026-02-01', '张三')"),
    ).toThrow(/cannot be replaced/);
    expect(() => db.exec('UPDATE OR REPLACE fund_disbursements SET id = 1 WHERE id = 2')).toThrow(/keeps its id/);
    expect(() => db.exec("REPLACE INTO fund_disbursements (id, allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (2, 1, '2026-02-01', 1, 'pending', '2026-02-01', '张三')")).toThrow(
      /cannot be replaced/,
    );
    expect(all(db, 'fund_disbursements')).toEqual(before);
  });

  it('an account cannot be replaced (accounts are never deleted), by id or by user name in any letter case', () => {
    const db = ledgerDatabase();
    const before = all(db, 'users');
    const replace = (id: number | null, username: string) =>
      db
        .prepare("INSERT OR REPLACE INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, '冒名', 'admin', 'scrypt$z', '2026-01-01', '2026-01-01')")
        .run(id, username);
    expect(() => replace(1, 'newname')).toThrow(/not replaced/);
    expect(() => replace(null, 'JingBan')).toThrow(/not replaced/);
    expect(() => db.exec("UPDATE OR REPLACE users SET username = 'admin' WHERE id = 2")).toThrow(/not replaced/);
    expect(() => db.exec('UPDATE OR REPLACE users SET id = 1 WHERE id = 2')).toThrow(/not replaced/);
    expect(all(db, 'users')).toEqual(before);
    // ordinary writes go on: a new account, a renamed one
    db.exec("INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('chayue', '查阅', 'viewer', 'scrypt$q', '2026-01-01', '2026-01-01')");
    db.exec("UPDATE users SET username = 'jingban2' WHERE id = 2");
    expect(db.prepare('SELECT username FROM users ORDER BY id').pluck().all()).toEqual(['admin', 'jingban2', 'chayue']);
  });

  it('a dictionary item in use cannot be replaced away, by value or by label', () => {
    const db = ledgerDatabase();
    db.exec(`INSERT INTO org_units (id, level, code, name, full_name, kind, source, created_at, updated_at) VALUES (1, 'street', '370103002', '大观园街道', '大观园街道', '街道', 'manual', '2026-01-01', '2026-01-01');
             INSERT INTO org_units (id, level, parent_id, code, name, full_name, kind, source, created_at, updated_at) VALUES (2, 'unit', 1, '370103002001', '东村', '东村', 'village', 'manual', '2026-01-01', '2026-01-01');`);
    const village = db.prepare("SELECT * FROM dict_items WHERE dict = 'unit_kind' AND value = 'village'").get() as { id: number; label: string };
    const before = all(db, 'dict_items');
    expect(() => db.exec("DELETE FROM dict_items WHERE dict = 'unit_kind' AND value = 'village'")).toThrow(/in use/);
    expect(() => db.exec("INSERT OR REPLACE INTO dict_items (dict, value, label) VALUES ('unit_kind', 'village', '被替换')")).toThrow(/not replaced/);
    expect(() => db.prepare("INSERT OR REPLACE INTO dict_items (id, dict, value, label) VALUES (?, 'unit_kind', 'other', '其他')").run(village.id)).toThrow(/not replaced/);
    expect(() => db.prepare("INSERT OR REPLACE INTO dict_items (dict, value, label) VALUES ('unit_kind', 'x', ?)").run(village.label)).toThrow(/not replaced/);
    const urban = db.prepare("SELECT id FROM dict_items WHERE dict = 'unit_kind' AND value = 'urban'").pluck().get() as number;
    expect(() => db.prepare('UPDATE OR REPLACE dict_items SET label = ? WHERE id = ?').run(village.label, urban)).toThrow(/not replaced/);
    expect(all(db, 'dict_items')).toEqual(before);
    // ordinary writes go on: a label changes, an item is added
    db.prepare('UPDATE dict_items SET label = ? WHERE id = ?').run('城镇社区', urban);
    db.exec("INSERT INTO dict_items (dict, value, label) VALUES ('unit_kind', 'newkind', '新类别')");
  });
});
