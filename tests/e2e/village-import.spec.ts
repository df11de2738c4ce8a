import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, logIn, pagePost, setUpShizhong, snap, test, type Host } from './fixtures';
import { readWorkbookRows, ROSTER, rosterRow, writeStreetRoster } from './village-roster';

const VIEWER = { username: 'chayue', displayName: '李查阅', password: 'chushi2026' };

/** Lets a dialog or menu finish its transition before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

const wizardOf = (page: Page) => page.getByRole('dialog', { name: '导入村情档案' });
const mappingOf = (wizard: Locator, header: string) => wizard.getByRole('combobox', { name: `“${header}”对应到` });

async function saved(download: Download): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-download-')), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Opens the wizard, chooses 2025 and the file, and goes on past 选择工作表 (the roster is preselected). */
async function openRoster(page: Page, file: string, shot?: string) {
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const wizard = wizardOf(page);
  await expect(wizard.getByRole('button', { name: '选择文件…' })).toBeVisible();
  await wizard.getByRole('combobox', { name: '年度数据写入' }).click();
  await page.getByRole('option', { name: '2025年' }).click();
  if (shot) {
    await settle(page);
    await snap(page, shot);
  }
  await wizard.locator('input[type="file"]').setInputFiles(file);
  const roster = wizard.getByRole('radio', { name: '村情统计' });
  await expect(roster).toHaveAttribute('aria-checked', 'true');
  return wizard;
}

async function unitId(host: Host, name: string): Promise<number> {
  const tree = (await host.call('units.tree', {})).value as Array<{ units: Array<{ id: number; name: string }> }>;
  const unit = tree.flatMap((s) => s.units).find((u) => u.name === name);
  if (!unit) throw new Error(`${name} not in the register`);
  return unit.id;
}

test.beforeEach(async ({ host }) => {
  await setUpShizhong(host);
});

