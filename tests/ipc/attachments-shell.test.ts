import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_TYPE_MESSAGE, type Attachment, type ChooseFilesResult } from '../../shared/api/attachments';
import type { StreetNode } from '../../shared/api/units';
import type { ApiResult } from '../../shared/api/result';
import { blobFile } from '../../electron/services/attachments/storage';
import { exeBytes, jpegBytes, pdfBytes } from '../helpers/attachment-files';
import { ok, openShizhongApp, type TestApp } from '../helpers/test-context';
import { fakeFrame, FakeWebContents } from './fake-electron';

/**
 * Attachments in the desktop app: the main process shows the system "open" dialog, reads the
 * chosen files itself (the page gets tokens and names, never a path) and checks each like an
 * upload; "save as" copies a stored file where the user chose. Over the real IPC handler.
 */

const electron = vi.hoisted(() => ({
  paths: {} as Record<string, string>,
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
}));
vi.mock('electron', async () => {
  const fake = (await import('./fake-electron')).electronModule;
  return {
    ...fake,
    app: {
      getPath: (name: string) => {
        const p = electron.paths[name];
        if (!p) throw new Error(`no path ${name}`);
        return p;
      },
    },
    dialog: { showOpenDialog: electron.showOpenDialog, showSaveDialog: electron.showSaveDialog, showErrorBox: vi.fn() },
  };
});

const { electronAttachmentFiles, copyReplacing, openDialogOptions } = await import('../../electron/shell/attachment-files');
const { electronPlatform } = await import('../../electron/shell/dialogs');
const { handleApiCall, callerFor } = await import('../../electron/shell/ipc');

let dir: string;
let app: TestApp;
let unitId: number;
const own = new Set<number>();
let window: FakeWebContents;

beforeAll(async () => {
  app = await openShizhongApp();
  app.ctx.platform = electronPlatform(() => null);
  unitId = ok<StreetNode[]>(await app.call('units.tree', {}))[0]!.units[0]!.id;
  window = new FakeWebContents();
  window.mainFrame = fakeFrame('app://grassroots/index.html');
  own.add(window.id);
  callerFor(window.id).setToken((await app.callerFor('clerk')).token);
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-attach-shell-'));
  electron.paths = { documents: path.join(dir, 'docs'), home: dir };
  electron.showOpenDialog.mockReset();
  electron.showSaveDialog.mockReset();
});

/** A call from our window, through the IPC handler, as the preload sends it. */
const ipc = (method: string, input: unknown): Promise<ApiResult<unknown>> =>
  handleApiCall({ ctx: app.ctx, isOwnWebContents: (id) => own.has(id) }, { sender: window, senderFrame: window.mainFrame }, method, input);

describe('the shell glue', () => {
  it('the open dialog: one or more files, with the filter the service gives, owned by the window; cancelled → null', async () => {
    const owner = { id: 1 };
    const platform = electronAttachmentFiles(() => owner as never);
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/a/1.jpg', '/a/2.pdf'] });
    const filters = [{ name: '图片或 PDF 文件', extensions: ['jpg', 'png', 'pdf'] }];
    expect(await platform.chooseFiles({ title: '选择要上传的附件', filters })).toEqual(['/a/1.jpg', '/a/2.pdf']);
    expect(electron.showOpenDialog).toHaveBeenCalledWith(owner, { title: '选择要上传的附件', buttonLabel: '选择', defaultPath: path.join(dir, 'docs'), filters, properties: ['openFile', 'multiSelections'] });
    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await electronAttachmentFiles(() => null).chooseFiles({ title: 't', filters })).toBeNull();
    expect(openDialogOptions({ title: 't', filters }).properties).not.toContain('openDirectory');
  });

  it('save as: a copy where the user chose (the name only comes back); cancelled writes nothing; a failed copy leaves no half file', async () => {
    const source = path.join(dir, 'stored');
    fs.writeFileSync(source, pdfBytes('原件'));
    const target = path.join(dir, '我的报告.pdf');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(await electronAttachmentFiles(() => null).saveFileCopy('整改报告.pdf', source)).toEqual({ fileName: '我的报告.pdf' });
    expect(electron.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ title: '保存附件', defaultPath: path.join(dir, 'docs', '整改报告.pdf'), filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] }),
    );
    expect(fs.readFileSync(target).equals(pdfBytes('原件'))).toBe(true);
    electron.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await electronAttachmentFiles(() => null).saveFileCopy('x.jpg', source)).toBeNull();
    await expect(copyReplacing(source, path.join(dir, 'missing', 'x.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
    fs.mkdirSync(path.join(dir, 'folder.pdf'));
    await expect(copyReplacing(source, path.join(dir, 'folder.pdf'))).rejects.toBeTruthy();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the desktop platform offers both beside the other dialogs', () => {
    const platform = electronPlatform(() => null);
    expect(typeof platform.chooseFiles).toBe('function');
    expect(typeof platform.saveFileCopy).toBe('function');
  });
});

