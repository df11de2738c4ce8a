import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatcher';
import { hashPassword, SCRYPT_COST } from '../../electron/services/auth/passwords';
import type { Caller as TransportCaller, AppServices } from '../../electron/services/context';
import { afterEach } from 'vitest';
import type { AuditChainRow } from '../../electron/db/audit-chain';
import type { ApiResult } from '../../shared/api/result';
import type { Contract, MethodName } from '../../shared/api/contract';
import type { InputOf, MethodDef, OutputOf } from '../../shared/api/define';
import type { Role } from '../../shared/domain/roles';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RESOURCES_DIR = path.join(REPO_ROOT, 'resources');

export function tempDir(prefix = 'gd-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A method of the contract by name, and what it takes and gives ('units.tree' → its input and output types). */
type DefOf<M extends MethodName> = M extends `${infer N}.${infer K}` ? (N extends keyof Contract ? (K extends keyof Contract[N] ? Contract[N][K] : never) : never) : never;
/**
 * A schema's input type, with the fields zod types as `unknown` (preprocessed text and numbers,
 * which accept anything and check it) made optional, as the page may leave them out.
 */
type Relaxed<T> = T extends readonly (infer E)[]
  ? Relaxed<E>[]
  : T extends object
    ? { [K in keyof T as unknown extends T[K] ? K : never]?: T[K] } & { [K in keyof T as unknown extends T[K] ? never : K]: Relaxed<T[K]> }
    : T;
export type MethodInput<M extends MethodName> = DefOf<M> extends MethodDef ? Relaxed<InputOf<DefOf<M>>> : never;
export type MethodOutput<M extends MethodName> = DefOf<M> extends MethodDef ? OutputOf<DefOf<M>> : never;

/**
 * Calls a method as the app's page would, through the one dispatcher. Method names and inputs are
 * checked by the compiler against the contract: a contract change breaks the test build.
 */
export type Caller = <M extends MethodName>(method: M, input?: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>>;
/** The same call for what the contract does not allow — wrong inputs and unknown names, sent on purpose. */
export type UncheckedCaller = (method: string, input?: unknown) => Promise<ApiResult<unknown>>;

/** The scrypt cost the app ships with (auth.test.ts holds it to this). */
export const SHIPPED_SCRYPT_COST = Object.freeze({ ...SCRYPT_COST });
/**
 * Tests hash with the same algorithm and stored format at a lower cost: the suite logs in and
 * changes passwords hundreds of times. Hashes record their cost, so verifying works either way.
 */
export const TEST_SCRYPT_COST = { N: 1 << 11, r: 8, p: 1 };
Object.assign(SCRYPT_COST, TEST_SCRYPT_COST);

/** The password of every account the helpers create. */
export const TEST_PASSWORD = 'ceshi2026';
/** Hashing is slow on purpose (scrypt); the helpers hash once per test process. */
let testHash: Promise<string> | null = null;

/** A transport-side caller holding a session token, as the host cookie or IPC map would. */
export function newCaller(token: string | null = null): TransportCaller {
  const caller: TransportCaller = { token, setToken: (t) => (caller.token = t) };
  return caller;
}

export interface TestApp extends AppContext {
  dataDir: string;
  store: AppServices['store'];
  /** calls as the administrator 管理员 (created with the app) */
  call: Caller;
  /** `call` for inputs the contract refuses (sent on purpose) */
  callUnchecked: UncheckedCaller;
  /** calls as a user of the given role (created on first use), or logged out (null) */
  callAs(role: Role | null): Caller;
  callAsUnchecked(role: Role | null): UncheckedCaller;
  /** a raw transport caller for a role, to inspect its token */
  callerFor(role: Role | null): Promise<TransportCaller>;
  /**
   * Pins the clock to a new time, as business tests do to check timestamps. The helpers'
   * sessions count as active at that moment, so a jump of days does not idle-lock them (the
   * auth tests move `app.ctx.now` themselves to test the idle lock).
   */
  setClock(at: string | Date): void;
}

/** The user name and display name of the account the helpers create for a role. */
export const testUsername = (role: Role) => `test-${role}`;
export const testDisplayName = (role: Role) => `测试${role}`;

export interface NewUser {
  username: string;
  role: Role;
  displayName?: string;
  /** defaults to TEST_PASSWORD (hashed once per process) */
  password?: string;
  active?: boolean;
  mustChangePassword?: boolean;
}

/** Inserts an account directly (no audit row, no session), as an installer's earlier work would have. */
export async function insertUser(app: { ctx: AppServices }, user: NewUser) {
  const at = app.ctx.now().toISOString();
  const passwordHash = user.password === undefined ? await (testHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(user.password);
  return app.ctx.db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName ?? user.username,
      role: user.role,
      password_hash: passwordHash,
      active: user.active === false ? 0 : 1,
      must_change_password: user.mustChangePassword ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A real app context on a fresh SQLite file in a temp folder, with a pinned clock, and an
 * administrator already logged in (accounts are inserted directly, sessions made directly:
 * the auth tests exercise the login path itself).
 */
export async function openTestApp(dataDir = tempDir(), options: { withAdmin?: boolean } = {}): Promise<TestApp> {
  const app = await createAppContext({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    runtime: 'host',
    appVersion: 'test',
    now: () => new Date('2026-11-22T02:00:00.000Z'),
  });
  const callers = new Map<Role | null, TransportCaller>();
  const callerFor = async (role: Role | null): Promise<TransportCaller> => {
    const known = callers.get(role);
    if (known) return known;
    if (role === null) {
      const anonymous = newCaller();
      callers.set(null, anonymous);
      return anonymous;
    }
    const at = '2026-11-22T02:00:00.000Z';
    const username = testUsername(role);
    // a data folder opened again (reopen tests) already holds the account
    const user =
      (await app.ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ??
      (await app.ctx.db
        .insertInto('users')
        .values({ username, display_name: testDisplayName(role), role, password_hash: await (testHash ??= hashPassword(TEST_PASSWORD)), created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow());
    const session = app.ctx.sessions.create({ userId: user.id, username, displayName: user.display_name, role }, app.ctx.now().getTime());
    const caller = newCaller(session.token);
    callers.set(role, caller);
    return caller;
  };
  const callAsUnchecked = (role: Role | null): UncheckedCaller => async (method, input) => dispatch(app.ctx, method, input, await callerFor(role), { checkOutputs: true });
  const callAs = (role: Role | null): Caller => callAsUnchecked(role) as Caller;
  // `withAdmin: false` leaves the database without any account (first-run tests); `call`
  // then creates the administrator on first use.
  if (options.withAdmin !== false) await callerFor('admin');
  return {
    ...app,
    dataDir,
    get store() {
      return app.ctx.store;
    },
    call: callAs('admin'),
    callUnchecked: callAsUnchecked('admin'),
    callAs,
    callAsUnchecked,
    callerFor,
    setClock(at) {
      const pinned = new Date(at);
      app.ctx.now = () => new Date(pinned);
      for (const caller of callers.values()) {
        const session = app.ctx.sessions.get(caller.token);
        if (session) app.ctx.sessions.touch(session, pinned.getTime());
      }
    },
  };
}

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
export function snapshotDatabase(app: { store: AppServices['store'] }, options: { except?: string[] } = {}): Record<string, unknown[]> {
  const tables = app.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.filter(({ name }) => !options.except?.includes(name)).map(({ name }) => [name, app.store.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
  );
}

/** An audit_log row as stored (its hash chain link included). */
export type AuditRow = AuditChainRow & { chain_hash: string | null };

/** Every audit row, oldest first. */
export function auditRows(app: { store: AppServices['store'] }): AuditRow[] {
  return app.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
}

/** Who the helpers' account of a role is, as an audit row names it (actor, user_id, username). */
export async function auditIdentity(app: TestApp, role: Role): Promise<Pick<AuditRow, 'actor' | 'user_id' | 'username'>> {
  await app.callerFor(role);
  const user = await app.ctx.db.selectFrom('users').selectAll().where('username', '=', testUsername(role)).executeTakeFirstOrThrow();
  return { actor: user.display_name, user_id: user.id, username: user.username };
}

/**
 * For a test file whose tests open apps (or stores, servers …) of their own: everything handed
 * to `track`, and every app made by `open`, is closed after each test, newest first.
 */
export function closedAfterEachTest() {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    while (opened.length) await opened.pop()!.close();
  });
  const track = <T extends { close(): Promise<void> }>(item: T): T => {
    opened.push(item);
    return item;
  };
  return {
    track,
    /** openTestApp, closed after the test */
    open: async (dataDir?: string, options: { withAdmin?: boolean } = {}) => track(await openTestApp(dataDir, options)),
  };
}

/** The clock the helpers pin apps to, and moving an app's clock to so many minutes after it. */
export const TEST_T0 = Date.parse('2026-11-22T02:00:00.000Z');
export const clockAt = (app: { ctx: AppServices }, minutes: number) => {
  app.ctx.now = () => new Date(TEST_T0 + minutes * 60_000);
};

/** A browser tab / window: its own session token, as the transports keep it, and calls through the dispatcher. */
export function tab(app: { ctx: AppServices }, token: string | null = null) {
  const caller = newCaller(token);
  const call = (method: string, input?: unknown): Promise<ApiResult<unknown>> => dispatch(app.ctx, method, input, caller, { checkOutputs: true });
  return { caller, call };
}
export type Tab = ReturnType<typeof tab>;
