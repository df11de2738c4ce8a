import fs from 'node:fs';
import type http from 'node:http';
import { ATTACHMENT_FILE_NAME_HEADER, ATTACHMENT_GONE_MESSAGE } from '../../shared/api/attachments';
import { findMethod } from '../../shared/api/contract';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { mayCall } from '../../shared/domain/roles';
import { contentDisposition } from '../core/exports';
import type { Session } from '../core/sessions';
import type { AppServices } from '../services/context';
import { DomainError } from '../services/errors';
import { downloadName, findAttachment, storedFileOf, storedWithThumbnail } from '../services/attachments/attachments-service';
import { receiveUpload, sizeRefusal, UploadRefused } from '../services/attachments/uploads';
import { UNBOUND_MESSAGE, type HostCaller } from './page-session';

/**
 * The attachment files over HTTP (the browser's way; the desktop app uses attachments.chooseFiles
 * and attachments.save). server.ts has already checked the Host header (loopback only).
 *
 *   POST /api/attachments/upload      the raw bytes (application/octet-stream), the file name in
 *                                     x-gd-file-name (encodeURIComponent) → UploadedFile
 *   GET  /api/attachments/<id>        the stored file, as an attachment download
 *   GET  /api/attachments/<id>/thumb  its thumbnail (JPEG)
 *
 * Like every call: the session is its cookie AND the page token (page-session.ts); the upload
 * must come from this host's own page (Origin / Sec-Fetch-Site) from a role that may attach, and
 * its declared length must be within the attachment limit (ATTACHMENT_MAX_BYTES, its own, not the
 * import's) — all checked before a byte of the body is read. The body is written to disk as it
 * arrives and refused as soon as its first bytes show it is not a picture or PDF.
 */

/** What server.ts lends the route: its answers, so both speak alike. */
export interface RouteKit {
  /** a refusal answered without reading the body (the connection closes after it) */
  refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: ApiError): void;
  sendJson(res: http.ServerResponse, status: number, body: unknown): void;
  /** why a POST does not come from this host's own page, or null */
  crossPageRefusal(req: http.IncomingMessage, ownOrigin: string): string | null;
  /** the dispatcher's own refusal of this caller for this method, answered without reading the body */
  refuseAsDispatcher(req: http.IncomingMessage, res: http.ServerResponse, caller: HostCaller, method: string): Promise<void>;
}

const UPLOAD_METHOD = 'attachments.attach';
const READ_METHOD = 'attachments.list';

export function isAttachmentsRoute(name: string): boolean {
  return name === 'attachments/upload' || /^attachments\/[^/]+(\/thumb)?$/.test(name);
}

export async function handleAttachmentsRoute(
  ctx: AppServices,
  kit: RouteKit,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  name: string,
  caller: HostCaller,
  ownOrigin: string,
  expectsContinue: boolean,
): Promise<void> {
  if (name === 'attachments/upload') {
    if (req.method !== 'POST') return kit.refuse(req, res, 405, { code: 'FORBIDDEN', message: '上传只接受 POST 请求' });
    return upload(ctx, kit, req, res, caller, ownOrigin, expectsContinue);
  }
  if (req.method !== 'GET') return kit.refuse(req, res, 405, { code: 'FORBIDDEN', message: '附件只能读取' });
  return download(ctx, kit, req, res, name.slice('attachments/'.length), caller, ownOrigin);
}

type Allowed = { session: Session } | { refusal: { status: number; error: ApiError } } | { role: true };

/** The caller's live, unlocked session if it may call `method`; else why not (a role's refusal is the dispatcher's to answer and log). */
function sessionFor(ctx: AppServices, caller: HostCaller, method: string): Allowed {
  const session = ctx.sessions.check(caller.token, ctx.now().getTime(), ctx.security.idleLockMinutes * 60_000);
  if (!session) return { refusal: { status: 401, error: { code: 'UNAUTHENTICATED', message: caller.unbound ? UNBOUND_MESSAGE : '请先登录' } } };
  if (session.locked) return { refusal: { status: 401, error: { code: 'LOCKED', message: '长时间未操作，程序已锁定，请输入密码解锁' } } };
  if (!mayCall(findMethod(method)!.access, session.role, false)) return { role: true };
  if (session.mustChangePassword) return { refusal: { status: 403, error: { code: 'FORBIDDEN', message: '您的密码由管理员设置，请先修改密码' } } };
  return { session };
}

/** Answers a caller that may not go on; false when it may. */
async function refused(kit: RouteKit, req: http.IncomingMessage, res: http.ServerResponse, caller: HostCaller, method: string, allowed: Allowed): Promise<boolean> {
  if ('session' in allowed) return false;
  if ('refusal' in allowed) kit.refuse(req, res, allowed.refusal.status, allowed.refusal.error);
  else await kit.refuseAsDispatcher(req, res, caller, method);
  return true;
}

