import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { listMethods } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { dispatch } from '../core/dispatcher';
import type { AppServices, Caller } from '../services/context';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { contentTypeFor } from '../core/content-types';
import { serveExportFile } from './files-route';
import { READ_LIMIT_FILE_BYTES } from '../../shared/domain/parse/limits';

/**
 * The headless host: the built renderer plus the same API as the desktop app, over HTTP on
 * 127.0.0.1 only — for browser end-to-end tests and for working without Electron.
 *   POST /api/<method>   JSON body = input, answer = ApiResult
 *   GET  /api/health     liveness
 *   GET  /api/methods    every method with its input JSON schema
 *   GET  /api/files/<t>  an exported file, once, for the session that made it (files-route.ts)
 */
export interface HostOptions {
  ctx: AppServices;
  staticDir: string;
  log?: (message: string, error?: unknown) => void;
}

/** The largest call: imports.open with a file at the reader's limit, base64-encoded (4/3), plus JSON. */
const MAX_BODY_BYTES = Math.ceil((READ_LIMIT_FILE_BYTES * 4) / 3) + 64 * 1024;
export function createHostServer(options: HostOptions): http.Server {
  const server = http.createServer((req, res) => {
    handle(options, server, req, res).catch((error) => {
      options.log?.('host request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '程序内部错误' } });
      else res.end();
    });
  });
  return server;
}

async function handle(options: HostOptions, server: http.Server, req: http.IncomingMessage, res: http.ServerResponse) {
  const port = (server.address() as { port: number } | null)?.port;
  // Only this machine, by its loopback name: defeats DNS rebinding from a web page.
  if (!isLoopbackHost(req.headers.host, port)) {
    return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '只接受本机访问' } });
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (url.pathname.startsWith('/api/')) return handleApi(options, port, req, res, url.pathname.slice('/api/'.length));
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: '不支持的请求方式' } });
  return serveStatic(options.staticDir, url.pathname, res);
}

async function handleApi(options: HostOptions, port: number | undefined, req: http.IncomingMessage, res: http.ServerResponse, name: string) {
  if (req.method === 'GET' && name === 'health') {
    return sendJson(res, 200, { ok: true, value: { status: 'ok', version: options.ctx.appVersion, schemaVersion: options.ctx.schemaVersion } });
  }
  if (req.method === 'GET' && name === 'methods') return sendJson(res, 200, { ok: true, value: describeMethods() });
  if (req.method === 'GET' && name.startsWith('files/')) return serveExportFile(options.ctx, req, res, name.slice('files/'.length), cookieCaller(req).token, port);
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: '接口只接受 POST 请求' } });
  // A page from elsewhere must not drive the API (CSRF): same origin, JSON only.
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, port)) {
    return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' } });
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 415, { ok: false, error: { code: 'VALIDATION', message: '请求内容必须是 JSON' } });
  }
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch (error) {
    const message = error instanceof BodyTooLarge ? '请求内容过大' : '请求内容不是有效的 JSON';
    return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message } });
  }
  const caller = cookieCaller(req);
  const result = await dispatch(options.ctx, name, input, caller, { checkOutputs: process.env.NODE_ENV !== 'production', log: options.log });
  if (caller.changed) res.setHeader('set-cookie', sessionCookie(caller.token));
  return sendJson(res, result.ok ? 200 : statusFor(result), result);
}

export const SESSION_COOKIE = 'gd_session';

/**
 * The browser's session lives in an HttpOnly, SameSite=Strict cookie: page scripts never hold
 * the token, and other sites' pages cannot send it.
 */
function cookieCaller(req: http.IncomingMessage): Caller & { changed: boolean } {
  const cookies = String(req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='));
  const token = cookies.find(([k]) => k === SESSION_COOKIE)?.[1] ?? null;
  const caller = {
    token: token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null,
    changed: false,
    setToken(next: string | null) {
      caller.token = next;
      caller.changed = true;
    },
  };
  return caller;
}

function sessionCookie(token: string | null): string {
  const base = `${SESSION_COOKIE}=${token ?? ''}; Path=/; HttpOnly; SameSite=Strict`;
  return token ? base : `${base}; Max-Age=0`;
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

function isLoopbackOrigin(origin: string, port: number | undefined): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
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
