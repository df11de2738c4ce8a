import crypto from 'node:crypto';
import type { Role } from '../../shared/domain/roles';

/**
 * Logged-in sessions, in memory only: a restart logs everybody out. A session idle for longer
 * than the configured minutes is locked (not ended): the same user unlocks it with the password.
 */
export interface Session {
  token: string;
  /**
   * A second secret of the session, for the browser host only: the page that logged in keeps it
   * and sends it with the cookie (electron/host/page-session.ts). The IPC path ignores it.
   */
  pageToken: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** a password set by the administrator: only the auth.* methods until it is changed */
  mustChangePassword: boolean;
  createdAt: number;
  lastActiveAt: number;
  locked: boolean;
}

export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  create(user: Pick<Session, 'userId' | 'username' | 'displayName' | 'role'> & { mustChangePassword?: boolean }, now: number): Session {
    const session: Session = {
      mustChangePassword: false,
      ...user,
      token: crypto.randomBytes(32).toString('base64url'),
      pageToken: crypto.randomBytes(32).toString('base64url'),
      createdAt: now,
      lastActiveAt: now,
      locked: false,
    };
    this.byToken.set(session.token, session);
    return session;
  }

  get(token: string | null | undefined): Session | undefined {
    return token ? this.byToken.get(token) : undefined;
  }

  /** Locks the session if it has been idle too long; returns it (or undefined). */
  check(token: string | null | undefined, now: number, idleMs: number): Session | undefined {
    const session = this.get(token);
    if (session && !session.locked && now - session.lastActiveAt > idleMs) session.locked = true;
    return session;
  }

  touch(session: Session, now: number) {
    session.lastActiveAt = now;
  }

  end(token: string) {
    this.byToken.delete(token);
  }

  /** Ends every session of a user (deactivated, password reset, role changed). */
  endForUser(userId: number) {
    for (const [token, s] of this.byToken) if (s.userId === userId) this.byToken.delete(token);
  }

  list(): Session[] {
    return [...this.byToken.values()];
  }
}
