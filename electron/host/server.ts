import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { findMethod, listMethods } from '../../shared/api/contract';
import type { MethodDef } from '../../shared/api/define';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { mayCall } from '../../shared/domain/roles';
import { dispatch } from '../core/dispatcher';
import type { AppServices } from '../services/context';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { contentTypeFor } from '../core/content-types';
import { serveExportFile } from './files-route';
import { handleAttachmentsRoute, isAttachmentsRoute, type RouteKit } from './attachments-route';
import { hostCaller, sessionHeaders, UNBOUND_MESSAGE, type HostCaller } from './page-session';
import { READ_LIMIT_FILE_BYTES } from '../../shared/domain/parse/limits';
import { ATTACHMENT_MAX_BYTES } from '../../shared/api/attachments';

/**
 * The headless host: the built renderer plus the same API as the desktop app, over HTTP on
 * 127.0.0.1 only — for browser end-to-end tests and for working without Electron.
 *   POST /api/<method>   JSON body = input, answer = ApiResult
 *   GET  /api/health     liveness
 *   GET  /api/methods    every method with its input JSON schema
 *   GET  /api/files/<t>  an exported file, once, for the session that made it (files-route.ts)
 *   POST /api/attachments/upload, GET /api/attachments/<id>[/thumb]  attachment files (attachments-route.ts)
 * A session is its HttpOnly cookie AND the page token the page sends in a header
 * (page-session.ts, shared/api/host-session.ts); a POST must come from this host's own page
 * (Origin, or Sec-Fetch-Site: same-origin). Both, the method, the caller's right to call it and
 * the declared length are checked before any of the body is read.
 */
export interface HostOptions {
  ctx: AppServices;
  staticDir: string;
  log?: (message: string, error?: unknown) => void;
}

/** The largest call: imports.open with a file at the reader's limit, base64-encoded (4/3), plus JSON. */
export const MAX_BODY_BYTES = Math.ceil((READ_LIMIT_FILE_BYTES * 4) / 3) + 64 * 1024;
/** The methods anyone may call (login, status, the first administrator) never carry files. */
export const PUBLIC_BODY_BYTES = 64 * 1024;
/**
 * The input a call refused before its body was read is dispatched with, so the dispatcher gives
 * its own answer (words, status, the stale cookie cleared, a refusal by role logged). No method's
 * input schema accepts it: even if the dispatcher let the call through, it could not run.
 */
export const UNREAD_BODY: unique symbol = Symbol('请求内容未读取');

export function createHostServer(options: HostOptions): http.Server {
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean) => {
    handle(options, server, req, res, expectsContinue).catch((error) => {
      options.log?.('host request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '程序内部错误' } });
      else res.end();
    });
  };
  const server = http.createServer((req, res) => onRequest(req, res, false));
  // `Expect: 100-continue`: the client sends its body only when told to go on — after the checks.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => onRequest(req, res, true));
  return server;
}

async function handle(options: HostOptions, server: http.Server, req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean) {
  const port = (server.address() as { port: number } | null)?.port;
  // Only this machine, by its loopback name: defeats DNS rebinding from a web page.
  if (!isLoopbackHost(req.headers.host, port)) {
    return refuse(req, res, 403, { code: 'FORBIDDEN', message: '只接受本机访问' });
  }
  const ownOrigin = `http://${req.headers.host}`;
  const url = new URL(req.url ?? '/', ownOrigin);
  if (url.pathname.startsWith('/api/')) return handleApi(options, ownOrigin, req, res, url.pathname.slice('/api/'.length), expectsContinue);
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, 405, { code: 'FORBIDDEN', message: '不支持的请求方式' });
  return serveStatic(options.staticDir, url.pathname, res);
}

