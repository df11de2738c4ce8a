import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, logIn, SCREENSHOT_DIR, setUpShizhong, snap, test, type Host, printCount, stubPrintDialog } from './fixtures';
import { REGIONAL_PROGRAMME, WAN } from '../fixtures/funds';

// exceljs is CommonJS; loaded through require, as Playwright's ESM loader cannot link its dependencies
const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;

/**
 * 经费台账 reports as a clerk reads them: the year summary (cards, charts, 合计, Excel), balances
 * per recipient and per street, what is overdue (this year and every year), a unit's and a
 * person's statement, and the printed ledger and statement (PDF read back with pdftotext, pages
 * turned into PNGs for people to look at). The data is made through the API the way the issue
 * walks it: a programme to every street, disbursed, approved, posted, partly reversed.
 */

const YEAR = 2026;

type Street = { id: number; name: string; code: string; units: Array<{ id: number; name: string; kind: string; code: string }> };

async function ok<T>(host: Host, method: string, input: unknown): Promise<T> {
  const result = await host.call(method, input);
  expect(result.ok, `${method}: ${result.error?.message}`).toBe(true);
  return result.value as T;
}

/** A disbursement of `fen` to the allocation, taken as far as `to`. */
async function pay(host: Host, allocationId: number, fen: number, to: 'pending' | 'approved' | 'paid', voucherNo: string, paidOn = '2026-03-15') {
  const d = await ok<{ id: number }>(host, 'funds.disburse', { allocationId, paidOn, amountFen: fen, voucherNo, handler: '刘会计', approver: '陈科长', note: null });
  if (to !== 'pending') await ok(host, 'funds.approve', { id: d.id });
  if (to === 'paid') await ok(host, 'funds.post', { id: d.id, paidOn: null });
  return d.id;
}

interface Seeded {
  streets: Street[];
  regionalId: number;
  /** the street with the most 村/社区, whose villages get 村级组织运转经费 */
  villageStreet: Street;
  longId: number;
}

const REGIONAL_NAME = REGIONAL_PROGRAMME.name;
const LONG_NAME = '中央财政扶持村级集体经济发展资金（第二批）村级集体经济薄弱村巩固提升项目';

