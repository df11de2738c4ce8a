import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, logIn, pagePost, setUpShizhong, snap, test, type Host } from './fixtures';
import { ExcelJS, ok, saved, settle, streetsOf, type Street } from './funds-helpers';
import { readWorkbookRows } from './village-roster';
import { REGIONAL_PROGRAMME } from '../fixtures/funds';

/**
 * 导入拨付记录 end to end, as a 经办人 meets it: a programme allocated 10万元 to every street, a
 * street list of disbursements in 万元 (title, 单位 line, 合计 row, footer) imported into the
 * programme from its 拨付记录 tab. The preview shows what each row leaves of its allocation,
 * cumulatively in file order, and rejects the row that would overspend; the rejected row comes
 * back in a workbook with its reason; the imported rows are 待审核 to the fen; the same file a
 * second time writes nothing. A 查阅 account may fetch the template but not import.
 */

const YEAR = 2026;
const NAME = REGIONAL_PROGRAMME.name;
const LABEL = `${YEAR}年${NAME}`;
const CLERK = { username: 'jingban', displayName: '周敏', password: 'chushi2026' };
const VIEWER = { username: 'chayue', displayName: '李查阅', password: 'chushi2026' };
const FEN_PER_WAN = 1_000_000;

type Detail = {
  allocations: Array<{ id: number; recipientName: string; amountFen: number }>;
  disbursements: Array<{ id: number; allocationId: number; recipientName: string; paidOn: string; amountFen: number; status: string; voucherNo: string | null; handler: string | null; note: string | null }>;
};

/**
 * 2026 区域化党建工作经费, 170万元, 10万元 allocated to each of the 17 streets; the second street
 * already has 6万元 registered (paid), so 5万 more would pass its allocation by 1万.
 */
async function setUpProgramme(host: Host) {
  await setUpShizhong(host);
  const streets = await streetsOf(host);
  expect(streets).toHaveLength(17);
  const programme = await ok<{ id: number }>(host, 'funds.createProgramme', { ...REGIONAL_PROGRAMME, dueOn: null });
  await ok(host, 'funds.allocateBatch', { programmeId: programme.id, scope: { kind: 'allStreets' }, amountFen: 10 * FEN_PER_WAN });
  const detail = await ok<Detail>(host, 'funds.programme', { id: programme.id });
  expect(detail.allocations).toHaveLength(17);
  const [a, b, c, d] = streets as [Street, Street, Street, Street];
  const lineB = detail.allocations.find((x) => x.recipientName === b.name)!;
  const earlier = await ok<{ id: number }>(host, 'funds.disburse', { allocationId: lineB.id, paidOn: '2026-06-20', amountFen: 6 * FEN_PER_WAN, voucherNo: 'PZ-0620' });
  await ok(host, 'funds.approve', { id: earlier.id });
  await ok(host, 'funds.post', { id: earlier.id, paidOn: null });
  return { id: programme.id, streets: { a, b, c, d } };
}

/** Creates an account and logs the page in with it (its first password changed, as it must be). */
async function logInAs(page: Page, host: Host, account: typeof CLERK, role: 'clerk' | 'viewer') {
  await ok(host, 'users.create', { ...account, role, confirm: account.password });
  await logIn(page, host, account);
  const changed = await pagePost(page, host, 'auth.changePassword', { currentPassword: account.password, password: 'zijide2026', confirm: 'zijide2026' });
  expect((await changed.json()).ok).toBe(true);
}

type ListRow = { street: string; paidOn: string | Date; wan: number; voucher: string; handler: string; note: string | null };

/**
 * The list as a street office sends it: a merged title, '单位：万元' at the right of the second
 * line, one header row (no unit in it), the rows from Excel row 4, a 合计 row and a footer.
 * Dates typed the ways people type them, one a real Excel date.
 */
