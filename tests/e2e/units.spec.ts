import type { Page } from '@playwright/test';
import { expect, logIn, setUpShizhong, snap, test } from './fixtures';

/** The 名称 cell showing exactly `name`. */
const nameCell = (page: Page, name: string) => page.locator('[role="gridcell"][data-field="name"]').getByText(name, { exact: true });

test.beforeEach(async ({ host, page }) => {
  await setUpShizhong(host);
  await logIn(page, host);
  await page.goto(`${host.url}#/units`);
  await expect(page.getByRole('heading', { name: /全部村（社区）/ })).toBeVisible();
});

test('search by pinyin initials finds 七贤街道', async ({ page }) => {
  await page.getByLabel('查找单位').fill('qxjd');
  await expect(page.getByRole('heading', { name: /查找“qxjd”的结果/ })).toBeVisible();
  await expect(nameCell(page, '七贤街道')).toBeVisible();
  await snap(page, '10-units-search-pinyin');
  // and by name, by code prefix
  await page.getByLabel('查找单位').fill('纬一路');
  await expect(nameCell(page, '纬一路社区')).toBeVisible();
  await page.getByLabel('查找单位').fill('370103002001');
  await expect(nameCell(page, '纬一路社区')).toBeVisible();
  await page.getByLabel('查找单位').fill('没有这个村');
  await expect(page.getByText('没有找到匹配的单位')).toBeVisible();
  await snap(page, '11-units-search-empty');
});

test('edit a unit: rename it and set its 城乡分类', async ({ page, host }) => {
  await page.getByRole('button', { name: /^大观园街道/ }).click();
  await expect(page.getByRole('heading', { name: /^大观园街道/ })).toBeVisible();
  await snap(page, '12-units-street');
  await page.getByRole('button', { name: '编辑纬一路社区' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑：纬一路社区' });
  await dialog.getByLabel('名称').fill('纬一路社区（新）');
  await dialog.getByLabel('城乡分类代码（选填）').click();
  await page.getByRole('option', { name: '111 主城区' }).click();
  await snap(page, '13-unit-edit-dialog');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(nameCell(page, '纬一路社区（新）')).toBeVisible();
  const found = await host.call('units.search', { query: '370103002001' });
  expect(found.value).toMatchObject([{ name: '纬一路社区（新）', urbanRuralClass: '111' }]);
});

test('a rejected save: a code outside its street, then a duplicate code — message shown, nothing saved', async ({ page, host }) => {
  const before = await host.call('units.tree', { includeRetired: true });
  await page.getByRole('button', { name: /^大观园街道/ }).click();
  await expect(page.getByRole('heading', { name: /^大观园街道/ })).toBeVisible();
  await page.getByRole('button', { name: '新增村（社区）' }).click();
  const dialog = page.getByRole('dialog', { name: '新增村（社区）' });
  await dialog.getByLabel('村（社区）代码（12位）').fill('370103003999');
  await dialog.getByLabel('名称', { exact: true }).fill('测试新社区');
  await dialog.getByLabel('类别').click();
  await page.getByRole('option', { name: '城市社区' }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByRole('alert')).toContainText('必须以所属街道（镇）“大观园街道”的代码 370103002 开头');
  await snap(page, '14-unit-create-refused');

  await dialog.getByLabel('村（社区）代码（12位）').fill('370103002001');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByRole('alert')).toContainText('代码 370103002001 已被“纬一路社区”使用');

  await dialog.getByLabel('村（社区）代码（12位）').fill('37010300200');
  await expect(dialog.getByText('村（社区）代码必须是12位数字')).toBeVisible();
  const after = await host.call('units.tree', { includeRetired: true });
  expect(after).toEqual(before);

  // the valid one goes through
  await dialog.getByLabel('村（社区）代码（12位）').fill('370103002099');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(nameCell(page, '测试新社区')).toBeVisible();
});

test('村改居: change a village code, keep the old one as history, find it by the old code', async ({ page, host }) => {
  const tree = await host.call('units.tree', {});
  const streets = tree.value as Array<{ units: Array<{ name: string; code: string; kind: string }> }>;
  const village = streets.flatMap((s) => s.units).find((u) => u.kind === 'village')!;
  await page.getByLabel('查找单位').fill(village.code);
  await page.getByRole('button', { name: `变更代码${village.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `变更代码：${village.name}` });
  const newCode = `${village.code.slice(0, 9)}098`;
  await dialog.getByLabel('新代码（12位）').fill(newCode);
  await dialog.getByRole('button', { name: '村改居' }).click();
  await dialog.getByLabel('同时修改类别（选填）').click();
  await page.getByRole('option', { name: '村改居社区' }).click();
  await snap(page, '15-change-code-dialog');
  await dialog.getByRole('button', { name: '确认变更' }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('查找单位').fill(village.code);
  await nameCell(page, village.name).click();
  const drawer = page.getByRole('presentation').filter({ hasText: '代码变更历史' });
  await expect(drawer.getByText(`${village.code} → ${newCode}`)).toBeVisible();
  await expect(drawer.getByText('村改居社区')).toBeVisible();
  await snap(page, '16-unit-detail-history');
});

test('retire a street that still has units is refused; retire and restore a unit', async ({ page }) => {
  await page.getByRole('button', { name: /^大观园街道/ }).click();
  await expect(page.getByRole('heading', { name: /^大观园街道/ })).toBeVisible();
  await page.getByRole('button', { name: '撤销街道' }).click();
  const dialog = page.getByRole('dialog', { name: '撤销：大观园街道' });
  await dialog.getByLabel('撤销原因').fill('测试');
  await dialog.getByRole('button', { name: '确认撤销' }).click();
  await expect(dialog.getByRole('alert')).toContainText('还有 5 个在册村（社区）');
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '撤销纬一路社区' }).click();
  const retire = page.getByRole('dialog', { name: '撤销：纬一路社区' });
  await retire.getByLabel('撤销原因').fill('撤并入睦和苑社区');
  await snap(page, '17-retire-dialog');
  await retire.getByRole('button', { name: '确认撤销' }).click();
  await expect(retire).toBeHidden();
  await expect(nameCell(page, '纬一路社区')).toBeHidden();
  await page.getByText('显示已撤销').click();
  await page.getByRole('button', { name: '恢复纬一路社区' }).click();
  await expect(page.getByText('已恢复“纬一路社区”')).toBeVisible();
});

test('settings page shows the district, the data folder, and saves the department name', async ({ page, host }) => {
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByText('山东省 济南市 市中区（代码 370103）')).toBeVisible();
  await expect(page.getByText(host.dataDir, { exact: false }).first()).toBeVisible();
  await page.getByLabel('部门名称（用于打印抬头）').fill('中共济南市市中区委组织部');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('org-header')).toContainText('中共济南市市中区委组织部');
  await snap(page, '18-settings');
});
