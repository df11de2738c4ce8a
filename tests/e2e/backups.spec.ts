import { expect, logIn, setUpShizhong, snap, test } from './fixtures';

/**
 * 数据备份 in the browser: back up, a cancelled folder choice, restore with its confirmation,
 * undo. (The host in these tests has no --pick-dir, so choosing a folder answers "cancelled";
 * backups to a chosen folder are covered by tests/unit/backups.test.ts.)
 */

test('back up, restore an earlier backup after confirming, then undo the restore', async ({ page, host }) => {
  await setUpShizhong(host);
  const first = await host.call('backups.create', {});
  expect(first.ok, first.error?.message).toBe(true);
  const firstName = (first.value as { name: string }).name;
  const tree = (await host.call('units.tree', {})).value as Array<{ id: number; code: string; name: string }>;
  const qixian = tree.find((s) => s.code === '370103018')!;
  expect((await host.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' })).ok).toBe(true);
  // the API session leaves: a restore waits for every other window to close
  expect((await host.call('auth.logout')).ok).toBe(true);

  await logIn(page, host);
  await page.goto(`${host.url}#/backups`);
  await expect(page.getByRole('heading', { name: '数据备份' })).toBeVisible();
  await expect(page.getByText('数据目录')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(firstName) })).toBeVisible();

  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '已备份：' })).toBeVisible();
  await expect(page.getByTestId('backup-row').filter({ hasText: '手动' })).toHaveCount(2);

  await page.getByRole('button', { name: '备份到其他位置…' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '已取消：没有选择文件夹，未做任何改动。' })).toBeVisible();
  await snap(page, '40-backups');

  // restore the first backup from its row
  await page.getByRole('row', { name: new RegExp(firstName) }).getByRole('button', { name: '恢复' }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog).toContainText('替换当前的全部数据');
  await expect(dialog).toContainText('撤销上次恢复');
  await snap(page, '41-backups-restore-dialog');
  await dialog.getByRole('button', { name: '先备份当前数据，再恢复' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('alert').filter({ hasText: `已恢复“${firstName}”` })).toBeVisible();
  await expect(page.getByTestId('last-restore')).toContainText('可以撤销');
  await expect(page.getByTestId('backup-row').filter({ hasText: '恢复前' })).toHaveCount(1);
  await snap(page, '42-backups-restored');

  await page.getByRole('link', { name: '组织架构' }).click();
  await expect(page.getByRole('button', { name: /^七贤街道/ })).toBeVisible();

  // undo
  await page.getByRole('link', { name: '数据备份' }).click();
  await page.getByRole('button', { name: '撤销上次恢复' }).click();
  const undo = page.getByRole('dialog', { name: '撤销上次恢复' });
  await undo.getByRole('button', { name: '撤销恢复' }).click();
  await expect(undo).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('alert').filter({ hasText: '已撤销上次恢复' })).toBeVisible();
  await expect(page.getByRole('button', { name: '撤销上次恢复' })).toBeDisabled();
  await page.getByRole('link', { name: '组织架构' }).click();
  await expect(page.getByRole('button', { name: /^七贤新街道/ })).toBeVisible();
});