test('导入街道报来的村情统计表: map an odd header by hand, see the bad row, import, fix-file download, list updated; the same file again changes nothing', async ({ page, host }) => {
  const file = await writeStreetRoster();
  await logIn(page, host);
  await page.goto(`${host.url}#/villages`);
  await expect(page.getByRole('heading', { name: '村情档案' })).toBeVisible();

  // 下载导入模板: a workbook with the definition's headers
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('村情档案导入模板.xlsx');
  const templateRows = await readWorkbookRows(await saved(template));
  expect(templateRows.flat().join('|')).toContain('村（社区）名称');

  // 1 选择文件 → 2 选择工作表: three sheets, the roster preselected, the hidden one marked
  const wizard = await openRoster(page, file, '80-import-file');
  await expect(wizard.getByRole('radio', { name: '选项' })).toContainText('隐藏');
  await expect(wizard.getByRole('radio', { name: '村情统计' })).toContainText(/识别出 \d+ 列/);
  await settle(page);
  await snap(page, '81-import-sheet');
  await wizard.getByRole('button', { name: '下一步' }).click();

  // 3 核对列: the two-row header is found, the known headers mapped, the odd one not
  await expect(wizard.getByText('表头在第 3–4 行')).toBeVisible();
  await expect(mappingOf(wizard, '村（社区）名称')).toHaveText('村（社区）名称');
  await expect(mappingOf(wizard, '党员人数/总数')).toHaveText('党员总数');
  await expect(mappingOf(wizard, '党员人数/35岁以下')).toHaveText('35岁及以下党员数');
  await expect(mappingOf(wizard, '集体经营性收入')).toHaveText('集体经营性收入（万元）');
  await expect(mappingOf(wizard, '村级党组织负责人')).toHaveText('（不导入）');
  await expect(wizard.getByRole('row', { name: /集体经营性收入/ })).toContainText('万元');
  await settle(page);
  await snap(page, '82-import-mapping-auto');
  await mappingOf(wizard, '村级党组织负责人').click();
  await settle(page);
  await snap(page, '83-import-mapping-menu');
  await page.getByRole('option', { name: '党组织书记', exact: true }).click();
  await expect(mappingOf(wizard, '村级党组织负责人')).toHaveText('党组织书记');
  await expect(wizard.getByRole('row', { name: /村级党组织负责人/ })).toContainText('手动');
  await expect(wizard.getByRole('progressbar')).toHaveCount(0);
  await snap(page, '84-import-mapping-fixed');
  await wizard.getByRole('button', { name: '下一步：预览' }).click();

  // 4 预览: counts, the 合计 check, the bad row with its reason
  const counts = wizard.getByLabel('预览统计');
  await expect(counts).toContainText('共 6 行数据');
  await expect(counts).toContainText('新增 1');
  await expect(counts).toContainText('更新 4');
  await expect(counts).toContainText('无变化 0');
  await expect(counts).toContainText('有问题 1');
  await expect(wizard.getByLabel('合计核对')).toContainText('✓');
  await expect(wizard.getByText('年度数据写入 2025 年，其他年度不受影响')).toBeVisible();
  const bad = wizard.getByRole('row', { name: /复兴村/ });
  await expect(bad).toContainText('有问题');
  await expect(bad.getByText('“abc”不是金额')).toBeVisible();
  await expect(wizard.getByRole('row', { name: /幸福新村/ })).toContainText('新增');
  await expect(wizard.getByRole('row', { name: /吴家庄村/ })).toContainText('更新');
  await snap(page, '85-import-preview');
  await wizard.getByLabel(/只看有问题的行/).check();
  await expect(wizard.getByRole('row', { name: /吴家庄村/ })).toHaveCount(0);
  await expect(bad).toBeVisible();
  await snap(page, '86-import-preview-problems');

  // the problem rows can be fetched before importing too
  const [problems] = await Promise.all([page.waitForEvent('download'), wizard.getByRole('button', { name: '下载有问题的行' }).click()]);
  const problemRows = await readWorkbookRows(await saved(problems));
  expect(problemRows.some((r) => r.includes('复兴村'))).toBe(true);

  const commit = wizard.getByRole('button', { name: '确认导入 5 行' });
  await expect(commit).toBeEnabled();
  await expect(wizard.getByText('有问题的 1 行不会导入，其余行一次写入。导入前会自动备份数据。')).toBeVisible();
  await commit.click();

  // 5 完成: the summary, the backup, the rejected rows to fix
  await expect(wizard.getByText('新增 1，更新 4，无变化 0，未导入 1。')).toBeVisible();
  await expect(wizard.getByText(/导入前已自动备份：/)).toContainText('如需撤销可在“数据备份”中恢复');
  await snap(page, '87-import-done');
  const [rejected] = await Promise.all([page.waitForEvent('download'), wizard.getByRole('button', { name: '下载未导入的行' }).click()]);
  const rejectedRows = await readWorkbookRows(await saved(rejected));
  const header = rejectedRows.find((r) => r.includes('错误原因'));
  expect(header, 'a header row with 错误原因').toBeDefined();
  const reasonColumn = header!.indexOf('错误原因');
  const rowColumn = header!.indexOf('原行号');
  const row = rejectedRows.find((r) => r.includes('复兴村'));
  expect(row, 'the rejected 复兴村 row').toBeDefined();
  expect(row![reasonColumn]).toContain('“abc”不是金额');
  expect(row![rowColumn]).toBe(String(rosterRow(3)));
  const released = page.waitForRequest((r) => r.url().endsWith('/api/imports.close'));
  await wizard.getByRole('button', { name: '完成' }).click();
  await expect(wizard).toBeHidden();
  await released;

  // what was written: the profile and the 2025 figures
  const village = (await host.call('villages.get', { unitId: await unitId(host, '吴家庄村') })).value as {
    profile: Record<string, unknown>;
    years: Array<Record<string, unknown>>;
  };
  expect(village.profile).toMatchObject({ secretaryName: '张守田', secretaryBirthMonth: '1975-03', secretaryIsDirector: true, memberTotal: 56, memberFemale: 18, memberUnder35: 6 });
  expect(village.years.find((y) => y.year === 2025)).toMatchObject({ collectiveIncomeFen: 12_500_000, memberTotal: 56 });
  const xixian = (await host.call('villages.get', { unitId: await unitId(host, '西仙庄村') })).value as { profile: Record<string, unknown> };
  expect(xixian.profile).toMatchObject({ secretaryBirthMonth: '1980-05', secretaryIsDirector: true });
  const fuxing = (await host.call('villages.get', { unitId: await unitId(host, '复兴村') })).value as { profile: Record<string, unknown> };
  expect(fuxing.profile.secretaryName ?? null).toBeNull();

  // the list shows the figures of 2025
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: '2025年', exact: true }).click();
  await page.getByRole('combobox', { name: '街道（镇）' }).click();
  await page.getByRole('option', { name: '十六里河街道' }).click();
  // the list is virtualised: narrow it to the street's 村 so the imported rows are on screen
  await page.getByRole('textbox', { name: '查找村（社区）' }).fill('村');
  const wu = page.getByRole('row', { name: /吴家庄村/ });
  await expect(wu).toContainText('张守田（一肩挑）');
  await expect(wu).toContainText('56');
  await expect(wu).toContainText('125,000.00');
  await expect(page.getByRole('row', { name: /幸福新村/ })).toContainText('孙立新');
  await expect(page.getByRole('row', { name: /幸福新村/ })).toContainText('10,500.00');
  await snap(page, '88-import-list-after');

  // the same file again: the mapping is remembered, every row 无变化, nothing to write
  const again = await openRoster(page, file);
  await again.getByRole('button', { name: '下一步' }).click();
  await expect(again.getByText('已沿用上次对这种表格格式的设置')).toBeVisible();
  await expect(mappingOf(again, '村级党组织负责人')).toHaveText('党组织书记');
  await expect(again.getByRole('row', { name: /村级党组织负责人/ })).toContainText('沿用上次');
  await snap(page, '88b-import-again-mapping');
  await again.getByRole('button', { name: '下一步：预览' }).click();
  const countsAgain = again.getByLabel('预览统计');
  await expect(countsAgain).toContainText('新增 0');
  await expect(countsAgain).toContainText('更新 0');
  await expect(countsAgain).toContainText(`无变化 ${ROSTER.length - 1}`);
  await expect(countsAgain).toContainText('有问题 1');
  await expect(again.getByRole('button', { name: /^确认导入/ })).toBeDisabled();
  await snap(page, '89-import-again-unchanged');
  const releasedAgain = page.waitForRequest((r) => r.url().endsWith('/api/imports.close'));
  await again.getByRole('button', { name: '关闭' }).click();
  await expect(again).toBeHidden();
  await releasedAgain;
});