async function handleApi(options: HostOptions, ownOrigin: string, req: http.IncomingMessage, res: http.ServerResponse, name: string, expectsContinue: boolean) {
  const { ctx } = options;
  if (req.method === 'GET' && name === 'health') {
    return sendJson(res, 200, { ok: true, value: { status: 'ok', version: ctx.appVersion, schemaVersion: ctx.schemaVersion } });
  }
  if (req.method === 'GET' && name === 'methods') return sendJson(res, 200, { ok: true, value: describeMethods() });
  if (req.method === 'GET' && name.startsWith('files/')) return serveExportFile(ctx, req, res, name.slice('files/'.length), hostCaller(ctx, req), ownOrigin);
  if (isAttachmentsRoute(name)) return handleAttachmentsRoute(ctx, routeKit(options), req, res, name, hostCaller(ctx, req), ownOrigin, expectsContinue);
  if (req.method !== 'POST') return refuse(req, res, 405, { code: 'FORBIDDEN', message: '接口只接受 POST 请求' });
  // Only this host's own page may drive the API: not a page elsewhere (CSRF), not a page on
  // another port of this machine (it is "same site" and is sent the cookie), not a program
  // replaying the cookie (no Origin at all). Browsers send Origin with every POST.
  const foreign = crossPageRefusal(req, ownOrigin);
  if (foreign) return refuse(req, res, 403, { code: 'FORBIDDEN', message: foreign });
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return refuse(req, res, 415, { code: 'VALIDATION', message: '请求内容必须是 JSON' });
  }
  const caller = hostCaller(ctx, req);
  const def = findMethod(name);
  if (!def || !mayGoOn(ctx, def, caller)) {
    // Refused whatever the body says (unknown method, no session, locked, not this role): the
    // dispatcher answers at once, and the body is never read. No await between the check above
    // and the dispatcher's own: nothing can change in between.
    const refused = await dispatch(ctx, name, UNREAD_BODY, caller, { log: options.log });
    return answer(ctx, req, res, caller, refused, false);
  }
  const limit = def.access.kind === 'public' ? PUBLIC_BODY_BYTES : MAX_BODY_BYTES;
  if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(req, res, 413, tooLarge(limit));
  if (expectsContinue) res.writeContinue();
  let input: unknown;
  try {
    const body = await readBody(req, limit);
    input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLarge) return refuse(req, res, 413, tooLarge(limit));
    const message = error instanceof SyntaxError ? '请求内容不是有效的 JSON' : '请求内容未能完整接收，请重试';
    return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message } });
  }
  const result = await dispatch(ctx, name, input, caller, { checkOutputs: process.env.NODE_ENV !== 'production', log: options.log });
  return answer(ctx, req, res, caller, result, true);
}

/** The answers the attachments route gives the way this file gives its own. */
function routeKit(options: HostOptions): RouteKit {
  return {
    refuse,
    sendJson,
    crossPageRefusal,
    async refuseAsDispatcher(req, res, caller, method) {
      const refused = await dispatch(options.ctx, method, UNREAD_BODY, caller, { log: options.log });
      answer(options.ctx, req, res, caller, refused, false);
    },
  };
}

/** Why a POST does not come from this host's own page, or null when it does. */
function crossPageRefusal(req: http.IncomingMessage, ownOrigin: string): string | null {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if ((origin !== undefined && origin !== ownOrigin) || (site !== undefined && site !== 'same-origin')) return '拒绝来自其他网页的请求';
  if (origin === undefined && site === undefined) return '只接受本程序页面发出的请求：请求缺少来源信息';
  return null;
}

/**
 * Whether the dispatcher will let this caller call this method at all — the one check it makes
 * before it looks at the input (it makes it again). A cookie without its page token is no session.
 */
function mayGoOn(ctx: AppServices, def: MethodDef, caller: HostCaller): boolean {
  const session = ctx.sessions.check(caller.token, ctx.now().getTime(), ctx.security.idleLockMinutes * 60_000);
  return mayCall(def.access, session?.role ?? null, session?.locked ?? false);
}

