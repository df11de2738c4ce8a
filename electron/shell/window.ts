import { BrowserWindow, Menu, type BrowserWindowConstructorOptions, type ContextMenuParams, type MenuItemConstructorOptions } from 'electron';
import { APP_START_URL } from './app-files';
import { secureWebPreferences } from './security';

export const WINDOW_TITLE = '基层党建台账';
/** The theme's page background, so the window does not flash white before the first paint. */
export const WINDOW_BACKGROUND = '#f5f5f5';

/** Web contents ids of the windows this app created: the only ones IPC calls may come from. */
const ownWebContents = new Set<number>();

export function isOwnWebContents(webContentsId: number): boolean {
  return ownWebContents.has(webContentsId);
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: WINDOW_TITLE,
    backgroundColor: WINDOW_BACKGROUND,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * The right-click menu for text: Chinese labels, only the editing roles, shown only where
 * there is something to cut, copy or paste. (There is no application menu at all, so no
 * English menu item is ever visible.)
 */
export function contextMenuTemplate(params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>): MenuItemConstructorOptions[] {
  const hasSelection = params.selectionText.trim().length > 0;
  if (params.isEditable) {
    return [
      { label: '剪切', role: 'cut', enabled: params.editFlags.canCut },
      { label: '复制', role: 'copy', enabled: params.editFlags.canCopy },
      { label: '粘贴', role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { label: '全选', role: 'selectAll', enabled: params.editFlags.canSelectAll },
    ];
  }
  return hasSelection ? [{ label: '复制', role: 'copy', enabled: params.editFlags.canCopy }] : [];
}

export interface MainWindowOptions {
  preloadPath: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath));
  const contentsId = win.webContents.id;
  ownWebContents.add(contentsId);
  win.on('closed', () => ownWebContents.delete(contentsId));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params);
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window: win });
  });
  void win.loadURL(APP_START_URL);
  return win;
}

/** A second start of the program brings this window to the front instead of opening another. */
export function focusWindow(win: BrowserWindow | null | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
