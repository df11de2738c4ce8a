import { openStore, type Store } from '../db/open-store';
import { DivisionCatalog } from '../divisions/catalog';
import type { ServiceContext } from '../services/context';

export interface AppContextOptions {
  dataDir: string;
  /** folder holding divisions/index.json and divisions/units.bin */
  resourcesDir: string;
  runtime: ServiceContext['runtime'];
  appVersion: string;
  now?: () => Date;
}

export interface AppContext {
  ctx: ServiceContext;
  store: Store;
  close(): Promise<void>;
}

/** Opens the store and the national list; throws StoreOpenError with a message for the user. */
export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const catalog = new DivisionCatalog(`${options.resourcesDir}/divisions`);
  const store = await openStore({ dataDir: options.dataDir });
  const ctx: ServiceContext = {
    db: store.db,
    catalog,
    actor: { name: '本机用户' },
    dataDir: options.dataDir,
    databaseFile: store.file,
    schemaVersion: store.schemaVersion,
    runtime: options.runtime,
    appVersion: options.appVersion,
    now: options.now ?? (() => new Date()),
  };
  return { ctx, store, close: () => store.close() };
}
