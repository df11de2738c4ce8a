import path from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createAppContext, type AppContext } from './core/app-context';
import { APP_FOLDER_NAME, resolveDataDir } from './core/data-dir';
import { StoreOpenError } from './db/store-errors';
import { startAutomaticBackups } from './services/backups/backup-automatic';
import { electronPlatform } from './shell/dialogs';
import { bindIpc } from './shell/ipc';
import { registerAppProtocol, registerAppScheme } from './shell/protocol';
import { hardenApp, preloadPathFor } from './shell/security';
import { createMainWindow, focusWindow, isOwnWebContents } from './shell/window';

/**
 * The Electron main process: lifecycle only. Single instance, open the store, then protocol,
 * IPC and the window; close the store on quit. Everything else lives in core/ and services/.
 */

export const STARTUP_ERROR_TITLE = '基层党建台账无法启动';

export function unexpectedStartupMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `程序启动时发生意外错误。请关闭后重新打开；若仍无法启动，请联系技术支持，并提供以下信息：\n${detail.slice(0, 500)}`;
}

export type StartResult = 'running' | 'second-instance' | 'failed';

const log = (message: string, error?: unknown) => console.error(`[基层党建台账] ${message}`, error ?? '');

export async function startMain(): Promise<StartResult> {
  // Before 'ready' and before the lock (the lock is scoped to userData): a stable, ASCII
  // folder name whatever the product name's language.
  app.setPath('userData', path.join(app.getPath('appData'), APP_FOLDER_NAME));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return 'second-instance';
  }
  app.enableSandbox();
  registerAppScheme();

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'));
  const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');
  let opened: AppContext;
  try {
    opened = await createAppContext({
      dataDir,
      resourcesDir,
      runtime: 'electron',
      appVersion: app.getVersion(),
      platform: electronPlatform(() => mainWindow),
    });
  } catch (error) {
    // The store refuses before writing anything (corrupt, newer version, locked, unwritable):
    // say why in Chinese and leave — no window, no retry, no repair attempt on the file.
    log('could not open the store', error);
    dialog.showErrorBox(STARTUP_ERROR_TITLE, error instanceof StoreOpenError ? error.userMessage : unexpectedStartupMessage(error));
    app.exit(1);
    return 'failed';
  }

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    opened
      .close()
      .catch((error: unknown) => log('closing the store failed', error))
      .finally(() => app.quit());
  });

  try {
    hardenApp(app, session.defaultSession, (message) => log(message));
    registerAppProtocol(path.join(app.getAppPath(), 'out', 'renderer'));
    bindIpc({ ctx: opened.ctx, isOwnWebContents, dispatchOptions: { checkOutputs: !app.isPackaged }, log });
    startAutomaticBackups(opened.ctx, { log });
    mainWindow = createMainWindow({ preloadPath: preloadPathFor(app.getAppPath()) });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  } catch (error) {
    log('startup failed', error);
    dialog.showErrorBox(STARTUP_ERROR_TITLE, unexpectedStartupMessage(error));
    closed = true;
    await opened.close().catch(() => {});
    app.exit(1);
    return 'failed';
  }
  return 'running';
}

/** Exported so tests can await the start; Electron itself only needs the side effect. */
export const started: Promise<StartResult> = startMain().catch((error: unknown) => {
  log('startup failed', error);
  try {
    dialog.showErrorBox(STARTUP_ERROR_TITLE, unexpectedStartupMessage(error));
  } finally {
    app.exit(1);
  }
  return 'failed' as const;
});
