import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { pdfOptions } from '../../electron/shell/pdf-options';
import { REGIONAL_PROGRAMME, WAN } from '../fixtures/funds';
import { expect, logIn, printCount, SCREENSHOT_DIR, setUpShizhong, stubPrintDialog, test, type Host } from './fixtures';
import { ok } from './funds-helpers';

/**
 * One way to paper or PDF for every print view (issue 11, “PDF output”): each view — 村情简表 of
 * a unit and of a whole street, a programme's 台账 (a long one too), a unit's and a person's
 * 对账单 — shows 打印 and 保存为 PDF. In the browser host 保存为 PDF logs the print and opens
 * the browser's print dialog with the hint to choose “另存为 PDF”. Each view is printed to PDF
 * exactly as the desktop app prints it (electron/shell/pdf-options.ts through the same DevTools
 * call): every page numbered “第 x 页 / 共 y 页”, a long ledger's header row repeated on page 2,
 * nothing of the toolbar on paper. Screenshots and PNGs of the PDFs go to test-results/screens.
 */

const YEAR = 2026;
const HINT = '在打印窗口中选择“另存为 PDF”';

type Street = { id: number; name: string; units: Array<{ id: number; name: string }> };
interface View {
  name: string;
  url: string;
  form: string;
  /** the view's title: the toolbar's, the window's, the start of the PDF's suggested name */
  title: string;
  heading: string;
  landscape: boolean;
  /** text the PDF must show (beside the page numbers) */
  shows: string[];
}

