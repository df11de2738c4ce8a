import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../electron/db/folder-lock';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open-store';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/db/migrations';
import { migrate } from '../../electron/db/migrations/apply';
import { checkSchema, expectedSchema, TABLE_LABELS } from '../../electron/db/schema-check';
import { verifyAuditChain } from '../../electron/db/audit-chain';
import { StoreOpenError } from '../../electron/db/store-errors';
import { ok, openTestApp, tempDir } from '../helpers/test-context';
import { hasChinese } from '../helpers/fixtures';
import type { StreetNode } from '../../shared/api/units';

/** Opening the database file: refuse anything damaged or too new without touching it. */

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Runs openStore and returns the StoreOpenError it must throw. */
async function openRefused(dataDir: string): Promise<StoreOpenError> {
  try {
    const store = await openStore({ dataDir });
    await store.close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('openStore should have refused the file');
}

function dirWithFile(content: Buffer): { dir: string; file: string } {
  const dir = tempDir('gd-store-');
  const file = path.join(dir, DATABASE_FILE_NAME);
  fs.writeFileSync(file, content);
  return { dir, file };
}

/** A plain SQLite file (rollback journal) built by `build`, closed. */
function sqliteFile(build: (db: SQLite.Database) => void): { dir: string; file: string } {
  const dir = tempDir('gd-store-');
  const file = path.join(dir, DATABASE_FILE_NAME);
  const db = new SQLite(file);
  build(db);
  db.close();
  return { dir, file };
}

/** A -wal file, if one was left, holds no frames (SQLite's read-only probe may create it empty). */
function expectNoLoggedWrites(file: string) {
  const wal = `${file}-wal`;
  if (fs.existsSync(wal)) expect(fs.statSync(wal).size).toBe(0);
}

/** Files beside the database, other than the data folder's lock file (folder-lock.ts), which every opener creates. */
const sidecars = (dir: string) => fs.readdirSync(dir).filter((name) => name !== DATABASE_FILE_NAME && name !== LOCK_FILE_NAME).sort();

describe('refused files are left exactly as they were', () => {
  it('random bytes: corrupt, Chinese message, bytes unchanged, no -wal/-shm', async () => {
    const { dir, file } = dirWithFile(crypto.randomBytes(64 * 1024));
    const hash = sha256(file);
    const error = await openRefused(dir);
    expect(error.problem).toBe('corrupt');
    expect(hasChinese(error.userMessage)).toBe(true);
    expect(error.userMessage).toContain('数据未做任何改动');
    expect(error.userMessage).toContain(file);
    expect(sha256(file)).toBe(hash);
    expect(sidecars(dir)).toEqual([]);
  });

  it('a text file (someone saved a CSV under the name): corrupt, bytes unchanged', async () => {
    const { dir, file } = dirWithFile(Buffer.from('code,name\n370103002001,纬一路社区居民委员会\n', 'utf8'));
    const hash = sha256(file);
    expect((await openRefused(dir)).problem).toBe('corrupt');
    expect(sha256(file)).toBe(hash);
    expect(sidecars(dir)).toEqual([]);
  });

  it('a real database with a damaged page in the middle: corrupt, bytes unchanged', async () => {
    const app = await openTestApp();
    ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '组织部' }));
    await app.close();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    expect(sidecars(app.dataDir)).toEqual([]); // closed cleanly, WAL checkpointed
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(8 * 4096);
    // overwrite the fourth and fifth pages (b-tree pages) with a fixed garbage pattern
    bytes.fill(0xab, 3 * 4096, 5 * 4096);
    fs.writeFileSync(file, bytes);
    const hash = sha256(file);
    const error = await openRefused(app.dataDir);
    expect(error.problem).toBe('corrupt');
    expect(hasChinese(error.userMessage)).toBe(true);
    expect(sha256(file)).toBe(hash);
    // the file is in WAL mode, so SQLite's read-only probe may leave an -shm index and an
    // empty -wal behind; nothing may have been written into the log
    expectNoLoggedWrites(file);
  });

  it('a truncated database: corrupt, bytes unchanged', async () => {
    const app = await openTestApp();
    ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '组织部' }));
    await app.close();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const hash = sha256(file);
    expect((await openRefused(app.dataDir)).problem).toBe('corrupt');
    expect(sha256(file)).toBe(hash);
  });

  it('user_version 99: too_new, Chinese message naming both versions, bytes unchanged', async () => {
    const { dir, file } = sqliteFile((db) => {
      db.exec('CREATE TABLE future (x TEXT); INSERT INTO future VALUES (1)');
      db.pragma('user_version = 99');
    });
    const hash = sha256(file);
    const error = await openRefused(dir);
    expect(error.problem).toBe('too_new');
    expect(error.userMessage).toContain('更新版本');
    expect(error.userMessage).toContain('99');
    expect(error.userMessage).toContain(String(LATEST_SCHEMA_VERSION));
    expect(error.userMessage).toContain('数据未做任何改动');
    expect(sha256(file)).toBe(hash);
    expect(sidecars(dir)).toEqual([]);
  });

  it('a newer version\'s database in WAL mode (as this app writes it): too_new, main file bytes unchanged', async () => {
    const { dir, file } = sqliteFile((db) => {
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE future (x TEXT); INSERT INTO future VALUES (1)');
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    });
    const hash = sha256(file);
    expect((await openRefused(dir)).problem).toBe('too_new');
    expect(sha256(file)).toBe(hash);
    expectNoLoggedWrites(file);
    const check = new SQLite(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(check.prepare('SELECT x FROM future').all()).toEqual([{ x: '1' }]);
    check.close();
  });

  it('a SQLite file of another program (its own "settings" table): refused, and the file is not modified', async () => {
    // BUG: the journal mode is switched to WAL before the migration runs, so the file's header
    // is rewritten although the error says "数据未做任何改动".
    const { dir, file } = sqliteFile((db) => {
      db.exec("CREATE TABLE settings (k TEXT, v TEXT); INSERT INTO settings VALUES ('a', 'b')");
    });
    const hash = sha256(file);
    const error = await openRefused(dir);
    expect(hasChinese(error.userMessage)).toBe(true);
    expect(sha256(file)).toBe(hash);
  });

  it('a SQLite file of another program (no clashing tables): refused, not migrated into', async () => {
    // BUG: user_version 0 with foreign tables is taken for a new database, and the app's
    // schema is written into the other program's file.
    const { dir, file } = sqliteFile((db) => {
      db.exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('张三')");
    });
    const hash = sha256(file);
    let opened = false;
    try {
      const store = await openStore({ dataDir: dir });
      opened = true;
      await store.close();
    } catch (error) {
      expect(error).toBeInstanceOf(StoreOpenError);
    }
    expect(opened).toBe(false);
    expect(sha256(file)).toBe(hash);
  });

  it('a data folder that cannot be created: unwritable, with the path in the message', async () => {
    const { file } = dirWithFile(Buffer.from('x'));
    const dataDir = path.join(file, 'sub'); // a folder inside a regular file
    const error = await openRefused(dataDir);
    expect(error.problem).toBe('unwritable');
    expect(error.userMessage).toContain('数据目录无法写入');
    expect(error.userMessage).toContain(dataDir);
  });

  it('StoreOpenError keeps the Chinese message for the user and the detail for the log', () => {
    const error = new StoreOpenError('locked', '数据库正被另一个程序使用。', 'SQLITE_BUSY');
    expect(error.name).toBe('StoreOpenError');
    expect(error.message).toBe('数据库正被另一个程序使用。 (SQLITE_BUSY)');
    expect(error).toBeInstanceOf(Error);
  });
});

