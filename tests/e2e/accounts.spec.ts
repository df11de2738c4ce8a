import { PAGE_TOKEN_HEADER } from '../../shared/api/host-session';
import { ADMIN, expect, logIn, pageHeaders, pagePost, pageTokenOf, setUpShizhong, snap, test } from './fixtures';

const VIEWER = { username: 'chayue', displayName: '李查阅', password: 'chushi2026' };
const CLERK = { username: 'jingban', displayName: '赵经办', password: 'chushi2026' };

test.beforeEach(async ({ host }) => {
  await setUpShizhong(host);
});

test('login screen: a wrong password is refused with the attempts left, the right one lets the user in', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill('wrong-pass-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确（再输错 4 次，账户将锁定 15 分钟）');
  await snap(page, '20-login-refused');
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '账户菜单' })).toHaveText(`${ADMIN.displayName}（管理员）`);
});

test('admin creates a 查阅 account; the user must change the password; the 查阅 user sees no edit buttons and the API refuses an edit', async ({ page, host }) => {
  await logIn(page, host);
  await page.goto(`${host.url}#/users`);
  await page.getByRole('button', { name: '新建账户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建账户' });
  await dialog.getByLabel('用户名（登录用）').fill(VIEWER.username);
  await dialog.getByLabel('姓名').fill(VIEWER.displayName);
  await dialog.getByLabel('角色').click();
  await page.getByRole('option', { name: '查阅' }).click();
  await dialog.getByLabel('初始密码', { exact: true }).fill(VIEWER.password);
  await dialog.getByLabel('再次输入初始密码').fill(VIEWER.password);
  await snap(page, '21-user-create');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('gridcell', { name: VIEWER.displayName })).toBeVisible();
  await snap(page, '22-users');

  // the viewer logs in and is asked for a new password first
  await page.getByRole('button', { name: '账户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByLabel('用户名').fill(VIEWER.username);
  await page.getByLabel('密码').fill(VIEWER.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '请修改密码' })).toBeVisible();
  await page.getByLabel('原密码').fill(VIEWER.password);
  await page.getByLabel('新密码', { exact: true }).fill('zijide2026');
  await page.getByLabel('再次输入新密码').fill('zijide2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('button', { name: '账户菜单' })).toHaveText(`${VIEWER.displayName}（查阅）`);

  await page.getByRole('link', { name: '组织架构' }).click();
  await expect(page.getByRole('heading', { name: /全部村（社区）/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '新增村（社区）' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^编辑/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '账户管理' })).toHaveCount(0);
  await snap(page, '23-units-viewer');

  // the same session calling an edit method directly through the API
  const before = await host.call('units.tree', { includeRetired: true });
  const res = await pagePost(page, host, 'units.create', { level: 'unit', parentId: 1, code: '370103002099', name: '越权新增', kind: 'urban' });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toBe('当前账户（查阅）没有此项操作的权限：新增街道（镇）或村（社区）');
  expect(await host.call('units.tree', { includeRetired: true })).toEqual(before);
});

test('lock the screen, then unlock with the password', async ({ page, host }) => {
  await host.call('users.create', { ...CLERK, role: 'clerk', confirm: CLERK.password });
  await logIn(page, host);
  await page.goto(`${host.url}#/units`);
  await page.getByRole('button', { name: '账户菜单' }).click();
  await page.getByRole('menuitem', { name: '锁定（离开座位时）' }).click();
  await expect(page.getByRole('heading', { name: '已锁定' })).toBeVisible();
  await page.getByLabel('密码').fill('not-the-password1');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await snap(page, '24-locked');
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('heading', { name: /全部村（社区）/ })).toBeVisible();
});

test('the session belongs to the page that logged in: a reload keeps it, the cookie alone is refused, logging out forgets the page token', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  const menu = page.getByRole('button', { name: '账户菜单' });
  await expect(menu).toHaveText(`${ADMIN.displayName}（管理员）`);
  // two halves: the HttpOnly cookie (no script reads it) and the page token the page keeps
  const token = await pageTokenOf(page);
  expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'gd_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(cookie!.value).not.toBe(token);
  expect(await page.evaluate(() => document.cookie)).not.toContain('gd_session');

  // a reload: still logged in, still working, the same token
  await page.reload();
  await expect(menu).toHaveText(`${ADMIN.displayName}（管理员）`);
  await page.getByRole('link', { name: '组织架构' }).click();
  await expect(page.getByRole('heading', { name: /全部村（社区）/ })).toBeVisible();
  expect(await pageTokenOf(page)).toBe(token);

  // the cookie alone, as another program on this machine would replay it, is no session
  const before = await host.call('units.tree', { includeRetired: true });
  const edit = { level: 'unit', parentId: 1, code: '370103002099', name: '重放新增', kind: 'urban' };
  const cookieOnly = await page.request.post(`${host.url}api/units.create`, { data: edit, headers: pageHeaders(host, null) });
  expect(cookieOnly.status()).toBe(401);
  expect((await cookieOnly.json()).error).toEqual({ code: 'UNAUTHENTICATED', message: '登录信息与本页面不符，请在本程序页面重新登录' });
  // …and a POST that is not from the page (no Origin) is refused even with the token
  const noOrigin = await page.request.post(`${host.url}api/units.create`, { data: edit, headers: { [PAGE_TOKEN_HEADER]: token! } });
  expect(noOrigin.status()).toBe(403);
  expect((await noOrigin.json()).error.message).toBe('只接受本程序页面发出的请求：请求缺少来源信息');
  expect(await host.call('units.tree', { includeRetired: true })).toEqual(before);
  // the refusals did not end the page's session
  expect((await pagePost(page, host, 'units.tree', {})).status()).toBe(200);
  await page.reload();
  await expect(page.getByRole('heading', { name: /全部村（社区）/ })).toBeVisible();

  // logging out through the page ends both halves
  await menu.click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  expect(await pageTokenOf(page)).toBeNull();
  const after = await page.request.post(`${host.url}api/units.tree`, { data: {}, headers: pageHeaders(host, token) });
  expect(after.status()).toBe(401);
});
