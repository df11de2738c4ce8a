import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, logIn, pagePost, SCREENSHOT_DIR, setUpShizhong, snap, test, type Host } from './fixtures';
import { choose, ExcelJS, fenOf, fillDate, ok, saved, settle, sheetRows, streetsOf } from './funds-helpers';
import { REGIONAL_PROGRAMME } from '../fixtures/funds';

/**
 * 经费台账 end to end, as a new clerk meets it: an empty year, a programme for every street,
 * the batch allocation from its standard with the preview first, disbursements through
 * 待审核 → 已审核 → 已拨付 (one by one and in a batch), a partial 冲销 with its reason and the
 * corrected entry, the balances on the page, the Excel ledger to the fen and the printed one.
 * Then the refusals (an overspend shows the rule and saves nothing) and the 查阅 role.
 */

const VIEWER = { username: 'chayue', displayName: '李查阅', password: 'chushi2026' };
const YEAR = 2026;
const NAME = REGIONAL_PROGRAMME.name;

type Detail = {
  programme: { id: number; budgetFen: number; unallocatedFen: number; balance: Record<string, number | null> };
  allocations: Array<{ id: number; recipientName: string; amountFen: number; balance: { paidFen: number; pendingFen: number } }>;
  disbursements: Array<{ id: number; recipientName: string; amountFen: number; status: string; reversesId: number | null; note: string | null; voucherNo: string | null }>;
};

const detailOf = (host: Host, id: number) => ok<Detail>(host, 'funds.programme', { id });
const row = (scope: Locator | Page, attribute: string, id: number) => scope.locator(`tr[${attribute}="${id}"]`);
const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name });
const card = (page: Page, label: string) => page.getByRole('figure', { name: label, exact: true });

/** Opens the row's 登记拨付, fills the dialog and saves; returns the dialog (closed on success). */
async function register(page: Page, street: string, amountYuan: string | null, voucher: string, date = '2026-07-03') {
  await page.getByRole('button', { name: `登记拨付：${street}` }).click();
  const dialog = page.getByRole('dialog', { name: `登记拨付：${street}` });
  await fillDate(page, dialog, '拨付日期', date);
  if (amountYuan !== null) await dialog.getByLabel('拨付金额', { exact: true }).fill(amountYuan);
  await dialog.getByLabel('凭证号（选填）').fill(voucher);
  await dialog.getByLabel('经办人（选填）').fill('周敏');
  await dialog.getByLabel('审核人（选填）').fill('陈刚');
  await dialog.getByRole('button', { name: '保存' }).click();
  return dialog;
}

test.beforeEach(async ({ host }) => {
  await setUpShizhong(host);
});

