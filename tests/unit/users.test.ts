import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import type { CurrentUser } from '../../shared/api/auth';
import type { UserRow } from '../../shared/api/users';
import { refused } from '../helpers/fixtures';
import {
  closedAfterEachTest,
  auditIdentity,
  auditRows,
  insertUser,
  newCaller,
  ok,
  snapshotDatabase,
  TEST_PASSWORD,
  testUsername,
  type TestApp,
} from '../helpers/test-context';

/** 账户管理 (administrators only): list, create, update (role, deactivate), reset passwords, unlock. */

const { open: openApp } = closedAfterEachTest();
const open = () => openApp();

const NEW_USER = { username: 'zhangsan', displayName: '张三', role: 'clerk' as const, password: 'chushi2026', confirm: 'chushi2026' };
const lastAudit = (app: TestApp) => auditRows(app).at(-1)!;
const adminId = async (app: TestApp) => (await auditIdentity(app, 'admin')).user_id!;

describe('users.list', () => {
  it('lists every account, active first, without anything secret', async () => {
    const app = await open();
    await insertUser(app, { username: 'old-clerk', role: 'clerk', active: false });
    await insertUser(app, { username: 'b-viewer', role: 'viewer' });
    await insertUser(app, { username: 'a-clerk', role: 'clerk', displayName: '甲' });
    const rows = ok<UserRow[]>(await app.call('users.list'));
    expect(rows.map((r) => [r.username, r.role, r.active])).toEqual([
      [testUsername('admin'), 'admin', true],
      ['a-clerk', 'clerk', true],
      ['b-viewer', 'viewer', true],
      ['old-clerk', 'clerk', false],
    ]);
    expect(rows[1]).toEqual({
      id: expect.any(Number),
      username: 'a-clerk',
      displayName: '甲',
      role: 'clerk',
      active: true,
      mustChangePassword: false,
      failedAttempts: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: '2026-11-22T02:00:00.000Z',
    });
    expect(JSON.stringify(rows)).not.toMatch(/scrypt|hash/i);
  });
});

