import crypto from 'node:crypto';
import { DomainError } from '../services/errors';

/**
 * Things held in memory for one login session under a random id, for a limited time: exported
 * files waiting to be saved (exports.ts), files opened in the import wizard (open-imports.ts).
 * One rule for all of them: only the session that put an item may use it (the session token is
 * compared in constant time), an expired or foreign id gets one message (another session learns
 * nothing about it), and old items go first when the limits are reached. Nothing is written to disk.
 */

export interface HeldEntry<T> {
  id: string;
  value: T;
  sessionToken: string;
  expiresAt: number;
}

export interface HeldLimits<T> {
  ttlMs: number;
  /** the whole app */
  maxEntries: number;
  /** one session (older ones of the same session go first) */
  maxPerSession?: number;
  /** with sizeOf: the whole app's bytes */
  maxTotalBytes?: number;
  sizeOf?: (value: T) => number;
  /** each use extends the item's life (an open import), or not (an export: ten minutes from making it) */
  slideOnUse: boolean;
  /** the refusal for an id that is gone, expired or not this session's */
  goneMessage: string;
}

export class SessionHeld<T> {
  private readonly entries = new Map<string, HeldEntry<T>>();

  constructor(
    private readonly now: () => number,
    private readonly limits: HeldLimits<T>,
  ) {}

  put(sessionToken: string, value: T): HeldEntry<T> {
    this.sweep();
    const entry: HeldEntry<T> = { id: crypto.randomBytes(24).toString('base64url'), value, sessionToken, expiresAt: this.now() + this.limits.ttlMs };
    if (this.limits.maxPerSession !== undefined) {
      const mine = [...this.entries.values()].filter((e) => sameToken(e.sessionToken, sessionToken));
      for (const old of mine.slice(0, Math.max(0, mine.length - this.limits.maxPerSession + 1))) this.entries.delete(old.id);
    }
    this.entries.set(entry.id, entry);
    this.trim();
    return entry;
  }

  /** The item, if this session put it and it has not expired. */
  get(id: string, sessionToken: string | null | undefined): HeldEntry<T> {
    this.sweep();
    const entry = this.entries.get(id);
    if (!entry || !sessionToken || !sameToken(entry.sessionToken, sessionToken)) throw new DomainError('NOT_FOUND', this.limits.goneMessage);
    if (this.limits.slideOnUse) entry.expiresAt = this.now() + this.limits.ttlMs;
    return entry;
  }

  /** The item, removed: it is handed out once. */
  take(id: string, sessionToken: string | null | undefined): HeldEntry<T> {
    const entry = this.get(id, sessionToken);
    this.entries.delete(id);
    return entry;
  }

  /** Puts back an item taken for a step the user cancelled, if it has not expired meanwhile. */
  giveBack(entry: HeldEntry<T>): void {
    if (entry.expiresAt > this.now()) this.entries.set(entry.id, entry);
  }

  /** Forgets an item of this session (nothing happens for another session's id). */
  remove(id: string, sessionToken: string | null | undefined): void {
    const entry = this.entries.get(id);
    if (entry && sessionToken && sameToken(entry.sessionToken, sessionToken)) this.entries.delete(id);
  }

  /** Forgets every item of a session (logout). */
  dropSession(sessionToken: string): void {
    for (const [id, e] of this.entries) if (sameToken(e.sessionToken, sessionToken)) this.entries.delete(id);
  }

  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private sweep() {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(id);
  }

  private trim() {
    const { maxEntries, maxTotalBytes, sizeOf } = this.limits;
    let total = 0;
    if (sizeOf) for (const e of this.entries.values()) total += sizeOf(e.value);
    for (const [id, e] of this.entries) {
      if (this.entries.size <= maxEntries && (maxTotalBytes === undefined || total <= maxTotalBytes)) break;
      this.entries.delete(id); // Map keeps insertion order: oldest first
      if (sizeOf) total -= sizeOf(e.value);
    }
  }
}

/** Constant-time comparison: how a wrong token differs from a right one takes no measurable time to tell. */
export function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
