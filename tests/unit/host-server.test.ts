import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServer } from '../../electron/host/server';
import { listMethods } from '../../shared/api/contract';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { openTestApp, snapshotDatabase, tempDir, TEST_PASSWORD, testUsername } from '../helpers/test-context';

/** The headless host: same API over HTTP, loopback only, no cross-site calls. */
let app: Awaited<ReturnType<typeof openTestApp>>;
let server: http.Server;
let port: number;
/** the administrator's session, as the browser's cookie holds it */
let adminCookie: string;
const staticDir = tempDir('gd-static-');

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>基层党建台账</title>');
  app = await openTestApp();
  server = createHostServer({ ctx: app.ctx, staticDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  adminCookie = `gd_session=${(await app.callerFor('admin')).token}`;
});
afterAll(async () => {
  server.close();
  await app.close();
});

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
/** A POST as the logged-in administrator (pass `cookie: ''` for none). */
const post = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', cookie: adminCookie, ...headers },
    body: JSON.stringify(input),
  });
const cookieOf = (res: { headers: http.IncomingHttpHeaders }) => (res.headers['set-cookie'] ?? []).join('\n');

describe('host API', () => {
  it('answers health', async () => {
    const res = await request({ path: '/api/health' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { status: 'ok', version: 'test', schemaVersion: LATEST_SCHEMA_VERSION } });
  });

  it('lists every contract method with its input JSON schema', async () => {
    const res = await request({ path: '/api/methods' });
    const methods = JSON.parse(res.body).value as Array<{ name: string; summary: string; mutates: boolean; input: { type?: string; oneOf?: unknown[]; anyOf?: unknown[] } }>;
    expect(methods.map((m) => m.name).sort()).toEqual(listMethods().map(([n]) => n).sort());
    for (const m of methods) {
      expect(m.summary).toMatch(/[\u4e00-\u9fff]/);
      // an object, or a choice of objects (units.create: a street or a unit)
      const variants = (m.input.oneOf ?? m.input.anyOf ?? [m.input]) as Array<{ type?: string }>;
      expect(variants.every((v) => v.type === 'object'), m.name).toBe(true);
    }
    expect(methods.find((m) => m.name === 'units.create')?.mutates).toBe(true);
    expect(methods.find((m) => m.name === 'units.search')?.mutates).toBe(false);
  });

  it('runs a method: setup then search by pinyin', async () => {
    const setup = await post('setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' });
    expect(setup.status).toBe(200);
    const res = await post('units.search', { query: 'qxjd' });
    expect(JSON.parse(res.body).value[0]).toMatchObject({ name: '七贤街道', code: '370103018' });
  });

  it('refuses bad input with a Chinese message and HTTP 422, changing nothing', async () => {
    const before = snapshotDatabase(app);
    const res = await post('units.create', { level: 'unit', parentId: 1, code: '12345', name: '', kind: 'village' });
    expect(res.status).toBe(422);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields.code).toBe('村（社区）代码必须是12位数字');
    expect(body.error.fields.name).toBe('村（社区）名称不能为空');
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('refuses an unknown method, a non-JSON body and a GET to a method', async () => {
    expect((await post('units.dropAll', {})).status).toBe(404);
    const notJson = await request({ method: 'POST', path: '/api/units.tree', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toBe('请求内容不是有效的 JSON');
    expect((await request({ path: '/api/units.tree' })).status).toBe(405);
    const form = await request({ method: 'POST', path: '/api/units.tree', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('refuses calls from another web page (Origin) and from a non-loopback Host name (DNS rebinding)', async () => {
    const before = snapshotDatabase(app);
    const crossSite = await post('settings.update', { departmentName: '被篡改' }, { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error.message).toBe('拒绝来自其他网页的请求');
    const rebinding = await request({ path: '/api/health', headers: { host: `evil.example:${port}` } });
    expect(rebinding.status).toBe(403);
    expect(snapshotDatabase(app)).toEqual(before);
    const sameOrigin = await post('settings.get', {}, { origin: `http://127.0.0.1:${port}` });
    expect(sameOrigin.status).toBe(200);
  });

  it('without a session cookie only public methods answer: 401 UNAUTHENTICATED, nothing written', async () => {
    const before = snapshotDatabase(app);
    const anonymous = await post('settings.update', { departmentName: '无权修改' }, { cookie: '' });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect((await post('units.tree', {}, { cookie: '' })).status).toBe(401);
    // a made-up or malformed cookie is no session either, and is cleared
    const forged = await post('units.tree', {}, { cookie: 'gd_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.status).toBe(401);
    expect(cookieOf(forged)).toMatch(/^gd_session=; .*Max-Age=0/);
    expect((await post('units.tree', {}, { cookie: 'gd_session=../../x; other=1' })).status).toBe(401);
    expect(snapshotDatabase(app)).toEqual(before);
    const status = await post('auth.status', {}, { cookie: '' });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body).value).toMatchObject({ hasUsers: true, user: null, locked: false });
  });

  it('login sets an HttpOnly, SameSite=Strict session cookie that later calls carry; logout clears it', async () => {
    const login = await post('auth.login', { username: testUsername('admin'), password: TEST_PASSWORD }, { cookie: '' });
    expect(login.status).toBe(200);
    const setCookie = cookieOf(login);
    expect(setCookie).toMatch(/^gd_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
    // the token is in the cookie only, never in the body a page script could read
    const token = /^gd_session=([^;]+)/.exec(setCookie)![1]!;
    expect(login.body).not.toContain(token);
    const cookie = `gd_session=${token}`;
    const me = await post('auth.status', {}, { cookie });
    expect(JSON.parse(me.body).value.user).toMatchObject({ username: testUsername('admin'), role: 'admin' });
    expect((await post('units.tree', {}, { cookie })).status).toBe(200);

    const logout = await post('auth.logout', {}, { cookie });
    expect(logout.status).toBe(200);
    expect(cookieOf(logout)).toMatch(/^gd_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
    const after = await post('units.tree', {}, { cookie });
    expect(after.status).toBe(401);
    // the other session (the test's administrator) is untouched
    expect((await post('units.tree', {})).status).toBe(200);
  });

  it('a wrong password is 422 with no cookie set', async () => {
    const res = await post('auth.login', { username: 'nobody-here', password: 'wrong-password-1' }, { cookie: '' });
    expect(res.status).toBe(422);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('serves the renderer with the CSP header, and never a file outside it', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const traversal = await request({ path: '/../package.json' });
    expect(traversal.body).not.toContain('"name"');
    const encoded = await request({ path: '/%2e%2e/%2e%2e/package.json' });
    expect(encoded.body).toContain('基层党建台账');
  });
});
