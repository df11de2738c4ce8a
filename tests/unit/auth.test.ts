import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../electron/services/auth/passwords';
import type { AuthStatus, CurrentUser } from '../../shared/api/auth';
import type { ApiResult } from '../../shared/api/result';
import type { UserRow } from '../../shared/api/users';
import { hasChinese, refused } from '../helpers/fixtures';
import {
  auditRows,
  clockAt,
  closedAfterEachTest,
  insertUser,
  tab,
  type Tab,
  ok,
  snapshotDatabase,
  SHIPPED_SCRYPT_COST,
  TEST_PASSWORD,
  TEST_SCRYPT_COST,
  testUsername,
  type AuditRow,
  type TestApp,
} from '../helpers/test-context';

/** 本机账户: first administrator, login, lock-out, idle lock, passwords, logout. */

const apps = closedAfterEachTest();
const open = (options: { withAdmin?: boolean } = {}) => apps.open(undefined, options);
const at = clockAt;
const client = tab;
type Client = Tab;

async function loginAs(app: TestApp, username: string, password = TEST_PASSWORD): Promise<Client> {
  const c = client(app);
  ok(await c.call('auth.login', { username, password }));
  return c;
}

const userRow = (app: TestApp, username: string) =>
  app.store.sqlite.prepare('SELECT * FROM users WHERE username = ?').get(username) as {
    id: number;
    failed_attempts: number;
    locked_until: string | null;
    last_login_at: string | null;
    must_change_password: number;
    password_hash: string;
    active: number;
    role: string;
  };
const lastAudit = (app: TestApp) => auditRows(app).at(-1)!;
const newRows = (app: TestApp, before: AuditRow[]) => auditRows(app).slice(before.length);
/** The lock-out end as the message shows it: local time, hours and minutes. */
const clock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

const FIRST_ADMIN = { username: 'wanghong', displayName: '王红', password: 'dangjian2026', confirm: 'dangjian2026' };