test('经费台账: a programme for every street, batch allocation after its preview, disbursements approved and paid, a partial 冲销 and the corrected entry, the ledger exported and printed', async ({ page, host }) => {
  test.setTimeout(180_000);
  const streets = await streetsOf(host);
  expect(streets).toHaveLength(17);
  const [a, b, c] = streets as [(typeof streets)[0], (typeof streets)[0], (typeof streets)[0]];
  await logIn(page, host);
  await page.addInitScript(() => {
    window.print = () => undefined;
  });

  // an empty year says so and offers the one thing to do
  await page.goto(`${host.url}#/funds`);
  await expect(page.getByRole('heading', { name: '经费台账' })).toBeVisible();
  await expect(page.getByText('本年度还没有经费项目')).toBeVisible();
  await snap(page, 'ledger-01-programmes-empty');

  // 新建经费项目: 170万元, 10万元/街道; an amount finer than a fen is refused as typed
  await page.getByRole('button', { name: '新建经费项目' }).click();
  const create = page.getByRole('dialog', { name: '新建经费项目' });
  await expect(create.getByLabel('年度')).toHaveText(`${YEAR}年`);
  await create.getByLabel('项目名称').fill(NAME);
  await choose(page, create, '资金类别', '区域化党建工作经费');
  await choose(page, create, '资金来源层级', '区');
  await choose(page, create, '拨付对象类别', '街道');
  await create.getByLabel('预算', { exact: true }).fill('170.0000001');
  await expect(create.getByText('预算应精确到分（以万元填写最多6位小数）')).toBeVisible();
  await create.getByLabel('预算', { exact: true }).fill('170');
  await create.getByLabel('文号（选填）').fill('市中组字〔2026〕12号');
  await create.getByLabel('拨付标准（选填）').fill('10万元/街道');
  await create.getByLabel('标准金额（选填，每个对象）', { exact: true }).fill('10');
  await fillDate(page, create, '应拨付日期（选填）', '2026-06-30');
  await settle(page);
  await snap(page, 'ledger-02-programme-dialog');
  await create.getByRole('button', { name: '保存' }).click();
  await expect(create).toBeHidden();

  // the programme's page: nothing allocated yet
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  const id = Number(/programmes\/(\d+)/.exec(page.url())![1]);
  await expect(card(page, '预算')).toContainText('1,700,000.00');
  await expect(card(page, '未分配')).toContainText('1,700,000.00');
  await expect(page.getByText('文号：市中组字〔2026〕12号')).toBeVisible();
  await expect(page.getByText('尚未分配', { exact: true })).toBeVisible();
  await snap(page, 'ledger-03-programme-empty');

  // 批量分配 to all 17 streets: the preview comes first, then 确认分配
  await page.getByRole('button', { name: '批量分配' }).first().click();
  const batch = page.getByRole('dialog', { name: `批量分配：${NAME}` });
  await expect(batch.getByLabel('所有街道')).toBeChecked();
  await expect(batch.getByLabel('每个单位的金额', { exact: true })).toHaveValue('10');
  await expect(batch.getByRole('button', { name: /确认分配/ })).toBeDisabled();
  await batch.getByRole('button', { name: '预览' }).click();
  const preview = batch.getByRole('region', { name: '分配预览' });
  await expect(preview).toContainText('将分配 17 个单位，合计 1,700,000.00 元');
  await expect(preview).toContainText('未分配 1,700,000.00 元 → 0.00 元');
  await expect(preview.locator('tbody tr')).toHaveCount(17);
  await expect(preview.locator('tbody tr').first()).toContainText(a.name);
  await settle(page);
  await snap(page, 'ledger-04-batch-preview');
  // a change asks for a new preview before anything can be saved
  await batch.getByLabel('每个单位的金额', { exact: true }).fill('11');
  await expect(batch.getByText('分配条件已改变，请重新预览。')).toBeVisible();
  await expect(batch.getByRole('button', { name: /确认分配/ })).toBeDisabled();
  await batch.getByRole('button', { name: '预览' }).click();
  await expect(batch.getByRole('alert')).toContainText('超出预算：预算 1,700,000.00元，已分配 0.00元，本次 1,870,000.00元，超出 170,000.00元');
  await expect(batch.getByRole('button', { name: /确认分配/ })).toBeDisabled();
  await batch.getByLabel('每个单位的金额', { exact: true }).fill('10');
  await batch.getByRole('button', { name: '预览' }).click();
  await batch.getByRole('button', { name: '确认分配（17 个单位）' }).click();
  await expect(batch).toBeHidden();
  await expect(page.getByRole('table', { name: '分配明细' }).locator('tbody tr')).toHaveCount(17);
  await expect(card(page, '已分配')).toContainText('1,700,000.00');
  await expect(card(page, '未分配')).toContainText('0.00');
  await expect(page.getByRole('table', { name: '分配明细' }).locator('tfoot')).toContainText('1,700,000.00');
  // 2026-06-30 has passed with nothing paid: every line is overdue
  await expect(page.getByText('逾期')).toHaveCount(17);

  // 登记拨付 for three streets; the amount defaults to what is left of the allocation
  await page.getByRole('button', { name: `登记拨付：${a.name}` }).click();
  const first = page.getByRole('dialog', { name: `登记拨付：${a.name}` });
  await expect(first.getByLabel('拨付金额', { exact: true })).toHaveValue('100000');
  await expect(first).toContainText('尚可登记 100,000.00 元');
  await settle(page);
  await snap(page, 'ledger-05-disburse-dialog');
  await first.getByRole('button', { name: '取消' }).click();
  await expect(await register(page, a.name, null, 'PZ-0701')).toBeHidden();
  await expect(await register(page, b.name, '60000', 'PZ-0702')).toBeHidden();
  await expect(await register(page, c.name, '100,000.00', 'PZ-0703')).toBeHidden();

  // an overspend: 60,000 registered for the second street, 50,000 more would pass its 100,000
  const before = await detailOf(host, id);
  const over = await register(page, b.name, '50000', 'PZ-0799');
  await expect(over.getByRole('alert')).toContainText('拨付后合计 110,000.00元 超过分配金额 100,000.00元：已登记 60,000.00元（含待审核、已审核），本次 50,000.00元，超出 10,000.00元');
  await settle(page);
  await snap(page, 'ledger-06-disburse-overspend');
  await over.getByRole('button', { name: '取消' }).click();
  expect((await detailOf(host, id)).disbursements).toEqual(before.disbursements);
  await expect(card(page, '待拨付')).toContainText('260,000.00');
  await snap(page, 'ledger-07-allocations');

  // 拨付记录: approve one by its row, the other two with the checkboxes
  await tab(page, /拨付记录/).click();
  const table = page.getByRole('table', { name: '拨付记录' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByText('已拨付的记录不能修改，如有错误请冲销后重新登记。')).toBeVisible();
  const [ra, rb, rc] = before.disbursements.map((d) => row(table, 'data-disbursement', d.id)) as [Locator, Locator, Locator];
  await expect(ra).toContainText('待审核');
  await ra.getByRole('button', { name: '审核' }).click();
  await expect(ra).toContainText('已审核');
  await rb.getByRole('checkbox').check();
  await rc.getByRole('checkbox').check();
  await page.getByRole('button', { name: '审核所选（2）' }).click();
  await expect(rb).toContainText('已审核');
  await expect(rc).toContainText('已审核');
  await snap(page, 'ledger-08-disbursements-approved');

  // 确认拨付: the first alone with its date, the other two in one batch
  await ra.getByRole('button', { name: '确认拨付' }).click();
  const post = page.getByRole('dialog', { name: `确认拨付：${a.name}` });
  await expect(post).toContainText('确认后计入已拨付，不能再修改或删除');
  await fillDate(page, post, '拨付日期', '2026-07-06');
  await post.getByRole('button', { name: '确认拨付' }).click();
  await expect(post).toBeHidden();
  await expect(ra).toContainText('已拨付');
  await expect(ra).toContainText('2026-07-06');
  await rb.getByRole('checkbox').check();
  await rc.getByRole('checkbox').check();
  await page.getByRole('button', { name: '确认拨付所选（2）' }).click();
  const postMany = page.getByRole('dialog', { name: '确认拨付所选的2条记录' });
  await expect(postMany).toContainText('合计 160,000.00 元');
  await fillDate(page, postMany, '拨付日期', '2026-07-08');
  await settle(page);
  await snap(page, 'ledger-09-post-many');
  await postMany.getByRole('button', { name: '确认拨付' }).click();
  await expect(postMany).toBeHidden();
  for (const r of [ra, rb, rc]) {
    await expect(r).toContainText('已拨付');
    // a paid row offers nothing to change
    await expect(r.getByRole('button', { name: /修改|删除|审核/ })).toHaveCount(0);
    await expect(r.getByRole('checkbox')).toHaveCount(0);
  }

  // the third street was paid 80,000, not 100,000: reverse 20,000 with the reason …
  await rc.getByRole('button', { name: '冲销' }).click();
  const reverse = page.getByRole('dialog', { name: `冲销拨付记录：${c.name}` });
  await expect(reverse.getByLabel('冲销金额', { exact: true })).toHaveValue('100000');
  await reverse.getByLabel('冲销金额', { exact: true }).fill('20000');
  await reverse.getByRole('button', { name: '冲销' }).click();
  await expect(reverse.getByRole('alert')).toContainText('冲销原因');
  await fillDate(page, reverse, '冲销日期', '2026-07-10');
  await reverse.getByLabel('冲销原因').fill('实际拨付 80,000.00 元，多登记 20,000.00 元');
  await reverse.getByLabel('凭证号（选填）').fill('PZ-0710');
  await settle(page);
  await snap(page, 'ledger-10-reverse-dialog');
  await reverse.getByRole('button', { name: '冲销' }).click();
  await expect(reverse).toBeHidden();
  const reversal = (await detailOf(host, id)).disbursements.find((d) => d.reversesId !== null)!;
  expect(reversal).toMatchObject({ amountFen: -2_000_000, status: 'paid', note: '实际拨付 80,000.00 元，多登记 20,000.00 元', voucherNo: 'PZ-0710' });
  const reversalRow = row(table, 'data-disbursement', reversal.id);
  await expect(reversalRow).toContainText('-20,000.00');
  await expect(reversalRow).toContainText('冲销');
  await expect(reversalRow).toContainText('冲销 2026-07-08 的 100,000.00');
  await expect(rc).toContainText('已冲销 20,000.00');

  // … and register the remaining 20,000 as a new entry
  await tab(page, /分配明细/).click();
  await expect(await register(page, c.name, null, 'PZ-0711', '2026-07-12')).toBeHidden();
  await tab(page, /拨付记录/).click();
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await snap(page, 'ledger-11-disbursements');

  // the balances: paid 100,000 + 60,000 + 80,000; 20,000 in flight; 拨付率 240,000 / 1,700,000
  await expect(card(page, '已拨付')).toContainText('240,000.00');
  await expect(card(page, '待拨付')).toContainText('20,000.00');
  await expect(card(page, '未拨付')).toContainText('1,460,000.00');
  await expect(card(page, '拨付率')).toContainText('14.11%');
  const after = await detailOf(host, id);
  expect(after.programme.balance).toMatchObject({ allocatedFen: 170_000_000, paidFen: 24_000_000, pendingFen: 2_000_000, unpaidFen: 146_000_000, rateBp: 1411 });
  await tab(page, /分配明细/).click();
  const lineC = row(page, 'data-allocation', after.allocations.find((x) => x.recipientName === c.name)!.id);
  await expect(lineC).toContainText('80,000.00');
  await expect(lineC).toContainText('20,000.00');
  await snap(page, 'ledger-12-programme');

  // 导出台账: titles, 小计 and 合计, the reversal negative, every total to the fen
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出台账' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${YEAR}年度${NAME}台账_.*\\.xlsx$`));
  await expect(page.getByText(/已下载：/)).toBeVisible();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await saved(download));
  const summary = sheetRows(wb.getWorksheet('分配及拨付汇总')!);
  expect(summary[0]![0]).toBe(`${YEAR}年度${NAME}台账`);
  expect(String(summary[1]![0])).toContain('填报单位：中共市中区委组织部');
  const header = summary[2]!.map(String);
  const col = (name: string) => header.indexOf(name);
  expect(col('分配金额')).toBeGreaterThan(0);
  const lines = summary.filter((r) => typeof r[0] === 'number');
  expect(lines).toHaveLength(17);
  const subtotals = summary.filter((r) => String(r[0] ?? '').endsWith('小计'));
  expect(subtotals).toHaveLength(17);
  const total = summary.find((r) => r[0] === '合计')!;
  const sumOf = (rows: typeof summary, c: number) => rows.reduce((s, r) => s + fenOf(r[c]!), 0);
  expect(fenOf(total[col('分配金额')]!)).toBe(170_000_000);
  expect(fenOf(total[col('已拨付')]!)).toBe(24_000_000);
  expect(fenOf(total[col('未拨付')]!)).toBe(146_000_000);
  expect(sumOf(lines, col('已拨付'))).toBe(24_000_000);
  expect(sumOf(subtotals, col('未拨付'))).toBe(146_000_000);
  const lineOf = (name: string) => lines.find((r) => r.includes(name))!;
  expect(fenOf(lineOf(c.name)[col('已拨付')]!)).toBe(8_000_000);
  const details = sheetRows(wb.getWorksheet('拨付明细')!);
  expect(details[0]![0]).toBe(`${YEAR}年度${NAME}拨付明细`);
  const amount = details[2]!.map(String).indexOf('金额');
  const paidRows = details.filter((r) => typeof r[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r[0]));
  expect(paidRows).toHaveLength(4);
  const reversed = paidRows.find((r) => fenOf(r[amount]!) < 0)!;
  expect(fenOf(reversed[amount]!)).toBe(-2_000_000);
  expect(reversed.join(' ')).toContain('实际拨付 80,000.00 元，多登记 20,000.00 元');
  expect(fenOf(details.find((r) => r[0] === '合计')![amount]!)).toBe(24_000_000);

  // 打印台账: the print view, saved as a PDF
  await page.getByRole('button', { name: '打印台账' }).click();
  await expect(page).toHaveURL(new RegExp(`#/print/fund-ledger/${id}$`));
  await expect(page.getByText(`${YEAR}年度${NAME}台账`).first()).toBeVisible();
  await expect(page.getByText('合计').first()).toBeVisible();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdf = path.join(SCREENSHOT_DIR, 'ledger-13-print.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])).toBeGreaterThanOrEqual(1);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SCREENSHOT_DIR, 'ledger-13-print')]);

  // back in the list: the programme with its figures and the 合计
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${host.url}#/funds`);
  const list = page.getByRole('table', { name: `${YEAR}年度经费项目` });
  const listRow = row(list, 'data-programme', id);
  for (const text of [NAME, '区域化党建工作经费', '区', '市中组字〔2026〕12号', '1,700,000.00', '240,000.00', '1,460,000.00', '14.11%', '17']) await expect(listRow).toContainText(text);
  await expect(list.locator('tfoot')).toContainText('合计（1 个项目）');
  await snap(page, 'ledger-14-programmes');
});

test('the list copes with long names and several programmes; editing the budget below what is allocated is refused; a programme without allocations can be deleted', async ({ page, host }) => {
  const streets = await streetsOf(host);
  const base = { year: YEAR, sourceLevel: 'district', recipientKind: 'street', documentNo: null, standardText: null, standardFen: null, dueOn: null, note: null };
  const long = await ok<{ id: number }>(host, 'funds.createProgramme', {
    ...base,
    name: '2026年度中央财政扶持壮大村级集体经济发展资金（第二批）暨市级配套党组织领办合作社专项奖补资金',
    category: 'central_collective',
    sourceLevel: 'central',
    budgetFen: 450_000_000,
    documentNo: '鲁财农〔2026〕45号、济组字〔2026〕18号',
  });
  await ok(host, 'funds.allocate', { programmeId: long.id, recipient: { unitId: streets[0]!.id }, amountFen: 50_000_000 });
  await ok(host, 'funds.createProgramme', { ...base, name: '党组织群众工作专项经费', category: 'mass_work', budgetFen: 85_000_000 });
  const spare = await ok<{ id: number }>(host, 'funds.createProgramme', { ...base, name: '备用项目', category: 'other', budgetFen: 100 });
  await logIn(page, host);
  await page.goto(`${host.url}#/funds`);
  const list = page.getByRole('table', { name: `${YEAR}年度经费项目` });
  await expect(list.locator('tbody tr')).toHaveCount(3);
  await expect(list.locator('tfoot')).toContainText('5,350,001.00');
  await snap(page, 'ledger-20-programmes-long-names');

  // the budget cannot go below what is allocated: the service's figures show in the dialog
  await row(list, 'data-programme', long.id).click();
  await page.getByRole('button', { name: '修改', exact: true }).click();
  const edit = page.getByRole('dialog', { name: /^修改经费项目/ });
  await expect(edit.getByLabel('预算', { exact: true })).toHaveValue('450');
  await edit.getByLabel('预算', { exact: true }).fill('40');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit.getByRole('alert')).toContainText('预算 400,000.00元 低于已分配的合计 500,000.00元');
  await settle(page);
  await snap(page, 'ledger-21-programme-edit-refused');
  await edit.getByRole('button', { name: '取消' }).click();
  expect((await detailOf(host, long.id)).programme.budgetFen).toBe(450_000_000);
  // with an allocation there is no 删除
  await expect(page.getByRole('button', { name: '删除', exact: true })).toHaveCount(0);
  await snap(page, 'ledger-22-programme-long-name');

  await page.goto(`${host.url}#/funds/programmes/${spare.id}`);
  await page.getByRole('button', { name: '删除', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: '删除经费项目' });
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('table', { name: `${YEAR}年度经费项目` }).locator('tbody tr')).toHaveCount(2);
  expect((await host.call('funds.programme', { id: spare.id })).ok).toBe(false);

  // an address that is not a programme says so
  await page.goto(`${host.url}#/funds/programmes/abc`);
  await expect(page.getByText('地址中的经费项目编号不正确')).toBeVisible();
});