async function seed(host: Host): Promise<Seeded> {
  const streets = await ok<Street[]>(host, 'units.tree', {});
  // 区域化党建工作经费: 10万元 to every street, due at mid-year (so overdue now, in November)
  const regional = await ok<{ id: number }>(host, 'funds.createProgramme', { ...REGIONAL_PROGRAMME, budgetFen: streets.length * 10 * WAN });
  await ok(host, 'funds.allocateBatch', { programmeId: regional.id, scope: { kind: 'allStreets' }, amountFen: 10 * WAN });
  const detail = await ok<{ allocations: Array<{ id: number; unitId: number }> }>(host, 'funds.programme', { id: regional.id });
  const allocationOf = (street: Street) => detail.allocations.find((a) => a.unitId === street.id)!.id;
  const [s0, s1, s2, s3] = streets as [Street, Street, Street, Street];
  await pay(host, allocationOf(s0), 10 * WAN, 'paid', '记-2026-001');
  const wrong = await pay(host, allocationOf(s1), 6 * WAN, 'paid', '记-2026-002');
  await ok(host, 'funds.reverse', { id: wrong, paidOn: '2026-04-02', amountFen: 1 * WAN, reason: '凭证金额录入有误', voucherNo: '记-2026-015' });
  await pay(host, allocationOf(s2), 3 * WAN, 'pending', '记-2026-020');
  await pay(host, allocationOf(s3), 2 * WAN, 'approved', '记-2026-021');

  // 村级组织运转经费 (市级): 1万元 to each 村/社区 of one street, due at the end of the year
  const villageStreet = [...streets].sort((a, b) => b.units.length - a.units.length)[0]!;
  const operation = await ok<{ id: number }>(host, 'funds.createProgramme', {
    year: YEAR,
    name: '村级组织运转经费',
    category: 'village_operation',
    sourceLevel: 'city',
    budgetFen: 200 * WAN,
    documentNo: null,
    standardText: '1万元/村',
    standardFen: 1 * WAN,
    recipientKind: 'village',
    dueOn: '2026-12-31',
    note: null,
  });
  await ok(host, 'funds.allocateBatch', { programmeId: operation.id, scope: { kind: 'unitsOfStreets', streetIds: [villageStreet.id], unitKinds: [] }, amountFen: 1 * WAN });
  const ops = await ok<{ allocations: Array<{ id: number }> }>(host, 'funds.programme', { id: operation.id });
  for (const [i, a] of ops.allocations.slice(0, 3).entries()) await pay(host, a.id, 1 * WAN, 'paid', `记-2026-1${i}0`, '2026-05-20');

  // 书记津贴 to persons: one overdue
  const allowance = await ok<{ id: number }>(host, 'funds.createProgramme', {
    year: YEAR,
    name: '村党组织书记津贴',
    category: 'secretary_allowance',
    sourceLevel: 'district',
    budgetFen: 5 * WAN,
    documentNo: null,
    standardText: null,
    standardFen: null,
    recipientKind: 'person',
    dueOn: '2026-03-31',
    note: null,
  });
  const zhang = await ok<{ id: number }>(host, 'funds.allocate', { programmeId: allowance.id, recipient: { personName: '张三' }, amountFen: 1_200_000, dueOn: null, note: null });
  await pay(host, zhang.id, 600_000, 'paid', '记-2026-201', '2026-02-10');
  await ok(host, 'funds.allocate', { programmeId: allowance.id, recipient: { personName: '欧阳建国' }, amountFen: 1_200_000, dueOn: '2026-12-31', note: null });

  // a programme with a long name, to nine villages (50万元 each), nothing paid yet
  // (villages of other streets than the first, whose street row the test reads as fully paid)
  const villages = streets.filter((s) => s !== s0 && s !== villageStreet).flatMap((s) => s.units).slice(0, 9);
  const long = await ok<{ id: number }>(host, 'funds.createProgramme', {
    year: YEAR,
    name: LONG_NAME,
    category: 'central_collective',
    sourceLevel: 'central',
    budgetFen: 450 * WAN,
    documentNo: '鲁财农〔2026〕12号',
    standardText: '50万元/村',
    standardFen: 50 * WAN,
    recipientKind: 'village',
    dueOn: null,
    note: null,
  });
  await ok(host, 'funds.allocateBatch', { programmeId: long.id, scope: { kind: 'units', unitIds: villages.map((u) => u.id) }, amountFen: 50 * WAN });

  // last year's programme still owing: only in 逾期 with 全部年度
  const old = await ok<{ id: number }>(host, 'funds.createProgramme', {
    year: 2025,
    name: '2025年党组织群众工作专项经费',
    category: 'mass_work',
    sourceLevel: 'district',
    budgetFen: 5 * WAN,
    documentNo: null,
    standardText: null,
    standardFen: null,
    recipientKind: 'street',
    dueOn: '2025-06-30',
    note: null,
  });
  await ok(host, 'funds.allocate', { programmeId: old.id, recipient: { unitId: s0.id }, amountFen: 5 * WAN, dueOn: null, note: null });

  return { streets, regionalId: regional.id, villageStreet, longId: long.id };
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

/** The page scrolls inside <main>, so a full-page shot shows one screen: make the window tall enough for all of it. */
async function snapAll(page: Page, name: string) {
  const height = await page.getByRole('main').evaluate((el) => el.scrollHeight + 60);
  await page.setViewportSize({ width: 1366, height: Math.max(768, Math.min(height, 4000)) });
  await snap(page, name);
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function readAllSheets(file: string): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[][]>();
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cell.text ?? '';
      });
      rows.push(Array.from(cells, (c) => c ?? ''));
    });
    out.set(ws.name, rows);
  }
  return out;
}

/** Prints the page to PDF as the system dialog would, returns its text and page count; PNGs of each page beside it. */
function pdfOf(file: string): { text: string; pages: number } {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, file.replace(/\.pdf$/, '')]);
  return { text, pages };
}

async function printToPdf(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdfOf(file);
}

