/** What every value parser returns: the value, or a Chinese message naming what was wrong. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const fail = <T = never>(message: string): ParseResult<T> => ({ ok: false, message });
