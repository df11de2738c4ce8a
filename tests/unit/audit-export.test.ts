import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../electron/services/audit';
import type { Actor } from '../../electron/services/context';
import { excelLocalDate } from '../../electron/excel/write-table';
import { AUDIT_EXPORT_MAX_ROWS, type AuditFilter, type AuditPage } from '../../shared/api/audit';
import type { ExportedFile } from '../../shared/api/files';
import type { SetupStatus } from '../../shared/api/setup';
import { refused } from '../helpers/fixtures';
import { ok, openShizhongApp, openTestApp, type TestApp } from '../helpers/test-context';

/**
 * 导出操作日志: the workbook a person opens — title, filter line, header, one row per filtered
 * log row, dates, A4 print setup — with formula-looking text kept as text, and the export itself
 * logged before the file is handed out.
 */

let app: TestApp;
let adminToken: string;
const INJECTIONS = ['=1+1', '+SUM(A1)', '-2', '@x', '\tA'];
const HEADERS = ['时间', '账户', '用户名', '操作', '对象', '对象编号', '摘要', '详细内容（变更前 → 变更后）'];

beforeAll(async () => {
  app = await openShizhongApp();
  adminToken = (await app.callerFor('admin')).token!;
  // rows whose text tries to become formulas, in every text column the export writes
  for (const [i, s] of INJECTIONS.entries()) {
    const actor: Actor = { userId: null, username: s, name: s, role: null };
    await writeAudit(app.ctx.db, { actor, now: () => new Date(Date.UTC(2026, 10, 21, 1, i)) }, {
      action: 'login_failed',
      entity: 'user',
      entityId: s,
      after: { username: s, reason: 'unknown user' },
    });
  }
  const unit = await firstUnit();
  ok(await app.call('units.update', { id: unit.id, name: '=HYPERLINK("x")', kind: unit.kind }));
});
afterAll(async () => {
  await app.close();
});

const firstUnit = () => app.ctx.db.selectFrom('org_units').select(['id', 'kind']).where('level', '=', 'unit').orderBy('id').executeTakeFirstOrThrow();

async function exportAndRead(filter: AuditFilter) {
  const file = ok<ExportedFile>(await app.call('audit.export', filter));
  const entry = app.ctx.exports.take(file.token, adminToken);
  expect(entry.bytes.byteLength).toBe(file.bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(entry.bytes) as unknown as ArrayBuffer);
  return { file, wb, ws: wb.getWorksheet('操作日志')! };
}

const total = async (filter: AuditFilter) => ok<AuditPage>(await app.call('audit.list', { ...filter, pageSize: 1 })).total;

