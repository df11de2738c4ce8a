import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../shared/api/result';
import type { StreetNode } from '../../shared/api/units';
import { auditRows, ok, openShizhongApp, tempDir, TEST_PASSWORD, testUsername, type TestApp } from '../helpers/test-context';
import { dialog, fakeFrame, FakeWebContents, resetFakeElectron, state, webContents, type FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { handleApiCall, forgetCaller } = await import('../../electron/shell/ipc');
const { electronPlatform } = await import('../../electron/shell/dialogs');
const { createMainWindow, isOwnWebContents } = await import('../../electron/shell/window');
const { pdfOptions } = await import('../../electron/shell/pdf-options');

/**
 * 保存为 PDF in the desktop app, the main-process path end to end with a mocked 'electron': the
 * window's IPC call → dispatch → print.savePdf → the shell prints that window's web contents
 * (webContents.printToPDF), shows the save dialog, writes the file where the user chose and the
 * service logs it. The renderer sends no path, only the form, its records, a title and the
 * orientation.
 */

let app: TestApp;
let win: FakeBrowserWindow;
let documents: string;

beforeEach(async () => {
  resetFakeElectron();
  documents = tempDir('gd-docs-');
  state.app.paths.documents = documents;
  app = await openShizhongApp();
  win = createMainWindow({ preloadPath: '/x/preload.cjs' }) as unknown as FakeBrowserWindow;
  win.webContents.mainFrame = fakeFrame('app://grassroots/index.html#/print/village/1');
  app.ctx.platform = electronPlatform(() => win as never);
  // the window logs in over IPC, as the login screen does
  await app.callerFor('admin');
  expect(ok(await ipc(win.webContents, 'auth.login', { username: testUsername('admin'), password: TEST_PASSWORD }))).toBeTruthy();
});
afterEach(async () => {
  forgetCaller(win.webContents.id);
  await app.close();
});

const ipc = (sender: FakeWebContents, method: string, input: unknown): Promise<ApiResult<unknown>> =>
  handleApiCall({ ctx: app.ctx, isOwnWebContents }, { sender, senderFrame: sender.mainFrame }, method, input);

async function unitIds(n: number) {
  const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
  return tree.find((s) => s.code === '370103002')!.units.slice(0, n).map((u) => u.id);
}
const exportRows = () => auditRows(app).filter((r) => r.action === 'export');

describe('保存为 PDF from a desktop window', () => {
  it('prints the calling window to PDF (A4, its orientation, page numbers from the page), asks where, writes the file and logs it', async () => {
    const ids = await unitIds(2);
    const target = path.join(documents, '村情简表（两村）.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });

    const result = await ipc(win.webContents, 'print.savePdf', { form: 'village_brief', ids, title: '大观园街道 村情简表', orientation: 'portrait' });
    expect(ok(result)).toEqual({ outcome: 'saved', fileName: '村情简表（两村）.pdf' });

    expect(win.webContents.printToPDF).toHaveBeenCalledTimes(1);
    const options = win.webContents.printToPDF.mock.calls[0]![0];
    expect(options).toEqual(pdfOptions(false));
    expect(options).toMatchObject({ pageSize: 'A4', landscape: false, printBackground: true, preferCSSPageSize: true });
    // the page's own @page margin box numbers the pages; Chromium's footer would print a second number over it
    expect(options.displayHeaderFooter).toBe(false);

    // the dialog belongs to the window, suggests the title in 文档 with the PDF filter
    const [owner, dialogOptions] = dialog.showSaveDialog.mock.calls[0]! as [unknown, { defaultPath: string; filters: unknown[] }];
    expect(owner).toBe(win);
    expect(path.dirname(dialogOptions.defaultPath)).toBe(documents);
    expect(path.basename(dialogOptions.defaultPath)).toMatch(/^大观园街道 村情简表_\d{8}-\d{4}\.pdf$/);
    expect(dialogOptions.filters).toEqual([{ name: 'PDF 文件', extensions: ['pdf'] }]);

    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7\n%%EOF\n');
    expect(fs.readdirSync(documents)).toEqual(['村情简表（两村）.pdf']);
    const [row, ...more] = exportRows();
    expect(more).toEqual([]);
    expect(row).toMatchObject({ entity: 'org_unit', entity_id: null, username: testUsername('admin') });
    expect(JSON.parse(row!.after_json!)).toEqual({ fileName: '村情简表（两村）.pdf', form: 'village_brief', formLabel: '村情简表', count: 2, ids });
  });

  it('a landscape form is printed landscape', async () => {
    const [id] = await unitIds(1);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(documents, 'a.pdf') });
    ok(await ipc(win.webContents, 'print.savePdf', { form: 'fund_statement', ids: [id], title: '对账单', orientation: 'landscape' }));
    expect(win.webContents.printToPDF.mock.calls[0]![0]).toEqual(pdfOptions(true));
    expect(pdfOptions(true)).toMatchObject({ pageSize: 'A4', landscape: true });
  });

  it('a cancelled dialog writes nothing and logs nothing', async () => {
    const [id] = await unitIds(1);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const before = auditRows(app).length;
    expect(ok(await ipc(win.webContents, 'print.savePdf', { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' }))).toEqual({ outcome: 'cancelled' });
    expect(fs.readdirSync(documents)).toEqual([]);
    expect(auditRows(app).length).toBe(before);
  });

  it('a folder that cannot be written is explained in Chinese; nothing is logged and no half file is left', async () => {
    const [id] = await unitIds(1);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(documents, '已拔出的U盘', 'a.pdf') });
    const before = auditRows(app).length;
    const result = await ipc(win.webContents, 'print.savePdf', { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('所选文件夹不存在') } });
    expect(auditRows(app).length).toBe(before);
    expect(fs.readdirSync(documents)).toEqual([]);
  });

  it('a log row that cannot be written leaves no file where the user chose', async () => {
    const [id] = await unitIds(1);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(documents, 'a.pdf') });
    app.store.sqlite.exec("CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log WHEN NEW.action = 'export' BEGIN SELECT RAISE(ABORT, 'audit write failed'); END");
    const result = await ipc(win.webContents, 'print.savePdf', { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' });
    expect(result.ok).toBe(false);
    expect(fs.readdirSync(documents)).toEqual([]);
  });

  it('prints only a window of ours that still shows our page — never another web contents', async () => {
    const [id] = await unitIds(1);
    const input = { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' };
    // our window navigated away (the IPC sender check refuses the call itself)
    const original = win.webContents.mainFrame;
    win.webContents.mainFrame = fakeFrame('https://example.com/');
    expect(await ipc(win.webContents, 'print.savePdf', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    win.webContents.mainFrame = original;
    // the platform asked for a web contents that is not one of our windows, or is gone
    const stranger = new FakeWebContents();
    await expect(electronPlatform(() => null).printToPdf!(stranger.id, { landscape: false })).rejects.toThrow(/no window of ours/);
    await expect(electronPlatform(() => null).printToPdf!(987_654, { landscape: false })).rejects.toThrow(/no window of ours/);
    win.webContents.destroyed = true;
    await expect(electronPlatform(() => null).printToPdf!(win.webContents.id, { landscape: false })).rejects.toThrow(/no window of ours/);
    expect(stranger.printToPDF).not.toHaveBeenCalled();
    expect(webContents.fromId).toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a window that cannot be printed: no dialog, the clerk is told to use 打印, nothing logged', async () => {
    const [id] = await unitIds(1);
    win.webContents.printToPDF.mockRejectedValueOnce(new Error('Printing failed'));
    const before = auditRows(app).length;
    const result = await ipc(win.webContents, 'print.savePdf', { form: 'village_brief', ids: [id], title: '村情简表', orientation: 'portrait' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('未能生成 PDF') } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(auditRows(app).length).toBe(before);
  });
});
