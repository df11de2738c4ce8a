import type { Contract } from '../../../shared/api/contract';
import { contract } from '../../../shared/api/contract';
import type { InputOf, MethodDef, OutputOf } from '../../../shared/api/define';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { exportDownloadPath, type ExportedFile } from '../../../shared/api/files';
import { currentPageToken, keepPageToken, pageTokenHeaders } from './page-token';
import {
  ATTACHMENT_EMPTY_MESSAGE,
  ATTACHMENT_FILE_NAME_HEADER,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TOO_LARGE_MESSAGE,
  ATTACHMENT_TYPE_MESSAGE,
  ATTACHMENT_UPLOAD_PATH,
  attachmentDownloadPath,
  SNIFF_BYTES,
  sniffAttachmentType,
  type UploadedFile,
} from '../../../shared/api/attachments';

/**
 * The renderer's typed client: `api.units.search({ query })` resolves to the output or rejects
 * with an ApiCallError carrying the Chinese message. The transport is the preload's IPC bridge
 * in Electron, or HTTP to the headless host in a browser; the types come from the contract.
 */

type Invoke = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

type Bridge = Record<string, Record<string, (input: unknown) => Promise<ApiResult<unknown>>>>;
declare global {
  interface Window {
    api?: Bridge;
  }
}

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly fields: Record<string, string>;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.fields = error.fields ?? {};
  }
}

const viaIpc: Invoke = (method, input) => {
  const [ns, name] = method.split('.') as [string, string];
  return window.api![ns]![name]!(input);
};

