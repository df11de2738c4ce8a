import ExcelJS from 'exceljs';
import { afterAll, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import type { ExportedFile } from '../../shared/api/files';
import type { ImportPreview, ImportSummary, OpenedImport } from '../../shared/api/imports';
import { VILLAGE_LIST_FIELDS } from '../../shared/api/villages/list-columns';
import { ok, openShizhongApp } from '../helpers/test-context';
import { base64 } from '../helpers/import-files';
import { measure, report } from './measure';
import { fillUnits } from './fill-units';

/**
 * 村情档案 at 10,000 units (a large city's villages in one register): the 市中区 streets filled
 * up with generated units, then a 10,000-row roster imported (read in the worker, previewed,
 * committed in one transaction with a 导入前 backup and an audit row per record), imported
 * again (all 无变化), and the whole list exported to Excel with every column.
 */
const UNITS = 10_000;

afterAll(() => report(`村情档案基准（${UNITS.toLocaleString('zh-CN')} 个村居）`));

it('import and export of 10,000 units', async () => {
  const app = await openShizhongApp();
  const admin = await app.callerFor('admin');
  const sqlite = app.store.sqlite;
  fillUnits(sqlite, UNITS);
  const units = sqlite.prepare("SELECT u.code, u.name, s.name AS street FROM org_units u JOIN org_units s ON s.id = u.parent_id WHERE u.level = 'unit' ORDER BY u.code").all() as Array<{ code: string; name: string; street: string }>;

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村情统计');
  ws.addRow(['全市村情统计表（2025年）']);
  ws.addRow(['单位：万元']);
  ws.addRow(['序号', '街道', '村（社区）名称', '区划代码', '户数', '党员总数', '女党员数', '党组织书记', '书记出生年月', '书记联系电话', '集体经营性收入', '集体资产', '评星定级', '软弱涣散']);
  units.forEach((u, i) => ws.addRow([i + 1, u.street, u.name, u.code, 300 + (i % 500), 40 + (i % 60), 10 + (i % 20), `书记${i}`, `19${60 + (i % 30)}.0${1 + (i % 9)}`, `1380000${String(i).padStart(4, '0')}`, (i % 400) / 10, 100 + (i % 900), ['五星', '四星', '三星'][i % 3], i % 50 === 0 ? '是' : '否']));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const contentBase64 = base64(bytes);

  let opened!: OpenedImport;
  await measure(`打开 ${units.length} 行的村情表（${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB，工作线程读取）`, 8000, async () => {
    opened = ok<OpenedImport>(await dispatch(app.ctx, 'imports.open', { kind: 'villages', fileName: '全市村情.xlsx', contentBase64 }, admin));
  }, 3);
  const input = { importId: opened.importId, sheetIndex: 0, options: { year: 2025 } };
  let preview!: ImportPreview;
  await measure('预览（表头、对应、逐行检查与比对）', 5000, async () => {
    preview = ok<ImportPreview>(await dispatch(app.ctx, 'imports.preview', input, admin));
  }, 3);
  if (preview.counts.update + preview.counts.create !== units.length) throw new Error(`预览结果不对：${JSON.stringify(preview.counts)}`);
  const expect = { create: preview.counts.create, update: preview.counts.update, rejected: preview.counts.rejected, plan: preview.plan };
  let summary!: ImportSummary;
  await measure('首次导入（导入前备份 + 一个事务写入 + 每条记录的日志）', 30_000, async () => {
    summary = ok<ImportSummary>(await dispatch(app.ctx, 'imports.commit', { ...input, expect }, admin));
  }, 0);
  if (summary.updated !== units.length) throw new Error(`导入结果不对：${JSON.stringify(summary)}`);
  const again = ok<ImportPreview>(await dispatch(app.ctx, 'imports.preview', input, admin));
  await measure('再次导入同一文件（全部无变化）', 8000, async () => {
    ok<ImportSummary>(await dispatch(app.ctx, 'imports.commit', { ...input, expect: { create: 0, update: 0, rejected: 0, plan: again.plan } }, admin));
  }, 0);
  await measure(`导出村情列表（${units.length} 行 × ${VILLAGE_LIST_FIELDS.length} 列）`, 8000, async () => {
    const file = ok<ExportedFile>(await dispatch(app.ctx, 'villages.exportList', { filter: { year: 2025 }, columns: VILLAGE_LIST_FIELDS }, admin));
    app.ctx.exports.take(file.token, admin.token);
  }, 3);
  await app.close();
});
