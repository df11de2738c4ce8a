import fs from 'node:fs';
import { expect, logIn, setUpShizhong, snap, test } from './fixtures';

/** 操作日志 in the browser: list, filter, detail drawer, Excel download; nothing editable. */

test.beforeEach(async ({ host, page }) => {
  await setUpShizhong(host);
  const unit = ((await host.call('units.search', { query: '370103002001' })).value as Array<{ id: number; kind: string }>)[0]!;
  expect((await host.call('units.update', { id: unit.id, name: '纬一路社区（新）', kind: unit.kind })).ok).toBe(true);
  await logIn(page, host);
  await page.goto(`${host.url}#/audit`);
  await expect(page.getByRole('heading', { name: /操作日志/ })).toBeVisible();
});

test('the log lists changes newest first, filters, and shows before → after', async ({ page }) => {
  const summary = page.locator('[role="gridcell"][data-field="summary"]');
  await expect(summary.getByText('纬一路社区：名称 纬一路社区 → 纬一路社区（新）')).toBeVisible();
  await expect(page.locator('[role="gridcell"][data-field="actionLabel"]').first()).toHaveText('登录');
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
  await snap(page, '30-audit-log');

  // filter by action
  await page.getByRole('combobox', { name: '操作' }).click();
  await page.getByRole('option', { name: '修改', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('audit-total')).toHaveText('符合条件 1 条');
  await expect(page.locator('[role="row"][data-rowindex]')).toHaveCount(1);

  // the detail drawer: a readable field table, changed fields marked
  await summary.first().click();
  const drawer = page.getByRole('presentation').filter({ has: page.getByRole('heading', { name: '修改 · 单位' }) });
  await expect(drawer.getByRole('table', { name: '变更前后对照' })).toBeVisible();
  const changed = drawer.locator('tr[data-changed="true"]');
  await expect(changed.filter({ hasText: '名称' })).toContainText('纬一路社区（新）');
  // a dictionary value shows its name, not its stored code
  await expect(drawer.locator('tr').filter({ hasText: '类别' }).first()).not.toContainText('urban');
  await snap(page, '31-audit-detail');
  await drawer.getByRole('button', { name: '关闭' }).click();

  // text search with no match: the empty state
  await page.getByRole('combobox', { name: '操作' }).click();
  await page.getByRole('option', { name: '修改', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('内容包含').fill('没有这样的内容');
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();
  // no way to edit or delete a row anywhere on the page
  await expect(page.getByRole('button', { name: /删除|编辑|修改/ })).toHaveCount(0);
});

test('导出 Excel downloads the filtered log once, and the export is itself logged', async ({ page }) => {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^市中区操作日志_\d{8}-\d{4}\.xlsx$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await expect(page.getByRole('alert').filter({ hasText: '已下载' })).toBeVisible();
  await expect(page.locator('[role="gridcell"][data-field="actionLabel"]').first()).toHaveText('导出');
  await snap(page, '32-audit-exported');
});
