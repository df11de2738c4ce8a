import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServer, UNREAD_BODY } from '../../electron/host/server';
import { listMethods } from '../../shared/api/contract';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { openTestApp, snapshotDatabase, tempDir, TEST_PASSWORD, testUsername } from '../helpers/test-context';

/** The headless host: same API over HTTP, loopback only, no cross-site calls. */
let app: Awaited<ReturnType<typeof openTestApp>>;
let server: http.Server;
let port: number;
/** the administrator's session, as the browser's cookie holds it */
let adminCookie: string;
/** …and the second secret of that session, which only the page that logged in holds (not a cookie) */
let adminPageToken: string | undefined;
/** the header the page sends its token in */
const PAGE_TOKEN = 'x-gd-page-token';
const ownOrigin = () => `http://127.0.0.1:${port}`;
/** what the host answers when a live session's cookie comes without its page's token */
const UNBOUND = '登录信息与本页面不符，请在本程序页面重新登录';
const staticDir = tempDir('gd-static-');

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>基层党建台账</title>');
  app = await openTestApp();
  server = createHostServer({ ctx: app.ctx, staticDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const admin = app.ctx.sessions.get((await app.callerFor('admin')).token)!;
  adminCookie = `gd_session=${admin.token}`;
  adminPageToken = admin.pageToken;
});
afterAll(async () => {
  server.close();
  await app.close();
});

/** Headers without the ones given as undefined (left out, not sent empty). */
const present = (headers: Record<string, string | undefined>) => Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));

