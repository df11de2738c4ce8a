import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { contentTypeFor } from '../core/content-types';

/**
 * The pure half of the app:// protocol: which file a URL names, its content type, and the
 * Response to send. No 'electron' import, so it runs in vitest as it is; shell/protocol.ts
 * only hands it to protocol.handle.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'grassroots';
/** The one origin our pages run in; IPC and navigation checks compare against it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;
export { CONTENT_SECURITY_POLICY, contentTypeFor };

/**
 * `app://grassroots` for any URL on our scheme and host, else null. Node's URL gives 'null'
 * as the origin of a scheme it does not know, so the origin is built from protocol and host;
 * credentials or a port make it a different (untrusted) origin.
 */
export function appOriginOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  return `${parsed.protocol}//${parsed.hostname}`;
}

export function isAppUrl(url: string): boolean {
  return appOriginOf(url) === APP_ORIGIN;
}

export type AppPathResolution =
  /** a file inside rendererDir (it may not exist: the handler then serves index.html) */
  | { kind: 'file'; file: string }
  /** a request that tries to leave rendererDir, or is not on app://grassroots */
  | { kind: 'forbidden' };

/**
 * Maps app://grassroots/<path> to a file inside rendererDir. The URL parser already removes
 * plain `..` segments; what is left (`..%2f`, `%5c`, NUL, absolute paths after decoding) is
 * refused here, never clamped, so a crafted URL cannot read anything beside the renderer.
 */
export function resolveAppPath(rendererDir: string, url: string): AppPathResolution {
  if (!isAppUrl(url)) return { kind: 'forbidden' };
  const root = path.resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden' };
  const relative = decoded.replace(/^\/+/, '');
  const segments = relative.split(/[\\/]/);
  if (segments.includes('..')) return { kind: 'forbidden' };
  if (relative === '') return { kind: 'file', file: path.join(root, 'index.html') };
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return { kind: 'forbidden' };
  return { kind: 'file', file };
}

function baseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

function textResponse(status: number, text: string, method: string): Response {
  return new Response(method === 'HEAD' ? null : text, { status, headers: baseHeaders('text/plain; charset=utf-8') });
}

async function readFileIfExists(file: string): Promise<Buffer | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return null;
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

/**
 * The protocol handler: GET/HEAD only; files from rendererDir with their content type; any
 * other path on our host gets index.html (the renderer routes by hash); every response, errors
 * included, carries the Content-Security-Policy header.
 */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const indexFile = path.join(path.resolve(rendererDir), 'index.html');
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return textResponse(405, '不支持的请求方式', method);
    const resolved = resolveAppPath(rendererDir, request.url);
    if (resolved.kind === 'forbidden') return textResponse(403, '拒绝访问', method);
    let file = resolved.file;
    let body = await readFileIfExists(file);
    if (body === null) {
      file = indexFile;
      body = await readFileIfExists(file);
    }
    if (body === null) return textResponse(404, '界面文件缺失，请重新安装程序', method);
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: baseHeaders(contentTypeFor(file)) });
  };
}
