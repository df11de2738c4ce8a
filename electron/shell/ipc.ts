import { ipcMain } from 'electron';
import type { ApiResult } from '../../shared/api/result';
import { dispatch, type DispatchOptions } from '../core/dispatcher';
import type { AppServices, Caller } from '../services/context';
import { API_CHANNEL } from './api-bridge';
import { APP_ORIGIN, appOriginOf } from './app-files';

/**
 * The IPC end of the API: one channel, 'api'. Every call is checked for who sent it before
 * anything else happens; the input goes to dispatch() as unknown, which zod-parses it.
 */

export const FORBIDDEN_RESULT: ApiResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' }),
}) as ApiResult<never>;

/** The parts of a WebFrameMain the check reads. */
export interface FrameInfo {
  readonly url: string;
  readonly parent: FrameInfo | null;
  readonly processId: number;
  readonly routingId: number;
  readonly detached?: boolean;
}

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderInfo {
  readonly sender: {
    readonly id: number;
    readonly mainFrame: FrameInfo | null;
    /** WebContents emits 'destroyed' when its window closes */
    once?(event: 'destroyed', listener: () => void): unknown;
  };
  readonly senderFrame: FrameInfo | null;
}

/**
 * True only for the main frame of a window this app created, showing a page from
 * app://grassroots. A missing or detached frame (navigated away, destroyed), a subframe, a
 * frame whose process/routing ids are not its web contents' main frame, a web contents we did
 * not create, or any other origin (file:, http:, about:blank, app://other) is refused.
 */
export function isTrustedSender(event: SenderInfo, isOwnWebContents: (webContentsId: number) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.detached) return false;
  if (frame.parent !== null) return false;
  if (!isOwnWebContents(event.sender.id)) return false;
  const main = event.sender.mainFrame;
  if (!main || main.processId !== frame.processId || main.routingId !== frame.routingId) return false;
  return appOriginOf(frame.url) === APP_ORIGIN;
}

export interface BindIpcOptions {
  ctx: AppServices;
  /** whether a web contents id belongs to a window we created (shell/window.ts keeps the list) */
  isOwnWebContents: (webContentsId: number) => boolean;
  dispatchOptions?: DispatchOptions;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Each window (web contents) holds its own session token here in the main process; the page
 * never sees it. A window that closes takes its session with it (see forgetCaller).
 */
const tokens = new Map<number, string>();

export function callerFor(webContentsId: number): Caller {
  const caller: Caller = {
    webContentsId,
    token: tokens.get(webContentsId) ?? null,
    setToken(next) {
      caller.token = next;
      if (next) tokens.set(webContentsId, next);
      else tokens.delete(webContentsId);
    },
  };
  return caller;
}

export function forgetCaller(webContentsId: number): string | null {
  const token = tokens.get(webContentsId) ?? null;
  tokens.delete(webContentsId);
  return token;
}

export async function handleApiCall(options: BindIpcOptions, event: SenderInfo, method: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(event, options.isOwnWebContents)) {
    options.log?.(`refused IPC call from ${event.senderFrame?.url.slice(0, 200) ?? 'a missing frame'}`);
    return FORBIDDEN_RESULT;
  }
  if (typeof method !== 'string') {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: '没有这个功能接口' } };
  }
  try {
    const result = await dispatch(options.ctx, method, input, callerFor(event.sender.id), { log: options.log, ...options.dispatchOptions });
    endSessionWithWindow(options, event.sender);
    return result;
  } catch (error) {
    options.log?.(`IPC call ${method.slice(0, 60)} failed`, error);
    return { ok: false, error: { code: 'INTERNAL', message: '程序内部错误，本次操作未保存。请重试，若仍失败请联系技术支持' } };
  }
}

const watched = new Set<number>();

/** Once a window holds a session, its closing ends that session (not only forgets the token). */
function endSessionWithWindow(options: BindIpcOptions, sender: SenderInfo['sender']) {
  if (!tokens.has(sender.id) || watched.has(sender.id) || !sender.once) return;
  watched.add(sender.id);
  sender.once('destroyed', () => {
    watched.delete(sender.id);
    const token = forgetCaller(sender.id);
    if (token) options.ctx.sessions.end(token);
  });
}

/** Registers the handler; returns a function that removes it (for tests and shutdown). */
export function bindIpc(options: BindIpcOptions): () => void {
  ipcMain.handle(API_CHANNEL, (event, method: unknown, input: unknown) => handleApiCall(options, event, method, input));
  return () => ipcMain.removeHandler(API_CHANNEL);
}
