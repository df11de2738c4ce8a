import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import { fileStamp } from '../../electron/core/exports';
import type { Caller as TransportCaller, Platform } from '../../electron/services/context';
import type { StreetNode } from '../../shared/api/units';
import type { ApiResult } from '../../shared/api/result';
import { auditRows, closedAfterEachTest, newCaller, ok, openTestApp, tempDir, type TestApp } from '../helpers/test-context';

/**
 * print.savePdf and print.record, the service side (electron/services/print/print-service.ts):
 * on the desktop (a platform that prints to PDF and saves files) the window's page is printed,
 * the user chooses where, and the file and its 'export' row go together; in the browser host
 * (no PDF writer) the print is logged and the page is told to use the browser's print dialog.
 */

const { track } = closedAfterEachTest();
const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n% 台账\n%%EOF\n'));
const WINDOW = 7;

async function shizhong(): Promise<TestApp> {
  const app = track(await openTestApp());
  ok(await app.call('setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' }));
  return app;
}
async function someUnitIds(app: TestApp, n = 1) {
  const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
  return tree.find((s) => s.code === '370103002')!.units.slice(0, n).map((u) => u.id);
}

/**
 * The desktop platform as the shell gives it, with the dialog's answer scripted: `choose` gets
 * the suggested name and answers a path (or null: cancelled). The file is written through the
 * service's `around`, as electron/shell/files.ts does.
 */
function desktop(choose: (suggestedName: string) => string | null, write: (file: string, bytes: Uint8Array) => Promise<void> = (f, b) => fs.promises.writeFile(f, b)) {
  const platform = {
    chooseFolder: async () => null,
    printToPdf: vi.fn(async (_id: number, _options: { landscape: boolean }) => PDF),
    saveFile: vi.fn<NonNullable<Platform['saveFile']>>(async (suggestedName, bytes, options) => {
      const target = choose(suggestedName);
      if (!target) return null;
      const put = () => write(target, bytes);
      if (options?.around) await options.around(path.basename(target), put);
      else await put();
      return { fileName: path.basename(target) };
    }),
  };
  return platform;
}

/** The administrator calling from a desktop window (the IPC caller carries its web contents id). */
async function fromWindow(app: TestApp, webContentsId: number | null = WINDOW): Promise<TransportCaller> {
  const admin = await app.callerFor('admin');
  return webContentsId === null ? newCaller(admin.token) : Object.assign(newCaller(admin.token), { webContentsId });
}
const call = (app: TestApp, caller: TransportCaller, input: unknown): Promise<ApiResult<unknown>> => dispatch(app.ctx, 'print.savePdf', input, caller, { checkOutputs: true });
const exportRows = (app: TestApp) => auditRows(app).filter((r) => r.action === 'export');