function request(options: { method?: string; path: string; headers?: Record<string, string | undefined>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: present(options.headers ?? {}) }, (res) => {
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
/** The headers the administrator's page sends with every call: its own origin, the cookie, the page token. */
const adminPage = () => ({ 'content-type': 'application/json', origin: ownOrigin(), cookie: adminCookie, [PAGE_TOKEN]: adminPageToken });
/** A POST from the logged-in administrator's page (pass `cookie: ''` for none, a header as undefined to leave it out). */
const post = (method: string, input: unknown, headers: Record<string, string | undefined> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { ...adminPage(), ...headers },
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
    const notJson = await request({ method: 'POST', path: '/api/units.tree', headers: adminPage(), body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toBe('请求内容不是有效的 JSON');
    expect((await request({ path: '/api/units.tree' })).status).toBe(405);
    const form = await request({ method: 'POST', path: '/api/units.tree', headers: { ...adminPage(), 'content-type': 'text/plain' }, body: '{}' });
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
    const login = await post('auth.login', { username: testUsername('admin'), password: TEST_PASSWORD }, { cookie: undefined, [PAGE_TOKEN]: undefined });
    expect(login.status).toBe(200);
    const setCookie = cookieOf(login);
    expect(setCookie).toMatch(/^gd_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
    // the token is in the cookie only, never in the body a page script could read
    const token = /^gd_session=([^;]+)/.exec(setCookie)![1]!;
    expect(login.body).not.toContain(token);
    const page = { cookie: `gd_session=${token}`, [PAGE_TOKEN]: String(login.headers[PAGE_TOKEN]) };
    const me = await post('auth.status', {}, page);
    expect(JSON.parse(me.body).value.user).toMatchObject({ username: testUsername('admin'), role: 'admin' });
    expect((await post('units.tree', {}, page)).status).toBe(200);

    const logout = await post('auth.logout', {}, page);
    expect(logout.status).toBe(200);
    expect(cookieOf(logout)).toMatch(/^gd_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
    const after = await post('units.tree', {}, page);
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

/** The administrator's settings as stored (to see that a refused call changed nothing). */
const departmentName = async () => (await app.call('settings.get', {}) as { ok: true; value: { departmentName: string | null } }).value.departmentName;

describe('the session belongs to the page that logged in (issue 10: cookie + page token, Origin)', () => {
  it('a session cookie replayed without its page token runs nothing: no Origin, no token, a wrong token of the same length, another port', async () => {
    const before = snapshotDatabase(app);
    const name = await departmentName();
    const change = { departmentName: '被重放的登录篡改' };
    // as another program on this machine would replay it (curl): the cookie, no Origin, no page token
    const replayed = await request({ method: 'POST', path: '/api/settings.update', headers: { 'content-type': 'application/json', cookie: adminCookie }, body: JSON.stringify(change) });
    expect(replayed.status).toBe(403);
    expect(JSON.parse(replayed.body).ok).toBe(false);
    expect(JSON.parse(replayed.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    // even with this host's Origin: the cookie alone is no session
    const noToken = await post('settings.update', change, { [PAGE_TOKEN]: undefined });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body).error).toEqual({ code: 'UNAUTHENTICATED', message: UNBOUND });
    const wrong = await post('settings.update', change, { [PAGE_TOKEN]: 'A'.repeat((adminPageToken ?? 'x'.repeat(43)).length) });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error).toEqual({ code: 'UNAUTHENTICATED', message: UNBOUND });
    // a page on another port of 127.0.0.1 is "same site" and gets the cookie: its Origin gives it away
    const otherPort = await post('settings.update', change, { origin: `http://127.0.0.1:${port === 65535 ? 65534 : port + 1}` });
    expect(otherPort.status).toBe(403);
    expect(JSON.parse(otherPort.body).error.message).toBe('拒绝来自其他网页的请求');
    // the unbound cookie is not cleared (the page that holds the token still works) and is not logged in
    expect(cookieOf(noToken)).toBe('');
    const status = await post('auth.status', {}, { [PAGE_TOKEN]: undefined });
    expect(JSON.parse(status.body).value).toMatchObject({ hasUsers: true, user: null });
    // nothing ran: no change, no audit row (not even a refusal)
    expect(snapshotDatabase(app)).toEqual(before);
    expect(await departmentName()).toBe(name);
    expect((await post('units.tree', {})).status).toBe(200);
  });

  it('a POST must come from the page itself: this host\'s Origin, or Sec-Fetch-Site: same-origin', async () => {
    const before = snapshotDatabase(app);
    const change = JSON.stringify({ departmentName: '没有来源的请求' });
    const from = (headers: Record<string, string | undefined>) => request({ method: 'POST', path: '/api/settings.update', headers: { ...adminPage(), origin: undefined, ...headers }, body: change });
    const bare = await from({});
    expect(bare.status).toBe(403);
    expect(JSON.parse(bare.body).error).toEqual({ code: 'FORBIDDEN', message: '只接受本程序页面发出的请求：请求缺少来源信息' });
    for (const headers of [
      { 'sec-fetch-site': 'same-site' }, // a page on another port of this machine
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'none' },
      { origin: 'null' },
      { origin: `http://localhost:${port}` }, // another origin than the one this page was loaded from
      { origin: ownOrigin(), 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await from(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN');
    }
    expect(snapshotDatabase(app)).toEqual(before);
    const fetchMetadata = await request({ method: 'POST', path: '/api/settings.get', headers: { ...adminPage(), origin: undefined, 'sec-fetch-site': 'same-origin' }, body: '{}' });
    expect(fetchMetadata.status).toBe(200);
    const both = await post('settings.get', {}, { 'sec-fetch-site': 'same-origin' });
    expect(both.status).toBe(200);
  });

  it('login hands the page its token in a header (not the body, not a cookie); a reload keeps working with it; logout ends it', async () => {
    const login = await post('auth.login', { username: testUsername('admin'), password: TEST_PASSWORD }, { cookie: undefined, [PAGE_TOKEN]: undefined });
    expect(login.status).toBe(200);
    const token = /^gd_session=([^;]+)/.exec(cookieOf(login))?.[1];
    const pageToken = login.headers[PAGE_TOKEN];
    expect(pageToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(pageToken).not.toBe(token);
    expect(login.body).not.toContain(pageToken);
    expect(cookieOf(login)).not.toContain(pageToken);
    const page = { cookie: `gd_session=${token}`, [PAGE_TOKEN]: String(pageToken) };
    expect((await post('units.tree', {}, page)).status).toBe(200);
    // a reload: the page sends what it kept, and the same session answers
    const reloaded = await post('auth.status', {}, page);
    expect(JSON.parse(reloaded.body).value.user).toMatchObject({ username: testUsername('admin') });
    expect(reloaded.headers[PAGE_TOKEN]).toBeUndefined(); // unchanged: nothing new to keep
    // this page's token does not open another session's cookie
    expect((await post('units.tree', {}, { [PAGE_TOKEN]: String(pageToken) })).status).toBe(401);

    const logout = await post('auth.logout', {}, page);
    expect(logout.status).toBe(200);
    expect(logout.headers[PAGE_TOKEN]).toBe(''); // the page forgets its token
    const after = await post('units.tree', {}, page);
    expect(after.status).toBe(401);
    expect(JSON.parse(after.body).error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('an export downloads only with the page token, and a refused download does not use the file up', async () => {
    const exported = await post('audit.export', {});
    expect(exported.status).toBe(200);
    const file = JSON.parse(exported.body).value as { token: string };
    const download = (headers: Record<string, string | undefined>) => request({ path: `/api/files/${file.token}`, headers: { cookie: adminCookie, 'sec-fetch-site': 'same-origin', [PAGE_TOKEN]: adminPageToken, ...headers } });
    const cookieOnly = await download({ [PAGE_TOKEN]: undefined });
    expect(cookieOnly.status).toBe(401);
    expect(JSON.parse(cookieOnly.body).error).toEqual({ code: 'UNAUTHENTICATED', message: UNBOUND });
    const wrong = await download({ [PAGE_TOKEN]: 'B'.repeat((adminPageToken ?? 'x'.repeat(43)).length) });
    expect(wrong.status).toBe(401);
    const own = await download({});
    expect(own.status).toBe(200);
    expect(own.headers['content-disposition']).toContain('attachment');
  });

  it('a refused call never runs with the body it did not read: no method accepts the unread-body marker as input', () => {
    for (const [name, def] of listMethods()) expect(def.input.safeParse(UNREAD_BODY).success, name).toBe(false);
  });
});

type Answer = { status: number | string; headers: http.IncomingHttpHeaders; body: string; continued: boolean };

/**
 * Sends the headers and the first bytes of a body (declared longer, or chunked) and does not
 * finish it: resolves with the host's answer, or 'timeout' when the host waits for the rest.
 */
function partialPost(method: string, headers: Record<string, string | undefined>, first: string, options: { expectContinue?: boolean; waitMs?: number } = {}) {
  return new Promise<Answer>((resolve) => {
    let continued = false;
    let done = false;
    const finish = (answer: Answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    let answer: Answer | null = null;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: present(headers) }, (res) => {
      answer = { status: res.statusCode!, headers: res.headers, body: '', continued };
      res.setEncoding('utf8');
      res.on('data', (c) => (answer!.body += c));
      res.on('end', () => finish({ ...answer!, continued }));
      res.on('close', () => finish({ ...answer!, continued }));
    });
    const timer = setTimeout(() => finish({ status: 'timeout', headers: {}, body: '', continued }), options.waitMs ?? 3000);
    // the host closes the connection after answering: a reset after the whole answer is no failure
    req.on('error', (error: NodeJS.ErrnoException) => answer || finish({ status: `error ${error.code ?? error.message}`, headers: {}, body: '', continued }));
    req.on('continue', () => {
      continued = true;
      req.write(first);
    });
    req.flushHeaders();
    if (!options.expectContinue) req.write(first);
  });
}

/** Streams a chunked body of `totalBytes` (JSON whitespace after an opening brace) until the host answers. */
function chunkedPost(method: string, headers: Record<string, string | undefined>, totalBytes: number) {
  return new Promise<Answer & { sent: number }>((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (answer: Answer) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ ...answer, sent });
    };
    let answer: Answer | null = null;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: present({ ...headers, 'transfer-encoding': 'chunked' }) }, (res) => {
      answer = { status: res.statusCode!, headers: res.headers, body: '', continued: false };
      res.setEncoding('utf8');
      res.on('data', (c) => (answer!.body += c));
      res.on('end', () => finish(answer!));
      res.on('close', () => finish(answer!));
    });
    req.on('error', (error: NodeJS.ErrnoException) => answer || finish({ status: `error ${error.code ?? error.message}`, headers: {}, body: '', continued: false }));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (!done && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    req.write('{');
    pump();
  });
}

describe('request size (issue 10): the session and the declared length are checked before the body is read', () => {
  const tooLarge = /^请求内容过大（超过 [\d.]+ (MB|KB)/;

  it('a POST declaring a length over the limit is answered 413 with a Chinese message before its body is read, then the connection is closed', async () => {
    const declared = await partialPost('imports.open', { ...adminPage(), 'content-length': String(64 * 1024 * 1024) }, '{"fileName":"大.xlsx","');
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('VALIDATION');
    expect(JSON.parse(declared.body).error.message).toMatch(tooLarge);
    expect(declared.headers.connection).toBe('close');
    expect((await post('units.tree', {})).status).toBe(200);
  });

  it('a chunked POST (no declared length) is counted while read and answered 413 once it passes the limit', async () => {
    const chunked = await chunkedPost('imports.open', adminPage(), 40 * 1024 * 1024);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.message).toMatch(tooLarge);
    expect(chunked.headers.connection).toBe('close');
    // the host still answers afterwards
    expect((await post('units.tree', {})).status).toBe(200);
  });

  it('a large body without a valid session is refused before it is read: the answer comes while the client is still sending', async () => {
    const big = { 'content-length': String(10 * 1024 * 1024) };
    const anonymous = await partialPost('units.create', { ...adminPage(), cookie: undefined, [PAGE_TOKEN]: undefined, ...big }, '{"level":"unit",');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(anonymous.headers.connection).toBe('close');
    // a replayed cookie without its page token is no session either
    const unbound = await partialPost('units.create', { ...adminPage(), [PAGE_TOKEN]: undefined, ...big }, '{"level":"unit",');
    expect(unbound.status).toBe(401);
    expect(JSON.parse(unbound.body).error.message).toBe(UNBOUND);
    // nor is a request without Origin
    const noOrigin = await partialPost('units.create', { ...adminPage(), origin: undefined, ...big }, '{"level":"unit",');
    expect(noOrigin.status).toBe(403);
  });

  it('the public methods (login, status, first administrator) take 64 KB at most: declared or chunked', async () => {
    // they never carry files
    const login = await partialPost('auth.login', { ...adminPage(), cookie: undefined, [PAGE_TOKEN]: undefined, 'content-length': String(1024 * 1024) }, '{"username":"');
    expect(login.status).toBe(413);
    expect(JSON.parse(login.body).error.message).toMatch(/^请求内容过大（超过 64 KB）/);
    const chunkedLogin = await chunkedPost('auth.login', { ...adminPage(), cookie: undefined, [PAGE_TOKEN]: undefined }, 64 * 1024 * 1024);
    expect(chunkedLogin.status).toBe(413);
    expect(JSON.parse(chunkedLogin.body).error.message).toMatch(/^请求内容过大（超过 64 KB）/);
    expect(chunkedLogin.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('Expect: 100-continue is answered only when the call may go on: refused before the client sends its body', async () => {
    const refused = await partialPost('units.create', { ...adminPage(), [PAGE_TOKEN]: undefined, 'content-length': String(10 * 1024 * 1024), expect: '100-continue' }, '{', { expectContinue: true });
    expect(refused.status).toBe(401);
    expect(refused.continued).toBe(false);
    const tooBig = await partialPost('imports.open', { ...adminPage(), 'content-length': String(64 * 1024 * 1024), expect: '100-continue' }, '{', { expectContinue: true });
    expect(tooBig.status).toBe(413);
    expect(tooBig.continued).toBe(false);
    const body = '{}';
    const accepted = await partialPost('units.tree', { ...adminPage(), 'content-length': String(body.length), expect: '100-continue' }, body, { expectContinue: true });
    expect(accepted.status).toBe(200);
    expect(accepted.continued).toBe(true);
  });
});
