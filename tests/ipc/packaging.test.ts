import fs from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/test-context';

/**
 * electron-builder.yml against what is installed: the Electron version and checksums, and the
 * better-sqlite3 prebuild each target keeps (electron-builder applies `files` exclusions to
 * node_modules with ${arch} expanded to the target arch; minimatch is what it matches with).
 */
interface BuilderConfig {
  appId: string;
  productName: string;
  artifactName: string;
  electronVersion: string;
  npmRebuild: boolean;
  publish: unknown;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronDownload: { checksums: Record<string, string> };
  win: { target: Array<{ target: string; arch: string[] }>; files: string[] };
  nsis: Record<string, unknown>;
  linux: { target: Array<{ target: string; arch: string[] }>; files: string[]; category: string; synopsis: string };
  electronFuses?: Record<string, boolean>;
}

const config = parse(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const electronPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
const electronChecksums = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/electron/checksums.json'), 'utf8')) as Record<string, string>;
const PREBUILDS = path.join(REPO_ROOT, 'node_modules/better-sqlite3/prebuilds');

/** Which prebuilds survive a target's exclusion patterns. */
function keptPrebuilds(patterns: string[], arch: string): string[] {
  const excludes = patterns.filter((p) => p.startsWith('!')).map((p) => p.replaceAll('${arch}', arch));
  return fs
    .readdirSync(PREBUILDS)
    .map((name) => `node_modules/better-sqlite3/prebuilds/${name}`)
    .filter((file) => excludes.every((pattern) => minimatch(file, pattern, { dot: true })))
    .map((file) => path.basename(file));
}

describe('electron-builder.yml', () => {
  it('packages the installed Electron, verified with its own checksums (no network)', () => {
    expect(config.electronVersion).toBe(electronPackage.version);
    const zips = Object.keys(config.electronDownload.checksums).sort();
    expect(zips).toEqual([`electron-v${electronPackage.version}-linux-arm64.zip`, `electron-v${electronPackage.version}-linux-x64.zip`, `electron-v${electronPackage.version}-win32-x64.zip`]);
    for (const zip of zips) expect(config.electronDownload.checksums[zip], zip).toBe(electronChecksums[zip]);
  });

  it('sets the Electron fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; app.asar only, integrity-checked', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // every key is one electron-builder knows (a misspelt fuse would be ignored without a word)
    const scheme = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown>; additionalProperties: boolean } };
    };
    for (const key of Object.keys(config.electronFuses!)) expect(scheme.definitions.FuseOptionsV1.properties, key).toHaveProperty(key);
  });

  it('has Chinese product names, ASCII artifacts, and no update feed', () => {
    expect(config.productName).toBe('基层党建台账');
    expect(config.artifactName).toBe('GrassrootsDesk-${version}-${arch}.${ext}');
    expect(config.publish).toBeNull();
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, language: '2052', installerLanguages: ['zh_CN'], shortcutName: '基层党建台账' });
    expect(config.linux.category).toBe('Office');
    expect(config.linux.synopsis).toMatch(/[\u4e00-\u9fff]/);
  });

  it('ships the built app and the division catalogue where main.ts reads it', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources/divisions', to: 'divisions' })]);
  });

  it('keeps exactly the N-API prebuild each target needs, unpacked from the asar, without a rebuild', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target.map((t) => [t.target, t.arch])).toEqual([
      ['deb', ['x64', 'arm64']],
      ['AppImage', ['x64', 'arm64']],
    ]);
    const common = config.files;
    expect(keptPrebuilds([...common, ...config.win.files], 'x64')).toEqual(['win32-x64.node']);
    expect(keptPrebuilds([...common, ...config.linux.files], 'x64')).toEqual(['linux-x64.node']);
    expect(keptPrebuilds([...common, ...config.linux.files], 'arm64')).toEqual(['linux-arm64.node']);
    for (const kept of ['win32-x64.node', 'linux-x64.node', 'linux-arm64.node']) {
      const file = `node_modules/better-sqlite3/prebuilds/${kept}`;
      expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
      expect(config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true })), file).toBe(true);
    }
  });

  it('matches how better-sqlite3 finds its binary (prebuilds/<platform>-<arch>.node beside lib/)', () => {
    const binding = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/better-sqlite3/lib/binding.js'), 'utf8');
    expect(binding).toContain("path.join(__dirname, '..', 'prebuilds', `${target}.node`)");
  });
});