test.beforeEach(async ({ host, page }) => {
  await setUpShizhong(host);
  await logIn(page, host);
  await stubPrintDialog(page);
});

test('the year at a glance, by recipient, by street and overdue; the summary exports to Excel', async ({ page, host }) => {
  const { streets, villageStreet } = await seed(host);
  const summary = await ok<{ budgetFen: number; balance: { allocatedFen: number; paidFen: number; pendingFen: number }; overdue: { allocations: number } }>(host, 'funds.yearSummary', { year: YEAR });
  const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });

  await page.goto(`${host.url}#/funds`);
  await tab(page, '年度汇总').click();
  const main = page.getByRole('main');
  await expect(main.getByText(`${YEAR}年经费汇总（4 个项目，单位：元）`)).toBeVisible();
  await expect(main.getByText(yuan(summary.budgetFen)).first()).toBeVisible();
  await expect(main.getByText(yuan(summary.balance.paidFen)).first()).toBeVisible();
  await expect(main.getByRole('img', { name: `${YEAR}年各资金类别的预算、分配和拨付` })).toBeVisible();
  const byCategory = main.getByRole('table', { name: `${YEAR}年经费汇总按资金类别` });
  await expect(byCategory.getByRole('row', { name: /合计/ })).toContainText(yuan(summary.budgetFen));
  await expect(byCategory).toContainText('中央财政扶持村级集体经济发展资金');
  await expect(main.getByRole('table', { name: `${YEAR}年经费汇总按资金来源层级` }).getByRole('row', { name: /合计/ })).toContainText(yuan(summary.balance.allocatedFen));
  // 逾期: every street but the one paid in full, and 张三
  expect(summary.overdue.allocations).toBe(streets.length - 1 + 1);
  await expect(main.getByText(`${summary.overdue.allocations} 笔`)).toBeVisible();
  await snapAll(page, 'fr01-funds-year-summary');

  const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: '导出 Excel' }).click()]);
  await expect(main.getByText(/已下载：.*2026年度经费汇总/)).toBeVisible();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-funds-')), download.suggestedFilename());
  await download.saveAs(file);
  const sheets = await readAllSheets(file);
  expect([...sheets.keys()]).toEqual(['按资金类别', '按资金来源层级', '项目明细']);
  const categories = sheets.get('按资金类别')!;
  // the 合计 row: 项目数, then 预算 and 已分配 in 元 (SUM formulas; their cached results read back)
  const total = categories.find((r) => r.includes('合计'))!;
  expect(total.slice(1, 4).map(Number)).toEqual([4, summary.budgetFen / 100, summary.balance.allocatedFen / 100]);
  expect(sheets.get('项目明细')!.flat().join('|')).toContain(LONG_NAME);

  // 按拨付对象: every recipient, the 合计; a street filter narrows it and its 合计 follows
  await tab(page, '按拨付对象').click();
  const recipients = main.getByRole('table', { name: `${YEAR}年各拨付对象的分配和拨付` });
  await expect(recipients.getByRole('row', { name: /合计/ })).toContainText(yuan(summary.balance.allocatedFen));
  await expect(recipients.getByRole('row', { name: /张三/ })).toContainText('逾期 1');
  await snapAll(page, 'fr02-funds-recipients');
  await main.getByRole('combobox', { name: '街道（镇）' }).click();
  await page.getByRole('option', { name: villageStreet.name }).click();
  const inStreet = await ok<unknown[]>(host, 'funds.recipientBalances', { year: YEAR, streetId: villageStreet.id, search: '' });
  expect(inStreet.length).toBeGreaterThan(villageStreet.units.length); // the street itself and each of its villages
  await expect(recipients.getByRole('row', { name: /合计/ })).toContainText(`合计（${inStreet.length} 个）`);
  await main.getByRole('combobox', { name: '街道（镇）' }).click();
  await page.getByRole('option', { name: '全部街道' }).click();
  await main.getByRole('textbox', { name: '查找拨付对象' }).fill('没有这个单位');
  await expect(main.getByText('没有符合条件的拨付对象')).toBeVisible();
  await main.getByRole('textbox', { name: '查找拨付对象' }).fill('');

  // 按街道: one row per street, 个人, 合计, and the rate chart
  await tab(page, '按街道').click();
  const perStreet = main.getByRole('table', { name: `${YEAR}年各街道的分配和拨付` });
  await expect(perStreet.getByRole('row', { name: /合计/ })).toContainText(yuan(summary.balance.allocatedFen));
  await expect(perStreet.getByRole('row', { name: /个人/ })).toContainText('24,000.00');
  await expect(perStreet.getByRole('row', { name: new RegExp(streets[0]!.name) })).toContainText('100.00%');
  await expect(main.getByRole('img', { name: `${YEAR}年各街道拨付率` })).toBeVisible();
  await snapAll(page, 'fr03-funds-streets');

  // 逾期未拨付: this year's, then every year's (last year's programme appears)
  await tab(page, '逾期未拨付').click();
  const late = main.getByRole('table', { name: '逾期未拨付的分配' });
  await expect(late.getByRole('row', { name: /合计/ })).toContainText(`合计（${summary.overdue.allocations} 笔）`);
  await expect(late).not.toContainText('2025年党组织群众工作专项经费');
  await main.getByLabel('全部年度').check();
  await expect(late).toContainText('2025年党组织群众工作专项经费');
  await snapAll(page, 'fr04-funds-overdue');
  await late.getByRole('link', { name: REGIONAL_NAME }).first().click();
  await expect(page).toHaveURL(/#\/funds\/programmes\/\d+$/);

  // a year without programmes: every tab says so
  await page.goto(`${host.url}#/funds`);
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: '2024年' }).click();
  await tab(page, '年度汇总').click();
  await expect(main.getByText('2024年还没有经费项目')).toBeVisible();
  await tab(page, '按拨付对象').click();
  await expect(main.getByText('2024年还没有分配给任何对象')).toBeVisible();
  await tab(page, '按街道').click();
  await expect(main.getByText('2024年还没有分配给任何街道或个人')).toBeVisible();
  await page.waitForTimeout(400); // the tab indicator's slide
  await snap(page, 'fr05-funds-streets-empty');
});

