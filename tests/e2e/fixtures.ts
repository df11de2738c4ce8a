import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screens');

export interface Host {
  url: string;
  dataDir: string;
  /** POST /api/<method> straight to the host, as a script or another tool would */
  call(method: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } }>;
}

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
    const call: Host['call'] = async (method, input = {}) => {
      const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return res.json();
    };
    await use({ url, dataDir, call });
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

/** Completes first-run setup through the API (for tests that are not about setup). */
export async function setUpShizhong(host: Host) {
  const result = await host.call('setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' });
  expect(result.ok).toBe(true);
}
