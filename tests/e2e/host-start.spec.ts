import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';

/** Starting on a bad database file: a clear Chinese message, exit code 1, the file untouched. */
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
  expect(files).toEqual(['grassroots.sqlite']);
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
  expect(files).toEqual(['grassroots.sqlite']);
});
