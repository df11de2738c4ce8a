import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type APIResponse, type Page } from '@playwright/test';
import { PAGE_TOKEN_HEADER, PAGE_TOKEN_STORAGE_KEY } from '../../shared/api/host-session';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screens');

export type CallResult = { ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } };

/** A session on the host, as a page holds it: the HttpOnly cookie and the page token (shared/api/host-session.ts). */
export interface HostSession {
  /** `gd_session=…` */
  cookie: string;
  pageToken: string;
}

export interface Host {
  url: string;
  dataDir: string;
  /** POST /api/<method> as the administrator (created on first use), as the app's page would */
  call(method: string, input?: unknown): Promise<CallResult>;
  /** POST /api/<method> with the given session (or none); answers the session to use next */
  callWith(session: HostSession | null, method: string, input?: unknown): Promise<CallResult & { session: HostSession | null }>;
}

/** The headers the app's own page sends with a POST besides its cookie: its origin (the host refuses a POST without), its page token. */
export function pageHeaders(host: Pick<Host, 'url'>, pageToken: string | null): Record<string, string> {
  return { origin: new URL(host.url).origin, ...(pageToken ? { [PAGE_TOKEN_HEADER]: pageToken } : {}) };
}

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'guanli2026' };

/** Starts `node out/main/host.js --port 0 --data-dir <fresh temp dir>` and waits for its address. */
async function startHost(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'out', 'main', 'host.js'), '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

export const test = base.extend<{ host: Host; offsite: string[] }>({
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-e2e-'));
    const { url, child } = await startHost(dataDir);
    const callWith: Host['callWith'] = async (session, method, input = {}) => {
      const res = await fetch(`${url}api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...pageHeaders({ url }, session?.pageToken ?? null), ...(session ? { cookie: session.cookie } : {}) },
        body: JSON.stringify(input),
      });
      // a session started (a new cookie and page token) or ended (the cookie cleared)
      const setCookie = res.headers.get('set-cookie');
      const pageToken = res.headers.get(PAGE_TOKEN_HEADER);
      const next = setCookie === null ? session : pageToken ? { cookie: setCookie.split(';')[0]!, pageToken } : null;
      return { ...((await res.json()) as CallResult), session: next };
    };
    let admin: HostSession | null = null;
    const call: Host['call'] = async (method, input = {}) => {
      if (!admin) {
        const status = await callWith(null, 'auth.status');
        const first = (status.value as { hasUsers: boolean }).hasUsers
          ? await callWith(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password })
          : await callWith(null, 'auth.createFirstAdmin', { ...ADMIN, confirm: ADMIN.password });
        expect(first.ok, first.error?.message).toBe(true);
        admin = first.session;
      }
      return callWith(admin, method, input);
    };
    await use({ url, dataDir, call, callWith });
    child.kill('SIGTERM');
  },
  // Every request the page makes must stay on this machine; console errors fail the test too.
  offsite: [async ({ page }, use) => {
    const offsite: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) offsite.push(req.url());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await use(offsite);
    expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    // a refused save answers HTTP 4xx, which Chromium logs as a console error; that one is expected
    expect(consoleErrors.filter((e) => !/status of 4\d\d/.test(e)), 'console errors').toEqual([]);
  }, { auto: true }],
});

export { expect };

/** Full-page screenshot into test-results/screens, for people to look at. */
export async function snap(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The system print dialog is the browser's: replaced by a counter, so a test sees that printing was asked for (printCount). */
export async function stubPrintDialog(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
}

/** How many times this page asked for the print dialog (see stubPrintDialog). */
export const printCount = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

/** Completes first-run setup through the API (for tests that are not about setup). */
export async function setUpShizhong(host: Host) {
  const result = await host.call('setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' });
  expect(result.ok).toBe(true);
}

/**
 * Logs the page in as the app's login screen would: the session cookie goes into the page's
 * browser context, the page token into the app's storage on the host's origin (the page is left
 * on /api/health; the test goes on with page.goto).
 */
export async function logIn(page: Page, host: Host, account: { username: string; password: string } = ADMIN) {
  const res = await page.request.post(`${host.url}api/auth.login`, { data: { username: account.username, password: account.password }, headers: pageHeaders(host, null) });
  expect((await res.json()).ok).toBe(true);
  const pageToken = res.headers()[PAGE_TOKEN_HEADER];
  expect(pageToken, 'the page token of the new session').toBeTruthy();
  await page.goto(`${host.url}api/health`);
  await page.evaluate(([key, token]) => window.localStorage.setItem(key, token), [PAGE_TOKEN_STORAGE_KEY, pageToken!] as const);
}

/** The page token the app's page holds now (the page must be on the host). */
export const pageTokenOf = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), PAGE_TOKEN_STORAGE_KEY);

/** POST /api/<method> with the page's session, as the app's page sends it (cookie, Origin, page token). */
export async function pagePost(page: Page, host: Host, method: string, data: unknown = {}): Promise<APIResponse> {
  return page.request.post(`${host.url}api/${method}`, { data, headers: pageHeaders(host, await pageTokenOf(page)) });
}
