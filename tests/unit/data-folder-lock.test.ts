import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/core/app-context';
import { toApiError } from '../../electron/core/dispatcher';
import { LOCK_FILE_NAME } from '../../electron/db/folder-lock';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open-store';
import { StoreOpenError } from '../../electron/db/store-errors';
import { closedAfterEachTest, ok, REPO_ROOT, RESOURCES_DIR, tempDir, type TestApp } from '../helpers/test-context';

/**
 * One writer per data folder (issue 10, finding 1). Seen before: a second app on the same folder
 * opened without a word; one restored a backup while the other's clerk went on writing into the
 * replaced, deleted file. Now the store holds an OS-level lock on the folder for its lifetime; a
 * second opener — in this process or another — is refused with a message naming the folder and
 * who holds it; a crashed holder's lock is gone with it. Write transactions take the write lock
 * when they begin (BEGIN IMMEDIATE), and every busy outcome has a Chinese message.
 */

const HOLDER = path.join(REPO_ROOT, 'tests', 'helpers', 'hold-data-folder.ts');
const HOOKS = path.join(REPO_ROOT, 'tests', 'helpers', 'ts-hooks.mjs');

const { open: openApp, track } = closedAfterEachTest();
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function openContext(dir: string, runtime: 'electron' | 'host' = 'host'): Promise<AppContext> {
  return track(await createAppContext({ dataDir: dir, resourcesDir: RESOURCES_DIR, runtime, appVersion: 'test' }));
}

async function refusal(open: Promise<unknown>): Promise<StoreOpenError> {
  const error = await open.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StoreOpenError)) throw new Error(`expected a StoreOpenError, got ${String(error)}`);
  return error;
}

/** Another process holding the folder with the app's own openStore. */
function holdInChild(dir: string): Promise<{ child: ChildProcessWithoutNullStreams; pid: number }> {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', HOOKS, HOLDER, dir], { stdio: 'pipe' });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`holder did not start: ${out} ${err}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\d+)\n/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, pid: Number(ready[1]) });
      } else if (out.includes('refused')) {
        clearTimeout(timer);
        reject(new Error(out));
      }
    });
  });
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** A write through the API: a new account (needs no district set up). */
const addClerk = (app: TestApp, username: string) => app.call('users.create', { username, displayName: '经办人甲', role: 'clerk', password: 'Jingban2026', confirm: 'Jingban2026' });

const countUsers = (file: string, username: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM users WHERE username = ?').get(username) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('one program per data folder', () => {
  it('a second opener in the same process is refused, naming the folder and the holder; the first goes on', async () => {
    const dir = tempDir();
    const first = await openApp(dir);
    const error = await refusal(openContext(dir, 'electron'));
    expect(error.problem).toBe('in_use');
    expect(error.userMessage).toContain(`数据目录“${dir}”正由另一个基层党建台账程序`);
    expect(error.userMessage).toContain(`进程号 ${process.pid}`);
    expect(error.userMessage).toContain('浏览器版 npm run serve');
    expect(error.userMessage).toContain('同一个数据目录同时只能由一个程序打开');
    // the first instance is untouched and keeps working
    ok(await addClerk(first, 'jingban1'));
    expect(countUsers(path.join(dir, DATABASE_FILE_NAME), 'jingban1')).toBe(1);
    // a plain openStore (a tool, a test) is refused the same way
    expect((await refusal(openStore({ dataDir: dir }))).problem).toBe('in_use');
  });

  it('once the holder closes, the folder opens again', async () => {
    const dir = tempDir();
    const first = await openContext(dir);
    await first.close();
    const second = await openContext(dir);
    expect(second.ctx.store.folderLock.held).toBe(true);
  });

  it('another process holding the folder: refused with its process number and kind, nothing written', async () => {
    const dir = tempDir();
    const seeded = await openApp(dir);
    ok(await addClerk(seeded, 'jingban1'));
    await seeded.close(); // closing twice (again after the test) is harmless

    const { pid } = await holdInChild(dir);
    const error = await refusal(openContext(dir));
    expect(error.problem).toBe('in_use');
    expect(error.userMessage).toContain(`进程号 ${pid}`);
    expect(error.userMessage).toContain('桌面程序');
    expect(error.userMessage).toContain(dir);
    expect(countUsers(path.join(dir, DATABASE_FILE_NAME), 'jingban1')).toBe(1);
  });

  it('a holder killed with SIGKILL leaves no lock behind: the folder opens at once, data intact', async () => {
    const dir = tempDir();
    const seeded = await openApp(dir);
    ok(await addClerk(seeded, 'jingban1'));
    await seeded.close(); // closing twice (again after the test) is harmless

    const { child } = await holdInChild(dir);
    expect((await refusal(openContext(dir))).problem).toBe('in_use');
    child.kill('SIGKILL');
    await exited(child);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true); // the file stays; its lock went with the process
    const reopened = await openApp(dir);
    const users = ok(await reopened.call('users.list')) as Array<{ username: string }>;
    expect(users.map((u) => u.username)).toContain('jingban1');
  });

  it('two openers racing for a fresh folder: exactly one wins', async () => {
    const dir = tempDir();
    const results = await Promise.allSettled([openContext(dir), openContext(dir), openContext(dir)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as StoreOpenError).problem).toBe('in_use');
  });

  it('a restore keeps the lock through closing and reopening the store', async () => {
    const app = await openApp(tempDir());
    const made = ok(await app.call('backups.create', {})) as { name: string };
    const lock = app.ctx.store.folderLock;
    ok(await app.call('backups.restore', { ref: { location: 'default', name: made.name } }));
    expect(app.ctx.store.folderLock).toBe(lock);
    expect(lock.held).toBe(true);
    expect((await refusal(openContext(app.dataDir))).problem).toBe('in_use');
  });
});

describe('write transactions begin IMMEDIATE; busy has a Chinese message', () => {
  it('a transaction holds the write lock from its first statement, before it writes', async () => {
    const app = await openApp(tempDir());
    const other = new SQLite(app.ctx.databaseFile, { timeout: 0 });
    try {
      let otherCouldWrite: boolean | null = null;
      await app.ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('settings').selectAll().execute(); // reads only, so far
        try {
          other.exec('BEGIN IMMEDIATE');
          other.exec('ROLLBACK');
          otherCouldWrite = true;
        } catch (error) {
          expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
          otherCouldWrite = false;
        }
      });
      expect(otherCouldWrite).toBe(false);
    } finally {
      other.close();
    }
  });

  it('a write meeting another writer answers 数据库正忙 and saves nothing', async () => {
    const app = await openApp(tempDir());
    app.ctx.store.sqlite.pragma('busy_timeout = 50');
    const other = new SQLite(app.ctx.databaseFile, { timeout: 0 });
    try {
      other.exec('BEGIN IMMEDIATE');
      const result = await addClerk(app, 'jingban1');
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '数据库正忙，请稍后再试；本次操作未保存' } });
      other.exec('ROLLBACK');
      expect(countUsers(app.ctx.databaseFile, 'jingban1')).toBe(0);
    } finally {
      other.close();
    }
  });

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'])('%s → 数据库正忙', (code) => {
    const error = Object.assign(new Error('database is locked'), { code });
    expect(toApiError(error, 'funds.postDisbursement', {})).toEqual({ code: 'INTERNAL', message: '数据库正忙，请稍后再试；本次操作未保存' });
  });
});
