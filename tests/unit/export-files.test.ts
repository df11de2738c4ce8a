import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentDisposition, EXPORT_GONE_MESSAGE, EXPORT_TTL_MS, ExportStore, safeFileName } from '../../electron/core/exports';
import { createHostServer } from '../../electron/host/server';
import type { Platform } from '../../electron/services/context';
import type { ExportedFile, SavedFile } from '../../shared/api/files';
import { refused } from '../helpers/fixtures';
import { ok, openShizhongApp, tempDir, type TestApp } from '../helpers/test-context';

/**
 * Delivering exported files: a token that works once, for a while, for the session that made
 * it — through files.save (desktop dialog) or GET /api/files/<token> (browser).
 */

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('ExportStore', () => {
  let now = 0;
  const store = new ExportStore(() => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('hands a file out once, to its own session only', () => {
    const file = store.put({ fileName: '操作日志.xlsx', mime: 'x', bytes: bytes('abc'), sessionToken: 'session-a' });
    expect(file).toMatchObject({ fileName: '操作日志.xlsx', bytes: 3, expiresAt: new Date(now + EXPORT_TTL_MS).toISOString() });
    expect(file.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(() => store.take(file.token, 'session-b')).toThrow(EXPORT_GONE_MESSAGE);
    expect(() => store.take(file.token, null)).toThrow(EXPORT_GONE_MESSAGE);
    expect(Buffer.from(store.take(file.token, 'session-a').bytes).toString()).toBe('abc');
    expect(() => store.take(file.token, 'session-a')).toThrow(EXPORT_GONE_MESSAGE);
  });

  it('expires after ten minutes; a file given back after a cancelled dialog works again until then', () => {
    const file = store.put({ fileName: 'a.xlsx', mime: 'x', bytes: bytes('1'), sessionToken: 's' });
    const entry = store.take(file.token, 's');
    store.giveBack(entry);
    now += EXPORT_TTL_MS - 1;
    expect(store.take(file.token, 's').fileName).toBe('a.xlsx');
    store.giveBack(entry);
    now += 1;
    expect(() => store.take(file.token, 's')).toThrow(EXPORT_GONE_MESSAGE);
    store.giveBack(entry); // too late: not put back
    expect(store.size).toBe(0);
  });

  it('keeps at most a bounded number of files, dropping the oldest', () => {
    const tokens = Array.from({ length: 25 }, (_, i) => store.put({ fileName: `${i}.xlsx`, mime: 'x', bytes: bytes('z'), sessionToken: 's' }).token);
    expect(store.size).toBe(20);
    expect(() => store.take(tokens[0]!, 's')).toThrow(EXPORT_GONE_MESSAGE);
    expect(store.take(tokens[24]!, 's').fileName).toBe('24.xlsx');
    store.dropSession('s');
    expect(store.size).toBe(0);
  });

  it('file names: no folders or reserved characters; Chinese kept', () => {
    expect(safeFileName('市中区操作日志_20261122-1000.xlsx')).toBe('市中区操作日志_20261122-1000.xlsx');
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a:b*c?"<>|.xlsx')).toBe('a_b_c_____.xlsx');
    expect(safeFileName('CON.xlsx')).toBe('_CON.xlsx');
    expect(safeFileName('  ..  ')).toBe('导出文件');
    const long = safeFileName(`${'长'.repeat(300)}.xlsx`);
    expect(long.length).toBe(150);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('Content-Disposition carries the Chinese name per RFC 5987, with an ASCII fallback', () => {
    const name = "市中区操作日志 (1)'.xlsx";
    const header = contentDisposition(name);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/);
    const encoded = header.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(header).toContain('filename="_______ (1)\'.xlsx"');
  });
});

describe('files.save (desktop)', () => {
  let app: TestApp;
  const saved: Array<{ name: string; bytes: Uint8Array }> = [];
  let answer: () => Promise<{ fileName: string } | null>;
  beforeAll(async () => {
    app = await openShizhongApp();
    const platform: Platform = {
      chooseFolder: async () => null,
      saveFile: vi.fn(async (name: string, data: Uint8Array) => {
        const result = await answer();
        if (result) saved.push({ name, bytes: data });
        return result;
      }),
    };
    app.ctx.platform = platform;
  });
  afterAll(async () => {
    await app.close();
  });

  it('saves once through the dialog; the token is then used up', async () => {
    answer = async () => ({ fileName: '我的日志.xlsx' });
    const file = ok<ExportedFile>(await app.call('audit.export', {}));
    expect(ok<SavedFile>(await app.call('files.save', { token: file.token }))).toEqual({ saved: true, fileName: '我的日志.xlsx' });
    expect(saved.at(-1)!.name).toBe(file.fileName);
    expect(saved.at(-1)!.bytes.byteLength).toBe(file.bytes);
    expect(Buffer.from(saved.at(-1)!.bytes.subarray(0, 2)).toString()).toBe('PK'); // a zip: .xlsx
    const again = refused(await app.call('files.save', { token: file.token }));
    expect(again).toMatchObject({ code: 'NOT_FOUND', message: EXPORT_GONE_MESSAGE });
  });

  it('a cancelled dialog or a failed write keeps the token; the message says what to do', async () => {
    const file = ok<ExportedFile>(await app.call('audit.export', {}));
    answer = async () => null;
    expect(ok<SavedFile>(await app.call('files.save', { token: file.token }))).toEqual({ saved: false, fileName: null });
    answer = async () => {
      throw Object.assign(new Error('busy'), { code: 'EBUSY' });
    };
    expect(refused(await app.call('files.save', { token: file.token })).message).toContain('Excel');
    answer = async () => ({ fileName: 'x.xlsx' });
    expect(ok<SavedFile>(await app.call('files.save', { token: file.token })).saved).toBe(true);
  });

  it("another session cannot save someone else's export, and learns nothing about it", async () => {
    answer = async () => ({ fileName: 'x.xlsx' });
    const file = ok<ExportedFile>(await app.call('audit.export', {}));
    expect(refused(await app.callAs('clerk')('files.save', { token: file.token }))).toMatchObject({ code: 'NOT_FOUND', message: EXPORT_GONE_MESSAGE });
    expect(refused(await app.callAs(null)('files.save', { token: file.token })).code).toBe('UNAUTHENTICATED');
    expect(ok<SavedFile>(await app.call('files.save', { token: file.token })).saved).toBe(true);
  });

  it('refuses a malformed or unknown token in Chinese', async () => {
    expect(refused(await app.call('files.save', { token: '../x' })).code).toBe('VALIDATION');
    expect(refused(await app.call('files.save', { token: 'a'.repeat(32) })).message).toBe(EXPORT_GONE_MESSAGE);
  });

  it('where there is no dialog (the host) it says to download instead', async () => {
    const platform = app.ctx.platform;
    app.ctx.platform = { chooseFolder: async () => null };
    try {
      const file = ok<ExportedFile>(await app.call('audit.export', {}));
      expect(refused(await app.call('files.save', { token: file.token })).message).toContain('浏览器');
    } finally {
      app.ctx.platform = platform;
    }
  });
});

describe('GET /api/files/<token> (headless host)', () => {
  let app: TestApp;
  let server: http.Server;
  let port: number;
  let adminPage: Record<string, string>;
  let clerkPage: Record<string, string>;
  const realNow = { fn: null as null | (() => Date) };

  beforeAll(async () => {
    const staticDir = tempDir('gd-static-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>基层党建台账</title>');
    app = await openShizhongApp();
    server = createHostServer({ ctx: app.ctx, staticDir });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    // a page's session: the cookie and the page token (electron/host/page-session.ts)
    const pageOf = async (role: 'admin' | 'clerk') => {
      const session = app.ctx.sessions.get((await app.callerFor(role)).token)!;
      return { cookie: `gd_session=${session.token}`, 'x-gd-page-token': session.pageToken };
    };
    adminPage = await pageOf('admin');
    clerkPage = await pageOf('clerk');
    realNow.fn = app.ctx.now;
  });
  afterAll(async () => {
    server.close();
    await app.close();
  });

  function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  }
  const exportAsAdmin = async (): Promise<ExportedFile> => {
    const res = await request({ method: 'POST', path: '/api/audit.export', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, ...adminPage }, body: '{}' });
    expect(res.status).toBe(200);
    return (JSON.parse(res.body.toString()) as { value: ExportedFile }).value;
  };
  const get = (token: string, headers: Record<string, string>) => request({ path: `/api/files/${token}`, headers });
  const errorOf = (res: { body: Buffer }) => (JSON.parse(res.body.toString()) as { ok: false; error: { code: string; message: string } }).error;

  it('downloads once for the session that exported, as an attachment with the Chinese name', async () => {
    const file = await exportAsAdmin();
    const res = await get(file.token, adminPage);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(contentDisposition(file.fileName));
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.byteLength).toBe(file.bytes);
    expect(res.body.subarray(0, 2).toString()).toBe('PK');
    const again = await get(file.token, adminPage);
    expect(again.status).toBe(404);
    expect(errorOf(again)).toEqual({ code: 'NOT_FOUND', message: EXPORT_GONE_MESSAGE });
  });

  it('another session, no session, another site or another host name get nothing — and do not use the token up', async () => {
    const file = await exportAsAdmin();
    const clerk = await get(file.token, clerkPage);
    expect(clerk.status).toBe(404);
    expect(errorOf(clerk).message).toBe(EXPORT_GONE_MESSAGE);
    const anonymous = await get(file.token, {});
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).message).toBe('请先登录');
    // the session's cookie without its page's token is no session
    expect((await get(file.token, { cookie: adminPage.cookie! })).status).toBe(401);
    expect((await get(file.token, { ...adminPage, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(file.token, { ...adminPage, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get(file.token, { ...adminPage, host: `evil.example:${port}` })).status).toBe(403);
    // still there for its owner, also from its own page
    const own = await get(file.token, { ...adminPage, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
  });

  it('an expired token, a garbled one, or a locked session get a Chinese refusal', async () => {
    const file = await exportAsAdmin();
    const start = app.ctx.now().getTime();
    app.ctx.now = () => new Date(start + EXPORT_TTL_MS + 1000);
    try {
      const res = await get(file.token, adminPage);
      expect(res.status).toBe(404);
      expect(errorOf(res).message).toBe(EXPORT_GONE_MESSAGE);
    } finally {
      app.ctx.now = realNow.fn!;
    }
    expect((await get('%E0%A4%A', adminPage)).status).toBe(404);
    expect((await get('..%2F..%2Fpackage.json', adminPage)).status).toBe(404);

    const locked = await exportAsAdmin();
    const session = app.ctx.sessions.get((await app.callerFor('admin')).token)!;
    session.locked = true;
    try {
      const res = await get(locked.token, adminPage);
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('LOCKED');
    } finally {
      session.locked = false;
    }
  });
});