test('a statement: a unit with a reversal, printed on A4; a person exported; a bad link explained', async ({ page, host }) => {
  const { streets } = await seed(host);
  const street = streets[1]!;
  await page.goto(`${host.url}#/funds`);
  await tab(page, '按拨付对象').click();
  await page.getByRole('table', { name: `${YEAR}年各拨付对象的分配和拨付` }).getByRole('row', { name: new RegExp(`^${street.name}`) }).click();
  await expect(page).toHaveURL(new RegExp(`#/funds/statement\\?year=${YEAR}&unitId=${street.id}$`));
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: `${street.name} ${YEAR}年经费对账单` })).toBeVisible();
  const table = main.getByRole('table', { name: `${street.name}${YEAR}年经费对账单` });
  await expect(table).toContainText('冲销 2026-03-15 凭证号 记-2026-002 的拨付：凭证金额录入有误');
  await expect(table).toContainText('-10,000.00');
  await expect(table.getByRole('row', { name: /合计/ })).toContainText('50,000.00');
  await snapAll(page, 'fr06-funds-statement');

  await main.getByRole('button', { name: '打印' }).click();
  await expect(page).toHaveURL(new RegExp(`#/print/fund-statement/${street.id}\\?year=${YEAR}$`));
  await expect(page.getByText(`${street.name}${YEAR}年度经费对账单（共 1 页，A4 纵向）`)).toBeVisible();
  await snap(page, 'fr07-funds-statement-print');
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => printCount(page)).toBe(1);
  const log = await ok<{ rows: Array<{ entityId: string }> }>(host, 'audit.list', { actions: ['print'] });
  expect(log.rows[0]).toMatchObject({ entityId: String(street.id) });
  const pdf = await printToPdf(page, 'fr08-funds-statement');
  expect(pdf.pages).toBe(1);
  for (const text of [`${street.name}${YEAR}年度经费对账单`, '填报单位：中共市中区委组织部', '单位：元', '小计', '合计', '-10,000.00', '单位负责人：']) expect(pdf.text).toContain(text);

  // a person's statement: exported, and printed with its allocations logged (a person has no id of their own)
  await page.goto(`${host.url}#/funds/statement?year=${YEAR}&person=${encodeURIComponent('张三')}`);
  await expect(main.getByRole('heading', { name: `张三 ${YEAR}年经费对账单` })).toBeVisible();
  await expect(main.getByText('逾期')).toBeVisible();
  await snapAll(page, 'fr12-funds-statement-person');
  const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^2026年度经费对账单_张三_/);
  await main.getByRole('button', { name: '打印' }).click();
  await expect(page).toHaveURL(new RegExp(`#/print/fund-statement\\?year=${YEAR}&person=${encodeURIComponent('张三')}$`));
  await expect(page.getByText(`张三${YEAR}年度经费对账单（共 1 页，A4 纵向）`)).toBeVisible();
  const printedBefore = await printCount(page);
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => printCount(page)).toBe(printedBefore + 1);
  const personLog = await ok<{ rows: Array<{ entity: string; summary: string }> }>(host, 'audit.list', { actions: ['print'] });
  expect(personLog.rows[0]).toMatchObject({ entity: 'fund_allocation' });
  const personPdf = await printToPdf(page, 'fr13-funds-statement-person');
  for (const text of [`张三${YEAR}年度经费对账单`, '合计', '单位负责人：']) expect(personPdf.text).toContain(text);

  await page.goto(`${host.url}#/funds/statement?year=${YEAR}`);
  await expect(main.getByText('没有指明拨付对象，请从“按拨付对象”列表打开对账单')).toBeVisible();
  await page.goto(`${host.url}#/funds/statement?year=1999&unitId=${street.id}`);
  await expect(main.getByText('年度应在2000至2100之间')).toBeVisible();
});

