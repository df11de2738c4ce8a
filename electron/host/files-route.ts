import type http from 'node:http';
import { EXPORT_TOKEN_PATTERN } from '../../shared/api/files';
import type { ApiError } from '../../shared/api/result';
import { contentDisposition, EXPORT_GONE_MESSAGE } from '../core/exports';
import type { AppServices } from '../services/context';
import { DomainError } from '../services/errors';
import { UNBOUND_MESSAGE, type HostCaller } from './page-session';

/**
 * GET /api/files/<token>: the browser's way to receive an exported file (the desktop app uses
 * files.save). server.ts has already checked the Host header (loopback only). Here: a page of
 * another origin may not fetch it, the session (cookie and page token, page-session.ts: the
 * page downloads with fetch and sends the token) must be the one that made the export and not
 * be locked, and the token is used up by the download.
 */
export function serveExportFile(
  ctx: AppServices,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rawToken: string,
  caller: HostCaller,
  ownOrigin: string,
): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const foreignOrigin = origin !== undefined && origin !== ownOrigin;
  const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  if (foreignOrigin || foreignSite) return fail(res, 403, { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' });

  const session = ctx.sessions.check(caller.token, ctx.now().getTime(), ctx.security.idleLockMinutes * 60_000);
  if (!session) return fail(res, 401, { code: 'UNAUTHENTICATED', message: caller.unbound ? UNBOUND_MESSAGE : '请先登录' });
  if (session.locked) return fail(res, 401, { code: 'LOCKED', message: '长时间未操作，程序已锁定，请输入密码解锁' });

  let token: string;
  try {
    token = decodeURIComponent(rawToken);
  } catch {
    token = '';
  }
  if (!EXPORT_TOKEN_PATTERN.test(token)) return fail(res, 404, { code: 'NOT_FOUND', message: EXPORT_GONE_MESSAGE });
  let entry;
  try {
    entry = ctx.exports.take(token, session.token);
  } catch (error) {
    const message = error instanceof DomainError ? error.message : EXPORT_GONE_MESSAGE;
    return fail(res, 404, { code: 'NOT_FOUND', message });
  }
  res.writeHead(200, {
    'content-type': entry.mime,
    'content-length': String(entry.bytes.byteLength),
    'content-disposition': contentDisposition(entry.fileName),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(entry.bytes);
}

function fail(res: http.ServerResponse, status: number, error: ApiError) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ ok: false, error }));
}
