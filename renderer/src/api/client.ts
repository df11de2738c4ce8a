import type { Contract } from '../../../shared/api/contract';
import { contract } from '../../../shared/api/contract';
import type { InputOf, MethodDef, OutputOf } from '../../../shared/api/define';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { exportDownloadPath, type ExportedFile } from '../../../shared/api/files';
import { currentPageToken, keepPageToken, pageTokenHeaders } from './page-token';

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