test('导入: a file over 20 MB is refused before it is sent; a file that is not a spreadsheet gets the reader\'s message', async ({ page, host }) => {
  await logIn(page, host);
  await page.goto(`${host.url}#/villages`);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const wizard = wizardOf(page);
  const input = wizard.locator('input[type="file"]');
  await input.setInputFiles({ name: '全区汇总.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 1) });
  await expect(wizard.getByRole('alert')).toContainText('超过 20 MB');
  await input.setInputFiles({ name: '说明.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('这不是表格') });
  await expect(wizard.getByRole('alert')).toContainText('“说明.xlsx”无法导入');
  await expect(wizard.getByRole('button', { name: '下一步' })).toBeDisabled();
  await snap(page, '8a-import-file-refused');
  await wizard.getByRole('button', { name: '取消' }).click();
  await expect(wizard).toBeHidden();
});

test('导入: the header row can be set by hand; a 合计 row that does not add up must be accepted explicitly', async ({ page, host }) => {
  const rows = ROSTER.filter((r) => typeof r.income === 'number');
  const file = await writeStreetRoster(rows, { statedMembers: rows.reduce((s, r) => s + r.members[0], 0) + 1 });
  await logIn(page, host);
  await page.goto(`${host.url}#/villages`);
  const wizard = await openRoster(page, file);
  await wizard.getByRole('button', { name: '下一步' }).click();
  await expect(wizard.getByText('表头在第 3–4 行')).toBeVisible();

  // a wrong header row: nothing required is found, the wizard says so; 自动识别 brings it back
  await wizard.getByLabel('表头所在行').fill('5');
  await wizard.getByRole('button', { name: '按此行重新识别' }).click();
  await expect(wizard.getByText('表头在第 5 行')).toBeVisible();
  await expect(wizard.getByText('必填的列还没有对应')).toBeVisible();
  await expect(wizard.getByRole('progressbar')).toHaveCount(0);
  await snap(page, '8b-import-header-row-wrong');
  await wizard.getByRole('button', { name: '自动识别' }).click();
  await expect(wizard.getByText('表头在第 3–4 行')).toBeVisible();
  await expect(mappingOf(wizard, '党员人数/总数')).toHaveText('党员总数');
  await wizard.getByRole('button', { name: '下一步：预览' }).click();

  const totals = wizard.getByLabel('合计核对');
  await expect(totals).toContainText('合计行（第 10 行）与各行之和不符');
  const commit = wizard.getByRole('button', { name: '确认导入 5 行' });
  await expect(commit).toBeDisabled();
  await totals.getByLabel('合计行与各行之和不符，仍然导入').check();
  await expect(commit).toBeEnabled();
  await snap(page, '8c-import-total-mismatch');
  await commit.click();
  await expect(wizard.getByText('新增 1，更新 4，无变化 0，未导入 0。')).toBeVisible();
  await expect(wizard.getByRole('button', { name: '下载未导入的行' })).toHaveCount(0);
  // 继续导入其他文件 starts over with the file
  await wizard.getByRole('button', { name: '继续导入其他文件' }).click();
  await expect(wizard.getByRole('button', { name: '选择文件…' })).toBeVisible();
});

test('导入 a CSV: one sheet skips 选择工作表; an ambiguous header is left for the clerk to choose', async ({ page, host }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-csv-'));
  const file = path.join(dir, '书记电话.csv');
  fs.writeFileSync(file, '\ufeff街道,村（社区）名称,电话\n十六里河街道,吴家庄村,13812345678\n十六里河街道,西仙庄村,0531-86012345\n');
  await logIn(page, host);
  await page.goto(`${host.url}#/villages`);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const wizard = wizardOf(page);
  await wizard.locator('input[type="file"]').setInputFiles(file);
  await expect(wizard.getByText('只有一个工作表')).toBeVisible();
  await expect(wizard.getByText('表头在第 1 行')).toBeVisible();
  await expect(mappingOf(wizard, '电话')).toHaveText('（不导入）');
  await expect(wizard.getByText(/有 1 列的表头可能指不同的项目/)).toBeVisible();
  const phoneRow = wizard.getByRole('row', { name: /电话/ });
  await expect(phoneRow.getByRole('button', { name: '书记联系电话' })).toBeVisible();
  await expect(wizard.getByRole('progressbar')).toHaveCount(0);
  await snap(page, '8d-import-csv-ambiguous');
  await phoneRow.getByRole('button', { name: '书记联系电话' }).click();
  await expect(mappingOf(wizard, '电话')).toHaveText('书记联系电话');
  await expect(wizard.getByText(/有 1 列的表头可能指不同的项目/)).toHaveCount(0);
  await wizard.getByRole('button', { name: '下一步：预览' }).click();
  await expect(wizard.getByLabel('预览统计')).toContainText('更新 2');
  await wizard.getByRole('button', { name: '确认导入 2 行' }).click();
  await expect(wizard.getByText('新增 0，更新 2，无变化 0，未导入 0。')).toBeVisible();
  const full = (await host.call('villages.get', { unitId: await unitId(host, '西仙庄村'), reveal: true })).value as { profile: Record<string, unknown> };
  expect(full.profile.secretaryPhone).toBe('0531-86012345');
});

test('查阅 may download the template but sees no 导入', async ({ page, host }) => {
  const created = await host.call('users.create', { ...VIEWER, role: 'viewer', confirm: VIEWER.password });
  expect(created.ok, created.error?.message).toBe(true);
  await logIn(page, host, VIEWER);
  const changed = await pagePost(page, host, 'auth.changePassword', { currentPassword: VIEWER.password, password: 'zijide2026', confirm: 'zijide2026' });
  expect((await changed.json()).ok).toBe(true);
  await page.goto(`${host.url}#/villages`);
  await expect(page.getByRole('heading', { name: '村情档案' })).toBeVisible();
  await expect(page.getByRole('button', { name: '下载导入模板' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导入', exact: true })).toHaveCount(0);
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('村情档案导入模板.xlsx');
});