/**
 * The tables (or triggers) the migrations, all of them, leave behind: created and not dropped
 * again. Read from the migrations' SQL, so a later migration (003 …) needs no edit here; the
 * named lists in the test pin down what versions 1 and 2 must have made.
 */
function expectedObjects(kind: 'TABLE' | 'TRIGGER'): string[] {
  const names = new Set<string>();
  for (const m of MIGRATIONS) {
    for (const [, verb, name] of m.sql.matchAll(new RegExp(`\\b(CREATE|DROP)\\s+${kind}\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"?(\\w+)"?`, 'gi'))) {
      if (verb!.toUpperCase() === 'CREATE') names.add(name!);
      else names.delete(name!);
    }
    for (const [, from, to] of m.sql.matchAll(/\bALTER\s+TABLE\s+"?(\w+)"?\s+RENAME\s+TO\s+"?(\w+)"?/gi)) {
      if (kind === 'TABLE' && names.delete(from!)) names.add(to!);
    }
  }
  return [...names].sort();
}

/**
 * A database whose schema is not what its version must be (issue 10, finding 3): dropped
 * append-only or ledger triggers, an extra trigger, a changed table. Refused at open with a
 * message naming the difference; the file is not written.
 */
describe('a database changed by another program is refused at open', () => {
  /** A database of ours at `version`, closed, then changed with raw SQL. */
  async function ourDatabase(change: (db: SQLite.Database) => void, version = LATEST_SCHEMA_VERSION) {
    const dir = tempDir('gd-store-');
    const file = path.join(dir, DATABASE_FILE_NAME);
    const db = new SQLite(file);
    migrate(db, 0, version);
    db.exec("INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-11-22T02:00:00.000Z', '测试', 'settings', 'settings')");
    change(db);
    db.close();
    return { dir, file };
  }

  it.each([
    ['the audit log’s no-delete trigger dropped', 'DROP TRIGGER audit_log_no_delete', '（“操作日志”的保护规则被删除）'],
    ['"paid is final" dropped', 'DROP TRIGGER fund_disbursements_paid_final', '（“拨付记录”的保护规则被删除）'],
    ['an extra trigger that hides rows', "CREATE TRIGGER quiet BEFORE INSERT ON audit_log WHEN NEW.action = 'login' BEGIN SELECT RAISE(IGNORE); END", '（“操作日志”上多出了不属于本程序的保护规则）'],
    ['a column added', 'ALTER TABLE users ADD COLUMN note TEXT', '（“账户”的表结构被改动）'],
    ['a trigger rewritten under its own name', "DROP TRIGGER users_no_delete; CREATE TRIGGER users_no_delete BEFORE DELETE ON users WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END", '（“账户”的保护规则被改动）'],
    ['a table of someone else’s added', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)', '（多出了不属于本程序的数据表）'],
  ])('%s: tampered, named, bytes unchanged', async (_what, sql, words) => {
    const { dir, file } = await ourDatabase((db) => db.exec(sql));
    const hash = sha256(file);
    const error = await openRefused(dir);
    expect(error.problem).toBe('tampered');
    expect(error.userMessage).toContain('数据库文件的结构与本程序应有的结构不一致');
    expect(error.userMessage).toContain(words);
    expect(error.userMessage).toContain('文件未做任何改动');
    expect(sha256(file)).toBe(hash);
    expect(sidecars(dir)).toEqual([]);
  });

  it('an older version with a trigger dropped is refused before any upgrade (no migration backup made)', async () => {
    const { dir, file } = await ourDatabase((db) => db.exec('DROP TRIGGER fund_disbursements_paid_kept'), 7);
    const hash = sha256(file);
    const error = await openRefused(dir);
    expect(error.problem).toBe('tampered');
    expect(error.userMessage).toContain('（“拨付记录”的保护规则被删除）');
    expect(error.detail).toContain('fund_disbursements_paid_kept'); // the name, for support, in the log
    expect(sha256(file)).toBe(hash);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('every table our migrations make has a name in the clerk’s words for these messages', () => {
    const tables = expectedSchema(LATEST_SCHEMA_VERSION).filter((o) => o.type === 'table').map((o) => o.name);
    expect(tables.filter((t) => !TABLE_LABELS[t])).toEqual([]);
    for (const t of tables) expect(TABLE_LABELS[t], t).toMatch(/^[\u4e00-\u9fff（）]+$/);
  });

  it('every version our migrations make is accepted as it is, and upgraded', async () => {
    for (const m of MIGRATIONS) {
      const { dir } = await ourDatabase(() => {}, m.version);
      const store = await openStore({ dataDir: dir });
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(checkSchema(store.sqlite, LATEST_SCHEMA_VERSION)).toEqual([]);
      await store.close();
    }
  });
});

describe('a fresh data folder', () => {
  it('gets the latest schema, WAL, foreign keys, synchronous FULL and STRICT tables', async () => {
    const dir = path.join(tempDir('gd-store-'), 'nested', 'data');
    const store = await openStore({ dataDir: dir });
    try {
      expect(store.file).toBe(path.join(dir, DATABASE_FILE_NAME));
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      const tables = store.sqlite
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ name: string; sql: string }>;
      expect(tables.map((t) => t.name)).toEqual(expectedObjects('TABLE'));
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['audit_log', 'dict_items', 'org_units', 'settings', 'unit_code_history', 'users']));
      for (const t of tables) expect(t.sql.trimEnd(), t.name).toMatch(/\)\s*STRICT$/);
      const triggers = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as Array<{ name: string }>;
      expect(triggers.map((t) => t.name)).toEqual(expectedObjects('TRIGGER'));
      expect(triggers.map((t) => t.name)).toEqual(
        expect.arrayContaining([
          'audit_log_no_delete',
          'audit_log_no_update',
          'org_units_code_under_street_ins',
          'org_units_code_under_street_upd',
          'org_units_parent_is_street_ins',
          'org_units_parent_is_street_upd',
          'org_units_street_code_frozen',
          'users_keep_an_admin',
          'users_no_delete',
        ]),
      );
      expect(store.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
      expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await store.close();
    }
    // no migration backup for a brand-new file
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('an empty (0-byte) file is treated as new', async () => {
    const { dir } = dirWithFile(Buffer.alloc(0));
    const store = await openStore({ dataDir: dir });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    await store.close();
  });

  it('reopening keeps the data and does not migrate again', async () => {
    const app = await openTestApp();
    ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' }));
    const qixian = ok<StreetNode[]>(await app.call('units.tree', {})).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    await app.close();

    let backups = 0;
    const store = await openStore({ dataDir: app.dataDir, onBackupBeforeMigration: () => backups++ });
    expect(backups).toBe(0);
    const count = store.sqlite.prepare('SELECT count(*) AS n FROM org_units').get() as { n: number };
    expect(count.n).toBe(17 + 216);
    await store.close();

    const again = await openTestApp(app.dataDir);
    const tree = ok<StreetNode[]>(await again.call('units.tree', {}));
    expect(tree).toHaveLength(17);
    expect(tree.find((s) => s.id === qixian.id)?.name).toBe('七贤新街道');
    expect(ok<{ ready: boolean }>(await again.call('setup.status')).ready).toBe(true);
    const audit = again.store.sqlite.prepare('SELECT action, user_id, username FROM audit_log ORDER BY id').all();
    const admin = again.ctx.sessions.get((await again.callerFor('admin')).token)!;
    expect(audit).toEqual([
      { action: 'setup', user_id: admin.userId, username: 'test-admin' },
      { action: 'update', user_id: admin.userId, username: 'test-admin' },
    ]);
    // the accounts survive the restart too (sessions do not: they live in memory)
    expect(again.store.sqlite.prepare('SELECT username FROM users').all()).toEqual([{ username: 'test-admin' }]);
    await again.close();
  });
});

describe('the audit log is append-only below the application', () => {
  it('rows cannot be updated or deleted, even with raw SQL', async () => {
    const app = await openTestApp();
    ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '组织部' }));
    const before = app.store.sqlite.prepare('SELECT * FROM audit_log').all();
    expect(before).toHaveLength(1);
    expect(() => app.store.sqlite.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => app.store.sqlite.prepare("UPDATE audit_log SET after_json = NULL WHERE action = 'setup'").run()).toThrow(/append-only/);
    expect(() => app.store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => app.store.sqlite.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    expect(app.store.sqlite.prepare('SELECT * FROM audit_log').all()).toEqual(before);
    // appending still works
    app.store.sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-11-22T02:00:00.000Z', '测试', 'settings', 'settings')")
      .run();
    expect(app.store.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
    await app.close();
  });

  it('INSERT OR REPLACE cannot swap a row either (issue 10, finding 4), from our connection or any other', async () => {
    const app = await openTestApp();
    ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '组织部' }));
    const before = app.store.sqlite.prepare('SELECT * FROM audit_log').all() as Array<{ id: number }>;
    const id = before[0]!.id;
    // another program's connection: SQLite's defaults (recursive_triggers off)
    const other = new SQLite(app.ctx.databaseFile);
    try {
      for (const db of [other, app.store.sqlite]) {
        expect(() => db.prepare("INSERT OR REPLACE INTO audit_log (id, at, actor, action, entity) VALUES (?, '2026-01-01T00:00:00.000Z', '张三', 'login', 'user')").run(id)).toThrow(/append-only/);
        expect(() => db.prepare("REPLACE INTO audit_log (id, at, actor, action, entity) VALUES (?, '2026-01-01T00:00:00.000Z', '张三', 'login', 'user')").run(id)).toThrow(/append-only/);
      }
    } finally {
      other.close();
    }
    expect(app.store.sqlite.prepare('SELECT * FROM audit_log').all()).toEqual(before);
    expect(app.store.sqlite.pragma('recursive_triggers', { simple: true })).toBe(1);
    await app.close();
  });
});

