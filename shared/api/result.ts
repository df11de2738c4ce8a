/**
 * Every call returns one of these; the message is Chinese and fit to show the user.
 * `fields` maps an input field (dotted path) to its own message, for forms.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed its schema or a business rule
  'NOT_FOUND',
  'CONFLICT', // e.g. a duplicate code
  'NOT_READY', // first-run setup has not been done yet
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED', // not logged in
  'LOCKED', // the session was locked after being idle; unlock with the password
  'FORBIDDEN', // caller not allowed (role, bad IPC sender, wrong origin)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
