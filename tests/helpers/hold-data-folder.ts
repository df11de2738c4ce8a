/**
 * A second program on a data folder, for tests/unit/data-folder-lock.test.ts: opens the store
 * with the app's own openStore (so it takes the folder lock as the desktop app would), prints
 * `ready <pid>`, and keeps it open until killed (or until stdin closes).
 *
 *   node --experimental-transform-types --import tests/helpers/ts-hooks.mjs tests/helpers/hold-data-folder.ts <data dir>
 */
import { openStore } from '../../electron/db/open-store';
import { StoreOpenError } from '../../electron/db/store-errors';

const dataDir = process.argv[2]!;
try {
  const store = await openStore({ dataDir, holder: 'desktop' });
  process.stdout.write(`ready ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void store.close().then(() => process.exit(0));
  });
} catch (error) {
  process.stdout.write(`refused ${error instanceof StoreOpenError ? error.userMessage : String(error)}\n`);
  process.exit(3);
}
