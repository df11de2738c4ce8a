import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServer } from '../../electron/host/server';
import { incomingDir } from '../../electron/services/attachments/storage';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TOO_LARGE_MESSAGE, ATTACHMENT_TYPE_MESSAGE, UPLOAD_GONE_MESSAGE, type Attachment, type UploadedFile } from '../../shared/api/attachments';
import type { StreetNode } from '../../shared/api/units';
import { auditRows, ok, openShizhongApp, snapshotDatabase, tempDir, type TestApp } from '../helpers/test-context';
import { exeBytes, jpegBytes, pdfBytes } from '../helpers/attachment-files';

/**
 * The browser's way in and out: POST /api/attachments/upload (raw bytes, no base64) and
 * GET /api/attachments/<id>[/thumb], with the same session rules as every call — cookie AND page
 * token, the page's own Origin for a POST, the role — and the size checked before the body is read.
 */

let app: TestApp;
let server: http.Server;
let port: number;
let unitId: number;
const PAGE_TOKEN = 'x-gd-page-token';
const ownOrigin = () => `http://127.0.0.1:${port}`;

beforeAll(async () => {
  app = await openShizhongApp();
  server = createHostServer({ ctx: app.ctx, staticDir: tempDir('gd-static-') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  unitId = ok<StreetNode[]>(await app.call('units.tree', {}))[0]!.units[0]!.id;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
});

/** The headers the page of a role's session sends (its cookie, its page token, its origin). */
async function pageOf(role: 'admin' | 'clerk' | 'viewer'): Promise<Record<string, string>> {
  const session = app.ctx.sessions.get((await app.callerFor(role)).token)!;
  return { origin: ownOrigin(), cookie: `gd_session=${session.token}`, [PAGE_TOKEN]: session.pageToken };
}
const present = (headers: Record<string, string | undefined>) => Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  continued: boolean;
}
const json = (a: Answer) => JSON.parse(a.body.toString('utf8')) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };

function request(options: { method?: string; path: string; headers?: Record<string, string | undefined>; body?: Uint8Array | string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: present(options.headers ?? {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), continued: false }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A POST whose body is never sent past `first`: an answer proves the host did not wait to read it. */
function partialUpload(headers: Record<string, string | undefined>, first: Uint8Array, options: { expectContinue?: boolean } = {}): Promise<Answer | 'timeout'> {
  return new Promise((resolve) => {
    let continued = false;
    let done = false;
    const finish = (answer: Answer | 'timeout') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    let answer: Answer | null = null;
    const chunks: Buffer[] = [];
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/attachments/upload', headers: present(headers) }, (res) => {
      answer = { status: res.statusCode!, headers: res.headers, body: Buffer.alloc(0), continued };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ ...answer!, body: Buffer.concat(chunks), continued }));
    });
    const timer = setTimeout(() => finish('timeout'), 3000);
    req.on('error', () => answer && finish({ ...answer, body: Buffer.concat(chunks), continued }));
    req.on('continue', () => {
      continued = true;
      req.write(first);
    });
    req.flushHeaders();
    if (!options.expectContinue) req.write(first);
  });
}

const uploadHeaders = (page: Record<string, string>, bytes: number, fileName = '照片.jpg') => ({
  ...page,
  'content-type': 'application/octet-stream',
  'content-length': String(bytes),
  'x-gd-file-name': encodeURIComponent(fileName),
});
async function upload(bytes: Uint8Array, fileName: string, role: 'admin' | 'clerk' | 'viewer' = 'admin') {
  return request({ method: 'POST', path: '/api/attachments/upload', headers: uploadHeaders(await pageOf(role), bytes.length, fileName), body: bytes });
}
async function callApi(method: string, input: unknown, role: 'admin' | 'clerk' | 'viewer' = 'admin') {
  const body = JSON.stringify(input);
  return json(await request({ method: 'POST', path: `/api/${method}`, headers: { ...(await pageOf(role)), 'content-type': 'application/json' }, body }));
}
const incoming = () => (fs.existsSync(incomingDir(app.dataDir)) ? fs.readdirSync(incomingDir(app.dataDir)) : []);

