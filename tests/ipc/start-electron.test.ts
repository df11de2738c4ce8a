import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../helpers/test-context';

interface StartScript {
  platformExecutable(platform: string): string;
  downloadAllowed(env: Record<string, string>): boolean;
  findElectronBinary(electronDir: string, env: Record<string, string>, platform: string): string | null;
  electronCacheLocation(options: { version: string; platform: string; arch: string; env: Record<string, string>; homedir: string }): { folder: string; fileName: string };
  electronArgs(appDir: string, extra: string[]): string[];
  electronEnv(env: Record<string, string>): Record<string, string>;
  run(options: Record<string, unknown>): number | Promise<number>;
}
// The real script, loaded for its exported helpers (it only runs when it is the entry point).
// @ts-expect-error: plain .mjs, no type declarations
const script = (await import('../../scripts/start-electron.mjs')) as StartScript;

const SCRIPT_FILE = path.join(REPO_ROOT, 'scripts', 'start-electron.mjs');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the app folder with a fake node_modules/electron (version 45.4.1). */
function fakeApp({ installed, installJs }: { installed: boolean; installJs?: string }) {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-start-'));
  temps.push(appDir);
  fs.mkdirSync(path.join(appDir, 'scripts'));
  fs.copyFileSync(SCRIPT_FILE, path.join(appDir, 'scripts', 'start-electron.mjs'));
  const electronDir = path.join(appDir, 'node_modules', 'electron');
  fs.mkdirSync(electronDir, { recursive: true });
  fs.writeFileSync(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  if (installJs !== undefined) fs.writeFileSync(path.join(electronDir, 'install.js'), installJs);
  if (installed) installFakeElectron(electronDir);
  return { appDir, electronDir, argsFile: path.join(appDir, 'electron-args.json') };
}

/** dist/electron: a Node script that records the arguments Electron would have received. */
function fakeElectronSource(argsFile: string) {
  return `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify({ args: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\n`;
}

/** What electron's install.js leaves behind: dist/<executable> and path.txt naming it. */
function installFakeElectron(electronDir: string) {
  fs.mkdirSync(path.join(electronDir, 'dist'), { recursive: true });
  const exe = path.join(electronDir, 'dist', 'electron');
  fs.writeFileSync(exe, fakeElectronSource(path.join(electronDir, '..', '..', 'electron-args.json')));
  fs.chmodSync(exe, 0o755);
  fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
}

function cleanEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^ELECTRON_|^electron_|^npm_config_electron/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function runScript(appDir: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(appDir, 'scripts', 'start-electron.mjs'), ...args], { env, encoding: 'utf8', timeout: 30_000 });
}

const posixOnly = it.skipIf(process.platform === 'win32');

describe('scripts/start-electron.mjs, run as npm start runs it', () => {
  posixOnly('starts Electron with the app folder and forwards the extra arguments', () => {
    const app = fakeApp({ installed: true });
    const result = runScript(app.appDir, ['--data-dir', '/srv/desk-data'], cleanEnv({ ELECTRON_RUN_AS_NODE: '1' }));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(app.argsFile, 'utf8'))).toEqual({ args: [app.appDir, '--data-dir', '/srv/desk-data'], runAsNode: null });
  });

  posixOnly('tries install.js exactly once when the runtime is missing, then explains in Chinese and English', () => {
    const app = fakeApp({ installed: false, installJs: `require('fs').appendFileSync(process.argv[1] + '.ran', 'x'); process.exit(1);` });
    const result = runScript(app.appDir, [], cleanEnv());
    expect(result.status).toBe(1);
    expect(fs.readFileSync(path.join(app.electronDir, 'install.js.ran'), 'utf8')).toBe('x');
    const message = result.stderr;
    const zh = message.indexOf('未安装 Electron 运行环境');
    const en = message.indexOf('The Electron runtime');
    expect(zh).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(zh);
    expect(message).toContain('已尝试下载一次');
    expect(message).toContain('ELECTRON_MIRROR=http://mirror.example/electron/ node node_modules/electron/install.js');
    expect(message).toContain('npm run serve');
    expect(message).toContain('http://127.0.0.1:4310/');
    expect(message).toContain('electron-v45.4.1-');
    expect(fs.existsSync(app.argsFile)).toBe(false);
  });

  posixOnly('does not try to download when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const app = fakeApp({ installed: false, installJs: `require('fs').writeFileSync(process.argv[1] + '.ran', 'x');` });
    const result = runScript(app.appDir, [], cleanEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }));
    expect(result.status).toBe(1);
    expect(fs.existsSync(path.join(app.electronDir, 'install.js.ran'))).toBe(false);
    expect(result.stderr).toContain('未安装 Electron 运行环境');
    expect(result.stderr).not.toContain('已尝试下载一次');
  });

  posixOnly('starts Electron when the one download attempt succeeds (e.g. through ELECTRON_MIRROR)', () => {
    const app = fakeApp({ installed: false, installJs: '' });
    // the fake installer "downloads" by laying out dist/ and path.txt as electron's own does
    const installer = [
      "const fs = require('fs'), path = require('path');",
      "fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });",
      "const exe = path.join(__dirname, 'dist', 'electron');",
      `fs.writeFileSync(exe, ${JSON.stringify(fakeElectronSource(app.argsFile))});`,
      'fs.chmodSync(exe, 0o755);',
      "fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');",
    ].join('\n');
    fs.writeFileSync(path.join(app.electronDir, 'install.js'), installer);
    const result = runScript(app.appDir, ['--data-dir=/tmp/d'], cleanEnv({ ELECTRON_MIRROR: 'http://mirror.example/electron/' }));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(app.argsFile, 'utf8')).args).toEqual([app.appDir, '--data-dir=/tmp/d']);
  });
});

