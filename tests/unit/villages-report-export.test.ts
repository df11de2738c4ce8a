import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../shared/api/files';
import type { BandMoversReport, IncomeBandReport } from '../../shared/api/villages';
import type { StreetNode } from '../../shared/api/units';
import { auditRows, ok, openShizhongApp, type TestApp } from '../helpers/test-context';

/** The income-band report exported to Excel agrees with the report on screen, row for row. */
let app: TestApp;
beforeEach(async () => {
  app = await openShizhongApp();
  const units = ok<StreetNode[]>(await app.call('units.tree', {})).flatMap((s) => s.units);
  // incomes across the bands for two years; some units move up, one down
  const incomes = [30_000_00, 70_000_00, 120_000_00, 250_000_00, 40_000_00, 95_000_00];
  for (const [i, unit] of units.slice(0, 30).entries()) {
    const before = incomes[i % incomes.length]!;
    ok(await app.call('villages.saveYear', { unitId: unit.id, year: 2025, collectiveIncomeFen: before }));
    ok(await app.call('villages.saveYear', { unitId: unit.id, year: 2026, collectiveIncomeFen: i % 5 === 0 ? before * 3 : i % 7 === 0 ? Math.floor(before / 3) : before }));
  }
});
afterEach(async () => {
  await app.close();
});

async function read(file: ExportedFile) {
  const token = (await app.callerFor('admin')).token;
  const entry = app.ctx.exports.take(file.token, token);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(entry.bytes) as unknown as ArrayBuffer);
  return wb;
}

const rowsAfterHeader = (ws: ExcelJS.Worksheet, header: string) => {
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (headerRow === 0 && row.getCell(1).value === header) headerRow = n;
  });
  const out: unknown[][] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) out.push((ws.getRow(n).values as unknown[]).slice(1));
  return out.filter((r) => r.some((v) => v !== null && v !== undefined && v !== ''));
};

describe('villages.exportBandReport', () => {
  it('sheet 1 = the report per street plus 合计; sheet 2 = exactly the movers; the export is logged', async () => {
    const report = ok<IncomeBandReport>(await app.call('villages.incomeBandReport', { year: 2026 }));
    const movers = ok<BandMoversReport>(await app.call('villages.bandMovers', { year: 2026 }));
    expect(movers.movers.length).toBeGreaterThan(0);
    const logBefore = auditRows(app).length;
    const file = ok<ExportedFile>(await app.call('villages.exportBandReport', { year: 2026 }));
    expect(file.fileName).toMatch(/^市中区2026年村集体经营性收入分档统计_\d{8}-\d{4}\.xlsx$/);
    expect(auditRows(app).slice(logBefore).map((r) => r.action)).toEqual(['export']);

    const wb = await read(file);
    const counts = wb.getWorksheet('分档统计')!;
    expect(String(counts.getCell('A1').value)).toBe('山东省济南市市中区2026年村集体经营性收入分档统计');
    const rows = rowsAfterHeader(counts, '街道（镇）');
    expect(rows).toHaveLength(report.streets.length + 1);
    for (const [i, street] of report.streets.entries()) {
      expect(rows[i]).toEqual([street.streetName, street.counts.weak, street.counts.general, street.counts.standard, street.counts.rich, street.unreported, street.total, street.standardOrAbove]);
    }
    const t = report.totals;
    expect(rows.at(-1)).toEqual(['合计', t.counts.weak, t.counts.general, t.counts.standard, t.counts.rich, t.unreported, t.total, t.standardOrAbove]);
    // the 合计 row is the column sums of the street rows
    for (let c = 1; c < 8; c++) expect(rows.slice(0, -1).reduce((n, r) => n + Number(r[c]), 0)).toBe(Number(rows.at(-1)![c]));

    const moved = rowsAfterHeader(wb.getWorksheet('档次变化')!, '街道（镇）');
    expect(moved.map((r) => r[2])).toEqual(movers.movers.map((m) => m.code));
    expect(moved.map((r) => r[7])).toEqual(movers.movers.map((m) => (m.direction === 'up' ? '上升' : '下降')));
  });

  it('a 查阅 account may export it too (no personal data in it)', async () => {
    const viewer = app.callAs('viewer');
    const result = await viewer('villages.exportBandReport', { year: 2026 });
    expect(result.ok).toBe(true);
  });
});