/** The dispatcher's answer, with the new cookie and page token when a session started or ended. */
function answer(ctx: AppServices, req: http.IncomingMessage, res: http.ServerResponse, caller: HostCaller, result: ApiResult<unknown>, bodyRead: boolean) {
  for (const [name, value] of Object.entries(sessionHeaders(ctx, caller))) res.setHeader(name, value);
  // "请先登录" would puzzle the user of a page whose token went missing: say what is wrong
  const said = !result.ok && result.error.code === 'UNAUTHENTICATED' && caller.unbound ? { ok: false as const, error: { ...result.error, message: UNBOUND_MESSAGE } } : result;
  if (!bodyRead) closeIfBodyPending(req, res);
  return sendJson(res, said.ok ? 200 : statusFor(said), said);
}

/** A refusal without reading the body: the connection is closed after the answer, so the rest is never read. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: ApiError) {
  closeIfBodyPending(req, res);
  return sendJson(res, status, { ok: false, error });
}

/**
 * A body still on its way when the answer is given is never read into memory: the connection
 * closes after the answer. Closed in stages (a lingering close): the answer, then our end of the
 * connection, then for a moment the rest of the body is let go unread, then the socket. Closed
 * at once, the client still sending would get a reset and might never see the answer.
 */
function closeIfBodyPending(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.complete || (req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0)) return;
  res.setHeader('connection', 'close');
  const socket = req.socket;
  // Node ends a `connection: close` response's socket with destroySoon() once the answer is written
  socket.destroySoon = () => {
    socket.end();
    let ignored = 0;
    const stop = () => socket.destroy();
    const timer = setTimeout(stop, LINGER_MS);
    socket.on('data', (chunk: Buffer) => {
      ignored += chunk.length;
      if (ignored > LINGER_MAX_BYTES) stop();
    });
    socket.once('close', () => clearTimeout(timer));
  };
}
/** How long a closing connection still takes (and drops) what the client sends, and at most how much. */
const LINGER_MS = 2000;
const LINGER_MAX_BYTES = Math.max(MAX_BODY_BYTES, ATTACHMENT_MAX_BYTES) + 64 * 1024;

function tooLarge(limit: number): ApiError {
  const size = limit >= 1024 * 1024 ? `${(limit / 1024 / 1024).toFixed(1)} MB` : `${Math.round(limit / 1024)} KB`;
  const hint = limit === MAX_BODY_BYTES ? `；导入的文件不能超过 ${Math.round(READ_LIMIT_FILE_BYTES / 1024 / 1024)} MB` : '';
  return { code: 'VALIDATION', message: `请求内容过大（超过 ${size}${hint}）` };
}

function statusFor(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case 'UNKNOWN_METHOD':
    case 'NOT_FOUND':
      return 404;
    case 'FORBIDDEN':
      return 403;
    case 'UNAUTHENTICATED':
    case 'LOCKED':
      return 401;
    case 'CONFLICT':
      return 409;
    case 'INTERNAL':
      return 500;
    default:
      return 422;
  }
}

export function describeMethods() {
  return listMethods().map(([name, def]) => ({
    name,
    summary: def.summary,
    mutates: def.mutates,
    input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
  }));
}

export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  if (!host) return false;
  return ['127.0.0.1', 'localhost'].some((name) => host === `${name}:${port}` || (port === 80 && host === name));
}

class BodyTooLarge extends Error {}

/** The body, counted as it arrives (a chunked one declares no length): past the limit, the rest is let go unkept. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function serveStatic(staticDir: string, pathname: string, res: http.ServerResponse) {
  const root = path.resolve(staticDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  let file = path.resolve(root, `.${decoded}`);
  if (!file.startsWith(root + path.sep) && file !== root) file = path.join(root, 'index.html');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('界面尚未构建，请先运行 npm run build');
    return;
  }
  const type = contentTypeFor(file);
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
  });
  fs.createReadStream(file).pipe(res);
}