describe('audit.export', () => {
  it('title, filter line, bold frozen header, one row per filtered log row, print setup', async () => {
    const district = ok<SetupStatus>(await app.call('setup.status')).district!;
    const filter: AuditFilter = { from: '2026-11-01', actions: ['login_failed', 'update', 'setup'] };
    const expectedRows = await total(filter);
    expect(expectedRows).toBe(INJECTIONS.length + 2);
    const { file, ws } = await exportAndRead(filter);

    expect(file.fileName).toMatch(/^市中区操作日志_\d{8}-\d{4}\.xlsx$/);
    expect(ws.getCell('A1').value).toBe(`${district.fullName.replace(/\s+/g, '')}操作日志`);
    expect(ws.getCell('A1').value).toBe('山东省济南市市中区操作日志');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2', 'A3:H3']));
    expect(ws.getCell('A2').value).toBe('筛选条件：日期 2026-11-01 至 今天；操作 登录失败、修改、首次设置');
    expect(String(ws.getCell('A3').value)).toMatch(new RegExp(`^共 ${expectedRows} 条\u3000导出时间 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\u3000导出人 测试admin（test-admin）$`));
    expect(ws.getRow(4).values).toEqual([undefined, ...HEADERS]);
    for (let c = 1; c <= HEADERS.length; c++) expect(ws.getRow(4).getCell(c).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '4:4' });
    expect(ws.getColumn(7).width).toBeGreaterThan(30);
    expect(ws.rowCount - 4).toBe(expectedRows);

    // newest first, dates as local date-times
    const rows = ok<AuditPage>(await app.call('audit.list', { ...filter, pageSize: 200 })).rows;
    rows.forEach((r, i) => {
      const cell = ws.getCell(5 + i, 1);
      expect((cell.value as Date).getTime()).toBe(excelLocalDate(r.at)!.getTime());
      expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(ws.getCell(5 + i, 4).value).toBe(r.actionLabel);
    });
  });

  it('formula-looking text comes back as text: no cell is a formula', async () => {
    const { ws } = await exportAndRead({ actions: ['login_failed', 'update'] });
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, cell.address).toBeUndefined();
      }),
    );
    const texts = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 4) for (const c of [2, 3, 6]) texts.add(String(row.getCell(c).value));
    });
    for (const s of INJECTIONS) expect(texts.has(`'${s}`), s).toBe(true);
    // the unit renamed to a formula: guarded in the summary and the detail too
    const detail: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 4 && row.getCell(4).value === '修改') detail.push(String(row.getCell(7).value), String(row.getCell(8).value));
    });
    expect(detail.join('\n')).toContain('=HYPERLINK');
    for (const cell of [ws.getCell('B5'), ws.getCell('F5')]) expect(cell.numFmt).toBe('@');
  });

  it('is logged as an export, with the file name and the row count, before the file is handed out', async () => {
    const filter: AuditFilter = { actions: ['login_failed'] };
    const n = await total(filter);
    const before = await total({ actions: ['export'] });
    const file = ok<ExportedFile>(await app.call('audit.export', filter));
    const exports = ok<AuditPage>(await app.call('audit.list', { actions: ['export'] }));
    expect(exports.total).toBe(before + 1);
    expect(exports.rows[0]).toMatchObject({
      actor: '测试admin',
      username: 'test-admin',
      action: 'export',
      actionLabel: '导出',
      entity: 'audit_log',
      entityLabel: '操作日志',
      after: { fileName: file.fileName, rows: n, filter: '操作 登录失败' },
    });
    expect(exports.rows[0]!.summary).toContain(file.fileName);
  });

  it('an empty result still exports: title and header, no rows', async () => {
    const { ws } = await exportAndRead({ text: '不存在的内容' });
    expect(ws.rowCount).toBe(4);
    expect(ws.getCell('A3').value).toMatch(/^共 0 条/);
  });
});

describe('dictionary values', () => {
  it('the summary and the export name a 单位类别 by its dictionary label, not its stored value', async () => {
    const kinds = await app.ctx.db.selectFrom('dict_items').select(['value', 'label']).where('dict', '=', 'unit_kind').where('retired', '=', 0).execute();
    const unit = await app.ctx.db.selectFrom('org_units').select(['id', 'name', 'kind']).where('level', '=', 'unit').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const from = kinds.find((k) => k.value === unit.kind)!;
    const to = kinds.find((k) => k.value !== unit.kind)!;
    ok(await app.call('units.update', { id: unit.id, name: unit.name, kind: to.value }));
    const row = ok<AuditPage>(await app.call('audit.list', { actions: ['update'], text: to.value })).rows[0]!;
    expect(row.summary).toBe(`${unit.name}：类别 ${from.label} → ${to.label}`);
    const { ws } = await exportAndRead({ actions: ['update'], text: to.value });
    expect(ws.getCell('H5').value).toContain(`类别：${from.label} → ${to.label}`);
  });
});

describe('the export limit', () => {
  let big: TestApp;
  beforeAll(async () => {
    big = await openTestApp();
    const insert = big.store.sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES (?, '系统', 'backup', 'backup')");
    big.store.sqlite.transaction(() => {
      for (let i = 0; i <= AUDIT_EXPORT_MAX_ROWS; i++) insert.run(new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString());
    })();
  });
  afterAll(async () => {
    await big.close();
  });

  it('past the limit: refused in Chinese, nothing stored, nothing logged; a narrower filter exports', async () => {
    const error = refused(await big.call('audit.export', {}));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(`超过单次导出上限 ${AUDIT_EXPORT_MAX_ROWS} 条`);
    expect(big.ctx.exports.size).toBe(0);
    expect(ok<AuditPage>(await big.call('audit.list', { actions: ['export'] })).total).toBe(0);
    const file = ok<ExportedFile>(await big.call('audit.export', { to: '2026-01-01' }));
    expect(file.bytes).toBeGreaterThan(0);
  });
});
