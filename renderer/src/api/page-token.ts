import { PAGE_TOKEN_HEADER, PAGE_TOKEN_STORAGE_KEY } from '../../../shared/api/host-session';

/**
 * The page's half of its session on the headless host (shared/api/host-session.ts): the host
 * answers it in a header when a session starts, the page keeps it and sends it with every call
 * and download; the HttpOnly cookie alone is no session.
 *
 * Kept in localStorage: scoped to this origin (scheme, host and port — a page or program on
 * another port cannot read it, unlike the cookie), survives a reload, never sent by itself.
 * Not sessionStorage: every tab of the app shares the one cookie, so they must share the one
 * token too — with a token per tab, logging in from a second tab would silently log out the first.
 */
function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage switched off: the page cannot keep a session, the host asks it to log in
  }
}

/** The token to send now (null: none kept). */
export function currentPageToken(): string | null {
  try {
    return storage()?.getItem(PAGE_TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The header to send with a call or download. */
export function pageTokenHeaders(token: string | null): Record<string, string> {
  return token ? { [PAGE_TOKEN_HEADER]: token } : {};
}

/**
 * Keeps what the host answered: a new token when a session started; an empty one when the
 * session ended — forgotten only if it is still the token this request carried (another tab
 * may have logged in meanwhile, and its token must not be lost).
 */
export function keepPageToken(response: Response, sent: string | null) {
  const next = response.headers.get(PAGE_TOKEN_HEADER);
  if (next === null) return;
  try {
    const store = storage();
    if (!store) return;
    if (next) store.setItem(PAGE_TOKEN_STORAGE_KEY, next);
    else if (store.getItem(PAGE_TOKEN_STORAGE_KEY) === sent) store.removeItem(PAGE_TOKEN_STORAGE_KEY);
  } catch {
    // storage full or switched off: the next call is refused and the page asks to log in again
  }
}