async function seed(host: Host): Promise<{ views: View[]; longLedger: View }> {
  const streets = await ok<Street[]>(host, 'units.tree', {});
  const village = streets[0]!.units[0]!;
  await ok(host, 'villages.saveProfile', { unitId: village.id, households: 812, memberTotal: 86, memberFemale: 21, secretaryName: '李建国', partyOrgType: 'branch' });
  await ok(host, 'villages.saveYear', { unitId: village.id, year: YEAR, collectiveIncomeFen: 12_456_789, starRating: 'five_star' });
  const bigStreet = [...streets].sort((a, b) => b.units.length - a.units.length)[0]!;

  // 区域化党建工作经费 to every street, one street paid
  const regional = await ok<{ id: number }>(host, 'funds.createProgramme', { ...REGIONAL_PROGRAMME, budgetFen: streets.length * 10 * WAN });
  await ok(host, 'funds.allocateBatch', { programmeId: regional.id, scope: { kind: 'allStreets' }, amountFen: 10 * WAN });
  const detail = await ok<{ allocations: Array<{ id: number; unitId: number }> }>(host, 'funds.programme', { id: regional.id });
  const street = streets[1]!;
  const allocationId = detail.allocations.find((a) => a.unitId === street.id)!.id;
  const paid = await ok<{ id: number }>(host, 'funds.disburse', { allocationId, paidOn: '2026-03-15', amountFen: 6 * WAN, voucherNo: '记-2026-002' });
  await ok(host, 'funds.approve', { id: paid.id });
  await ok(host, 'funds.post', { id: paid.id, paidOn: null });

  // 村级组织运转经费 to every 村/社区 of the district: a ledger of several landscape pages
  const allUnits = streets.flatMap((s) => s.units);
  const operation = await ok<{ id: number }>(host, 'funds.createProgramme', {
    year: YEAR,
    name: '村级组织运转经费',
    category: 'village_operation',
    sourceLevel: 'city',
    budgetFen: allUnits.length * WAN,
    documentNo: null,
    standardText: '1万元/村',
    standardFen: WAN,
    recipientKind: 'village',
    dueOn: '2026-12-31',
    note: null,
  });
  await ok(host, 'funds.allocateBatch', { programmeId: operation.id, scope: { kind: 'unitsOfStreets', streetIds: streets.map((s) => s.id), unitKinds: [] }, amountFen: WAN });

  // 书记津贴 to a person
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
  await ok(host, 'funds.allocate', { programmeId: allowance.id, recipient: { personName: '张三' }, amountFen: 1_200_000, dueOn: null, note: null });

  const longLedger: View = {
    name: 'fund-ledger-long',
    url: `#/print/fund-ledger/${operation.id}`,
    form: 'fund_ledger',
    title: `${YEAR}年度村级组织运转经费台账`,
    heading: `${YEAR}年度村级组织运转经费台账`,
    landscape: true,
    shows: [`${YEAR}年度村级组织运转经费台账`, '合计', '单位负责人：'],
  };
  const views: View[] = [
    { name: 'village', url: `#/print/village/${village.id}`, form: 'village_brief', title: `${village.name}村情简表`, heading: `${village.name}村情简表`, landscape: false, shows: [`${village.name}村情简表`, '李建国', '124,567.89'] },
    {
      name: 'village-street',
      url: `#/print/village-street/${bigStreet.id}`,
      form: 'village_brief',
      title: `${bigStreet.name} 村情简表`,
      heading: `${bigStreet.units[0]!.name}村情简表`,
      landscape: false,
      shows: bigStreet.units.slice(0, 3).map((u) => `${u.name}村情简表`),
    },
    {
      name: 'fund-ledger',
      url: `#/print/fund-ledger/${regional.id}`,
      form: 'fund_ledger',
      title: `${YEAR}年度${REGIONAL_PROGRAMME.name}台账`,
      heading: `${YEAR}年度${REGIONAL_PROGRAMME.name}台账`,
      landscape: true,
      shows: [`${YEAR}年度${REGIONAL_PROGRAMME.name}台账`, '拨付明细', '60,000.00', '单位负责人：'],
    },
    longLedger,
    {
      name: 'fund-statement',
      url: `#/print/fund-statement/${street.id}?year=${YEAR}`,
      form: 'fund_statement',
      title: `${street.name}${YEAR}年度经费对账单`,
      heading: `${street.name}${YEAR}年度经费对账单`,
      landscape: false,
      shows: [`${street.name}${YEAR}年度经费对账单`, '记-2026-002', '合计'],
    },
    {
      name: 'fund-statement-person',
      url: `#/print/fund-statement?year=${YEAR}&person=${encodeURIComponent('张三')}`,
      form: 'fund_statement_person',
      title: `张三${YEAR}年度经费对账单`,
      heading: `张三${YEAR}年度经费对账单`,
      landscape: false,
      shows: [`张三${YEAR}年度经费对账单`, '村党组织书记津贴', '合计'],
    },
  ];
  return { views, longLedger };
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The view printed to PDF as the desktop app's 保存为 PDF prints it (webContents.printToPDF with pdfOptions). */
async function desktopPdf(page: Page, view: View) {
  const options = pdfOptions(view.landscape);
  const file = path.join(SCREENSHOT_DIR, `pp-${view.name}.pdf`);
  await page.pdf({
    path: file,
    format: options.pageSize as string,
    landscape: options.landscape,
    printBackground: options.printBackground,
    preferCSSPageSize: options.preferCSSPageSize,
    displayHeaderFooter: options.displayHeaderFooter,
  });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  // pdftotext ends every page with a form feed
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const texts = text.split('\f');
  const pageText = (n: number) => texts[n - 1] ?? '';
  // PNGs of the first pages (a street's job has one page per unit)
  execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '4', file, file.replace(/\.pdf$/, '')]);
  return { pages, width: Number(size[1]), height: Number(size[2]), pageText, text };
}

/** A screenshot for people to look at: the whole view, or (a street's 30-odd sheets) the first screen of it. */
async function shot(page: Page, view: View, suffix = '') {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `pp-${view.name}${suffix}.png`), fullPage: view.name !== 'village-street' && suffix === '' });
}

