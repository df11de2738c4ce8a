import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closedAfterEachTest, ok, snapshotDatabase, tempDir, type TestApp } from '../helpers/test-context';

/**
 * A full disk during a write (issue 10, finding 7). Seen before: SQLite rolled the transaction
 * back by itself on SQLITE_FULL, kysely's own ROLLBACK then failed ("no transaction is active")
 * and that error replaced the real one — the clerk read 程序内部错误. Now the answer is 磁盘空间不足
 * and the database is exactly as it was; once there is room again the same call succeeds.
 *
 * Two ways to fill the disk: SQLite's max_page_count (the database may not grow — a full disk as
 * SQLite sees it, on every machine), and a real 4 MB tmpfs filled to the last byte where this
 * machine lets the test mount one (root on Linux; CI is).
 */

const DISK_FULL = { ok: false, error: { code: 'INTERNAL', message: '磁盘空间不足，本次操作未保存，数据保持原样。请清理磁盘后再试' } };
const SETUP = { countyCode: '370103', departmentName: '中共市中区委组织部' };

const { open } = closedAfterEachTest();
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) execFileSync('umount', ['-l', dir]);
});

const integrity = (app: TestApp) => app.store.sqlite.pragma('integrity_check', { simple: true });

describe('a write that does not fit', () => {
  it('SQLite may not grow the file (max_page_count): 磁盘空间不足, nothing changed, and it works once there is room', async () => {
    const app = await open();
    const before = snapshotDatabase(app);
    const pages = app.store.sqlite.pragma('page_count', { simple: true }) as number;
    app.store.sqlite.pragma(`max_page_count = ${pages}`);

    // loading the district writes its 17 streets and 216 villages with their audit rows: far more than fits
    expect(await app.call('setup.complete', SETUP)).toEqual(DISK_FULL);
    expect(snapshotDatabase(app)).toEqual(before);
    expect(integrity(app)).toBe('ok');

    app.store.sqlite.pragma('max_page_count = 1073741823');
    ok(await app.call('setup.complete', SETUP));
    expect((app.store.sqlite.prepare('SELECT count(*) AS n FROM org_units').get() as { n: number }).n).toBe(17 + 216);
  });

  it('the next calls after a full disk work normally (no transaction left open)', async () => {
    const app = await open();
    const pages = app.store.sqlite.pragma('page_count', { simple: true }) as number;
    app.store.sqlite.pragma(`max_page_count = ${pages}`);
    expect(await app.call('setup.complete', SETUP)).toEqual(DISK_FULL);
    expect(app.store.sqlite.inTransaction).toBe(false);
    // a small write that needs no new page still goes through
    ok(await app.call('users.create', { username: 'jingban1', displayName: '经办人甲', role: 'clerk', password: 'Jingban2026', confirm: 'Jingban2026' }));
  });
});

describe('the error that ends a transaction is the one reported', () => {
  it('when SQLite has already rolled back by itself (as it does on SQLITE_FULL), the rollback does not replace the error', async () => {
    const app = await open();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const outcome = await app.ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'probe', value: '1', updated_at: '2026-12-03' }).execute();
        app.store.sqlite.exec('ROLLBACK'); // what SQLite does on its own after a failed write to a full disk
        throw full;
      })
      .then(
        () => 'committed',
        (error: unknown) => error,
      );
    expect(outcome).toBe(full);
    expect(app.store.sqlite.inTransaction).toBe(false);
    expect(app.store.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key = 'probe'").get()).toEqual({ n: 0 });
  });

  it('an ordinary error is rolled back and reported as it was; the next transaction starts clean', async () => {
    const app = await open();
    const first = new Error('the real reason');
    const outcome = await app.ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'probe', value: '1', updated_at: '2026-12-03' }).execute();
        throw first;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(first);
    await app.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'probe2', value: '1', updated_at: '2026-12-03' }).execute();
    });
    expect(app.store.sqlite.prepare("SELECT key FROM settings WHERE key LIKE 'probe%'").all()).toEqual([{ key: 'probe2' }]);
  });
});

/** Whether this machine lets the test mount a tmpfs (root on Linux). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = tempDir('gd-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.runIf(canMountTmpfs())('a real disk that fills up (4 MB tmpfs)', () => {
  it('磁盘空间不足, the database intact and unchanged; after freeing space the same call succeeds', async () => {
    const dir = tempDir('gd-tmpfs-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
    mounts.push(dir);
    const app = await open(dir);
    ok(await app.call('auth.status'));
    const before = snapshotDatabase(app);

    // fill the disk to the last byte
    const filler = path.join(dir, 'filler.bin');
    const fd = fs.openSync(filler, 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    for (;;) {
      try {
        fs.writeSync(fd, Buffer.alloc(512, 1));
      } catch {
        break;
      }
    }
    fs.closeSync(fd);

    expect(await app.call('setup.complete', SETUP)).toEqual(DISK_FULL);
    expect(snapshotDatabase(app)).toEqual(before);
    expect(integrity(app)).toBe('ok');

    fs.rmSync(filler);
    ok(await app.call('setup.complete', SETUP));
    await app.close(); // (closed again after the test: harmless)

    // closed and read back from the disk: whole, with the district
    const db = new SQLite(path.join(dir, 'grassroots.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM org_units').get() as { n: number }).n).toBe(17 + 216);
    } finally {
      db.close();
    }
  });
});
