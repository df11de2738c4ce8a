import { afterAll, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import { hashPassword, SCRYPT_COST } from '../../electron/services/auth/passwords';
import { insertUser, newCaller, openTestApp, SHIPPED_SCRYPT_COST } from '../helpers/test-context';
import { measure, report } from './measure';

/**
 * Accounts at the cost the app ships with (the test helpers lower the scrypt cost; this file
 * puts it back): a login should feel instant (< 0.5 s) yet cost an attacker real time, and the
 * access check on every call should be free.
 */
afterAll(() => report(`账户基准（scrypt N=${SHIPPED_SCRYPT_COST.N}, r=${SHIPPED_SCRYPT_COST.r}, p=${SHIPPED_SCRYPT_COST.p}）`));

it('accounts', async () => {
  Object.assign(SCRYPT_COST, SHIPPED_SCRYPT_COST);
  const app = await openTestApp();
  await insertUser(app, { username: 'zhangsan', role: 'viewer', password: 'dangjian2026' });
  await measure('计算一个密码散列', 500, () => hashPassword('dangjian2026'), 10);
  await measure('登录（正确密码）', 500, () => dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'dangjian2026' }, newCaller()), 10);
  await measure('登录（密码错误）', 500, () => dispatch(app.ctx, 'auth.login', { username: 'zhangsan', password: 'wrong-pass-1' }, newCaller()), 3);
  await measure('登录（用户名不存在，应与密码错误用时相近）', 500, () => dispatch(app.ctx, 'auth.login', { username: 'nobody', password: 'wrong-pass-1' }, newCaller()), 3);
  const viewer = await app.callerFor('viewer');
  await measure('权限检查后拒绝（写入一条越权日志）', 5, () => dispatch(app.ctx, 'users.list', {}, viewer), 50);
  await measure('当前登录状态', 5, () => dispatch(app.ctx, 'auth.status', {}, viewer), 50);
  await app.close();
});