test('allocating one by one: a street found by its pinyin initials, a person for a 书记津贴; a batch to the 行政村 of one street', async ({ page, host }) => {
  const tree = (await host.call('units.tree', {})).value as Array<{ id: number; name: string; units: Array<{ id: number; name: string; kind: string }> }>;
  const base = { year: YEAR, sourceLevel: 'district', documentNo: null, standardText: null, dueOn: null, note: null };
  const streetsProgramme = await ok<{ id: number }>(host, 'funds.createProgramme', { ...base, name: '党组织群众工作专项经费', category: 'mass_work', recipientKind: 'street', budgetFen: 85_000_000, standardFen: null });
  const persons = await ok<{ id: number }>(host, 'funds.createProgramme', { ...base, name: '村党组织书记绩效报酬', category: 'secretary_allowance', recipientKind: 'person', budgetFen: 10_000_000, standardFen: 600_000 });
  const villages = await ok<{ id: number }>(host, 'funds.createProgramme', { ...base, name: '村级组织运转经费', category: 'village_operation', recipientKind: 'village', budgetFen: 100_000_000, standardFen: 1_000_000 });
  await logIn(page, host);

  // 分配 to one street: typed as pinyin initials, the service's search finds it
  await page.goto(`${host.url}#/funds/programmes/${streetsProgramme.id}`);
  await page.getByRole('button', { name: '分配', exact: true }).click();
  const single = page.getByRole('dialog', { name: '分配经费' });
  await single.getByLabel('拨付对象（街道）').fill('gsq');
  await page.getByRole('option', { name: /杆石桥街道/ }).click();
  await single.getByLabel('分配金额', { exact: true }).fill('5.5');
  await settle(page);
  await snap(page, 'ledger-40-allocate-dialog');
  await single.getByRole('button', { name: '保存' }).click();
  await expect(single).toBeHidden();
  const table = page.getByRole('table', { name: '分配明细' });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toContainText('杆石桥街道');
  await expect(table.locator('tbody tr').first()).toContainText('55,000.00');
  // the same street a second time: shown in the list, not choosable
  await page.getByRole('button', { name: '分配', exact: true }).click();
  const again = page.getByRole('dialog', { name: '分配经费' });
  await again.getByLabel('拨付对象（街道）').fill('杆石桥');
  await expect(page.getByRole('option', { name: /杆石桥街道.*已分配/ })).toHaveAttribute('aria-disabled', 'true');
  await again.getByRole('button', { name: '取消' }).click();
  // 修改 below nothing registered is fine; the amount goes up to 6万
  await page.getByRole('button', { name: '修改分配：杆石桥街道' }).click();
  const change = page.getByRole('dialog', { name: '修改分配：杆石桥街道' });
  await change.getByLabel('分配金额', { exact: true }).fill('6');
  await change.getByRole('button', { name: '保存' }).click();
  await expect(change).toBeHidden();
  await expect(table.locator('tbody tr').first()).toContainText('60,000.00');

  // a programme for persons: a name, the standard as the amount; no 批量分配
  await page.goto(`${host.url}#/funds/programmes/${persons.id}`);
  await expect(page.getByRole('button', { name: '批量分配' })).toHaveCount(0);
  await page.getByRole('button', { name: '分配', exact: true }).click();
  const person = page.getByRole('dialog', { name: '分配经费' });
  await expect(person.getByLabel('分配金额', { exact: true })).toHaveValue('0.6');
  await person.getByLabel('受款人姓名').fill('张守田');
  await person.getByRole('button', { name: '保存' }).click();
  await expect(person).toBeHidden();
  await expect(page.getByRole('table', { name: '分配明细' })).toContainText('张守田');
  await expect(page.getByRole('table', { name: '分配明细' })).toContainText('6,000.00');

  // 批量分配 to the 行政村 of 十六里河街道
  const street = tree.find((x) => x.name === '十六里河街道')!;
  const expected = street.units.filter((u) => u.kind === 'village');
  await page.goto(`${host.url}#/funds/programmes/${villages.id}`);
  await page.getByRole('button', { name: '批量分配' }).first().click();
  const batch = page.getByRole('dialog', { name: '批量分配：村级组织运转经费' });
  await expect(batch.getByLabel('选定街道的村（社区）')).toBeChecked();
  await batch.getByLabel('街道（镇）').fill('十六里河');
  await page.getByRole('option', { name: '十六里河街道' }).click();
  await batch.getByText('分配范围').click();
  await batch.getByLabel('行政村').check();
  await batch.getByRole('button', { name: '预览' }).click();
  const preview = batch.getByRole('region', { name: '分配预览' });
  await expect(preview).toContainText(`将分配 ${expected.length} 个单位，合计 ${(expected.length * 10_000).toLocaleString('en-US')}.00 元`);
  await expect(preview.locator('tbody tr')).toHaveCount(expected.length);
  await settle(page);
  await snap(page, 'ledger-41-batch-villages');
  await batch.getByRole('button', { name: `确认分配（${expected.length} 个单位）` }).click();
  await expect(batch).toBeHidden();
  const grouped = page.getByRole('table', { name: '分配明细' });
  await expect(grouped.locator('tr.group')).toHaveText(['十六里河街道']);
  await expect(grouped.locator('tr.subtotal')).toContainText(`十六里河街道小计`);
  await expect(grouped.locator('tr.subtotal')).toContainText(`${(expected.length * 10_000).toLocaleString('en-US')}.00`);
  await snap(page, 'ledger-42-allocations-villages');
});

