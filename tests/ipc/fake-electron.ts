import { vi } from 'vitest';

/**
 * A stand-in for the 'electron' module, just big enough for electron/main.ts, preload.ts and
 * shell/: records what the code registers so tests can fire events and inspect calls.
 * Use with: vi.mock('electron', async () => (await import('./fake-electron')).electronModule)
 */

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
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
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
  detached: boolean;
}

let nextId = 1;

export function fakeFrame(url: string, overrides: Partial<FakeFrame> = {}): FakeFrame {
  const id = nextId++;
  return { url, parent: null, processId: 100 + id, routingId: id, detached: false, ...overrides };
}

export class FakeWebContents extends FakeEmitter {
  readonly id = nextId++;
  mainFrame: FakeFrame = fakeFrame('app://grassroots/index.html');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
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

export interface FakeSession {
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | null;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void;
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void;
  webRequest: { onBeforeRequest(listener: FakeSession['beforeRequest']): void };
}

export function createFakeSession(): FakeSession {
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

export const state = {
  app: new FakeApp(),
  session: createFakeSession(),
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    state.protocolHandlers.set(scheme, handler);
  }),
};

export const ipcMain = {
  handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
    state.ipcHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    state.ipcHandlers.delete(channel);
  }),
};

export const dialog = { showErrorBox: vi.fn() };
export const menuPopup = vi.fn();
export const Menu = {
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template, popup: menuPopup })),
};
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })), send: vi.fn(), on: vi.fn() };

/** Fresh state between tests (the module object itself stays the same). */
export function resetFakeElectron(): void {
  state.app = new FakeApp();
  state.session = createFakeSession();
  state.ipcHandlers.clear();
  state.protocolHandlers.clear();
  FakeBrowserWindow.instances = [];
  vi.clearAllMocks();
}

export const electronModule = {
  get app() {
    return state.app;
  },
  get session() {
    return { defaultSession: state.session };
  },
  BrowserWindow: FakeBrowserWindow,
  protocol,
  ipcMain,
  dialog,
  Menu,
  contextBridge,
  ipcRenderer,
};
