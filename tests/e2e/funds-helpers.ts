import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Download, Locator, Page } from '@playwright/test';
import type ExcelJSModule from 'exceljs';
import { expect, type Host } from './fixtures';

// exceljs is CommonJS; loaded through require, as Playwright's ESM loader cannot link its dependencies
export const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;

export type Street = { id: number; name: string; code: string };

/** The district's streets in code order, as the ledger lists them. */
export async function streetsOf(host: Host): Promise<Street[]> {
  const tree = await host.call('units.tree', {});
  return (tree.value as Street[]).map(({ id, name, code }) => ({ id, name, code })).sort((a, b) => a.code.localeCompare(b.code));
}

/** A value the API returned, failing the test with the service's message when it refused. */
export async function ok<T>(host: Host, method: string, input: unknown): Promise<T> {
  const result = await host.call(method, input);
  expect(result.ok, result.error?.message).toBe(true);
  return result.value as T;
}

/**
 * Types a date into an MUI date field (year, month and day sections, each taking its digits and
 * moving on), e.g. '2026-06-30'; an empty value clears it.
 */
export async function fillDate(page: Page, scope: Locator, label: string, iso: string) {
  const group = scope.getByRole('group', { name: label });
  await group.getByRole('spinbutton').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  if (iso) await page.keyboard.type(iso.replaceAll('-', ''));
}

/** Chooses an option of an MUI select field. */
export async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Saves a download into a temporary folder under its suggested name. */
export async function saved(download: Download): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-download-')), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** A worksheet as text rows: each cell's shown text or, for a formula, its cached result. */
export function sheetRows(ws: ExcelJSModule.Worksheet): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Array<string | number | null> = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) cells.push(null);
      else if (typeof v === 'object' && 'formula' in v) cells.push((v.result as number | undefined) ?? 0);
      else if (typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((t) => t.text).join(''));
      else cells.push(v as string | number);
    }
    rows[n - 1] = cells;
  });
  return rows;
}

/** 元 in a cell (a float of 元) → integer 分, checking it is a whole number of 分. */
export function fenOf(value: string | number | null): number {
  expect(typeof value).toBe('number');
  const fen = Math.round((value as number) * 100);
  expect(Math.abs(fen - (value as number) * 100)).toBeLessThan(1e-6);
  return fen;
}

/** Lets a dialog finish fading in before a screenshot. */
export const settle = (page: Page) => page.waitForTimeout(400);