describe('upload → attach → download, over HTTP', () => {
  it('the raw bytes go up, come back byte for byte with their type, a Chinese name and nosniff; the thumbnail too', async () => {
    const bytes = jpegBytes(800, 600, { seed: 3 });
    const up = await upload(bytes, '村委会 2026年“七一”活动.jpg');
    expect(up.status).toBe(200);
    const uploaded = json(up).value as UploadedFile;
    expect(uploaded).toMatchObject({ fileName: '村委会 2026年“七一”活动.jpg', bytes: bytes.length, mime: 'image/jpeg', width: 800, height: 600, hasThumbnail: true });
    const attached = await callApi('attachments.attach', { uploadToken: uploaded.uploadToken, ownerEntity: 'org_unit', ownerId: unitId });
    expect(attached.ok).toBe(true);
    const { id } = attached.value as Attachment;

    const file = await request({ path: `/api/attachments/${id}`, headers: await pageOf('viewer') });
    expect(file.status).toBe(200);
    expect(file.body.equals(Buffer.from(bytes))).toBe(true);
    expect(file.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="${'村委会 2026年“七一”活动.jpg'.replace(/[^\x20-\x7e]|["\\%;]/g, '_')}"; filename*=UTF-8''${encodeURIComponent('村委会 2026年“七一”活动.jpg')}`,
    );
    const thumb = await request({ path: `/api/attachments/${id}/thumb`, headers: await pageOf('viewer') });
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect([...thumb.body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(thumb.headers['content-disposition']).toBeUndefined();
  });

  it('a PDF downloads with .pdf added when its name has none; it has no thumbnail', async () => {
    const bytes = pdfBytes('scan');
    const uploaded = json(await upload(bytes, '整改报告')).value as UploadedFile;
    const { id } = (await callApi('attachments.attach', { uploadToken: uploaded.uploadToken, ownerEntity: 'org_unit', ownerId: unitId })).value as Attachment;
    const file = await request({ path: `/api/attachments/${id}`, headers: await pageOf('admin') });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('整改报告.pdf')}`);
    const thumb = await request({ path: `/api/attachments/${id}/thumb`, headers: await pageOf('admin') });
    expect(thumb.status).toBe(404);
    expect(json(thumb).error).toEqual({ code: 'NOT_FOUND', message: '这个附件没有缩略图' });
    const none = await request({ path: '/api/attachments/987654', headers: await pageOf('admin') });
    expect([none.status, json(none).error?.message]).toEqual([404, '附件不存在或已被删除']);
    const odd = await request({ path: '/api/attachments/..%2f..%2fgrassroots.sqlite', headers: await pageOf('admin') });
    expect(odd.status).toBe(404);
  });

  it('an upload token is its session’s: another page’s session cannot attach it', async () => {
    const uploaded = json(await upload(pdfBytes('mine'), 'a.pdf', 'clerk')).value as UploadedFile;
    const other = await callApi('attachments.attach', { uploadToken: uploaded.uploadToken, ownerEntity: 'org_unit', ownerId: unitId }, 'admin');
    expect(other).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: UPLOAD_GONE_MESSAGE } });
    expect((await callApi('attachments.attach', { uploadToken: uploaded.uploadToken, ownerEntity: 'org_unit', ownerId: unitId }, 'clerk')).ok).toBe(true);
  });
});

describe('refused before the body is read', () => {
  it(`a declared size over ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB: 413 in Chinese while the client still sends, the connection closed`, async () => {
    const waiting = incoming();
    const answer = await partialUpload(uploadHeaders(await pageOf('admin'), ATTACHMENT_MAX_BYTES + 1), pdfBytes());
    expect(answer).not.toBe('timeout');
    const a = answer as Answer;
    expect(a.status).toBe(413);
    expect(json(a).error).toEqual({ code: 'VALIDATION', message: ATTACHMENT_TOO_LARGE_MESSAGE });
    expect(a.headers.connection).toBe('close');
    expect(incoming()).toEqual(waiting);
  });

  it('Expect: 100-continue is answered only when the upload may go on', async () => {
    const tooBig = await partialUpload({ ...uploadHeaders(await pageOf('admin'), ATTACHMENT_MAX_BYTES + 1), expect: '100-continue' }, pdfBytes(), { expectContinue: true });
    expect(tooBig).toMatchObject({ status: 413, continued: false });
    const noSession = await partialUpload({ ...uploadHeaders({ origin: ownOrigin() }, 1000), expect: '100-continue' }, pdfBytes(), { expectContinue: true });
    expect(noSession).toMatchObject({ status: 401, continued: false });
    const bytes = pdfBytes('continue');
    const accepted = await partialUpload({ ...uploadHeaders(await pageOf('admin'), bytes.length, 'c.pdf'), expect: '100-continue' }, bytes, { expectContinue: true });
    expect(accepted).toMatchObject({ status: 200, continued: true });
  });

  it('no session, a cookie without its page token, a locked session, another origin, no origin: refused, nothing read or kept', async () => {
    const admin = await pageOf('admin');
    const waiting = incoming();
    const big = 10 * 1024 * 1024;
    const cases: Array<[string, Record<string, string | undefined>, number, string]> = [
      ['no session', { origin: ownOrigin() }, 401, '请先登录'],
      ['the cookie alone', { ...admin, [PAGE_TOKEN]: undefined }, 401, '登录信息与本页面不符，请在本程序页面重新登录'],
      ['a wrong page token', { ...admin, [PAGE_TOKEN]: 'x'.repeat(43) }, 401, '登录信息与本页面不符，请在本程序页面重新登录'],
      ['another site', { ...admin, origin: 'http://evil.example' }, 403, '拒绝来自其他网页的请求'],
      ['another port of this machine', { ...admin, origin: 'http://127.0.0.1:1' }, 403, '拒绝来自其他网页的请求'],
      ['no origin at all', { ...admin, origin: undefined }, 403, '只接受本程序页面发出的请求：请求缺少来源信息'],
    ];
    for (const [what, page, status, message] of cases) {
      const before = snapshotDatabase(app);
      const answer = await partialUpload(uploadHeaders(page as Record<string, string>, big), jpegBytes(10, 10));
      expect(answer, what).not.toBe('timeout');
      expect([(answer as Answer).status, json(answer as Answer).error?.message], what).toEqual([status, message]);
      expect(snapshotDatabase(app), what).toEqual(before);
    }
    // locked: idle for longer than the set minutes
    const session = app.ctx.sessions.create({ userId: 1, username: 'test-admin', displayName: '测试admin', role: 'admin' }, app.ctx.now().getTime() - 60 * 60_000);
    const locked = await partialUpload(uploadHeaders({ origin: ownOrigin(), cookie: `gd_session=${session.token}`, [PAGE_TOKEN]: session.pageToken }, big), pdfBytes());
    expect([(locked as Answer).status, json(locked as Answer).error?.code]).toEqual([401, 'LOCKED']);
    expect(incoming()).toEqual(waiting);
  });

  it('a 查阅 page may not upload: 403, logged as an attempt at 添加附件, nothing kept', async () => {
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    const waiting = incoming();
    const answer = (await partialUpload(uploadHeaders(await pageOf('viewer'), 5 * 1024 * 1024), pdfBytes())) as Answer;
    expect(answer.status).toBe(403);
    expect(json(answer).error).toEqual({ code: 'FORBIDDEN', message: '当前账户（查阅）没有此项操作的权限：添加附件' });
    expect(auditRows(app).at(-1)).toMatchObject({ action: 'forbidden', entity: 'api', entity_id: 'attachments.attach', username: 'test-viewer' });
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(incoming()).toEqual(waiting);
  });

  it('JSON instead of the file, or no declared length: refused', async () => {
    const page = await pageOf('admin');
    const asJson = await request({ method: 'POST', path: '/api/attachments/upload', headers: { ...page, 'content-type': 'application/json' }, body: '{"contentBase64":"/9j/"}' });
    expect([asJson.status, json(asJson).error?.message]).toEqual([415, '上传的内容格式不正确（应为文件本身）']);
    const chunked = await request({ method: 'POST', path: '/api/attachments/upload', headers: { ...page, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' }, body: pdfBytes() });
    expect([chunked.status, json(chunked).error?.message]).toEqual([411, '上传请求缺少文件大小，请重新上传']);
    const got = await request({ path: '/api/attachments/upload', headers: page });
    expect(got.status).toBe(405);
  });
});

describe('refused by its bytes while it arrives', () => {
  it('a program named 照片.jpg: 415 with the Chinese message, the rest of the body not kept, nothing stored', async () => {
    const before = snapshotDatabase(app);
    const waiting = incoming();
    const exe = Buffer.concat([exeBytes(), crypto.randomBytes(2 * 1024 * 1024)]);
    const answer = await upload(exe, '照片.jpg');
    expect([answer.status, json(answer).error]).toEqual([415, { code: 'VALIDATION', message: ATTACHMENT_TYPE_MESSAGE }]);
    expect(incoming()).toEqual(waiting);
    expect(snapshotDatabase(app)).toEqual(before);
    // the host still serves
    expect((await upload(pdfBytes('after'), 'after.pdf')).status).toBe(200);
  });

  it('a file whose first bytes are not a picture or PDF is answered before the rest is sent', async () => {
    const waiting = incoming();
    const answer = await partialUpload(uploadHeaders(await pageOf('admin'), 20 * 1024 * 1024, 'x.png'), exeBytes());
    expect(answer).not.toBe('timeout');
    expect([(answer as Answer).status, json(answer as Answer).error?.message]).toEqual([415, ATTACHMENT_TYPE_MESSAGE]);
    await new Promise((r) => setTimeout(r, 50));
    expect(incoming()).toEqual(waiting);
  });
});

describe('downloads: the page’s session only', () => {
  it('another origin, the cookie alone, no session: refused', async () => {
    const uploaded = json(await upload(pdfBytes('dl'), 'dl.pdf')).value as UploadedFile;
    const { id } = (await callApi('attachments.attach', { uploadToken: uploaded.uploadToken, ownerEntity: 'org_unit', ownerId: unitId })).value as Attachment;
    const admin = await pageOf('admin');
    const foreign = await request({ path: `/api/attachments/${id}`, headers: { ...admin, origin: 'http://127.0.0.1:1' } });
    expect([foreign.status, json(foreign).error?.message]).toEqual([403, '拒绝来自其他网页的请求']);
    const crossSite = await request({ path: `/api/attachments/${id}`, headers: { ...admin, origin: undefined, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const cookieAlone = await request({ path: `/api/attachments/${id}`, headers: { cookie: admin.cookie } });
    expect([cookieAlone.status, json(cookieAlone).error?.message]).toEqual([401, '登录信息与本页面不符，请在本程序页面重新登录']);
    const nobody = await request({ path: `/api/attachments/${id}/thumb` });
    expect([nobody.status, json(nobody).error?.message]).toEqual([401, '请先登录']);
    const posted = await request({ method: 'POST', path: `/api/attachments/${id}`, headers: { ...admin, 'content-type': 'application/octet-stream' }, body: 'x' });
    expect(posted.status).toBe(405);
  });
});

it('what the upload leaves in the data folder is only the store’s own folders', () => {
  expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('attachments')).sort()).toEqual(['attachments', 'attachments-incoming']);
  expect(path.basename(incomingDir(app.dataDir))).toBe('attachments-incoming');
});
