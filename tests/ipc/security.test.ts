import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeWebContents, Menu, menuPopup, resetFakeElectron, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { hardenApp, isAllowedRequestUrl, preloadPathFor, secureWebPreferences } = await import('../../electron/shell/security');
const { contextMenuTemplate, createMainWindow, focusWindow, isOwnWebContents, mainWindowOptions } = await import('../../electron/shell/window');

beforeEach(() => resetFakeElectron());

describe('window options', () => {
  it('uses exactly the checklist webPreferences with the built CommonJS preload', () => {
    const preload = preloadPathFor('/opt/GrassrootsDesk/resources/app.asar');
    expect(preload.replaceAll('\\', '/')).toBe('/opt/GrassrootsDesk/resources/app.asar/out/preload/preload.cjs');
    expect(secureWebPreferences(preload)).toEqual({
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });

  it('opens 1366×768 (at least 1024×700), titled in Chinese, hidden until ready', () => {
    const options = mainWindowOptions('/x/preload.cjs');
    expect(options).toMatchObject({ width: 1366, height: 768, minWidth: 1024, minHeight: 700, title: '基层党建台账', show: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.webPreferences).toEqual(secureWebPreferences('/x/preload.cjs'));
  });

  it('creates the window without a menu, loads app://grassroots/index.html and shows it on ready-to-show', () => {
    const win = createMainWindow({ preloadPath: '/x/preload.cjs' }) as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/x/preload.cjs'));
    expect(win.loadURL).toHaveBeenCalledWith('app://grassroots/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('remembers its web contents as ours until the window closes', () => {
    const win = createMainWindow({ preloadPath: '/x/preload.cjs' }) as unknown as FakeBrowserWindow;
    const stranger = new FakeWebContents();
    expect(isOwnWebContents(win.webContents.id)).toBe(true);
    expect(isOwnWebContents(stranger.id)).toBe(false);
    win.emit('closed');
    expect(isOwnWebContents(win.webContents.id)).toBe(false);
  });

  it('has only Chinese labels in its right-click menu, and none where there is nothing to copy', () => {
    const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canUndo: true, canRedo: true, canDelete: true, canEditRichly: false };
    const editable = contextMenuTemplate({ isEditable: true, selectionText: '', editFlags: flags });
    const labels = editable.filter((item) => item.type !== 'separator').map((item) => item.label);
    expect(labels).toEqual(['剪切', '复制', '粘贴', '全选']);
    expect(contextMenuTemplate({ isEditable: false, selectionText: '七贤街道', editFlags: flags }).map((i) => i.label)).toEqual(['复制']);
    expect(contextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags: flags })).toEqual([]);

    const win = createMainWindow({ preloadPath: '/x/preload.cjs' }) as unknown as FakeBrowserWindow;
    win.webContents.emit('context-menu', {}, { isEditable: false, selectionText: '', editFlags: flags });
    expect(menuPopup).not.toHaveBeenCalled();
    win.webContents.emit('context-menu', {}, { isEditable: true, selectionText: '', editFlags: flags });
    expect(menuPopup).toHaveBeenCalledTimes(1);
  });

  it('brings a minimised window back for a second start', () => {
    const win = createMainWindow({ preloadPath: '/x/preload.cjs' }) as unknown as FakeBrowserWindow;
    win.minimized = true;
    focusWindow(win as never);
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });
});

describe('hardenApp', () => {
  function hardenedContents() {
    hardenApp(state.app as never, state.session as never);
    const contents = new FakeWebContents();
    state.app.emit('web-contents-created', {}, contents);
    return contents;
  }
  const navigationEvent = (url: string) => ({ url, preventDefault: vi.fn() });

  it('refuses navigation and redirects away from app://grassroots, allows moves inside it', () => {
    const contents = hardenedContents();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const url of ['https://example.com', 'http://10.1.2.3/login', 'file:///etc/passwd', 'app://evil/index.html', 'app://grassroots:8080/', 'javascript:alert(1)', 'about:blank']) {
        const e = navigationEvent(url);
        contents.emit(event, e, url);
        expect(e.preventDefault, `${event} ${url}`).toHaveBeenCalledTimes(1);
      }
      for (const url of ['app://grassroots/#/units', 'app://grassroots/index.html']) {
        const e = navigationEvent(url);
        contents.emit(event, e, url);
        expect(e.preventDefault, `${event} ${url}`).not.toHaveBeenCalled();
      }
    }
  });

  it('denies window.open whatever the URL, and every webview', () => {
    const contents = hardenedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://grassroots/#/units' })).toEqual({ action: 'deny' });
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request and check', () => {
    hardenApp(state.app as never, state.session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      state.session.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(state.session.permissionCheckHandler?.({}, permission)).toBe(false);
    }
  });

  it('cancels every request that is not app://grassroots, devtools:, data: or blob:', () => {
    hardenApp(state.app as never, state.session as never);
    const answer = (url: string) => {
      let response: { cancel?: boolean } | undefined;
      state.session.beforeRequest?.({ url }, (r) => (response = r));
      return response;
    };
    for (const url of ['https://example.com/a.js', 'http://127.0.0.1:4310/api/units.search', 'HTTPS://cdn.example.com/font.woff2', 'ws://10.0.0.1/', 'ftp://x/y', 'file:///C:/Windows/win.ini', 'app://evil/x.js']) {
      expect(answer(url), url).toEqual({ cancel: true });
    }
    for (const url of ['app://grassroots/index.html', 'app://grassroots/assets/index-abc.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://grassroots/0b1c']) {
      expect(answer(url), url).toEqual({ cancel: false });
    }
    expect(isAllowedRequestUrl('not a url')).toBe(false);
  });
});