async function upload(ctx: AppServices, kit: RouteKit, req: http.IncomingMessage, res: http.ServerResponse, caller: HostCaller, ownOrigin: string, expectsContinue: boolean) {
  const foreign = kit.crossPageRefusal(req, ownOrigin);
  if (foreign) return kit.refuse(req, res, 403, { code: 'FORBIDDEN', message: foreign });
  const allowed = sessionFor(ctx, caller, UPLOAD_METHOD);
  if (await refused(kit, req, res, caller, UPLOAD_METHOD, allowed) || !('session' in allowed)) return;
  if (!String(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    return kit.refuse(req, res, 415, { code: 'VALIDATION', message: '上传的内容格式不正确（应为文件本身）' });
  }
  const declared = req.headers['content-length'];
  if (declared === undefined || !/^\d{1,15}$/.test(declared)) return kit.refuse(req, res, 411, { code: 'VALIDATION', message: '上传请求缺少文件大小，请重新上传' });
  const tooBig = sizeRefusal(Number(declared));
  if (tooBig) return kit.refuse(req, res, tooBig.status, { code: 'VALIDATION', message: tooBig.message });
  let fileName: string;
  try {
    fileName = decodeURIComponent(String(req.headers[ATTACHMENT_FILE_NAME_HEADER] ?? ''));
  } catch {
    return kit.refuse(req, res, 400, { code: 'VALIDATION', message: '文件名不正确，请改名后重新上传' });
  }
  ctx.sessions.touch(allowed.session, ctx.now().getTime()); // an upload is the user at work
  if (expectsContinue) res.writeContinue();
  try {
    const value = await receiveUpload(
      ctx,
      // stopping early (a refused type) must not destroy the socket: the refusal is still to be answered
      { source: req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>, declaredBytes: Number(declared), fileName, sessionToken: allowed.session.token },
      { storedAlready: storedWithThumbnail(ctx) },
    );
    const ok: ApiResult<typeof value> = { ok: true, value };
    return kit.sendJson(res, 200, ok);
  } catch (error) {
    if (!req.complete) req.resume(); // what is still coming is let go unkept
    if (error instanceof UploadRefused) return kit.refuse(req, res, error.status, { code: 'VALIDATION', message: error.message });
    if (!req.complete && (req.destroyed || req.socket.destroyed)) return undefined; // the page went away mid-upload
    return kit.refuse(req, res, 500, { code: 'INTERNAL', message: '文件没有上传成功，请重试' });
  }
}

async function download(ctx: AppServices, kit: RouteKit, req: http.IncomingMessage, res: http.ServerResponse, rest: string, caller: HostCaller, ownOrigin: string) {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if ((origin !== undefined && origin !== ownOrigin) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    return kit.refuse(req, res, 403, { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' });
  }
  const allowed = sessionFor(ctx, caller, READ_METHOD);
  if (await refused(kit, req, res, caller, READ_METHOD, allowed)) return;
  const match = /^([1-9]\d{0,14})(\/thumb)?$/.exec(rest);
  if (!match) return kit.refuse(req, res, 404, { code: 'NOT_FOUND', message: ATTACHMENT_GONE_MESSAGE });
  const part = match[2] ? 'thumb' : 'file';
  let row: Awaited<ReturnType<typeof findAttachment>>;
  let stream: ReturnType<fs.promises.FileHandle['createReadStream']>;
  let size: number;
  try {
    // not in the middle of a restore, which swaps the files
    ({ row, stream, size } = await ctx.gate.shared(async () => {
      const found = await findAttachment(ctx.db, Number(match[1]));
      if (part === 'thumb' && found.thumb_bytes === null) throw new DomainError('NOT_FOUND', '这个附件没有缩略图');
      const path = storedFileOf(ctx, found, part);
      const handle = await fs.promises.open(path, 'r');
      try {
        return { row: found, size: (await handle.stat()).size, stream: handle.createReadStream() };
      } catch (error) {
        await handle.close();
        throw error;
      }
    }));
  } catch (error) {
    if (error instanceof DomainError) return kit.refuse(req, res, error.code === 'NOT_FOUND' ? 404 : 422, { code: error.code, message: error.message });
    return kit.refuse(req, res, 500, { code: 'INTERNAL', message: '附件读取失败，请重试' });
  }
  res.writeHead(200, {
    'content-type': part === 'thumb' ? 'image/jpeg' : row.mime,
    'content-length': String(size),
    ...(part === 'file' ? { 'content-disposition': contentDisposition(downloadName(row.file_name, row.mime)) } : {}),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