describe('保存为 PDF on the desktop', () => {
  it('prints the calling window in its orientation, suggests the title and time as the name, writes the file and logs it with the form and the file name', async () => {
    const app = await shizhong();
    const ids = await someUnitIds(app, 2);
    const dir = tempDir('gd-pdf-');
    const target = path.join(dir, '大观园街道村情简表.pdf');
    const platform = desktop(() => target);
    app.ctx.platform = platform;

    const result = await call(app, await fromWindow(app), { form: 'village_brief', ids, title: '大观园街道 村情简表', orientation: 'portrait' });
    expect(ok(result)).toEqual({ outcome: 'saved', fileName: '大观园街道村情简表.pdf' });
    expect(platform.printToPdf).toHaveBeenCalledWith(WINDOW, { landscape: false });
    expect(platform.saveFile.mock.calls[0]![0]).toBe(`大观园街道 村情简表_${fileStamp(app.ctx.now())}.pdf`);
    expect(fs.readFileSync(target)).toEqual(Buffer.from(PDF));
    const [row, ...more] = exportRows(app);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ action: 'export', entity: 'org_unit', entity_id: null, actor: expect.any(String) });
    expect(JSON.parse(row!.after_json!)).toEqual({ fileName: '大观园街道村情简表.pdf', form: 'village_brief', formLabel: '村情简表', count: 2, ids });
  });

  it('a landscape form is printed landscape; one record is the row’s entity id', async () => {
    const app = await shizhong();
    const programmeId = ok<{ id: number }>(
      await app.call('funds.createProgramme', { year: 2026, name: '区域化党建工作经费', category: 'regional', sourceLevel: 'district', budgetFen: 100_000_000, recipientKind: 'street' }),
    ).id;
    const dir = tempDir('gd-pdf-');
    const platform = desktop((name) => path.join(dir, name));
    app.ctx.platform = platform;
    const saved = ok<{ outcome: string; fileName: string }>(await call(app, await fromWindow(app), { form: 'fund_ledger', ids: [programmeId], title: '2026年度区域化党建工作经费台账', orientation: 'landscape' }));
    expect(platform.printToPdf).toHaveBeenCalledWith(WINDOW, { landscape: true });
    expect(saved.fileName).toBe(`2026年度区域化党建工作经费台账_${fileStamp(app.ctx.now())}.pdf`);
    expect(fs.existsSync(path.join(dir, saved.fileName))).toBe(true);
    expect(exportRows(app)[0]).toMatchObject({ entity: 'fund_programme', entity_id: String(programmeId) });
  });

  it('a cancelled dialog writes nothing and logs nothing', async () => {
    const app = await shizhong();
    const [id] = await someUnitIds(app);
    const platform = desktop(() => null);
    app.ctx.platform = platform;
    const before = auditRows(app).length;
    expect(ok(await call(app, await fromWindow(app), { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' }))).toEqual({ outcome: 'cancelled' });
    expect(auditRows(app).length).toBe(before);
  });

  it('a title with folder parts or reserved characters cannot steer the suggested name', async () => {
    const app = await shizhong();
    const [id] = await someUnitIds(app);
    const platform = desktop(() => null);
    app.ctx.platform = platform;
    ok(await call(app, await fromWindow(app), { form: 'village_brief', ids: [id], title: '../../etc/村情:简表*?', orientation: 'portrait' }));
    const suggested = platform.saveFile.mock.calls[0]![0];
    expect(suggested).not.toMatch(/[/\\:*?"<>|]/);
    expect(suggested).toMatch(/村情_简表__.*\.pdf$/);
  });

  it('a file that cannot be written is explained, and nothing is logged', async () => {
    const app = await shizhong();
    const [id] = await someUnitIds(app);
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    app.ctx.platform = desktop(() => '/somewhere/x.pdf', async () => Promise.reject(denied));
    const before = auditRows(app).length;
    const result = await call(app, await fromWindow(app), { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('文件无法写入') } });
    expect(auditRows(app).length).toBe(before);
  });

  it('a log that cannot be written leaves no file', async () => {
    const app = await shizhong();
    const [id] = await someUnitIds(app);
    const dir = tempDir('gd-pdf-');
    app.ctx.platform = desktop(() => path.join(dir, 'a.pdf'));
    app.store.sqlite.exec("CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log WHEN NEW.action = 'export' BEGIN SELECT RAISE(ABORT, 'audit write failed'); END");
    const result = await call(app, await fromWindow(app), { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' });
    expect(result.ok).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('when the page cannot be printed, no dialog opens and the clerk is told what to do', async () => {
    const app = await shizhong();
    const [id] = await someUnitIds(app);
    const platform = desktop(() => '/never');
    platform.printToPdf.mockRejectedValueOnce(new Error('printToPDF failed'));
    app.ctx.platform = platform;
    const result = await call(app, await fromWindow(app), { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('未能生成 PDF') } });
    expect(platform.saveFile).not.toHaveBeenCalled();
  });

  it('refuses a form nobody declared, a call from no window, a bad orientation or title — before printing anything', async () => {
    const app = await shizhong();
    const [id] = await someUnitIds(app);
    const platform = desktop(() => '/never');
    app.ctx.platform = platform;
    const caller = await fromWindow(app);
    expect(await call(app, caller, { form: 'no_such_form', ids: [id], title: '表', orientation: 'portrait' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '没有这种打印表格' } });
    expect(await call(app, caller, { form: 'village_brief', ids: [id], title: '表', orientation: 'sideways' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(app, caller, { form: 'village_brief', ids: [id], title: '  ', orientation: 'portrait' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(app, await fromWindow(app, null), { form: 'village_brief', ids: [id], title: '表', orientation: 'portrait' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(platform.printToPdf).not.toHaveBeenCalled();
  });
});

describe('保存为 PDF in the browser host (no PDF writer)', () => {
  it('logs the print as 打印 does and tells the page to open the browser’s print dialog', async () => {
    const app = await shizhong();
    const ids = await someUnitIds(app, 3);
    const caller = await fromWindow(app, null);
    expect(ok(await call(app, caller, { form: 'village_brief', ids, title: '村情简表', orientation: 'portrait' }))).toEqual({ outcome: 'browser' });
    ok(await dispatch(app.ctx, 'print.record', { form: 'village_brief', ids }, caller));
    const [pdfRow, printRow] = auditRows(app).filter((r) => r.action === 'print');
    const detail = { form: 'village_brief', formLabel: '村情简表', count: 3, ids };
    expect(JSON.parse(pdfRow!.after_json!)).toEqual(detail);
    expect(JSON.parse(printRow!.after_json!)).toEqual(detail);
    expect(exportRows(app)).toEqual([]);
  });
});

describe('the print CSS every print view shares (renderer/src/features/print/print-css.ts)', () => {
  it('A4 in the view’s orientation, 第 x 页 / 共 y 页 in the bottom margin, header rows repeated, rows kept whole, the toolbar left off', async () => {
    const { printCss, PAGE_NUMBER_CONTENT } = await import('../../renderer/src/features/print/print-css');
    expect(PAGE_NUMBER_CONTENT).toBe('"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
    for (const orientation of ['portrait', 'landscape'] as const) {
      const css = printCss(orientation).replace(/\s+/g, ' ');
      expect(css).toContain(`size: A4 ${orientation};`);
      expect(css).toMatch(/@page \{[^}]*@bottom-center \{ content: "第 " counter\(page\) " 页 \/ 共 " counter\(pages\) " 页";/);
      expect(css).toContain('.print-sheet thead { display: table-header-group; }');
      expect(css).toContain('.print-sheet tr { break-inside: avoid;');
      expect(css).toContain('.no-print { display: none !important; }');
    }
  });
});