/** The headless host: the session cookie goes by itself, the page token (page-token.ts) in a header. */
const viaHttp: Invoke = async (method, input) => {
  const token = currentPageToken();
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...pageTokenHeaders(token) },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' } };
  }
  keepPageToken(response, token);
  try {
    return (await response.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的内容（${response.status}）` } };
  }
};

const invoke: Invoke = (method, input) => (typeof window !== 'undefined' && window.api ? viaIpc(method, input) : viaHttp(method, input));

/** Input may be left out when the schema has a default or no required field. */
type InputIsOptional<T> = undefined extends T ? true : Partial<T> extends T ? true : false;
type ClientMethod<M extends MethodDef> =
  InputIsOptional<InputOf<M>> extends true ? (input?: InputOf<M>) => Promise<OutputOf<M>> : (input: InputOf<M>) => Promise<OutputOf<M>>;

export type Client = {
  [N in keyof Contract]: { [K in keyof Contract[N]]: Contract[N][K] extends MethodDef ? ClientMethod<Contract[N][K]> : never };
};

function buildClient(): Client {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const [ns, methods] of Object.entries(contract)) {
    client[ns] = {};
    for (const name of Object.keys(methods)) {
      client[ns][name] = async (input?: unknown) => {
        const result = await invoke(`${ns}.${name}`, input ?? {});
        if (!result.ok) throw new ApiCallError(result.error);
        return result.value;
      };
    }
  }
  return client as unknown as Client;
}

export const api = buildClient();

/** The message to show for any error thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return '操作失败，请重试';
}

/**
 * Delivers a file an export method made (any `*.export` answer): in the desktop app the main
 * process shows the "save as" dialog (files.save); in a browser on the headless host the file is
 * downloaded from GET /api/files/<token>. Resolves to a message to show, or null when the user
 * cancelled the dialog; rejects with an ApiCallError (Chinese message) on failure.
 */
export async function saveExport(file: ExportedFile): Promise<string | null> {
  if (typeof window !== 'undefined' && window.api) {
    const saved = await api.files.save({ token: file.token });
    return saved.saved ? `已保存：${saved.fileName ?? file.fileName}` : null;
  }
  let response: Response;
  try {
    response = await fetch(exportDownloadPath(file.token), { credentials: 'same-origin', headers: pageTokenHeaders(currentPageToken()) });
  } catch {
    throw new ApiCallError({ code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' });
  }
  if (!response.ok) {
    let error: ApiError = { code: 'INTERNAL', message: `文件下载失败（${response.status}），请重新导出` };
    try {
      const body = (await response.json()) as ApiResult<unknown>;
      if (!body.ok) error = body.error;
    } catch {
      // keep the generic message
    }
    throw new ApiCallError(error);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return `已下载：${file.fileName}`;
}

// ------------------------------------------------------------------ attachments (shared/api/attachments)

/** The desktop app (IPC to the main process), as opposed to a browser on the headless host. */
export const isDesktop = () => typeof window !== 'undefined' && window.api !== undefined;

/** The host's answer to a file request that failed, as an ApiCallError with its Chinese message. */
async function failedFileRequest(response: Response, fallback: string): Promise<ApiCallError> {
  let error: ApiError = { code: 'INTERNAL', message: `${fallback}（${response.status}）` };
  try {
    const body = (await response.json()) as ApiResult<unknown>;
    if (!body.ok) error = body.error;
  } catch {
    // keep the generic message
  }
  return new ApiCallError(error);
}

async function fetchOrFail(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiCallError({ code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' });
  }
}

/**
 * Why a file the clerk picked cannot be an attachment (size, type by its first bytes), told before
 * anything is sent; null when it may go. The host checks the same again.
 */
export async function attachmentRefusal(file: Blob): Promise<string | null> {
  if (file.size === 0) return ATTACHMENT_EMPTY_MESSAGE;
  if (file.size > ATTACHMENT_MAX_BYTES) return ATTACHMENT_TOO_LARGE_MESSAGE;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffAttachmentType(head) ? null : ATTACHMENT_TYPE_MESSAGE;
}

/**
 * Browser: sends a file the clerk picked to the headless host as it is (no base64), answering the
 * upload token for attachments.attach. (The desktop app uses api.attachments.chooseFiles instead.)
 */
export async function uploadAttachment(file: File): Promise<UploadedFile> {
  const refusal = await attachmentRefusal(file);
  if (refusal) throw new ApiCallError({ code: 'VALIDATION', message: refusal });
  const response = await fetchOrFail(ATTACHMENT_UPLOAD_PATH, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', [ATTACHMENT_FILE_NAME_HEADER]: encodeURIComponent(file.name), ...pageTokenHeaders(currentPageToken()) },
    body: file,
  });
  let result: ApiResult<UploadedFile>;
  try {
    result = (await response.json()) as ApiResult<UploadedFile>;
  } catch {
    throw new ApiCallError({ code: 'INTERNAL', message: `文件没有上传成功（${response.status}），请重试` });
  }
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

/** A stored file (or its thumbnail) from the headless host, with the page's token. */
async function fetchAttachment(id: number, part: 'file' | 'thumb'): Promise<Blob> {
  const response = await fetchOrFail(attachmentDownloadPath(id, part), { credentials: 'same-origin', headers: pageTokenHeaders(currentPageToken()) });
  if (!response.ok) throw await failedFileRequest(response, part === 'file' ? '附件下载失败' : '缩略图读取失败');
  return response.blob();
}

/** An object URL of an attachment's thumbnail, to show in an <img>; the caller revokes it. */
export async function attachmentThumbnailUrl(id: number): Promise<string> {
  if (isDesktop()) {
    const thumb = await api.attachments.thumbnail({ id });
    return URL.createObjectURL(new Blob([new Uint8Array(thumb.bytes)], { type: thumb.mime }));
  }
  return URL.createObjectURL(await fetchAttachment(id, 'thumb'));
}

/**
 * Gives the clerk a copy of an attachment: the "save as" dialog of the desktop app
 * (attachments.save), or a download in the browser. A message to show, or null when cancelled.
 */
export async function downloadAttachment(attachment: { id: number; fileName: string }): Promise<string | null> {
  if (isDesktop()) {
    const saved = await api.attachments.save({ id: attachment.id });
    return saved.saved ? `已保存：${saved.fileName ?? attachment.fileName}` : null;
  }
  const url = URL.createObjectURL(await fetchAttachment(attachment.id, 'file'));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = attachment.fileName;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return `已下载：${attachment.fileName}`;
}
