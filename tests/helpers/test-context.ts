import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatcher';
import type { ApiResult } from '../../shared/api/result';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RESOURCES_DIR = path.join(REPO_ROOT, 'resources');

export function tempDir(prefix = 'gd-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real app context on a fresh SQLite file in a temp folder, with a pinned clock. */
export async function openTestApp(dataDir = tempDir()): Promise<AppContext & { dataDir: string; call: Caller }> {
  const app = await createAppContext({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    runtime: 'host',
    appVersion: 'test',
    now: () => new Date('2026-11-22T02:00:00.000Z'),
  });
  const call: Caller = (method, input) => dispatch(app.ctx, method, input, { checkOutputs: true });
  return { ...app, dataDir, call };
}

export type Caller = (method: string, input?: unknown) => Promise<ApiResult<unknown>>;

/** Unwraps an ok result or fails the test with the error message. */
export function ok<T = unknown>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A context already set up for 济南市市中区 (370103). */
export async function openShizhongApp() {
  const app = await openTestApp();
  ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' }));
  return app;
}

/** Every row of every table, to assert that a refused call changed nothing. */
export function snapshotDatabase(app: AppContext): Record<string, unknown[]> {
  const tables = app.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, app.store.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
