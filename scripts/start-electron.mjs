// `npm start` (after the build): run the desktop app in Electron, or explain clearly why not.
//
// The Electron runtime is a separate ~100 MB download that `npm install` fetches from the
// internet; intranet machines and our CI install with ELECTRON_SKIP_BINARY_DOWNLOAD=1, so it
// may be missing. Then: one attempt to fetch it through node_modules/electron/install.js (which
// honours ELECTRON_MIRROR and the Electron download cache), unless ELECTRON_SKIP_BINARY_DOWNLOAD
// is set; if it is still missing, a bilingual message and exit code 1.
//
// Decision logic lives in small exported functions (tests/ipc/start-electron.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SERVE_PORT = 4310;
const OFFICIAL_BASE_URL = 'https://github.com/electron/electron/releases/download/';

/** The executable inside node_modules/electron/dist, as electron's own install.js names it. */
export function platformExecutable(platform = process.platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * Where the Electron executable is, or null. Same rules as node_modules/electron/index.js:
 * path.txt names the executable inside dist/; ELECTRON_OVERRIDE_DIST_PATH replaces dist/.
 */
export function findElectronBinary(electronDir, env = process.env, platform = process.platform) {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || platformExecutable(platform));
    return fs.existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(electronDir, 'dist', relative);
  return fs.existsSync(candidate) ? candidate : null;
}

/** ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI, offline machines) means: do not even try. */
export function downloadAllowed(env = process.env) {
  const value = env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return value === undefined || value === '' || value === '0' || value.toLowerCase() === 'false';
}

/** The version of the installed electron package (node_modules/electron/package.json). */
export function electronVersion(electronDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

/**
 * Where @electron/get looks for a manually placed zip: <cache root>/<sha256 of the download
 * folder URL>/electron-v<version>-<platform>-<arch>.zip (the zip is still checked against
 * electron's checksums.json). The cache root is electron_config_cache or the per-user cache.
 */
export function electronCacheLocation({ version, platform = process.platform, arch = process.arch, env = process.env, homedir = os.homedir() }) {
  const fileName = `electron-v${version}-${platform}-${arch}.zip`;
  const base = env.npm_config_electron_mirror || env.ELECTRON_MIRROR || OFFICIAL_BASE_URL;
  const folderUrl = new URL(`${base}v${version}/${fileName}`);
  folderUrl.hash = '';
  folderUrl.search = '';
  folderUrl.pathname = path.posix.dirname(folderUrl.pathname);
  const hash = crypto.createHash('sha256').update(folderUrl.toString()).digest('hex');
  let root = env.electron_config_cache;
  if (!root) {
    if (platform === 'win32') root = path.join(env.LOCALAPPDATA || path.join(homedir, 'AppData', 'Local'), 'electron', 'Cache');
    else if (platform === 'darwin') root = path.join(homedir, 'Library', 'Caches', 'electron');
    else root = path.join(env.XDG_CACHE_HOME || path.join(homedir, '.cache'), 'electron');
  }
  return { folder: path.join(root, hash), fileName };
}

/** The example command, in the syntax of the user's shell (cmd.exe on Windows). */
export function mirrorExample(platform = process.platform) {
  return platform === 'win32'
    ? 'set "ELECTRON_MIRROR=http://mirror.example/electron/" && node node_modules\\electron\\install.js'
    : 'ELECTRON_MIRROR=http://mirror.example/electron/ node node_modules/electron/install.js';
}

export function missingRuntimeMessage({ version, cache, port = DEFAULT_SERVE_PORT, triedDownload, platform = process.platform }) {
  const v = version ?? '(见 node_modules/electron/package.json)';
  const example = mirrorExample(platform);
  const zip = cache ? path.join(cache.folder, cache.fileName) : 'electron 下载缓存目录';
  const zipEn = cache ? path.join(cache.folder, cache.fileName) : 'the Electron download cache';
  return [
    `未安装 Electron 运行环境（版本 ${v}），无法以桌面程序方式启动。${triedDownload ? '已尝试下载一次，未成功。' : ''}`,
    '在内网电脑上，可以任选一种办法安装：',
    '  1. 把 ELECTRON_MIRROR 设为单位内部的镜像地址，再运行安装脚本，例如：',
    `       ${example}`,
    `  2. 把 Electron 压缩包${cache ? ` ${cache.fileName} ` : ''}放到下面的位置，再运行 node node_modules/electron/install.js：`,
    `       ${zip}`,
    `在此之前，可以运行 npm run serve，在浏览器中使用同一个程序：http://127.0.0.1:${port}/`,
    '',
    `The Electron runtime (version ${v}) is not installed, so the desktop app cannot start.${triedDownload ? ' One download attempt failed.' : ''}`,
    'On an intranet machine, either:',
    '  1. point ELECTRON_MIRROR at the internal mirror and run the installer, for example:',
    `       ${example}`,
    `  2. or place the Electron zip${cache ? ` ${cache.fileName}` : ''} at the path below, then run node node_modules/electron/install.js:`,
    `       ${zipEn}`,
    `Meanwhile, \`npm run serve\` runs the same app in a browser at http://127.0.0.1:${port}/`,
  ].join('\n');
}

/** Electron gets the app folder, then every argument given to `npm start -- …` (e.g. --data-dir). */
export function electronArgs(appDir, extraArgs) {
  return [appDir, ...extraArgs];
}

/** The child's environment: ELECTRON_RUN_AS_NODE would turn Electron into plain Node. */
export function electronEnv(env = process.env) {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

/**
 * Decide and act. Returns the exit code when it does not hand over to Electron, or a promise
 * of Electron's exit code when it does. Dependencies are injectable for tests.
 */
export function run({
  appDir,
  electronDir = path.join(appDir, 'node_modules', 'electron'),
  args = [],
  env = process.env,
  platform = process.platform,
  arch = process.arch,
  nodePath = process.execPath,
  out = console.log,
  err = console.error,
  spawnSyncImpl = spawnSync,
  spawnImpl = spawn,
}) {
  let binary = findElectronBinary(electronDir, env, platform);
  let triedDownload = false;
  if (!binary && downloadAllowed(env) && fs.existsSync(path.join(electronDir, 'install.js'))) {
    triedDownload = true;
    out('未找到 Electron 运行环境，正在尝试下载一次…… / Electron runtime not found, trying to download it once…');
    spawnSyncImpl(nodePath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', env, timeout: 15 * 60 * 1000 });
    binary = findElectronBinary(electronDir, env, platform);
  }
  if (!binary) {
    const version = electronVersion(electronDir);
    const cache = version ? electronCacheLocation({ version, platform, arch, env }) : undefined;
    err(missingRuntimeMessage({ version, cache, port: Number(env.PORT) || DEFAULT_SERVE_PORT, triedDownload, platform }));
    return 1;
  }
  const child = spawnImpl(binary, electronArgs(appDir, args), { stdio: 'inherit', env: electronEnv(env), windowsHide: false });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward(signal));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      err(`无法启动 Electron：${error.message} / Could not start Electron: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function isMainModule() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  Promise.resolve(run({ appDir, args: process.argv.slice(2) })).then((code) => process.exit(code));
}