describe('choosing files in the desktop app, over IPC', () => {
  it('each chosen file is read by the main process and checked by its bytes; the page gets tokens and names, never a path', async () => {
    const picked = path.join(dir, '现场照片.jpg');
    const renamed = path.join(dir, '不是照片.jpg');
    const scan = path.join(dir, '会议记录.pdf');
    fs.writeFileSync(picked, jpegBytes(300, 200));
    fs.writeFileSync(renamed, exeBytes());
    fs.writeFileSync(scan, pdfBytes('会议'));
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [picked, renamed, scan, path.join(dir, 'gone.pdf')] });
    const result = ok<ChooseFilesResult>(await ipc('attachments.chooseFiles', {}));
    expect(result.chosen).toBe(true);
    expect(result.uploads.map((u) => [u.fileName, u.mime, u.hasThumbnail])).toEqual([
      ['现场照片.jpg', 'image/jpeg', true],
      ['会议记录.pdf', 'application/pdf', false],
    ]);
    expect(result.refused).toEqual([
      { fileName: '不是照片.jpg', message: ATTACHMENT_TYPE_MESSAGE },
      { fileName: 'gone.pdf', message: '文件无法读取（可能已被移走或没有读取权限）' },
    ]);
    expect(JSON.stringify(result)).not.toContain(dir);

    const attached = [];
    for (const u of result.uploads) attached.push(ok<Attachment>(await ipc('attachments.attach', { uploadToken: u.uploadToken, ownerEntity: 'org_unit', ownerId: unitId })));
    const sha = crypto.createHash('sha256').update(fs.readFileSync(picked)).digest('hex');
    expect(fs.readFileSync(blobFile(app.dataDir, sha)).equals(fs.readFileSync(picked))).toBe(true);

    // the thumbnail comes over IPC as bytes (no base64)
    const thumb = ok<{ mime: string; bytes: Uint8Array }>(await ipc('attachments.thumbnail', { id: attached[0]!.id }));
    expect(thumb.bytes).toBeInstanceOf(Uint8Array);
    expect([...thumb.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    // and a copy is saved where the user chooses
    const target = path.join(dir, '另存.pdf');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(ok(await ipc('attachments.save', { id: attached[1]!.id }))).toEqual({ saved: true, fileName: '另存.pdf' });
    expect(fs.readFileSync(target).equals(pdfBytes('会议'))).toBe(true);
    expect(electron.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: path.join(dir, 'docs', '会议记录.pdf') }));
    electron.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(ok(await ipc('attachments.save', { id: attached[1]!.id }))).toEqual({ saved: false, fileName: null });
  });

  it('a cancelled dialog reads nothing', async () => {
    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(ok(await ipc('attachments.chooseFiles', {}))).toEqual({ chosen: false, uploads: [], refused: [] });
  });

  it('a 查阅 window may not choose files: refused before any dialog opens', async () => {
    const viewerWindow = new FakeWebContents();
    viewerWindow.mainFrame = fakeFrame('app://grassroots/index.html');
    own.add(viewerWindow.id);
    callerFor(viewerWindow.id).setToken((await app.callerFor('viewer')).token);
    const result = await handleApiCall({ ctx: app.ctx, isOwnWebContents: (id) => own.has(id) }, { sender: viewerWindow, senderFrame: viewerWindow.mainFrame }, 'attachments.chooseFiles', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(electron.showOpenDialog).not.toHaveBeenCalled();
  });

  it('a page of another origin is refused before anything happens', async () => {
    const result = await handleApiCall({ ctx: app.ctx, isOwnWebContents: (id) => own.has(id) }, { sender: window, senderFrame: fakeFrame('https://evil.example/') }, 'attachments.chooseFiles', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    expect(electron.showOpenDialog).not.toHaveBeenCalled();
  });
});