async function writeStreetList(rows: ListRow[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('拨付明细');
  ws.addRow(['2026年区域化党建工作经费拨付明细']);
  ws.mergeCells('A1:F1');
  ws.getCell('A1').font = { size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.addRow([null, null, null, null, null, '单位：万元']);
  ws.addRow(['街道（镇）', '拨付日期', '拨付金额', '凭证号', '经办人', '备注']);
  for (const r of rows) ws.addRow([r.street, r.paidOn, r.wan, r.voucher, r.handler, r.note]);
  ws.getColumn(2).numFmt = 'yyyy-mm-dd';
  const total = Math.round(rows.reduce((s, r) => s + r.wan, 0) * 100) / 100;
  ws.addRow(['合计', null, total]);
  ws.addRow([]);
  ws.addRow(['制表人：周敏', null, null, '审核人：陈刚']);
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 14;
  ws.getColumn(4).width = 16;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-disbursements-')), '2026年区域化党建工作经费拨付明细.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const wizardOf = (page: Page) => page.getByRole('dialog', { name: '导入拨付记录' });
const mappingOf = (wizard: Locator, header: string) => wizard.getByRole('combobox', { name: `“${header}”对应到` });
/** A preview row by its Excel row number (the grid's row id). */
const previewRow = (wizard: Locator, excelRow: number) => wizard.locator(`.MuiDataGrid-row[data-id="${excelRow}"]`);

/** Opens the wizard from the 拨付记录 tab and chooses the file; one sheet goes straight to 核对列. */
async function openWizard(page: Page, file: string, shot?: string) {
  await page.getByRole('button', { name: '导入拨付记录' }).click();
  const wizard = wizardOf(page);
  await expect(wizard.getByRole('button', { name: '选择文件…' })).toBeVisible();
  // the programme of the page is chosen already
  await expect(wizard.getByRole('combobox', { name: '经费项目' })).toContainText(`${NAME}（拨付对象：街道，已分配 1,700,000.00 元）`);
  if (shot) {
    await settle(page);
    await snap(page, shot);
    await wizard.getByRole('combobox', { name: '经费项目' }).click();
    await expect(page.getByRole('option', { name: new RegExp(`^${NAME}`) })).toHaveAttribute('aria-selected', 'true');
    await settle(page);
    await snap(page, `${shot}-menu`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toHaveCount(0);
  }
  await wizard.locator('input[type="file"]').setInputFiles(file);
  await expect(wizard.getByText('表头在第 3 行')).toBeVisible();
  await expect(wizard.getByText(`登记到“${LABEL}”`)).toBeVisible();
  return wizard;
}

test('导入拨付记录: a street list in 万元 previewed with the balance each row leaves, the overspending row rejected and handed back with its reason, the rest 待审核 to the fen; the same file again writes nothing', async ({ page, host }) => {
  test.setTimeout(120_000);
  const { id, streets } = await setUpProgramme(host);
  const { a, b, c, d } = streets;
  const ROWS: ListRow[] = [
    { street: a.name, paidOn: '2026-07-10', wan: 3, voucher: 'JZ-0710-01', handler: '周敏', note: '第一批' },
    // 6万 already registered: 5万 more is 1万 over its 10万
    { street: b.name, paidOn: '2026.7.10', wan: 5, voucher: 'JZ-0710-02', handler: '周敏', note: '第一批' },
    { street: c.name, paidOn: new Date(Date.UTC(2026, 6, 10)), wan: 4, voucher: 'JZ-0710-03', handler: '周敏', note: '第一批' },
    { street: c.name, paidOn: '2026年7月20日', wan: 3, voucher: 'JZ-0720-01', handler: '周敏', note: '第二批' },
    { street: d.name, paidOn: '2026-07-10', wan: 2.5, voucher: 'JZ-0710-04', handler: '周敏', note: null },
  ];
  const file = await writeStreetList(ROWS);
  await logInAs(page, host, CLERK, 'clerk');

  // the programme's 拨付记录 tab: the one paid row, the template and the import
  await page.goto(`${host.url}#/funds/programmes/${id}`);
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await page.getByRole('tab', { name: /拨付记录/ }).click();
  const table = page.getByRole('table', { name: '拨付记录' });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '导入拨付记录' })).toBeVisible();
  await settle(page);
  await snap(page, 'fi-01-disbursements-tab');

  // 下载导入模板: a workbook whose header row has every column of the import
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('经费拨付记录导入模板.xlsx');
  const templateRows = await readWorkbookRows(await saved(template));
  const headerRow = templateRows.find((r) => r.includes('街道（镇）'));
  expect(headerRow, 'the template has a header row').toBeDefined();
  expect(headerRow!.filter(Boolean)).toEqual(['街道（镇）', '单位名称', '受款人', '区划代码', '*拨付日期', '*拨付金额（元）', '凭证号', '经办人', '审核人', '备注']);

  // 选择文件 (the programme preselected) → 核对列: every header found, the amount read in 万元
  const wizard = await openWizard(page, file, 'fi-02-wizard-file');
  await expect(wizard.getByText('第 9 行是合计行')).toBeVisible();
  await expect(wizard.getByText('表头上方：2026年区域化党建工作经费拨付明细')).toBeVisible();
  await expect(mappingOf(wizard, '街道（镇）')).toHaveText('街道（镇）');
  await expect(mappingOf(wizard, '拨付日期')).toHaveText('拨付日期');
  await expect(mappingOf(wizard, '拨付金额')).toHaveText(/^拨付金额/);
  await expect(mappingOf(wizard, '凭证号')).toHaveText('凭证号');
  await expect(mappingOf(wizard, '经办人')).toHaveText('经办人');
  await expect(mappingOf(wizard, '备注')).toHaveText('备注');
  await expect(wizard.getByRole('table', { name: '列对应关系' }).getByRole('row', { name: /拨付金额/ })).toContainText('万元');
  // the field it maps to names the unit the column is read in, not the template's 元
  await expect(wizard.getByRole('combobox', { name: '“拨付金额”对应到' })).toHaveText('拨付金额（万元）');
  await expect(wizard.getByRole('progressbar')).toHaveCount(0);
  await settle(page);
  await snap(page, 'fi-03-mapping');
  await wizard.getByRole('button', { name: '下一步：预览' }).click();

  // 预览: 4 to add, 1 with a problem; the balances cumulative in file order; the 合计 checked
  const counts = wizard.getByLabel('预览统计');
  await expect(counts).toContainText('共 5 行数据');
  await expect(counts).toContainText('新增 4');
  await expect(counts).toContainText('无变化 0');
  await expect(counts).toContainText('有问题 1');
  await expect(wizard.getByLabel('合计核对')).toContainText('✓');
  await expect(wizard.getByText('“拨付金额”按万元读取')).toBeVisible();
  const expectRow = async (excelRow: number, status: string, target: string, message: string) => {
    const row = previewRow(wizard, excelRow);
    await expect(row).toContainText(status);
    await expect(row).toContainText(target);
    await expect(row).toContainText(message);
  };
  await expectRow(4, '新增', a.name, '拨付后该分配尚余 70,000.00元');
  await expectRow(5, '有问题', b.name, '超出分配：分配 100,000.00元，已登记 60,000.00元，本行 50,000.00元，超出 10,000.00元');
  await expectRow(6, '新增', c.name, '拨付后该分配尚余 60,000.00元');
  await expectRow(7, '新增', c.name, '拨付后该分配尚余 30,000.00元');
  await expectRow(8, '新增', d.name, '拨付后该分配尚余 75,000.00元');
  // the overspending cell is marked
  await expect(previewRow(wizard, 5).locator('.problem-cell')).toHaveCount(1);
  await expect(previewRow(wizard, 5).locator('.problem-cell')).toContainText('5');
  await expect(wizard.getByText('有问题的 1 行不会导入，其余行一次写入。导入前会自动备份数据。')).toBeVisible();
  await settle(page);
  await snap(page, 'fi-04-preview');
  await wizard.getByLabel(/只看有问题的行/).check();
  await expect(wizard.locator('.MuiDataGrid-row')).toHaveCount(1);
  await expect(previewRow(wizard, 5)).toBeVisible();
  await snap(page, 'fi-05-preview-problems');
  await wizard.getByLabel(/只看有问题的行/).uncheck();

  // 确认导入: 4 in, 1 not; the rejected row comes back with its reason
  await wizard.getByRole('button', { name: '确认导入 4 行' }).click();
  await expect(wizard.getByText('新增 4，更新 0，无变化 0，未导入 1。')).toBeVisible();
  await expect(wizard.getByText(/导入前已自动备份：/)).toBeVisible();
  await expect(wizard.getByText('有 1 行有问题没有导入')).toBeVisible();
  await snap(page, 'fi-06-done');
  const [rejected] = await Promise.all([page.waitForEvent('download'), wizard.getByRole('button', { name: '下载未导入的行' }).click()]);
  const rejectedRows = await readWorkbookRows(await saved(rejected));
  const header = rejectedRows.find((r) => r.includes('错误原因'));
  expect(header, 'a header row with 错误原因').toBeDefined();
  const rowsBelow = rejectedRows.slice(rejectedRows.indexOf(header!) + 1).filter((r) => r.some((cell) => cell.trim() !== ''));
  expect(rowsBelow).toHaveLength(1);
  const [only] = rowsBelow as [string[]];
  expect(only[header!.indexOf('街道（镇）')]).toBe(b.name);
  expect(only[header!.indexOf('凭证号')]).toBe('JZ-0710-02');
  expect(only[header!.indexOf('原行号')]).toBe('5');
  expect(only[header!.indexOf('错误原因')]).toContain('超出分配：分配 100,000.00元，已登记 60,000.00元，本行 50,000.00元，超出 10,000.00元');
  const released = page.waitForRequest((r) => r.url().endsWith('/api/imports.close'));
  await wizard.getByRole('button', { name: '完成' }).click();
  await expect(wizard).toBeHidden();
  await released;

  // back on 拨付记录: the four rows 待审核, to the fen, with their vouchers and notes
  await expect(table.locator('tbody tr')).toHaveCount(5);
  const detail = await ok<Detail>(host, 'funds.programme', { id });
  const imported = detail.disbursements.filter((x) => x.status === 'pending');
  expect(imported.map((x) => [x.recipientName, x.paidOn, x.amountFen, x.voucherNo, x.handler, x.note]).sort((x, y) => String(x[3]).localeCompare(String(y[3])))).toEqual([
    [a.name, '2026-07-10', 3 * FEN_PER_WAN, 'JZ-0710-01', '周敏', '第一批'],
    [c.name, '2026-07-10', 4 * FEN_PER_WAN, 'JZ-0710-03', '周敏', '第一批'],
    [d.name, '2026-07-10', 2.5 * FEN_PER_WAN, 'JZ-0710-04', '周敏', null],
    [c.name, '2026-07-20', 3 * FEN_PER_WAN, 'JZ-0720-01', '周敏', '第二批'],
  ]);
  const shown: Array<[string, string, string]> = [
    ['JZ-0710-01', a.name, '30,000.00'],
    ['JZ-0710-03', c.name, '40,000.00'],
    ['JZ-0720-01', c.name, '30,000.00'],
    ['JZ-0710-04', d.name, '25,000.00'],
  ];
  for (const [voucher, street, amount] of shown) {
    const line = table.locator(`tr[data-disbursement="${imported.find((x) => x.voucherNo === voucher)!.id}"]`);
    for (const text of [street, amount, voucher, '待审核']) await expect(line).toContainText(text);
  }
  // the paid 6万 of the second street is untouched, and nothing more was registered for it
  const forB = detail.disbursements.filter((x) => x.recipientName === b.name);
  expect(forB.map((x) => [x.amountFen, x.status])).toEqual([[6 * FEN_PER_WAN, 'paid']]);
  await expect(page.getByRole('button', { name: '待审核（4）' })).toBeVisible();
  await expect(table.locator('tfoot')).toContainText('185,000.00');
  await snap(page, 'fi-07-disbursements-after');

  // the same file again: every row already there is 无变化, nothing to import
  const again = await openWizard(page, file);
  await again.getByRole('button', { name: '下一步：预览' }).click();
  const countsAgain = again.getByLabel('预览统计');
  await expect(countsAgain).toContainText('新增 0');
  await expect(countsAgain).toContainText('无变化 4');
  await expect(countsAgain).toContainText('有问题 1');
  for (const n of [4, 6, 7, 8]) {
    await expect(previewRow(again, n)).toContainText('无变化');
    await expect(previewRow(again, n)).toContainText('系统中已有相同的拨付记录');
  }
  await expect(again.getByText('没有需要新增或更新的行：表中的内容与系统中一致（有问题的行除外）。')).toBeVisible();
  await expect(again.getByRole('button', { name: /^确认导入/ })).toBeDisabled();
  await settle(page);
  await snap(page, 'fi-08-again-unchanged');
  const releasedAgain = page.waitForRequest((r) => r.url().endsWith('/api/imports.close'));
  await again.getByRole('button', { name: '关闭' }).click();
  await expect(again).toBeHidden();
  await releasedAgain;
  expect((await ok<Detail>(host, 'funds.programme', { id })).disbursements).toEqual(detail.disbursements);
});

test('导入拨付记录: 查阅 may download the template but sees no import, on the funds page and the programme’s 拨付记录', async ({ page, host }) => {
  const { id } = await setUpProgramme(host);
  await logInAs(page, host, VIEWER, 'viewer');

  await page.goto(`${host.url}#/funds`);
  await expect(page.getByRole('button', { name: '下载导入模板' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导入拨付记录' })).toHaveCount(0);

  await page.goto(`${host.url}#/funds/programmes/${id}`);
  await page.getByRole('tab', { name: /拨付记录/ }).click();
  await expect(page.getByRole('table', { name: '拨付记录' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '下载导入模板' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导入拨付记录' })).toHaveCount(0);
  await settle(page);
  await snap(page, 'fi-09-viewer-disbursements');
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('经费拨付记录导入模板.xlsx');
});

test('导入拨付记录 from the funds page: no programme is chosen until the clerk picks one', async ({ page, host }) => {
  await setUpProgramme(host);
  await logIn(page, host);
  await page.goto(`${host.url}#/funds`);
  await page.getByRole('button', { name: '导入拨付记录' }).click();
  const wizard = wizardOf(page);
  const programme = wizard.getByRole('combobox', { name: '经费项目' });
  await expect(programme).not.toContainText(NAME);
  await expect(wizard.getByText('请选择表中各行记到哪个经费项目')).toBeVisible();
  await settle(page);
  await snap(page, 'fi-10-wizard-no-programme');
  await programme.click();
  await page.getByRole('option', { name: new RegExp(`^${NAME}`) }).click();
  await expect(programme).toContainText(`${NAME}（拨付对象：街道，已分配 1,700,000.00 元）`);
  await expect(wizard.getByText('表中各行都记到所选项目中对应对象的分配下')).toBeVisible();
  await wizard.getByRole('button', { name: '取消' }).click();
  await expect(wizard).toBeHidden();
});
