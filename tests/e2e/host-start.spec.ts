import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';

/**
 * Starting on a bad database file: a clear Chinese message, exit code 1, the file untouched.
 * Starting a second host on a data folder another host holds: refused the same way.
 */
const HOST = path.resolve(import.meta.dirname, '..', '..', 'out', 'main', 'host.js');
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function startOn(prepare: (file: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-start-'));
  const file = path.join(dir, 'grassroots.sqlite');
  prepare(file);
  const before = sha(file);
  const run = spawnSync(process.execPath, [HOST, '--port', '0', '--data-dir', dir], { encoding: 'utf8', timeout: 20_000 });
  return { run, unchanged: sha(file) === before, files: fs.readdirSync(dir).sort() };
}

test('a file that is not a database', () => {
  const { run, unchanged, files } = startOn((file) => fs.writeFileSync(file, crypto.randomBytes(64 * 1024)));
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('数据库文件已损坏或不是本程序的数据文件');
  expect(unchanged).toBe(true);
  // beside the untouched database only the data folder's lock file (electron/db/folder-lock.ts)
  expect(files).toEqual(['grassroots.lock', 'grassroots.sqlite']);
});

test('a database written by a newer version', () => {
  const { run, unchanged, files } = startOn((file) => {
    // a real SQLite file whose schema version is from the future
    const sqlite = spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.exec('CREATE TABLE t(x)');d.pragma('user_version = 99');d.close();`], { encoding: 'utf8' });
    expect(sqlite.status, sqlite.stderr).toBe(0);
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('数据库由更新版本的程序写入');
  expect(unchanged).toBe(true);
  // beside the untouched database only the data folder's lock file (electron/db/folder-lock.ts)
  expect(files).toEqual(['grassroots.lock', 'grassroots.sqlite']);
});

/** Starts a host on `dir` and waits until it answers; the caller kills it. */
function startHost(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [HOST, '--port', '0', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
}

test('a second host on a data folder another host holds: refused, naming the folder and the holder; once it is gone, it starts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-start-'));
  const first = await startHost(dir);
  try {
    const second = spawnSync(process.execPath, [HOST, '--port', '0', '--data-dir', dir], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`无法启动：数据目录“${dir}”正由另一个基层党建台账程序（浏览器版 npm run serve，进程号 ${first.child.pid}`);
    expect(second.stderr).toContain('同一个数据目录同时只能由一个程序打开');
    // the first one did not notice
    expect((await fetch(`${first.url}api/health`)).status).toBe(200);
  } finally {
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
  }
  // killed without a chance to clean up: the lock went with it
  const third = await startHost(dir);
  try {
    expect((await fetch(`${third.url}api/health`)).status).toBe(200);
  } finally {
    third.child.kill('SIGTERM');
  }
});

test('a burst of 200 logins at once for one account through the host: only the first five passwords are tried; the right one at #150 is refused as locked', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-start-'));
  const host = await startHost(dir);
  try {
    const origin = new URL(host.url).origin;
    const post = (method: string, body: unknown) =>
      fetch(`${host.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
    const created = await post('auth.createFirstAdmin', { username: 'admin', displayName: '王管理', password: 'guanli2026', confirm: 'guanli2026' });
    expect(created.status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post('auth.login', { username: 'admin', password: i === 150 ? 'guanli2026' : `wrong-${i}-pass` }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; error?: { message: string } } }))),
    );
    expect(answers[150]!.body.ok).toBe(false);
    expect(answers[150]!.body.error!.message).toMatch(/账户已锁定/);
    const wrong = answers.filter((a) => a.body.error?.message.startsWith('用户名或密码不正确'));
    const lockedNow = answers.filter((a) => a.body.error?.message.startsWith('密码连续输错'));
    const lockedUntil = answers.filter((a) => a.body.error?.message.startsWith('密码输错次数过多，账户已锁定至'));
    expect(wrong.length + lockedNow.length).toBe(5);
    expect(lockedNow).toHaveLength(1);
    expect(lockedUntil).toHaveLength(195);
    expect(answers.every((a) => !a.body.ok)).toBe(true);
  } finally {
    host.child.kill('SIGTERM');
  }
});
