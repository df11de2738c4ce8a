import fs from 'node:fs';
import { acquireFolderLock } from '../db/folder-lock';
import { openStore } from '../db/open-store';
import { StoreOpenError } from '../db/store-errors';
import { DivisionCatalog } from '../divisions/catalog';
import { MODULE_REGISTRY } from '../modules';
import { DEFAULT_SECURITY, type AppServices, type Platform } from '../services/context';
import { loadSecuritySettings } from '../services/settings/settings-store';
import { CallGate } from './gate';
import { ExportStore } from './exports';
import { OpenImportStore } from './open-imports';
import { SessionStore } from './sessions';

export interface AppContextOptions {
  dataDir: string;
  /** folder holding divisions/index.json and divisions/units.bin */
  resourcesDir: string;
  runtime: AppServices['runtime'];
  appVersion: string;
  platform?: Platform;
  now?: () => Date;
}

export interface AppContext {
  ctx: AppServices;
  close(): Promise<void>;
}

/** Without a desktop shell there is no folder dialog (the host passes its own, or none). */
const NO_DIALOGS: Platform = {
  chooseFolder: async () => null,
};

/**
 * Takes the data folder's lock, opens the store and the national list; throws StoreOpenError
 * with a message for the user. The lock is held until close(), also while a restore closes and
 * reopens the store, so no other program can slip in between.
 */
export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const catalog = new DivisionCatalog(`${options.resourcesDir}/divisions`);
  try {
    fs.mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw new StoreOpenError('unwritable', `数据目录无法写入：${options.dataDir}。请检查文件夹权限或磁盘空间。`, String(error));
  }
  const folderLock = acquireFolderLock(options.dataDir, options.runtime === 'electron' ? 'desktop' : 'host');
  const open = () => openStore({ dataDir: options.dataDir, folderLock });
  let store;
  try {
    store = await open();
  } catch (error) {
    folderLock.release();
    throw error;
  }
  const app: AppServices = {
    db: store.db,
    store,
    async reopenStore() {
      await app.store.close();
      app.store = await open();
      app.db = app.store.db;
      app.databaseFile = app.store.file;
      app.schemaVersion = app.store.schemaVersion;
      app.security = await loadSecuritySettings(app.db);
    },
    catalog,
    sessions: new SessionStore(),
    exports: new ExportStore(() => app.now().getTime()),
    imports: new OpenImportStore(() => app.now().getTime()),
    gate: new CallGate(),
    modules: MODULE_REGISTRY,
    platform: options.platform ?? NO_DIALOGS,
    security: DEFAULT_SECURITY,
    dataDir: options.dataDir,
    databaseFile: store.file,
    schemaVersion: store.schemaVersion,
    runtime: options.runtime,
    appVersion: options.appVersion,
    now: options.now ?? (() => new Date()),
  };
  try {
    app.security = await loadSecuritySettings(app.db);
  } catch (error) {
    await store.close();
    folderLock.release();
    throw error;
  }
  return {
    ctx: app,
    async close() {
      try {
        await app.store.close();
      } finally {
        folderLock.release();
      }
    },
  };
}