/**
 * The audit log as a hash chain (electron/db/audit-chain.ts, migration 008): every row written
 * by the app links to the one before; a database upgraded from version 7 gets its existing rows
 * chained; rows written by calls running side by side never fork the chain.
 */
describe('the audit chain', () => {
  it('upgrading a version-7 database chains the rows it already has, and changes nothing else', async () => {
    const dir = tempDir('gd-store-');
    const db = new SQLite(path.join(dir, DATABASE_FILE_NAME));
    migrate(db, 0, 7);
    const insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 50; i++) insert.run(`2026-11-${String(1 + (i % 28)).padStart(2, '0')}T02:00:00.000Z`, `经办人${i}`, 'update', 'org_unit', String(i), JSON.stringify({ n: i }));
    const rowsAt7 = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    db.close();

    const store = await openStore({ dataDir: dir });
    try {
      expect(verifyAuditChain(store.sqlite)).toEqual({ ok: true, rows: 50 });
      const rowsAt8 = store.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, unknown>>;
      expect(rowsAt8.map(({ chain_hash: _, ...rest }) => rest)).toEqual(rowsAt7);
      expect(rowsAt8.every((r) => typeof r.chain_hash === 'string' && (r.chain_hash as string).length === 64)).toBe(true);
      expect(checkSchema(store.sqlite, LATEST_SCHEMA_VERSION)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('calls running side by side, refused ones included, keep one unbroken chain', async () => {
    const app = await openTestApp();
    ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '组织部' }));
    const streets = ok<StreetNode[]>(await app.call('units.tree', {}));
    await app.callerFor('viewer'); // the account exists before the burst
    const viewer = app.callAs('viewer');
    const results = await Promise.all(
      streets.flatMap((street, i) => [
        app.call('units.update', { id: street.id, name: `${street.name}`, kind: '街道', note: `并发${i}` }),
        viewer('units.update', { id: street.id, name: 'x', kind: '街道' }), // refused: a 'forbidden' row
        app.call('settings.update', { departmentName: `组织部${i}` }),
      ]),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(streets.length * 2);
    expect(results.filter((r) => !r.ok)).toHaveLength(streets.length);
    const chain = verifyAuditChain(app.store.sqlite);
    expect(chain).toEqual({ ok: true, rows: expect.any(Number) });
    expect((chain as { rows: number }).rows).toBeGreaterThanOrEqual(1 + streets.length * 3);
    await app.close();
  });
});
