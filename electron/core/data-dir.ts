import os from 'node:os';
import path from 'node:path';

/** Folder name under the OS's per-user application data folder (Electron's appData). */
export const APP_FOLDER_NAME = 'GrassrootsDesk';

/**
 * Where the data lives, in order: --data-dir DIR on the command line, the GRASSROOTS_DATA_DIR
 * environment variable, then the per-user application data folder (Electron's userData).
 * Never next to the program, so upgrades and read-only installs do not touch it.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: () => string): string {
  const flag = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (flag >= 0) {
    const arg = argv[flag]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1];
    if (value) return path.resolve(value);
  }
  if (env.GRASSROOTS_DATA_DIR) return path.resolve(env.GRASSROOTS_DATA_DIR);
  return fallback();
}

/** The same folder Electron's app.getPath('appData') + APP_FOLDER_NAME gives, for the host. */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}
