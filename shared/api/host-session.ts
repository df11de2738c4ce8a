/**
 * The browser's session on the headless host has two halves, and a call needs both:
 *  - the HttpOnly cookie `gd_session` (page scripts never see it; but cookies are not scoped to
 *    a port, so any other program or page on 127.0.0.1 may be handed it), and
 *  - the page token: a second secret of the same session, answered in the PAGE_TOKEN_HEADER
 *    response header when the session starts (login, first administrator), kept by the page in
 *    its origin's localStorage (scoped to scheme, host AND port; never a cookie) and sent back
 *    in the same header on every API call and file download.
 * An empty PAGE_TOKEN_HEADER in an answer means the session has ended: the page forgets it.
 * The desktop app (IPC) has neither: its session lives in the main process.
 */
export const PAGE_TOKEN_HEADER = 'x-gd-page-token';

/** The page's localStorage key for its token (see renderer/src/api/page-token.ts). */
export const PAGE_TOKEN_STORAGE_KEY = 'gd.pageToken';
