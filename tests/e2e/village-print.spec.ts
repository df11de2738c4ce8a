import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, logIn, SCREENSHOT_DIR, setUpShizhong, test, printCount, stubPrintDialog } from './fixtures';

/** The 村情简表 print view: one A4 page per unit, logged before the print dialog opens. */
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

test.beforeEach(async ({ host, page }) => {
  await setUpShizhong(host);
  await logIn(page, host);
  await stubPrintDialog(page);
});

test('one unit: the 简表 shows its sections and figures on one A4 page, and printing is logged', async ({ page, host }) => {
  const found = await host.call('units.search', { query: '370103019200' });
  const unit = (found.value as Array<{ id: number; name: string }>)[0]!;
  expect((await host.call('villages.saveProfile', { unitId: unit.id, households: 812, memberTotal: 86, memberFemale: 21, secretaryName: '李建国', partyOrgType: 'branch' })).ok).toBe(true);
  expect((await host.call('villages.saveYear', { unitId: unit.id, year: 2026, collectiveIncomeFen: 12_456_789, starRating: 'five_star' })).ok).toBe(true);

  await page.goto(`${host.url}#/print/village/${unit.id}`);
  // the sheet's title, and the toolbar named after the unit
  await expect(page.locator('.print-sheet').getByText(`${unit.name}村情简表`)).toBeVisible();
  await expect(page.getByText(`${unit.name}村情简表（共 1 页，A4 纵向）`)).toBeVisible();
  for (const text of ['基本情况', '党组织和党员', '党组织书记', '李建国', '党支部', '124,567.89', '五星', '填报单位：中共市中区委组织部']) {
    await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
  }
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => printCount(page)).toBe(1);
  const log = await host.call('audit.list', { actions: ['print'] });
  expect((log.value as { rows: Array<{ entityId: string; summary: string }> }).rows[0]).toMatchObject({ entityId: String(unit.id) });

  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdf = path.join(SCREENSHOT_DIR, '50-village-brief.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  expect(pdfPages(pdf)).toBe(1);
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, path.join(SCREENSHOT_DIR, '50-village-brief')]);
});

test('a whole street in one job: one page per unit', async ({ page, host }) => {
  const tree = await host.call('units.tree', {});
  const street = (tree.value as Array<{ id: number; name: string; units: unknown[] }>).find((s) => s.name === '大观园街道')!;
  await page.goto(`${host.url}#/print/village-street/${street.id}`);
  await expect(page.getByText(`${street.name} 村情简表（共 ${street.units.length} 页，A4 纵向）`)).toBeVisible();
  const pdf = path.join(SCREENSHOT_DIR, '51-street-briefs.pdf');
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  expect(pdfPages(pdf)).toBe(street.units.length);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '打印' }).click();
  const log = await host.call('audit.list', { actions: ['print'] });
  expect((log.value as { rows: Array<{ after: { count: number } }> }).rows[0]!.after).toMatchObject({ count: street.units.length });
});
