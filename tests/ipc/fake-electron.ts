import { vi } from 'vitest';

/**
 * A stand-in for the 'electron' module, just big enough for electron/main.ts, preload.ts and
 * shell/: records what the code registers so tests can fire events and inspect calls.
 * Use with: vi.mock('electron', async () => (await import('./fake-electron')).electronModule)
 *
 * Everything lives in one object on globalThis, so a test that calls vi.resetModules() to run
 * electron/main.ts again still shares the fake with the code under test.
 */

type Listener = (...args: never[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
  detached: boolean;
}

export interface FakeSession {
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | null;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void;
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void;
  webRequest: { onBeforeRequest(listener: FakeSession['beforeRequest']): void };
}

function defineFake() {
  class FakeEmitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      const wrapped = ((...args: never[]) => {
        this.off(event, wrapped);
        return listener(...args);
      }) as Listener;
      return this.on(event, wrapped);
    }
    off(event: string, listener: Listener): this {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
      return this;
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => unknown)(...args);
    }
  }

  let nextId = 1;
  function fakeFrame(url: string, overrides: Partial<FakeFrame> = {}): FakeFrame {
    const id = nextId++;
    return { url, parent: null, processId: 100 + id, routingId: id, detached: false, ...overrides };
  }

  /** every web contents made, by id, for webContents.fromId */
  const allWebContents = new Map<number, FakeWebContents>();

  class FakeWebContents extends FakeEmitter {
    readonly id = nextId++;
    mainFrame: FakeFrame = fakeFrame('app://grassroots/index.html');
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    destroyed = false;
    /** what printToPDF answers: a tiny PDF */
    readonly printToPDF = vi.fn(async (_options: Record<string, unknown>) => Buffer.from('%PDF-1.7\n%%EOF\n'));
    constructor() {
      super();
      allWebContents.set(this.id, this);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    getURL() {
      return this.mainFrame.url;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  const webContents = { fromId: vi.fn((id: number) => allWebContents.get(id)) };

  class FakeBrowserWindow extends FakeEmitter {
    static instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    minimized = false;
    visible = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
    isMinimized() {
      return this.minimized;
    }
    isVisible() {
      return this.visible;
    }
    isDestroyed() {
      return false;
    }
  }

  class FakeApp extends FakeEmitter {
    isPackaged = false;
    gotLock = true;
    paths: Record<string, string> = { appData: '/fake/appData', userData: '/fake/appData/Electron' };
    appPath = '/fake/app';
    readonly setPath = vi.fn((name: string, value: string) => {
      this.paths[name] = value;
    });
    readonly getPath = vi.fn((name: string) => {
      const value = this.paths[name];
      if (!value) throw new Error(`no path ${name}`);
      return value;
    });
    readonly getAppPath = vi.fn(() => this.appPath);
    readonly getVersion = vi.fn(() => '0.1.0');
    readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
    readonly enableSandbox = vi.fn();
    readonly whenReady = vi.fn(() => Promise.resolve());
    readonly quit = vi.fn();
    readonly exit = vi.fn();
  }

  function createFakeSession(): FakeSession {
    const s: FakeSession = {
      permissionRequestHandler: null,
      permissionCheckHandler: null,
      beforeRequest: null,
      setPermissionRequestHandler(handler) {
        s.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler) {
        s.permissionCheckHandler = handler;
      },
      webRequest: {
        onBeforeRequest(listener) {
          s.beforeRequest = listener;
        },
      },
    };
    return s;
  }

  const state = {
    app: new FakeApp(),
    session: createFakeSession(),
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  };

  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      state.protocolHandlers.set(scheme, handler);
    }),
  };
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
      state.ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      state.ipcHandlers.delete(channel);
    }),
  };
  const dialog = {
    showErrorBox: vi.fn(),
    showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath: string }> => ({ canceled: true, filePath: '' })),
  };
  const menuPopup = vi.fn();
  const Menu = {
    setApplicationMenu: vi.fn(),
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template, popup: menuPopup })),
  };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  const ipcRenderer = { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })), send: vi.fn(), on: vi.fn() };

  /** Fresh state between tests (the module object itself stays the same). */
  function resetFakeElectron(): void {
    state.app = new FakeApp();
    state.session = createFakeSession();
    state.ipcHandlers.clear();
    state.protocolHandlers.clear();
    FakeBrowserWindow.instances = [];
    allWebContents.clear();
    vi.clearAllMocks();
  }

  const electronModule = {
    get app() {
      return state.app;
    },
    get session() {
      return { defaultSession: state.session };
    },
    BrowserWindow: FakeBrowserWindow,
    webContents,
    protocol,
    ipcMain,
    dialog,
    Menu,
    contextBridge,
    ipcRenderer,
  };

  return { FakeWebContents, FakeBrowserWindow, fakeFrame, state, protocol, ipcMain, dialog, menuPopup, Menu, contextBridge, ipcRenderer, webContents, resetFakeElectron, electronModule };
}

const holder = globalThis as { __grassrootsFakeElectron?: ReturnType<typeof defineFake> };
const fake = (holder.__grassrootsFakeElectron ??= defineFake());

export const { FakeWebContents, FakeBrowserWindow, fakeFrame, state, protocol, ipcMain, dialog, menuPopup, Menu, contextBridge, ipcRenderer, webContents, resetFakeElectron, electronModule } = fake;
export type FakeWebContents = InstanceType<typeof FakeWebContents>;
export type FakeBrowserWindow = InstanceType<typeof FakeBrowserWindow>;
