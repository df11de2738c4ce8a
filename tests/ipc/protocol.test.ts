import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { protocol, resetFakeElectron, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { CONTENT_SECURITY_POLICY, contentTypeFor, registerAppProtocol, registerAppScheme, resolveAppPath } = await import('../../electron/shell/protocol');

const INDEX = '<!doctype html><title>基层党建台账</title>';
const SCRIPT = 'console.log("renderer")';
let root: string;
let rendererDir: string;

beforeAll(() => {
  // root/package.json and root/secret.txt sit beside the renderer folder, as in the real app
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-protocol-'));
  rendererDir = path.join(root, 'out', 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), SCRIPT);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'package.json'), '{"secret":"package"}');
  fs.writeFileSync(path.join(root, 'out', 'secret.txt'), 'SECRET');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

function handler() {
  registerAppProtocol(rendererDir);
  expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  return state.protocolHandlers.get('app')!;
}
const get = (url: string, init?: RequestInit) => handler()(new Request(url, init));

describe('Content-Security-Policy', () => {
  it('allows only our own origin, with inline styles for MUI and data:/blob: images', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval|\.com|\.cn/);
  });
});

describe('app:// scheme', () => {
  it('is registered as standard, secure and fetchable, without bypassing CSP or opening CORS', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0] as [Array<{ scheme: string; privileges: Record<string, boolean> }>];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]!.scheme).toBe('app');
    expect(schemes[0]!.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(schemes[0]!.privileges.bypassCSP).toBeUndefined();
    expect(schemes[0]!.privileges.corsEnabled).toBeUndefined();
  });

  it('serves index.html with its content type and the CSP header', async () => {
    const response = await get('app://grassroots/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves assets with the right content type and CSP', async () => {
    const js = await get('app://grassroots/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await js.text()).toBe(SCRIPT);
    const css = await get('app://grassroots/assets/index-abc.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers / and unknown paths with index.html (the renderer routes by hash)', async () => {
    for (const url of ['app://grassroots/', 'app://grassroots/units/42', 'app://grassroots/assets/']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expect(await response.text(), url).toBe(INDEX);
    }
  });

  it('never serves a file outside the renderer folder', async () => {
    // ../ and %2e%2e/ are folded by the URL parser: they ask for /package.json or /secret.txt
    // inside the renderer folder, which do not exist there, so the page itself comes back
    for (const url of ['app://grassroots/../package.json', 'app://grassroots/assets/%2e%2e/%2e%2e/secret.txt']) {
      const folded = await get(url);
      expect(await folded.text(), url).toBe(INDEX);
    }
    for (const url of [
      'app://grassroots/assets/..%2f..%2fpackage.json',
      'app://grassroots/assets/..%2F..%2F..%2Fpackage.json',
      'app://grassroots/..%5c..%5cpackage.json',
      'app://grassroots/%2e%2e%2fsecret.txt',
      'app://grassroots/index.html%00.png',
      'app://grassroots/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      const text = await response.text();
      expect(text, url).not.toContain('secret');
      expect(text, url).not.toContain('SECRET');
    }
  });

  it('refuses other hosts on the scheme and methods other than GET/HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    const post = await get('app://grassroots/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const head = await get('app://grassroots/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says so in Chinese when the renderer was not built', async () => {
    registerAppProtocol(path.join(root, 'nowhere'));
    const response = await state.protocolHandlers.get('app')!(new Request('app://grassroots/index.html'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('界面文件缺失，请重新安装程序');
  });
});

describe('pure helpers', () => {
  it('resolves paths inside the renderer folder only', () => {
    expect(resolveAppPath('/r', 'app://grassroots/assets/a.js')).toEqual({ kind: 'file', file: path.resolve('/r', 'assets', 'a.js') });
    expect(resolveAppPath('/r', 'app://grassroots/')).toEqual({ kind: 'file', file: path.resolve('/r', 'index.html') });
    expect(resolveAppPath('/r', 'app://grassroots/a/..%2f..%2fx')).toEqual({ kind: 'forbidden' });
    expect(resolveAppPath('/r', 'file:///r/index.html')).toEqual({ kind: 'forbidden' });
    expect(resolveAppPath('/r', 'app://user:pw@grassroots/index.html')).toEqual({ kind: 'forbidden' });
  });

  it('knows the content types the build emits', () => {
    expect(contentTypeFor('a.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.png')).toBe('image/png');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
