import type http from 'node:http';
import { EXPORT_TOKEN_PATTERN } from '../../shared/api/files';
import type { ApiError } from '../../shared/api/result';
import { contentDisposition, EXPORT_GONE_MESSAGE } from '../core/exports';
import type { AppServices } from '../services/context';
import { DomainError } from '../services/errors';

/**
 * GET /api/files/<token>: the browser's way to receive an exported file (the desktop app uses
 * files.save). server.ts has already checked the Host header (loopback only). Here: a page of
 * another origin may not fetch it, the session cookie must belong to the session that made the
 * export and not be locked, and the token is used up by the download.
 */
export function serveExportFile(
  ctx: AppServices,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rawToken: string,
  sessionToken: string | null,
  port: number | undefined,
): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const foreignOrigin = origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`;
  const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  if (foreignOrigin || foreignSite) return fail(res, 403, { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' });

  const session = ctx.sessions.check(sessionToken, ctx.now().getTime(), ctx.security.idleLockMinutes * 60_000);
  if (!session) return fail(res, 401, { code: 'UNAUTHENTICATED', message: '请先登录' });
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
