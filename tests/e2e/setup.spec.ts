import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, expect, logIn, snap, test } from './fixtures';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'divisions');
const csvRows = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

test('first run: create the administrator, find 市中区 by name, check the preview, load it, land on the organisation tree', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '创建管理员账户' })).toBeVisible();
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('姓名').fill(ADMIN.displayName);
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('再次输入密码').fill('short');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByText('密码至少8位').first()).toBeVisible();
  await snap(page, '00-first-admin-refused');
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('再次输入密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByRole('heading', { name: '欢迎使用基层党建台账' })).toBeVisible();
  await snap(page, '01-setup-start');

  await page.getByLabel('查找区（县）').fill('市中区');
  const option = page.getByRole('option', { name: /山东省 济南市 市中区/ });
  await expect(option).toBeVisible();
  await expect(page.getByRole('option', { name: /山东省 枣庄市 市中区/ })).toBeVisible();
  await snap(page, '02-setup-search');
  await option.click();
  await expect(page.getByTestId('chosen-county')).toContainText('370103');
  await page.getByRole('button', { name: '下一步' }).click();

  await expect(page.getByTestId('preview-street-count')).toHaveText('17');
  await expect(page.getByTestId('preview-unit-count')).toHaveText('216');
  await expect(page.getByLabel('部门名称（用于打印抬头）')).toHaveValue('中共市中区委组织部');
  await snap(page, '03-setup-review');
  await page.getByRole('button', { name: '载入并开始使用' }).click();

  await expect(page.getByTestId('org-header')).toHaveText('山东省 济南市 市中区 · 中共市中区委组织部');
  await expect(page.getByRole('link', { name: '组织架构' })).toBeVisible();
  await expect(page.getByRole('link', { name: '设置' })).toBeVisible();
  await expect(page.getByRole('button', { name: '全部（17 个街道/镇） 216' })).toBeVisible();
  await snap(page, '04-units-all');

  // every street of the national extract is in the tree, with every one of its units
  const towns = csvRows('jinan_shizhong_370103_towns.csv');
  const tree = await host.call('units.tree', {});
  const streets = tree.value as Array<{ code: string; name: string; units: Array<{ code: string; fullName: string }> }>;
  expect(streets.map((s) => [s.code, s.name])).toEqual(towns.map((t) => [t[0], t[1]]));
  const units = streets.flatMap((s) => s.units.map((u) => [u.code, u.fullName]));
  expect(units).toEqual(csvRows('jinan_shizhong_370103_villages.csv').map((v) => [v[0], v[1]]));
});

test('first run by province → city → county, and the department name is required', async ({ page, host }) => {
  await host.call('auth.status'); // creates the administrator
  await logIn(page, host);
  await page.goto(host.url);
  await page.getByLabel('省（自治区、直辖市）').click();
  await page.getByRole('option', { name: '河南省' }).click();
  await page.getByLabel('市（地区、州）').click();
  await page.getByRole('option', { name: '郑州市' }).click();
  await page.getByRole('combobox', { name: '区（县）', exact: true }).click();
  await page.getByRole('option', { name: '二七区' }).click();
  await expect(page.getByTestId('chosen-county')).toContainText('河南省 郑州市 二七区');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('preview-street-count')).toHaveText('16');

  // a rejected save: the department name emptied
  await page.getByLabel('部门名称（用于打印抬头）').fill('   ');
  await page.getByRole('button', { name: '载入并开始使用' }).click();
  await expect(page.getByText('部门名称不能为空').first()).toBeVisible();
  await snap(page, '05-setup-refused');
  const status = await host.call('setup.status', {});
  expect(status.value).toMatchObject({ ready: false, district: null });

  await page.getByLabel('部门名称（用于打印抬头）').fill('中共二七区委组织部');
  await page.getByRole('button', { name: '载入并开始使用' }).click();
  await expect(page.getByTestId('org-header')).toHaveText('河南省 郑州市 二七区 · 中共二七区委组织部');
});