// each test prints six views, some of many pages, to PDF and reads them back
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ host, page }) => {
  await setUpShizhong(host);
  await logIn(page, host);
  await stubPrintDialog(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

test('every print view offers 打印 and 保存为 PDF; in the browser 保存为 PDF logs the print and opens the print dialog with the hint', async ({ page, host }) => {
  const { views } = await seed(host);
  for (const view of views) {
    await page.goto(`${host.url}${view.url}`);
    await expect(page.getByText(view.heading).first(), view.name).toBeVisible();
    await expect(page.getByText(new RegExp(`^${view.title}（共 \\d+ 页，A4 ${view.landscape ? '横' : '纵'}向）$`)), view.name).toBeVisible();
    const printButton = page.getByRole('button', { name: '打印', exact: true });
    const pdfButton = page.getByRole('button', { name: '保存为 PDF', exact: true });
    await expect(printButton, view.name).toBeEnabled();
    await expect(pdfButton, view.name).toBeEnabled();
    await expect(page.getByText(HINT)).toHaveCount(0);
    await shot(page, view);

    const before = await printCount(page);
    await pdfButton.click();
    await expect(page.getByText(HINT), view.name).toBeVisible();
    await expect.poll(() => printCount(page), view.name).toBe(before + 1);
    const log = await ok<{ rows: Array<{ action: string; after: { form: string } }> }>(host, 'audit.list', { actions: ['print'] });
    expect(log.rows[0]!.after.form, view.name).toBe(view.form);
    await shot(page, view, '-hint');
    // the window's title is the form's: the browser names the PDF after it
    expect(await page.title(), view.name).toBe(view.title);

    // 打印 still prints, logged first
    await printButton.click();
    await expect.poll(() => printCount(page), view.name).toBe(before + 2);
  }
});

test('each view as a PDF: A4 in its orientation, every page numbered 第 x 页 / 共 y 页, its content and nothing of the toolbar; a long ledger repeats its header row on page 2', async ({ page, host }) => {
  const { views, longLedger } = await seed(host);
  for (const view of views) {
    await page.goto(`${host.url}${view.url}`);
    await expect(page.getByText(view.heading).first(), view.name).toBeVisible();
    const shown = Number(/共 (\d+) 页/.exec((await page.getByText(/（共 \d+ 页，A4 [纵横]向）/).textContent())!)![1]);
    const pdf = await desktopPdf(page, view);

    // A4: 595 × 842 pt, the long side across for landscape
    const [short, long] = view.landscape ? [pdf.height, pdf.width] : [pdf.width, pdf.height];
    expect(Math.round(short), view.name).toBe(595);
    expect(Math.round(long), view.name).toBe(842);
    expect(pdf.pages, `${view.name}: the toolbar's page count`).toBe(shown);
    for (let n = 1; n <= pdf.pages; n++) expect(squeeze(pdf.pageText(n)), `${view.name} page ${n}`).toContain(`第${n}页/共${pdf.pages}页`);
    for (const text of view.shows) expect(squeeze(pdf.text), `${view.name}: ${text}`).toContain(squeeze(text));
    for (const text of ['保存为 PDF', '另存为', '返回', '（共']) expect(pdf.text, `${view.name}: toolbar on paper`).not.toContain(text);
  }

  // the long ledger: several pages, the allocation table's header at the top of page 2 as on page 1
  await page.goto(`${host.url}${longLedger.url}`);
  await expect(page.getByText(longLedger.heading).first()).toBeVisible();
  const pdf = await desktopPdf(page, longLedger);
  expect(pdf.pages).toBeGreaterThanOrEqual(3);
  const header = ['序号', '街道（镇）', '单位名称', '区划代码', '分配金额', '已拨付', '未拨付', '拨付率', '应拨付日期', '备注'];
  const headerLine = (text: string) => text.split('\n').find((line) => line.includes('序号'));
  for (const n of [1, 2]) {
    const line = headerLine(pdf.pageText(n));
    expect(line, `page ${n} has the header row`).toBeTruthy();
    for (const cell of header) expect(squeeze(line!), `page ${n}: ${cell}`).toContain(cell);
  }
  // on page 2 the header comes before any row (it is the first line of the table there)
  const page2 = pdf.pageText(2).split('\n').filter((l) => l.trim());
  expect(page2.findIndex((l) => l.includes('序号'))).toBeLessThan(page2.findIndex((l) => /\d{12}/.test(l)));
});