test('a 查阅 account sees programmes, allocations and disbursements but no way to change them', async ({ page, host }) => {
  const streets = await streetsOf(host);
  const programme = await ok<{ id: number }>(host, 'funds.createProgramme', REGIONAL_PROGRAMME);
  await ok(host, 'funds.allocateBatch', { programmeId: programme.id, scope: { kind: 'allStreets' }, amountFen: 10_000_000 });
  const detail = await detailOf(host, programme.id);
  const line = detail.allocations.find((x) => x.recipientName === streets[0]!.name)!;
  const paid = await ok<{ id: number }>(host, 'funds.disburse', { allocationId: line.id, paidOn: '2026-07-03', amountFen: 5_000_000 });
  await ok(host, 'funds.approve', { id: paid.id });
  await ok(host, 'funds.post', { id: paid.id });
  await ok(host, 'funds.disburse', { allocationId: line.id, paidOn: '2026-07-04', amountFen: 1_000_000 });
  await ok(host, 'users.create', { ...VIEWER, role: 'viewer', confirm: VIEWER.password });
  await logIn(page, host, VIEWER);
  const changed = await pagePost(page, host, 'auth.changePassword', { currentPassword: VIEWER.password, password: 'zijide2026', confirm: 'zijide2026' });
  expect((await changed.json()).ok).toBe(true);

  await page.goto(`${host.url}#/funds`);
  await expect(row(page, 'data-programme', programme.id)).toContainText(NAME);
  await expect(page.getByRole('button', { name: '新建经费项目' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '导入拨付记录' })).toHaveCount(0);
  await row(page, 'data-programme', programme.id).click();
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(card(page, '已拨付')).toContainText('50,000.00');
  await expect(page.getByRole('button', { name: /^(修改|删除|分配|批量分配)$/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /登记拨付|修改分配|删除分配/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '导出台账' })).toBeVisible();
  await expect(page.getByRole('button', { name: '打印台账' })).toBeVisible();
  await expect(page.getByRole('button', { name: `对账单：${streets[0]!.name}` })).toBeVisible();
  await snap(page, 'ledger-30-viewer-programme');
  await tab(page, /拨付记录/).click();
  await expect(page.getByRole('table', { name: '拨付记录' }).locator('tbody tr')).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^(审核|确认拨付|冲销|修改|删除|登记拨付|审核所选.*|确认拨付所选.*)$/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await snap(page, 'ledger-31-viewer-disbursements');
});