describe('start-electron helpers', () => {
  it('names the executable as electron’s installer does', () => {
    expect(script.platformExecutable('linux')).toBe('electron');
    expect(script.platformExecutable('win32')).toBe('electron.exe');
    expect(script.platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });

  it('reads ELECTRON_SKIP_BINARY_DOWNLOAD', () => {
    expect(script.downloadAllowed({})).toBe(true);
    expect(script.downloadAllowed({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(false);
    expect(script.downloadAllowed({ ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' })).toBe(false);
    expect(script.downloadAllowed({ ELECTRON_SKIP_BINARY_DOWNLOAD: '0' })).toBe(true);
  });

  it('finds the binary only when path.txt and the file it names both exist', () => {
    const app = fakeApp({ installed: false });
    expect(script.findElectronBinary(app.electronDir, {}, 'linux')).toBeNull();
    fs.writeFileSync(path.join(app.electronDir, 'path.txt'), 'electron');
    expect(script.findElectronBinary(app.electronDir, {}, 'linux')).toBeNull();
    installFakeElectron(app.electronDir);
    expect(script.findElectronBinary(app.electronDir, {}, 'linux')).toBe(path.join(app.electronDir, 'dist', 'electron'));
    expect(script.findElectronBinary(app.electronDir, { ELECTRON_OVERRIDE_DIST_PATH: path.join(app.electronDir, 'dist') }, 'linux')).toBe(
      path.join(app.electronDir, 'dist', 'electron'),
    );
    expect(script.findElectronBinary(app.electronDir, { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }, 'linux')).toBeNull();
  });

  it('computes the cache folder @electron/get reads a hand-placed zip from', () => {
    // sha256("https://github.com/electron/electron/releases/download/v45.4.1"), as @electron/get's Cache does
    expect(script.electronCacheLocation({ version: '45.4.1', platform: 'linux', arch: 'x64', env: {}, homedir: '/home/clerk' })).toEqual({
      folder: path.join('/home/clerk/.cache/electron', '63946acb59adc73ff164033f7dbb473beec0a930781be3b30181d4eb34ef3c3c'),
      fileName: 'electron-v45.4.1-linux-x64.zip',
    });
    const viaMirror = script.electronCacheLocation({ version: '45.4.1', platform: 'win32', arch: 'x64', env: { ELECTRON_MIRROR: 'http://mirror.example/electron/', electron_config_cache: '/c' }, homedir: '/h' });
    expect(viaMirror).toEqual({ folder: path.join('/c', 'f8d2451de02f898bc5df0027d23836e167d72cc619c65145c8b5afa3374533f5'), fileName: 'electron-v45.4.1-win32-x64.zip' });
  });

  it('hands Electron the app folder first and drops ELECTRON_RUN_AS_NODE', () => {
    expect(script.electronArgs('/app', ['--data-dir', 'x'])).toEqual(['/app', '--data-dir', 'x']);
    expect(script.electronEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' })).toEqual({ PATH: '/bin' });
  });

  it('run(): missing runtime with downloads allowed calls the installer once, then reports', () => {
    const app = fakeApp({ installed: false, installJs: '' });
    const spawnSyncImpl = vi.fn(() => ({ status: 1 }));
    const spawnImpl = vi.fn();
    const err = vi.fn();
    const code = script.run({ appDir: app.appDir, env: {}, platform: 'linux', arch: 'arm64', nodePath: '/usr/bin/node', out: vi.fn(), err, spawnSyncImpl, spawnImpl });
    expect(code).toBe(1);
    expect(spawnSyncImpl).toHaveBeenCalledTimes(1);
    expect(spawnSyncImpl.mock.calls[0]!.slice(0, 2)).toEqual(['/usr/bin/node', [path.join(app.electronDir, 'install.js')]]);
    expect(spawnImpl).not.toHaveBeenCalled();
    expect(err.mock.calls[0]![0]).toContain('electron-v45.4.1-linux-arm64.zip');
  });
});
