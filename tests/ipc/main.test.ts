import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialog, FakeBrowserWindow, ipcMain, protocol, resetFakeElectron, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const createAppContext = vi.hoisted(() => vi.fn());
vi.mock('../../electron/core/app-context', () => ({ createAppContext }));

const fakeContext = () => ({ ctx: { runtime: 'electron' }, store: {}, close: vi.fn(async () => {}) });
const originalArgv = process.argv;

/** Runs electron/main.ts from the top, as Electron would, and waits for its start to settle. */
async function startMain() {
  vi.resetModules();
  const main = await import('../../electron/main');
  return main.started;
}

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'error').mockImplementation(() => {});
  createAppContext.mockReset();
  process.argv = ['/opt/GrassrootsDesk/grassroots-desk'];
  delete process.env.GRASSROOTS_DATA_DIR;
});
afterEach(() => {
  process.argv = originalArgv;
  vi.restoreAllMocks();
});

describe('main process start-up', () => {
  it('shows the store’s Chinese message and opens no window when the database cannot be opened', async () => {
    const userMessage = '数据库由更新版本的程序写入（版本 9），本程序只认识到版本 1。请安装新版程序后再打开，数据未做任何改动。';
    createAppContext.mockImplementation(async () => {
      // the class from the same module graph main.ts was loaded in (vi.resetModules)
      const { StoreOpenError } = await import('../../electron/db/store-errors');
      throw new StoreOpenError('too_new', userMessage, 'user_version 9 > 1');
    });
    expect(await startMain()).toBe('failed');
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(dialog.showErrorBox).toHaveBeenCalledWith('基层党建台账无法启动', userMessage);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
    expect(protocol.handle).not.toHaveBeenCalled();
    expect(state.app.exit).toHaveBeenCalledWith(1);
  });

  it('shows a Chinese message for any other start-up error too', async () => {
    createAppContext.mockRejectedValue(new Error('ENOENT: divisions/index.json'));
    expect(await startMain()).toBe('failed');
    const [title, message] = dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('基层党建台账无法启动');
    expect(message).toMatch(/^程序启动时发生意外错误。/);
    expect(message).toContain('ENOENT: divisions/index.json');
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(state.app.exit).toHaveBeenCalledWith(1);
  });

  it('opens the store in <appData>/GrassrootsDesk, then protocol, IPC and one window', async () => {
    createAppContext.mockResolvedValue(fakeContext());
    expect(await startMain()).toBe('running');
    const userData = path.join('/fake/appData', 'GrassrootsDesk');
    expect(state.app.setPath).toHaveBeenCalledWith('userData', userData);
    // userData is set before the single-instance lock, which is scoped to it
    expect(state.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(state.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!).toBeLessThan(state.app.whenReady.mock.invocationCallOrder[0]!);
    expect(createAppContext).toHaveBeenCalledWith({
      dataDir: userData,
      resourcesDir: path.join('/fake/app', 'resources'),
      runtime: 'electron',
      appVersion: '0.1.0',
      // the OS dialogs behind the services (folder for backups, "save as" for exports)
      platform: expect.objectContaining({ chooseFolder: expect.any(Function), saveFile: expect.any(Function) }),
    });
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(ipcMain.handle).toHaveBeenCalledWith('api', expect.any(Function));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://grassroots/index.html');
    expect((win.options.webPreferences as { preload: string }).preload).toBe(path.join('/fake/app', 'out', 'preload', 'preload.cjs'));
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it("the services' folder dialog is the OS dialog, owned by the main window", async () => {
    createAppContext.mockResolvedValue(fakeContext());
    expect(await startMain()).toBe('running');
    const { platform } = createAppContext.mock.calls[0]![0] as { platform: { chooseFolder(title: string): Promise<string | null> } };
    const win = FakeBrowserWindow.instances[0]!;
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/备份'] });
    expect(await platform.chooseFolder('选择备份位置')).toBe('/media/usb/备份');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(win, { title: '选择备份位置', properties: ['openDirectory', 'createDirectory'] });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await platform.chooseFolder('选择备份位置')).toBeNull();
  });

  it('takes the data folder from --data-dir, and resources from resourcesPath when packaged', async () => {
    createAppContext.mockResolvedValue(fakeContext());
    process.argv = ['/opt/GrassrootsDesk/grassroots-desk', '--data-dir', '/srv/desk-data'];
    state.app.isPackaged = true;
    const resourcesPath = path.join('/opt', 'GrassrootsDesk', 'resources');
    Object.defineProperty(process, 'resourcesPath', { value: resourcesPath, configurable: true });
    try {
      expect(await startMain()).toBe('running');
    } finally {
      delete (process as { resourcesPath?: string }).resourcesPath;
    }
    expect(createAppContext).toHaveBeenCalledWith(expect.objectContaining({ dataDir: path.resolve('/srv/desk-data'), resourcesDir: resourcesPath }));
  });

  it('quits at once as a second instance, and the first one comes to the front', async () => {
    createAppContext.mockResolvedValue(fakeContext());
    expect(await startMain()).toBe('running');
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    state.app.emit('second-instance', {}, ['grassroots-desk'], '/');
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);

    resetFakeElectron();
    createAppContext.mockClear();
    state.app.gotLock = false;
    expect(await startMain()).toBe('second-instance');
    expect(state.app.quit).toHaveBeenCalledTimes(1);
    expect(createAppContext).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('closes the store before the app quits', async () => {
    const context = fakeContext();
    createAppContext.mockResolvedValue(context);
    await startMain();
    const first = { preventDefault: vi.fn() };
    state.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    expect(context.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(state.app.quit).toHaveBeenCalledTimes(1));
    const second = { preventDefault: vi.fn() };
    state.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(context.close).toHaveBeenCalledTimes(1);
  });

  it('closes the store and quits if the window cannot be set up after the store opened', async () => {
    const context = fakeContext();
    createAppContext.mockResolvedValue(context);
    protocol.handle.mockImplementationOnce(() => {
      throw new Error('scheme "app" already handled');
    });
    expect(await startMain()).toBe('failed');
    expect(dialog.showErrorBox).toHaveBeenCalledWith('基层党建台账无法启动', expect.stringContaining('scheme "app" already handled'));
    expect(context.close).toHaveBeenCalledTimes(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(state.app.exit).toHaveBeenCalledWith(1);
  });
});