test('the printed 台账: title, street 小计, 合计, 拨付明细 with the reversal, signature line; A4 landscape with the header on every page', async ({ page, host }) => {
  const { streets, regionalId, longId } = await seed(host);
  await page.goto(`${host.url}#/print/fund-ledger/${regionalId}`);
  await expect(page.getByRole('heading', { name: `${YEAR}年度${REGIONAL_NAME}台账` })).toBeVisible();
  const toolbar = page.getByText(/（共 \d+ 页，A4 横向）/);
  await expect(toolbar).toBeVisible();
  await snap(page, 'fr09-funds-ledger-print');
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => printCount(page)).toBe(1);
  const log = await ok<{ rows: Array<{ entity: string; entityId: string }> }>(host, 'audit.list', { actions: ['print'] });
  expect(log.rows[0]).toMatchObject({ entityId: String(regionalId) });

  const pdf = await printToPdf(page, 'fr10-funds-ledger');
  const flat = pdf.text.replace(/[ \t]+/g, ' ');
  for (const text of [`${YEAR}年度${REGIONAL_NAME}台账`, '填报单位：中共市中区委组织部', '单位：元', `${streets[0]!.name}小计`, '合计', '拨付明细', '-10,000.00', '150,000.00', '单位负责人：', '审核人：', '填表人：', '报出日期：']) {
    expect(flat, text).toContain(text);
  }
  expect((pdf.text.match(/小计/g) ?? []).length).toBe(streets.length);
  const shown = Number(/共 (\d+) 页/.exec((await toolbar.textContent())!)![1]);
  expect(shown).toBe(pdf.pages);

  // 9 villages of a long-named programme, nothing paid: the title wraps, 拨付明细 says so
  await page.goto(`${host.url}#/print/fund-ledger/${longId}`);
  await expect(page.getByRole('heading', { name: `${YEAR}年度${LONG_NAME}台账` })).toBeVisible();
  await expect(page.getByText('尚无已拨付的记录')).toBeVisible();
  const long = await printToPdf(page, 'fr11-funds-ledger-long');
  expect(long.text).toContain('单位负责人：');

  await page.goto(`${host.url}#/print/fund-ledger/999999`);
  await expect(page.getByText('该经费项目不存在或已被删除')).toBeVisible();
});