describe('users.create', () => {
  it('creates an account that must set its own password at first login, with one audit row', async () => {
    const app = await open();
    const before = auditRows(app).length;
    const row = ok<UserRow>(await app.call('users.create', NEW_USER));
    expect(row).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'clerk', active: true, mustChangePassword: true, failedAttempts: 0, lastLoginAt: null });
    expect(auditRows(app)).toHaveLength(before + 1);
    expect(lastAudit(app)).toMatchObject({ action: 'create', entity: 'user', entity_id: String(row.id), before_json: null, ...(await auditIdentity(app, 'admin')) });
    expect(JSON.parse(lastAudit(app).after_json!)).toEqual({ username: 'zhangsan', displayName: '张三', role: 'clerk', active: true });
    const c = newCaller();
    const me = ok<CurrentUser>(await dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'chushi2026' }, c));
    expect(me).toMatchObject({ id: row.id, role: 'clerk', mustChangePassword: true });
  });

  it('a user name is taken whatever its letter case: CONFLICT on the field, nothing written', async () => {
    const app = await open();
    ok(await app.call('users.create', NEW_USER));
    const before = snapshotDatabase(app);
    const error = refused(await app.call('users.create', { ...NEW_USER, username: 'ZhangSan', displayName: '另一个张三' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields?.username).toBe('用户名“ZhangSan”已被使用');
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it.each([
    [{ password: 'abc1', confirm: 'abc1' }, 'password', '初始密码至少8位'],
    [{ password: 'onlyletters', confirm: 'onlyletters' }, 'password', '初始密码须同时包含字母和数字'],
    [{ password: '1234567890', confirm: '1234567890' }, 'password', '初始密码须同时包含字母和数字'],
    [{ confirm: 'chushi2027' }, 'confirm', '两次输入的密码不一致'],
    [{ role: 'root' }, 'role', '请选择角色'],
    [{ role: undefined }, 'role', '请选择角色'],
    [{ username: '张' }, 'username', '用户名至少2个字符'],
    [{ username: 'a'.repeat(33) }, 'username', '用户名不能超过32个字符'],
    [{ username: "o'neil" }, 'username', '用户名只能包含汉字、字母、数字、下划线、点和连字符'],
    [{ displayName: '' }, 'displayName', '姓名不能为空'],
    [{ displayName: '名'.repeat(21) }, 'displayName', '姓名不能超过20个字'],
  ])('refuses %j: %s gets a Chinese message naming the field', async (change, field, message) => {
    const app = await open();
    const before = snapshotDatabase(app);
    const error = refused(await app.callUnchecked('users.create', { ...NEW_USER, ...change }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[field]).toBe(message);
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('a Chinese user name is fine', async () => {
    const app = await open();
    expect(ok<UserRow>(await app.call('users.create', { ...NEW_USER, username: '张三' })).username).toBe('张三');
  });
});

describe('users.update', () => {
  it('changes name and role, logging before and after', async () => {
    const app = await open();
    const user = ok<UserRow>(await app.call('users.create', NEW_USER));
    const row = ok<UserRow>(await app.call('users.update', { id: user.id, displayName: '张三丰', role: 'viewer', active: true }));
    expect(row).toMatchObject({ id: user.id, displayName: '张三丰', role: 'viewer', active: true });
    expect(lastAudit(app)).toMatchObject({ action: 'update', entity: 'user', entity_id: String(user.id), ...(await auditIdentity(app, 'admin')) });
    expect(JSON.parse(lastAudit(app).before_json!)).toEqual({ username: 'zhangsan', displayName: '张三', role: 'clerk', active: true });
    expect(JSON.parse(lastAudit(app).after_json!)).toEqual({ username: 'zhangsan', displayName: '张三丰', role: 'viewer', active: true });
  });

  it('an unknown account is NOT_FOUND, nothing written', async () => {
    const app = await open();
    const before = snapshotDatabase(app);
    for (const [method, input] of [
      ['users.update', { id: 9999, displayName: '无', role: 'viewer', active: true }],
      ['users.resetPassword', { id: 9999, password: 'chongzhi2026', confirm: 'chongzhi2026' }],
      ['users.unlock', { id: 9999 }],
    ] as const) {
      const error = refused(await app.call(method, input));
      expect(error, method).toEqual({ code: 'NOT_FOUND', message: '该账户不存在或已被删除' });
    }
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('a deactivated account comes back when made active again', async () => {
    const app = await open();
    const user = ok<UserRow>(await app.call('users.create', NEW_USER));
    ok(await app.call('users.update', { id: user.id, displayName: '张三', role: 'clerk', active: false }));
    expect(refused(await dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'chushi2026' }, newCaller())).message).toContain('停用');
    ok(await app.call('users.update', { id: user.id, displayName: '张三', role: 'clerk', active: true }));
    ok(await dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'chushi2026' }, newCaller()));
  });
});

describe('the last active administrator stays one', () => {
  it.each([
    ['demoted', { role: 'clerk', active: true }],
    ['deactivated', { role: 'admin', active: false }],
    ['demoted and deactivated', { role: 'viewer', active: false }],
  ])('cannot be %s: a Chinese message, the database unchanged, the session kept', async (_what, change) => {
    const app = await open();
    const id = await adminId(app);
    const before = snapshotDatabase(app);
    const error = refused(await app.callUnchecked('users.update', { id, displayName: '测试admin', ...change }));
    expect(error).toEqual({ code: 'VALIDATION', message: '至少要保留一个在用的管理员账户', fields: { role: '至少要保留一个在用的管理员账户' } });
    expect(snapshotDatabase(app)).toEqual(before);
    ok(await app.call('users.list'));
  });

  it('an inactive administrator does not count as the other one', async () => {
    const app = await open();
    await insertUser(app, { username: 'old-admin', role: 'admin', active: false });
    const error = refused(await app.call('users.update', { id: await adminId(app), displayName: '测试admin', role: 'clerk', active: true }));
    expect(error.message).toBe('至少要保留一个在用的管理员账户');
  });

  it('with a second active administrator, one may step down (and its sessions end); then the other is the last', async () => {
    const app = await open();
    const second = await insertUser(app, { username: 'lisi', displayName: '李四', role: 'admin' });
    const me = await adminId(app);
    ok(await app.call('users.update', { id: me, displayName: '测试admin', role: 'clerk', active: true }));
    // demoting oneself ends one's own session at once
    expect(refused(await app.call('users.list')).code).toBe('UNAUTHENTICATED');
    const lisi = newCaller();
    ok(await dispatch(app.ctx, 'auth.login', { username: 'lisi', password: TEST_PASSWORD }, lisi));
    const error = refused(await dispatch(app.ctx, 'users.update', { id: second.id, displayName: '李四', role: 'viewer', active: true }, lisi));
    expect(error.message).toBe('至少要保留一个在用的管理员账户');
  });

  it('two administrators demoting each other at once: one stays', async () => {
    const app = await open();
    const second = await insertUser(app, { username: 'lisi', displayName: '李四', role: 'admin' });
    const lisi = newCaller();
    ok(await dispatch(app.ctx, 'auth.login', { username: 'lisi', password: TEST_PASSWORD }, lisi));
    const me = await adminId(app);
    const results = await Promise.all([
      app.call('users.update', { id: second.id, displayName: '李四', role: 'clerk', active: true }),
      dispatch(app.ctx, 'users.update', { id: me, displayName: '测试admin', role: 'clerk', active: true }, lisi),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(app.store.sqlite.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get()).toEqual({ n: 1 });
  });

  it('the database trigger refuses it even through raw SQL; accounts are never deleted', async () => {
    const app = await open();
    const id = await adminId(app);
    const before = snapshotDatabase(app);
    expect(() => app.store.sqlite.prepare("UPDATE users SET role = 'clerk' WHERE id = ?").run(id)).toThrow(/last active admin/);
    expect(() => app.store.sqlite.prepare('UPDATE users SET active = 0 WHERE id = ?').run(id)).toThrow(/last active admin/);
    expect(() => app.store.sqlite.prepare("UPDATE users SET role = 'viewer', active = 0").run()).toThrow(/last active admin/);
    expect(() => app.store.sqlite.prepare('DELETE FROM users WHERE id = ?').run(id)).toThrow(/not deleted/);
    expect(snapshotDatabase(app)).toEqual(before);
    // with another active administrator the same statement goes through
    await insertUser(app, { username: 'lisi', role: 'admin' });
    app.store.sqlite.prepare("UPDATE users SET role = 'clerk' WHERE id = ?").run(id);
    expect(() => app.store.sqlite.prepare("UPDATE users SET role = 'clerk' WHERE username = 'lisi'").run()).toThrow(/last active admin/);
  });
});

describe('users.resetPassword and users.unlock', () => {
  it('a reset is logged without the password, and clears a lock-out', async () => {
    const app = await open();
    const user = ok<UserRow>(await app.call('users.create', NEW_USER));
    for (let i = 0; i < 5; i++) await dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'wrong-pass-1' }, newCaller());
    expect(ok<UserRow[]>(await app.call('users.list')).find((u) => u.id === user.id)?.lockedUntil).not.toBeNull();
    const row = ok<UserRow>(await app.call('users.resetPassword', { id: user.id, password: 'chongzhi2026', confirm: 'chongzhi2026' }));
    expect(row).toMatchObject({ lockedUntil: null, failedAttempts: 0, mustChangePassword: true });
    expect(lastAudit(app)).toMatchObject({ action: 'password_reset', entity_id: String(user.id), before_json: null, after_json: null, ...(await auditIdentity(app, 'admin')) });
    ok(await dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'chongzhi2026' }, newCaller()));
  });

  it.each([
    [{ password: 'short1', confirm: 'short1' }, 'password', '新密码至少8位'],
    [{ password: 'lettersonly', confirm: 'lettersonly' }, 'password', '新密码须同时包含字母和数字'],
    [{ password: 'chongzhi2026', confirm: 'chongzhi2027' }, 'confirm', '两次输入的密码不一致'],
    [{ password: 'chongzhi2026', confirm: 'chongzhi2026', id: 0 }, 'id', undefined],
  ])('refuses %j on the field %s', async (change, field, message) => {
    const app = await open();
    const user = ok<UserRow>(await app.call('users.create', NEW_USER));
    const before = snapshotDatabase(app);
    const error = refused(await app.call('users.resetPassword', { id: user.id, ...change }));
    expect(error.code).toBe('VALIDATION');
    if (message) expect(error.fields?.[field]).toBe(message);
    else expect(error.fields?.[field]).toMatch(/[\u4e00-\u9fff]/);
    expect(snapshotDatabase(app)).toEqual(before);
  });
});
