import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron glue for saving exports: the "save as" dialog, then a write that never leaves half a file. */

const electron = vi.hoisted(() => ({
  paths: {} as Record<string, string>,
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
}));
vi.mock('electron', () => ({
  app: {
    getPath: (name: string) => {
      const p = electron.paths[name];
      if (!p) throw new Error(`no path ${name}`);
      return p;
    },
  },
  dialog: { showSaveDialog: electron.showSaveDialog, showOpenDialog: electron.showOpenDialog },
}));

const { electronFiles, saveDialogOptions, writeReplacing } = await import('../../electron/shell/files');
const { electronPlatform } = await import('../../electron/shell/dialogs');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-save-'));
  electron.paths = { documents: path.join(dir, 'docs'), home: dir };
  electron.showSaveDialog.mockReset();
});

const leftovers = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.tmp'));

describe('saving an exported file', () => {
  it('suggests the name in Documents with a filter for its kind, and asks before overwriting', () => {
    const options = saveDialogOptions('市中区操作日志_20261122-1000.xlsx', '/home/clerk/Documents');
    expect(options).toMatchObject({
      title: '保存文件',
      buttonLabel: '保存',
      defaultPath: path.join('/home/clerk/Documents', '市中区操作日志_20261122-1000.xlsx'),
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    expect(options.properties).toContain('showOverwriteConfirmation');
    // a name with folder parts cannot move the suggestion elsewhere
    expect(saveDialogOptions('../../x.pdf', '/d').defaultPath).toBe(path.join('/d', 'x.pdf'));
    expect(saveDialogOptions('x.pdf', '/d').filters).toEqual([{ name: 'PDF 文件', extensions: ['pdf'] }]);
  });

  it('writes the bytes where the user chose, owned by the window, and answers only the file name', async () => {
    const target = path.join(dir, '我的日志.xlsx');
    const window = { id: 1 };
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const platform = electronFiles(() => window as never);
    expect(await platform.saveFile('操作日志.xlsx', new Uint8Array(Buffer.from('PK-data')))).toEqual({ fileName: '我的日志.xlsx' });
    expect(electron.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: path.join(dir, 'docs', '操作日志.xlsx') }));
    expect(fs.readFileSync(target, 'utf8')).toBe('PK-data');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a cancelled dialog writes nothing', async () => {
    electron.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await electronFiles(() => null).saveFile('a.xlsx', new Uint8Array([1]))).toBeNull();
    expect(electron.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ title: '保存文件' }));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('replaces an existing file whole; a failed write leaves the old file and no temp file', async () => {
    const target = path.join(dir, 'a.xlsx');
    fs.writeFileSync(target, 'old');
    await writeReplacing(target, new Uint8Array(Buffer.from('new')));
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    await expect(writeReplacing(path.join(dir, 'missing', 'b.xlsx'), new Uint8Array([1]))).rejects.toMatchObject({ code: 'ENOENT' });
    // renaming onto a folder fails after the temp file was written: it is removed again
    fs.mkdirSync(path.join(dir, 'c.xlsx'));
    await expect(writeReplacing(path.join(dir, 'c.xlsx'), new Uint8Array([1]))).rejects.toBeTruthy();
    expect(leftovers(dir)).toEqual([]);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it('the desktop platform offers it next to the folder dialog', () => {
    const platform = electronPlatform(() => null);
    expect(typeof platform.chooseFolder).toBe('function');
    expect(typeof platform.saveFile).toBe('function');
  });
});