describe('the first administrator', () => {
  it('on an empty database: created by whoever installs, logged in at once, logged', async () => {
    const app = await open({ withAdmin: false });
    const c = client(app);
    expect(ok<AuthStatus>(await c.call('auth.status'))).toEqual({ hasUsers: false, user: null, locked: false, idleLockMinutes: 15 });
    const user = ok<CurrentUser>(await c.call('auth.createFirstAdmin', FIRST_ADMIN));
    expect(user).toEqual({ id: expect.any(Number), username: 'wanghong', displayName: '王红', role: 'admin', mustChangePassword: false });
    // the caller now holds a session of that administrator
    expect(c.caller.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(app.ctx.sessions.get(c.caller.token)).toMatchObject({ userId: user.id, role: 'admin', locked: false });
    expect(ok<AuthStatus>(await c.call('auth.status'))).toMatchObject({ hasUsers: true, user, locked: false });
    expect(ok(await c.call('users.list'))).toHaveLength(1);
    const rows = auditRows(app);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'user', entity_id: String(user.id), user_id: user.id, username: 'wanghong', actor: '王红' });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual({ username: 'wanghong', displayName: '王红', role: 'admin', firstAdmin: true });
    expect(userRow(app, 'wanghong').password_hash).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT_COST.N}\\$8\\$1\\$[A-Za-z0-9+/=]{20,}\\$[A-Za-z0-9+/=]{40,}$`));
  });

  it('only while there are no users: a second attempt is CONFLICT and changes nothing', async () => {
    const app = await open({ withAdmin: false });
    ok(await client(app).call('auth.createFirstAdmin', FIRST_ADMIN));
    const before = snapshotDatabase(app);
    const intruder = client(app);
    const error = refused(await intruder.call('auth.createFirstAdmin', { ...FIRST_ADMIN, username: 'intruder' }));
    expect(error).toEqual({ code: 'CONFLICT', message: '管理员账户已经存在，请直接登录' });
    expect(intruder.caller.token).toBeNull();
    expect(snapshotDatabase(app)).toEqual(before);
    expect(app.ctx.sessions.list()).toHaveLength(1);
  });

  it('two first-admin attempts at once: exactly one account', async () => {
    const app = await open({ withAdmin: false });
    const results = await Promise.all([
      client(app).call('auth.createFirstAdmin', FIRST_ADMIN),
      client(app).call('auth.createFirstAdmin', { ...FIRST_ADMIN, username: 'lisi' }),
    ]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(app.store.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
  });

  it.each([
    [{ password: 'abc12', confirm: 'abc12' }, 'password', '密码至少8位'],
    [{ password: 'abcdefghij', confirm: 'abcdefghij' }, 'password', '密码须同时包含字母和数字'],
    [{ password: '1234567890', confirm: '1234567890' }, 'password', '密码须同时包含字母和数字'],
    [{ password: 'x1'.repeat(33), confirm: 'x1'.repeat(33) }, 'password', '密码不能超过64位'],
    [{ confirm: 'dangjian2027' }, 'confirm', '两次输入的密码不一致'],
    [{ username: 'a' }, 'username', '用户名至少2个字符'],
    [{ username: 'wang hong' }, 'username', '用户名只能包含汉字、字母、数字、下划线、点和连字符'],
    [{ displayName: '  ' }, 'displayName', '姓名不能为空'],
  ])('refuses %j: the field %s gets a Chinese message', async (change, field, message) => {
    const app = await open({ withAdmin: false });
    const before = snapshotDatabase(app);
    const error = refused(await client(app).call('auth.createFirstAdmin', { ...FIRST_ADMIN, ...change }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[field]).toBe(message);
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('login', () => {
  async function withClerk() {
    const app = await open();
    const clerk = await insertUser(app, { username: 'zhangsan', displayName: '张三', role: 'clerk' });
    return { app, clerk };
  }

  it('sets the session on the caller, resets the counters and writes a login row', async () => {
    const { app, clerk } = await withClerk();
    app.store.sqlite.prepare('UPDATE users SET failed_attempts = 2 WHERE id = ?').run(clerk.id);
    const c = client(app);
    const user = ok<CurrentUser>(await c.call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
    expect(user).toEqual({ id: clerk.id, username: 'zhangsan', displayName: '张三', role: 'clerk', mustChangePassword: false });
    expect(app.ctx.sessions.get(c.caller.token)).toMatchObject({ userId: clerk.id, username: 'zhangsan', role: 'clerk', locked: false });
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: 0, locked_until: null, last_login_at: '2026-11-22T02:00:00.000Z' });
    expect(lastAudit(app)).toMatchObject({ action: 'login', entity: 'user', entity_id: String(clerk.id), user_id: clerk.id, username: 'zhangsan', actor: '张三' });
    // the session is the clerk's: may edit records, may not manage accounts
    expect(refused(await c.call('users.list')).code).toBe('FORBIDDEN');
    expect(ok<AuthStatus>(await c.call('auth.status')).user?.username).toBe('zhangsan');
  });

  it('the user name is not case-sensitive and is trimmed', async () => {
    const { app, clerk } = await withClerk();
    const user = ok<CurrentUser>(await client(app).call('auth.login', { username: '  ZhangSan ', password: TEST_PASSWORD }));
    expect(user.id).toBe(clerk.id);
  });

  it('logging in again on the same caller ends its previous session', async () => {
    const { app } = await withClerk();
    const c = await loginAs(app, 'zhangsan');
    const first = c.caller.token!;
    ok(await c.call('auth.login', { username: testUsername('admin'), password: TEST_PASSWORD }));
    expect(c.caller.token).not.toBe(first);
    expect(app.ctx.sessions.get(first)).toBeUndefined();
  });

  it('a wrong password: Chinese message with the attempts left, a login_failed row, the counter up, no session', async () => {
    const { app, clerk } = await withClerk();
    const c = client(app);
    const before = auditRows(app);
    const error = refused(await c.call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('用户名或密码不正确（再输错 4 次，账户将锁定 15 分钟）');
    expect(error.fields?.password).toBeTruthy();
    expect(c.caller.token).toBeNull();
    expect(userRow(app, 'zhangsan').failed_attempts).toBe(1);
    const rows = newRows(app, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'login_failed', entity: 'user', entity_id: String(clerk.id), user_id: clerk.id, username: 'zhangsan' });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual({ username: 'zhangsan', reason: 'wrong password' });
    // the next one counts down
    expect(refused(await c.call('auth.login', { username: 'zhangsan', password: 'wrong-pass-2' })).message).toContain('再输错 3 次');
    expect(userRow(app, 'zhangsan').failed_attempts).toBe(2);
  });

  it('an unknown user name gets the same answer as a wrong password (no telling which names exist), and is logged', async () => {
    const { app } = await withClerk();
    const wrongPassword = await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' });
    const before = auditRows(app);
    const unknown = await client(app).call('auth.login', { username: 'lisi', password: 'wrong-pass-1' });
    expect(unknown).toEqual(wrongPassword);
    const rows = newRows(app, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'login_failed', entity: 'user', entity_id: null, user_id: null, username: 'lisi' });
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ username: 'lisi' });
  });

  it("a failed login from a window where someone is logged in is not put on that person's account", async () => {
    const { app, clerk } = await withClerk();
    const c = await loginAs(app, 'zhangsan');
    await c.call('auth.login', { username: 'lisi', password: 'wrong-pass-1' });
    expect(lastAudit(app)).toMatchObject({ action: 'login_failed', user_id: null, username: 'lisi', actor: 'lisi' });
    await c.call('auth.login', { username: testUsername('admin'), password: 'wrong-pass-1' });
    expect(lastAudit(app)).toMatchObject({ action: 'login_failed', username: testUsername('admin') });
    expect(lastAudit(app).user_id).not.toBe(clerk.id);
  });

  it('an unknown user name keeps answering like a real account, through to the lock-out', async () => {
    const { app } = await withClerk();
    const max = app.ctx.security.maxFailedLogins;
    for (let i = 1; i <= max + 1; i++) {
      const real = await client(app).call('auth.login', { username: 'zhangsan', password: `wrong-pass-${i}` });
      const unknown = await client(app).call('auth.login', { username: 'lisi', password: `wrong-pass-${i}` });
      expect(unknown, `attempt ${i}`).toEqual(real);
    }
  });

  it(`locks the account after maxFailedLogins wrong passwords; the message names the time; the right password is refused while locked`, async () => {
    const { app, clerk } = await withClerk();
    const max = app.ctx.security.maxFailedLogins;
    expect(max).toBe(5);
    for (let i = 1; i < max; i++) expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' })).code).toBe('VALIDATION');
    const lockedOut = refused(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' }));
    expect(lockedOut.code).toBe('FORBIDDEN');
    expect(lockedOut.message).toBe('密码连续输错 5 次，账户已锁定 15 分钟。请稍后再试，或请管理员解锁');
    expect(userRow(app, 'zhangsan').locked_until).toBe('2026-11-22T02:15:00.000Z');
    expect(JSON.parse(lastAudit(app).after_json!)).toEqual({ username: 'zhangsan', reason: 'wrong password, locked out' });

    // five minutes later, even the right password is refused, naming the time it opens again
    at(app, 5);
    const c = client(app);
    const stillLocked = refused(await c.call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
    expect(stillLocked.code).toBe('FORBIDDEN');
    expect(stillLocked.message).toBe(`密码输错次数过多，账户已锁定至 ${clock('2026-11-22T02:15:00.000Z')}。请稍后再试，或请管理员解锁`);
    expect(stillLocked.message).toMatch(/锁定至 \d{2}:\d{2}/);
    expect(c.caller.token).toBeNull();
    expect(lastAudit(app)).toMatchObject({ action: 'login_failed', user_id: clerk.id });
    expect(JSON.parse(lastAudit(app).after_json!)).toEqual({ username: 'zhangsan', reason: 'locked out' });
  });

  it('an administrator unlocks a locked-out account (users.unlock) and the user gets in', async () => {
    const { app, clerk } = await withClerk();
    for (let i = 0; i < 5; i++) await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' });
    expect(userRow(app, 'zhangsan').locked_until).not.toBeNull();
    const row = ok<UserRow>(await app.call('users.unlock', { id: clerk.id }));
    expect(row).toMatchObject({ id: clerk.id, failedAttempts: 0, lockedUntil: null });
    expect(lastAudit(app)).toMatchObject({ action: 'unlock', entity: 'user', entity_id: String(clerk.id), username: testUsername('admin') });
    ok(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
  });

  it('the lock-out ends by itself after lockoutMinutes, with a fresh count', async () => {
    const { app } = await withClerk();
    for (let i = 0; i < 5; i++) await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' });
    at(app, 14);
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).code).toBe('FORBIDDEN');
    at(app, 15.01);
    // a wrong password after the lock-out counts from the start again
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' })).message).toContain('再输错 4 次');
    ok(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: 0, locked_until: null });
  });

  it('follows the security settings (fewer attempts, longer lock-out)', async () => {
    const { app } = await withClerk();
    app.ctx.security = { ...app.ctx.security, maxFailedLogins: 3, lockoutMinutes: 60 };
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' })).message).toBe(
      '用户名或密码不正确（再输错 2 次，账户将锁定 60 分钟）',
    );
    await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' });
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' })).message).toContain('账户已锁定 60 分钟');
    expect(userRow(app, 'zhangsan').locked_until).toBe('2026-11-22T03:00:00.000Z');
  });

  it('wrong passwords sent all at once still lock the account (no race past the counter)', async () => {
    const { app } = await withClerk();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => client(app).call('auth.login', { username: 'zhangsan', password: `wrong-pass-${i}` })));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(userRow(app, 'zhangsan').locked_until).not.toBeNull();
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).code).toBe('FORBIDDEN');
    const failures = auditRows(app).filter((r) => r.action === 'login_failed');
    expect(failures).toHaveLength(13);
  });

  it('a deactivated account cannot log in', async () => {
    const { app, clerk } = await withClerk();
    ok(await app.call('users.update', { id: clerk.id, displayName: '张三', role: 'clerk', active: false }));
    const c = client(app);
    const error = refused(await c.call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('停用');
    expect(c.caller.token).toBeNull();
    expect(lastAudit(app)).toMatchObject({ action: 'login_failed', user_id: clerk.id });
    expect(JSON.parse(lastAudit(app).after_json!)).toEqual({ username: 'zhangsan', reason: 'inactive' });
  });

  it('a deactivated account does not tell a wrong password it is deactivated', async () => {
    const { app, clerk } = await withClerk();
    ok(await app.call('users.update', { id: clerk.id, displayName: '张三', role: 'clerk', active: false }));
    const deactivated = await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' });
    const unknown = await client(app).call('auth.login', { username: 'nobody', password: 'wrong-pass-1' });
    expect(deactivated).toEqual(unknown);
  });

  it.each([
    [{ username: '', password: 'x' }, 'username', '请填写用户名'],
    [{ username: 'zhangsan', password: '' }, 'password', '请填写密码'],
    [{ username: 'zhangsan' }, 'password', '请填写密码'],
    [{ username: 'x'.repeat(33), password: 'x' }, 'username', '用户名不能超过32个字符'],
  ])('refuses %j before looking anything up', async (input, field, message) => {
    const { app } = await withClerk();
    const before = snapshotDatabase(app);
    const error = refused(await client(app).call('auth.login', input));
    expect(error.fields?.[field]).toBe(message);
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('sessions end when the account changes', () => {
  async function clerkLoggedIn() {
    const app = await open();
    const clerk = await insertUser(app, { username: 'zhangsan', displayName: '张三', role: 'clerk' });
    const tab1 = await loginAs(app, 'zhangsan');
    const tab2 = await loginAs(app, 'zhangsan');
    const other = await app.callerFor('viewer');
    return { app, clerk, tabs: [tab1, tab2], other };
  }
  const expectLoggedOut = async (tabs: Client[]) => {
    for (const tab of tabs) expect(refused(await tab.call('units.tree', {})).code).toBe('UNAUTHENTICATED');
  };

  it('deactivating ends every session of the account', async () => {
    const { app, clerk, tabs, other } = await clerkLoggedIn();
    ok(await tabs[0]!.call('units.tree', {}));
    ok(await app.call('users.update', { id: clerk.id, displayName: '张三', role: 'clerk', active: false }));
    await expectLoggedOut(tabs);
    expect(app.ctx.sessions.get(other.token)).toBeDefined();
  });

  it('a role change ends its sessions (the new role applies from the next login)', async () => {
    const { app, clerk, tabs } = await clerkLoggedIn();
    ok(await app.call('users.update', { id: clerk.id, displayName: '张三', role: 'viewer', active: true }));
    await expectLoggedOut(tabs);
    const again = await loginAs(app, 'zhangsan');
    expect(ok<AuthStatus>(await again.call('auth.status')).user?.role).toBe('viewer');
    expect(refused(await again.call('units.create', { level: 'street', code: '370103099', name: '新区街道', kind: '街道' })).code).toBe('FORBIDDEN');
  });

  it('a name change alone keeps the sessions', async () => {
    const { app, clerk, tabs } = await clerkLoggedIn();
    ok(await app.call('users.update', { id: clerk.id, displayName: '张三丰', role: 'clerk', active: true }));
    for (const tab of tabs) ok(await tab.call('units.tree', {}));
  });

  it('a password reset by the administrator ends the sessions and asks for a new password at next login', async () => {
    const { app, clerk, tabs } = await clerkLoggedIn();
    const row = ok<UserRow>(await app.call('users.resetPassword', { id: clerk.id, password: 'chongzhi2026', confirm: 'chongzhi2026' }));
    expect(row).toMatchObject({ mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
    await expectLoggedOut(tabs);
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).code).toBe('VALIDATION');
    const c = client(app);
    expect(ok<CurrentUser>(await c.call('auth.login', { username: 'zhangsan', password: 'chongzhi2026' })).mustChangePassword).toBe(true);
    // until the password is changed, the server itself refuses everything but auth.*
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const held = refused(await c.call('units.tree'));
    expect(held).toEqual({ code: 'FORBIDDEN', message: '您的密码由管理员设置，请先修改密码' });
    expect(refused(await c.call('units.create', { level: 'street', code: '370103099', name: '测试街道', kind: '街道' })).message).toBe('您的密码由管理员设置，请先修改密码');
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    ok(await c.call('auth.changePassword', { currentPassword: 'chongzhi2026', password: 'zijide2026', confirm: 'zijide2026' }));
    expect(ok<AuthStatus>(await c.call('auth.status')).user?.mustChangePassword).toBe(false);
    ok(await c.call('units.tree'));
    expect(lastAudit(app)).toMatchObject({ action: 'password_change', user_id: clerk.id, username: 'zhangsan' });
  });
});

describe('changing one\'s own password', () => {
  async function clerk() {
    const app = await open();
    const user = await insertUser(app, { username: 'zhangsan', displayName: '张三', role: 'clerk' });
    return { app, user, c: await loginAs(app, 'zhangsan') };
  }

  it('needs the right current password; the new one works, the old one no longer', async () => {
    const { app, user, c } = await clerk();
    const hashBefore = userRow(app, 'zhangsan').password_hash;
    ok(await c.call('auth.changePassword', { currentPassword: TEST_PASSWORD, password: 'xinmima2027', confirm: 'xinmima2027' }));
    const hashAfter = userRow(app, 'zhangsan').password_hash;
    expect(hashAfter).not.toBe(hashBefore);
    expect(hashAfter).toMatch(/^scrypt\$/);
    expect(lastAudit(app)).toMatchObject({ action: 'password_change', entity: 'user', entity_id: String(user.id), user_id: user.id, before_json: null, after_json: null });
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).code).toBe('VALIDATION');
    ok(await client(app).call('auth.login', { username: 'zhangsan', password: 'xinmima2027' }));
  });

  it('a wrong current password is refused on its field and counts toward the lock-out; the password is unchanged', async () => {
    const { app, c } = await clerk();
    const before = snapshotDatabase(app, { except: ['users', 'audit_log'] });
    const hashBefore = userRow(app, 'zhangsan').password_hash;
    const logBefore = auditRows(app);
    const error = refused(await c.call('auth.changePassword', { currentPassword: 'wrong-pass-1', password: 'xinmima2027', confirm: 'xinmima2027' }));
    const message = '原密码不正确（再输错 4 次，账户将锁定 15 分钟）';
    expect(error).toEqual({ code: 'VALIDATION', message, fields: { currentPassword: message } });
    expect(userRow(app, 'zhangsan')).toMatchObject({ password_hash: hashBefore, failed_attempts: 1 });
    expect(newRows(app, logBefore).map((r) => r.action)).toEqual(['login_failed']);
    expect(snapshotDatabase(app, { except: ['users', 'audit_log'] })).toEqual(before);
  });

  it('guessing the current password in an unattended window locks the account and ends the session', async () => {
    const { c } = await clerk();
    for (let i = 0; i < 4; i++) refused(await c.call('auth.changePassword', { currentPassword: `wrong-pass-${i}`, password: 'xinmima2027', confirm: 'xinmima2027' }));
    const error = refused(await c.call('auth.changePassword', { currentPassword: 'wrong-pass-9', password: 'xinmima2027', confirm: 'xinmima2027' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/账户已锁定 15 分钟/);
    expect(refused(await c.call('units.tree')).code).toBe('UNAUTHENTICATED');
  });

  it('a changed password logs out the other windows of the same account, not this one', async () => {
    const { app, c } = await clerk();
    const other = await loginAs(app, 'zhangsan');
    ok(await c.call('auth.changePassword', { currentPassword: TEST_PASSWORD, password: 'xinmima2027', confirm: 'xinmima2027' }));
    expect(refused(await other.call('units.tree')).code).toBe('UNAUTHENTICATED');
    ok(await c.call('units.tree'));
  });

  it('refuses reusing the current password', async () => {
    const { app, c } = await clerk();
    const before = snapshotDatabase(app);
    const error = refused(await c.call('auth.changePassword', { currentPassword: TEST_PASSWORD, password: TEST_PASSWORD, confirm: TEST_PASSWORD }));
    expect(error.fields?.password).toBe('新密码不能与原密码相同');
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it.each([
    [{ password: 'short1', confirm: 'short1' }, 'password', '新密码至少8位'],
    [{ password: 'nodigitshere', confirm: 'nodigitshere' }, 'password', '新密码须同时包含字母和数字'],
    [{ password: '20262026', confirm: '20262026' }, 'password', '新密码须同时包含字母和数字'],
    [{ password: 'xinmima2027', confirm: 'xinmima2028' }, 'confirm', '两次输入的密码不一致'],
    [{ password: 'xinmima2027', confirm: 'xinmima2027', currentPassword: '' }, 'currentPassword', '请填写原密码'],
  ])('refuses %j: %s gets a Chinese message naming the field', async (change, field, message) => {
    const { app, c } = await clerk();
    const before = snapshotDatabase(app);
    const error = refused(await c.call('auth.changePassword', { currentPassword: TEST_PASSWORD, ...change }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[field]).toBe(message);
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

describe('idle lock', () => {
  async function clerkAt0() {
    const app = await open();
    const user = await insertUser(app, { username: 'zhangsan', displayName: '张三', role: 'clerk' });
    return { app, user, c: await loginAs(app, 'zhangsan') };
  }

  it(`locks a session idle for longer than idleLockMinutes; status says so; unlock with the password`, async () => {
    const { app, user, c } = await clerkAt0();
    expect(app.ctx.security.idleLockMinutes).toBe(15);
    at(app, 15);
    ok(await c.call('units.tree', {})); // exactly 15 minutes idle: still open, and active again
    at(app, 30.01);
    const locked = refused(await c.call('units.tree', {}));
    expect(locked).toEqual({ code: 'LOCKED', message: '长时间未操作，程序已锁定，请输入密码解锁' });
    expect(ok<AuthStatus>(await c.call('auth.status'))).toMatchObject({ locked: true, user: { username: 'zhangsan' } });
    const token = c.caller.token;
    const unlocked = ok<CurrentUser>(await c.call('auth.unlock', { password: TEST_PASSWORD }));
    expect(unlocked.username).toBe('zhangsan');
    expect(c.caller.token).toBe(token);
    ok(await c.call('units.tree', {}));
    expect(lastAudit(app)).toMatchObject({ action: 'unlock', entity: 'user', entity_id: String(user.id), user_id: user.id, username: 'zhangsan' });
  });

  it('heartbeats keep the session open; status and locked calls do not count as activity', async () => {
    const { app, c } = await clerkAt0();
    for (let m = 10; m <= 60; m += 10) {
      at(app, m);
      ok(await c.call('auth.heartbeat'));
    }
    ok(await c.call('units.tree', {}));
    at(app, 70);
    ok(await c.call('auth.status'));
    at(app, 76);
    ok(await c.call('auth.status'));
    expect(refused(await c.call('units.tree', {})).code).toBe('LOCKED');
  });

  it('auth.lock locks at once (leaving the desk)', async () => {
    const { c } = await clerkAt0();
    expect(ok(await c.call('auth.lock'))).toEqual({ done: true });
    expect(refused(await c.call('units.tree', {})).code).toBe('LOCKED');
    ok(await c.call('auth.unlock', { password: TEST_PASSWORD }));
    ok(await c.call('units.tree', {}));
  });

  it('wrong unlock passwords count toward the lock-out, and the lock-out ends the session', async () => {
    const { app, user, c } = await clerkAt0();
    ok(await c.call('auth.lock'));
    for (let left = 4; left >= 1; left--) {
      const error = refused(await c.call('auth.unlock', { password: 'wrong-pass-1' }));
      expect(error.message).toContain(`再输错 ${left} 次`);
      expect(c.caller.token).not.toBeNull();
    }
    expect(userRow(app, 'zhangsan').failed_attempts).toBe(4);
    const lockedOut = refused(await c.call('auth.unlock', { password: 'wrong-pass-1' }));
    expect(lockedOut.code).toBe('FORBIDDEN');
    expect(lockedOut.message).toContain('账户已锁定 15 分钟');
    expect(c.caller.token).toBeNull();
    expect(app.ctx.sessions.list().filter((s) => s.userId === user.id)).toEqual([]);
    const failures = auditRows(app).filter((r) => r.action === 'login_failed');
    expect(failures).toHaveLength(5);
    expect(failures.every((r) => r.user_id === user.id)).toBe(true);
    expect(refused(await c.call('units.tree', {})).code).toBe('UNAUTHENTICATED');
    expect(refused(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).code).toBe('FORBIDDEN');
  });

  it('unlocking an account locked out elsewhere ends this session too', async () => {
    const { app, c } = await clerkAt0();
    ok(await c.call('auth.lock'));
    for (let i = 0; i < 5; i++) await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' });
    const error = refused(await c.call('auth.unlock', { password: TEST_PASSWORD }));
    expect(error.code).toBe('FORBIDDEN');
    expect(c.caller.token).toBeNull();
  });

  it('a deactivated account cannot unlock; its session is gone', async () => {
    const { app, user, c } = await clerkAt0();
    ok(await c.call('auth.lock'));
    ok(await app.call('users.update', { id: user.id, displayName: '张三', role: 'clerk', active: false }));
    expect(refused(await c.call('auth.unlock', { password: TEST_PASSWORD })).code).toBe('UNAUTHENTICATED');
    expect(c.caller.token).toBeNull();
  });
});

describe('logout', () => {
  it('ends the session, clears the caller, writes a logout row; later calls need a login', async () => {
    const app = await open();
    const user = await insertUser(app, { username: 'zhangsan', displayName: '张三', role: 'viewer' });
    const c = await loginAs(app, 'zhangsan');
    const token = c.caller.token!;
    expect(ok(await c.call('auth.logout'))).toEqual({ done: true });
    expect(c.caller.token).toBeNull();
    expect(app.ctx.sessions.get(token)).toBeUndefined();
    expect(lastAudit(app)).toMatchObject({ action: 'logout', entity: 'user', entity_id: String(user.id), user_id: user.id, username: 'zhangsan' });
    expect(refused(await c.call('units.tree', {})).code).toBe('UNAUTHENTICATED');
    // the old token, replayed, is no session either
    expect(refused(await client(app, token).call('units.tree', {})).code).toBe('UNAUTHENTICATED');
    expect(ok<AuthStatus>(await c.call('auth.status')).user).toBeNull();
  });

  it('works while the session is idle-locked', async () => {
    const app = await open();
    await insertUser(app, { username: 'zhangsan', role: 'viewer' });
    const c = await loginAs(app, 'zhangsan');
    at(app, 60);
    expect(refused(await c.call('units.tree', {})).code).toBe('LOCKED');
    ok(await c.call('auth.logout'));
    expect(c.caller.token).toBeNull();
  });
});

describe('password hashes never leave the database', () => {
  it('are scrypt$…, salted (two accounts with one password differ), and appear in no output and no audit row', async () => {
    const app = await open({ withAdmin: false });
    const outputs: unknown[] = [];
    const record = (r: ApiResult<unknown>) => {
      outputs.push(r);
      return r;
    };
    const admin = client(app);
    record(await admin.call('auth.createFirstAdmin', FIRST_ADMIN));
    const created = ok<UserRow>(
      record(await admin.call('users.create', { username: 'zhangsan', displayName: '张三', role: 'clerk', password: 'dangjian2026', confirm: 'dangjian2026' })),
    );
    record(await admin.call('users.update', { id: created.id, displayName: '张三', role: 'viewer', active: true }));
    record(await admin.call('users.resetPassword', { id: created.id, password: 'chongzhi2026', confirm: 'chongzhi2026' }));
    const c = client(app);
    record(await c.call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' }));
    record(await c.call('auth.login', { username: 'zhangsan', password: 'chongzhi2026' }));
    record(await c.call('auth.changePassword', { currentPassword: 'chongzhi2026', password: 'zijide2026', confirm: 'zijide2026' }));
    record(await c.call('auth.lock'));
    record(await c.call('auth.unlock', { password: 'wrong-pass-2' }));
    record(await c.call('auth.unlock', { password: 'zijide2026' }));
    record(await c.call('auth.status'));
    record(await admin.call('users.unlock', { id: created.id }));
    record(await admin.call('users.list'));
    record(await c.call('users.list')); // forbidden
    record(await c.call('auth.logout'));

    const hashes = (app.store.sqlite.prepare('SELECT password_hash FROM users').all() as Array<{ password_hash: string }>).map((r) => r.password_hash);
    expect(hashes).toHaveLength(2);
    for (const h of hashes) expect(h).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[^$]+\$[^$]+$/);
    expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(2); // a salt of its own each

    const secrets = [...hashes, ...hashes.flatMap((h) => h.split('$').slice(4)), 'dangjian2026', 'chongzhi2026', 'zijide2026', 'wrong-pass-1', 'wrong-pass-2'];
    const leaks = (text: string) => secrets.filter((s) => text.includes(s)).concat(text.includes('scrypt') ? ['scrypt'] : []);
    const listed = ok<UserRow[]>(outputs.at(-3) as ApiResult<unknown>);
    expect(listed).toHaveLength(2);
    for (const row of listed) expect(Object.keys(row).sort()).toEqual(['active', 'createdAt', 'displayName', 'failedAttempts', 'id', 'lastLoginAt', 'lockedUntil', 'mustChangePassword', 'role', 'username']);
    for (const out of outputs) expect(leaks(JSON.stringify(out)), JSON.stringify(out).slice(0, 200)).toEqual([]);
    const rows = auditRows(app);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const row of rows) expect(leaks(JSON.stringify(row)), JSON.stringify(row)).toEqual([]);
  });
});

describe('password hashing', () => {
  it('ships with scrypt N=2^15, r=8, p=1 (the tests use a lower cost, same format)', async () => {
    expect(SHIPPED_SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 1 });
    const hash = await hashPassword('dangjian2026', SHIPPED_SCRYPT_COST);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('dangjian2026', hash)).toBe(true);
    expect(await verifyPassword('dangjian2027', hash)).toBe(false);
    // a hash made at the lower test cost still verifies: the cost travels with the hash
    expect(await verifyPassword('dangjian2026', await hashPassword('dangjian2026'))).toBe(true);
  });

  it('refuses anything that is not a well-formed scrypt hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$', 'scrypt$0$8$1$c2FsdA==$aGFzaA==', 'scrypt$x$8$1$c2FsdA==$aGFzaA==', 'bcrypt$10$abc', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('dangjian2026', stored), stored).toBe(false);
    }
  });

  it('the same password twice gives two different hashes (a salt each); composed and decomposed forms are one password', async () => {
    const [a, b] = [await hashPassword('dangjian2026'), await hashPassword('dangjian2026')];
    expect(a).not.toBe(b);
    // NFC: the decomposed é and the composed é are the same password
    expect(await verifyPassword('caf\u00e9mima1', await hashPassword('cafe\u0301mima1'))).toBe(true);
  });
});

describe('messages are Chinese', () => {
  it('every refusal on the login path reads in Chinese', async () => {
    const app = await open();
    await insertUser(app, { username: 'zhangsan', role: 'clerk' });
    const errors = [
      await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-1' }),
      await client(app).call('auth.login', { username: 'nobody', password: 'wrong-pass-1' }),
      await client(app).call('auth.logout'),
      await client(app).call('auth.unlock', { password: 'x' }),
    ];
    for (const e of errors) expect(!e.ok && hasChinese(e.error.message)).toBe(true);
  });
});
