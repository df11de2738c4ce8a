import crypto from 'node:crypto';
import type http from 'node:http';
import { PAGE_TOKEN_HEADER } from '../../shared/api/host-session';
import type { AppServices, Caller } from '../services/context';

/**
 * Who is calling the browser host: a session counts only when its HttpOnly cookie comes with
 * the page token of the same session (shared/api/host-session.ts). Cookies are not scoped to a
 * port, so another program or another page on 127.0.0.1 can be handed the cookie; the page
 * token lives in this origin's storage, which no other port can read.
 */
export const SESSION_COOKIE = 'gd_session';

/** A live session's cookie without its page token (or with another one). */
export const UNBOUND_MESSAGE = '登录信息与本页面不符，请在本程序页面重新登录';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export interface HostCaller extends Caller {
  /** the dispatcher started or ended a session: answer with the new cookie and page token */
  changed: boolean;
  /** a live session's cookie came without its page token: treated as no session at all */
  unbound: boolean;
}

/**
 * The caller the dispatcher sees. A cookie naming a live session counts only with that session's
 * page token; without it the caller has no session (and the cookie is left alone: the page that
 * holds the token still works). A cookie naming no session is passed on as it is, so that the
 * dispatcher clears it as before (a restart, a logout elsewhere).
 */
export function hostCaller(ctx: AppServices, req: http.IncomingMessage): HostCaller {
  const cookieToken = readSessionCookie(req);
  const session = ctx.sessions.get(cookieToken);
  const bound = !session || sameSecret(session.pageToken, req.headers[PAGE_TOKEN_HEADER]);
  const caller: HostCaller = {
    token: bound ? cookieToken : null,
    changed: false,
    unbound: !bound,
    setToken(next: string | null) {
      caller.token = next;
      caller.changed = true;
    },
  };
  return caller;
}

/** The headers that hand a new session to the page (or tell it the session ended). */
export function sessionHeaders(ctx: AppServices, caller: HostCaller): Record<string, string> {
  if (!caller.changed) return {};
  const session = ctx.sessions.get(caller.token);
  return {
    'set-cookie': sessionCookie(session ? caller.token : null),
    // an empty value: the session has ended, the page forgets its token
    [PAGE_TOKEN_HEADER]: session?.pageToken ?? '',
  };
}

function readSessionCookie(req: http.IncomingMessage): string | null {
  const cookies = String(req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='));
  const token = cookies.find(([k]) => k === SESSION_COOKIE)?.[1] ?? null;
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

/** The HttpOnly, SameSite=Strict cookie: page scripts never hold this half. */
function sessionCookie(token: string | null): string {
  const base = `${SESSION_COOKIE}=${token ?? ''}; Path=/; HttpOnly; SameSite=Strict`;
  return token ? base : `${base}; Max-Age=0`;
}

/** Constant-time comparison of the page token sent with the session's own. */
function sameSecret(expected: string, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(sent, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
