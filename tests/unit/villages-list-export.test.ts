import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../shared/api/files';
import type { StreetNode } from '../../shared/api/units';
import type { VillagePage } from '../../shared/api/villages';
import { auditRows, ok, openShizhongApp, snapshotDatabase, type TestApp } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';

/** The 村情档案 list exported: the same filter, the chosen columns in order, styled for print. */
let app: TestApp;
let street: StreetNode;
beforeEach(async () => {
  app = await openShizhongApp();
  street = ok<StreetNode[]>(await app.call('units.tree', {})).find((s) => s.name === '十六里河街道')!;
  for (const [i, unit] of street.units.slice(0, 5).entries()) {
    ok(await app.call('villages.saveYear', { unitId: unit.id, year: 2026, collectiveIncomeFen: 1_234_567_89 + i, starRating: 'five_star' }));
    ok(await app.call('villages.saveProfile', { unitId: unit.id, secretaryName: `书记${i}`, memberTotal: 40 + i }));
  }
});
afterEach(async () => {
  await app.close();
});

async function exportAndRead(input: unknown) {
  const file = ok<ExportedFile>(await app.callUnchecked('villages.exportList', input));
  const entry = app.ctx.exports.take(file.token, (await app.callerFor('admin')).token);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(entry.bytes) as unknown as ArrayBuffer);
  return { file, ws: wb.getWorksheet('村情档案')! };
}

describe('villages.exportList', () => {
  it('holds exactly the filtered rows and chosen columns, 元 with separators, A4 landscape with the header repeated, and is logged', async () => {
    const filter = { streetId: street.id, year: 2026 };
    const page = ok<VillagePage>(await app.call('villages.list', { ...filter, pageSize: 500 }));
    const logBefore = auditRows(app).length;
    const { file, ws } = await exportAndRead({ filter, columns: ['name', 'secretaryName', 'memberTotal', 'collectiveIncomeFen', 'starRating'] });
    expect(file.fileName).toMatch(/^市中区村情档案_2026年_/);
    expect(auditRows(app).slice(logBefore).map((r) => r.action)).toEqual(['export']);

    expect(String(ws.getCell('A1').value)).toBe('山东省济南市市中区村情档案（2026年度）');
    expect(ws.getCell('A1').font.bold).toBe(true);
    const headerRow = 3;
    expect((ws.getRow(headerRow).values as unknown[]).slice(1)).toEqual(['名称', '书记', '党员', '集体经营性收入（元）', '评星定级']);
    for (let c = 1; c <= 5; c++) expect(ws.getRow(headerRow).getCell(c).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: `${headerRow}:${headerRow}` });

    const data = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) data.push((ws.getRow(r).values as unknown[]).slice(1));
    expect(data).toHaveLength(page.total);
    expect(data.map((d) => d[0])).toEqual(page.rows.map((r) => r.name));
    const first = page.rows.findIndex((r) => r.collectiveIncomeFen === 1_234_567_89);
    expect(data[first]).toEqual([page.rows[first]!.name, '书记0', 40, 1_234_567.89, '五星']);
    expect(ws.getRow(headerRow + 1 + first).getCell(4).numFmt).toBe('#,##0.00');
  });

  it('refuses an unknown column or none, in Chinese, exporting and logging nothing', async () => {
    const before = snapshotDatabase(app);
    expect(refused(await app.call('villages.exportList', { filter: {}, columns: [] })).message).toBe('请至少选择一列');
    expect(refused(await app.call('villages.exportList', { filter: {}, columns: ['password'] })).message).toBe('没有这一列');
    expect(snapshotDatabase(app)).toEqual(before);
    expect(app.ctx.exports.size).toBe(0);
  });
});
