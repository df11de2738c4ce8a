import { sql } from 'kysely';
import type { z } from 'zod';
import type { AuthStatus, ChangePasswordInput, CreateFirstAdminInput, CurrentUser, LoginInput } from '../../../shared/api/auth';
import { writeAudit } from '../audit';
import { isoNow, withActor, type Db, type ServiceContext } from '../context';
import { DomainError, invalid } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { countUsers, requireUser, toCurrentUser, type UserRecord } from './user-record';

type Parsed<T extends z.ZodType> = z.output<T>;
const DONE = { done: true as const };

export async function authStatus(ctx: ServiceContext): Promise<AuthStatus> {
  const user = ctx.session ? await ctx.db.selectFrom('users').selectAll().where('id', '=', ctx.session.userId).executeTakeFirst() : undefined;
  return {
    hasUsers: (await countUsers(ctx.db)) > 0,
    user: user ? toCurrentUser(user) : null,
    locked: ctx.session?.locked ?? false,
    idleLockMinutes: ctx.security.idleLockMinutes,
  };
}

/** First run: the first account is an administrator, created by whoever installs the app. */
export async function createFirstAdmin(ctx: ServiceContext, input: Parsed<typeof CreateFirstAdminInput>): Promise<CurrentUser> {
  const hash = await hashPassword(input.password);
  const user = await ctx.db.transaction().execute(async (trx) => {
    if ((await countUsers(trx)) > 0) throw new DomainError('CONFLICT', '管理员账户已经存在，请直接登录');
    const at = isoNow(ctx);
    const created = await trx
      .insertInto('users')
      .values({ username: input.username, display_name: input.displayName, role: 'admin', password_hash: hash, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, withActor(ctx, { userId: created.id, username: created.username, name: created.display_name, role: 'admin' }), {
      action: 'create',
      entity: 'user',
      entityId: created.id,
      after: { username: created.username, displayName: created.display_name, role: created.role, firstAdmin: true },
    });
    return created;
  });
  startSession(ctx, user);
  return toCurrentUser(user);
}

/** A dummy hash to verify against when the user name is unknown, so timing tells nothing. */
let decoyHash: Promise<string> | null = null;

export async function login(ctx: ServiceContext, input: Parsed<typeof LoginInput>): Promise<CurrentUser> {
  const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) return refuseUnknownUser(ctx, input);
  await checkPassword(ctx, user, input.password);
  // only once the password is right: a wrong one must not tell that the account exists
  if (user.active !== 1) {
    await logFailure(ctx, user, input.username, 'inactive');
    throw new DomainError('FORBIDDEN', '该账户已停用，请联系管理员');
  }
  // the row and its log entry together; the session only once both are written
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ last_login_at: isoNow(ctx) }).where('id', '=', user.id).execute();
    await writeAudit(trx, withActor(ctx, actorOfUser(user)), { action: 'login', entity: 'user', entityId: user.id });
  });
  startSession(ctx, user);
  return toCurrentUser(user);
}

export async function logout(ctx: ServiceContext): Promise<typeof DONE> {
  if (ctx.session) {
    await writeAudit(ctx.db, ctx, { action: 'logout', entity: 'user', entityId: ctx.session.userId });
    ctx.exports.dropSession(ctx.session.token);
    ctx.imports.dropSession(ctx.session.token);
    ctx.sessions.end(ctx.session.token);
  }
  ctx.caller.setToken(null);
  return DONE;
}

export async function lock(ctx: ServiceContext): Promise<typeof DONE> {
  if (ctx.session) ctx.session.locked = true;
  return DONE;
}

/** The idle-locked session's own user unlocks it; wrong passwords count toward the lock-out. */
export async function unlock(ctx: ServiceContext, input: { password: string }): Promise<CurrentUser> {
  const session = ctx.session!;
  const user = await requireUser(ctx.db, session.userId);
  const endSession = () => {
    ctx.sessions.end(session.token);
    ctx.caller.setToken(null);
  };
  if (user.active !== 1) {
    endSession();
    throw new DomainError('UNAUTHENTICATED', '该账户已停用，请联系管理员');
  }
  // a lock-out, whether this attempt's or one from elsewhere, ends the idle-locked session
  await checkPassword(ctx, user, input.password, { onLockOut: endSession, onRefused: endSession });
  // in a transaction of its own: a failure after the row is written takes the row back too
  await ctx.db.transaction().execute((trx) => writeAudit(trx, ctx, { action: 'unlock', entity: 'user', entityId: user.id }));
  session.locked = false;
  ctx.sessions.touch(session, ctx.now().getTime());
  return toCurrentUser(user);
}

export async function changePassword(ctx: ServiceContext, input: Parsed<typeof ChangePasswordInput>): Promise<typeof DONE> {
  const session = ctx.session!;
  const user = await requireUser(ctx.db, session.userId);
  // before the password check: comparing the two inputs tells nothing, and costs no attempt
  if (input.password === input.currentPassword) throw invalid('password', '新密码不能与原密码相同');
  // a wrong current password counts toward the lock-out like a wrong login: an unattended,
  // unlocked window must not become a way to guess the password (a lock-out ends the session)
  await checkPassword(ctx, user, input.currentPassword, {
    onLockOut: () => {
      ctx.sessions.end(session.token);
      ctx.caller.setToken(null);
    },
  }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'VALIDATION') throw invalid('currentPassword', error.message.replace('用户名或密码不正确', '原密码不正确'));
    throw error;
  });
  const hash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, updated_at: isoNow(ctx) })
      .where('id', '=', user.id)
      .execute();
    await writeAudit(trx, ctx, { action: 'password_change', entity: 'user', entityId: user.id });
  });
  // other windows logged in with the old password are logged out; this one goes on
  for (const other of ctx.sessions.list()) if (other.userId === user.id && other.token !== session.token) ctx.sessions.end(other.token);
  session.mustChangePassword = false;
  return DONE;
}

function startSession(ctx: ServiceContext, user: UserRecord) {
  const session = ctx.sessions.create(
    { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, mustChangePassword: user.must_change_password === 1 },
    ctx.now().getTime(),
  );
  if (ctx.caller.token) ctx.sessions.end(ctx.caller.token);
  ctx.caller.setToken(session.token);
  return session;
}

/** The words of the three refusals, one place for real accounts and unknown names alike. */
const lockedUntilError = (lockedUntil: string) => {
  const until = new Date(lockedUntil).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  return new DomainError('FORBIDDEN', `密码输错次数过多，账户已锁定至 ${until}。请稍后再试，或请管理员解锁`);
};
const lockedOutNowError = ({ maxFailedLogins, lockoutMinutes }: ServiceContext['security']) =>
  new DomainError('FORBIDDEN', `密码连续输错 ${maxFailedLogins} 次，账户已锁定 ${lockoutMinutes} 分钟。请稍后再试，或请管理员解锁`);
const wrongPasswordError = (left: number, { lockoutMinutes }: ServiceContext['security']) =>
  new DomainError('VALIDATION', `用户名或密码不正确（再输错 ${left} 次，账户将锁定 ${lockoutMinutes} 分钟）`, { password: '用户名或密码不正确' });

/**
 * The one password check under the lock-out (login, unlocking the idle lock, changing the
 * password). Returns only when the password is right, having cleared the count.
 *
 * Each attempt is counted before the slow scrypt check, in one UPDATE: a burst of attempts
 * sent at once is counted one by one as they come, and once the count reaches the limit the
 * same statement locks the account, so the attempts after it are refused unchecked — no
 * more passwords are checked than one by one. The count stays at the limit while the account
 * is locked (it does not start afresh, which would let attempts in flight run a new count);
 * the first attempt after the lock-out ends starts it again at 1. Hence an account at or over
 * the limit always carries a lock; one at the limit without a lock (the limit lowered in the
 * settings) gets one attempt more, which locks it if wrong.
 *
 * The count is the lock-out's own bookkeeping, written at once and outside the caller's
 * transaction (it must hold while the slow check runs). A right password sets it back to 0
 * and lifts the lock (one set by attempts counted after it: it was itself counted unlocked)
 * at once, whatever the call then does — a call refused after the check (a deactivated
 * account, a failed log write) does not leave its attempt counted as a wrong password.
 */
async function checkPassword(ctx: ServiceContext, user: UserRecord, password: string, on: { onLockOut?: () => void; onRefused?: () => void } = {}): Promise<void> {
  const { maxFailedLogins, lockoutMinutes } = ctx.security;
  const now = isoNow(ctx);
  const until = new Date(ctx.now().getTime() + lockoutMinutes * 60_000).toISOString();
  // only rows not locked (or whose lock has ended) are counted: a lock still there has ended
  const count = sql<number>`CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END`;
  const claim = await ctx.db.transaction().execute(async (trx) => {
    const counted = await trx
      .updateTable('users')
      .set({
        failed_attempts: count,
        locked_until: sql<string | null>`CASE WHEN ${count} >= ${maxFailedLogins} THEN ${until} ELSE NULL END`,
      })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning(['failed_attempts', 'password_hash'])
      .executeTakeFirst();
    if (counted) return counted;
    // refused unchecked: the account is locked (read in the same transaction, so it still is)
    const { locked_until } = await trx.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    await logFailure(ctx, user, user.username, 'locked out', trx);
    return { lockedUntil: locked_until ?? until };
  });
  if ('lockedUntil' in claim) {
    on.onRefused?.();
    throw lockedUntilError(claim.lockedUntil);
  }
  if (await verifyPassword(password, claim.password_hash)) {
    await ctx.db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
    return;
  }
  // already counted; the lock, if this attempt reached the limit, is already set
  const lockedOut = claim.failed_attempts >= maxFailedLogins;
  await logFailure(ctx, user, user.username, lockedOut ? 'wrong password, locked out' : 'wrong password');
  if (lockedOut) {
    on.onLockOut?.();
    throw lockedOutNowError(ctx.security);
  }
  throw wrongPasswordError(maxFailedLogins - claim.failed_attempts, ctx.security);
}

/**
 * An unknown user name is answered exactly as an account with a wrong password would be —
 * the same words, the same count-down, the same lock-out, about the same time taken — so
 * trying names tells nothing about which accounts exist. Its counters live in memory only.
 */
const unknownNames = new WeakMap<object, Map<string, { failed: number; lockedUntil: number | null }>>();
const MAX_UNKNOWN_NAMES = 1000;

async function refuseUnknownUser(ctx: ServiceContext, input: Parsed<typeof LoginInput>): Promise<never> {
  const { maxFailedLogins, lockoutMinutes } = ctx.security;
  let names = unknownNames.get(ctx.sessions);
  if (!names) unknownNames.set(ctx.sessions, (names = new Map()));
  // SQLite's NOCASE, which the real user names compare with, folds ASCII letters only
  const key = input.username.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const entry = names.get(key) ?? { failed: 0, lockedUntil: null };
  names.delete(key);
  names.set(key, entry);
  if (names.size > MAX_UNKNOWN_NAMES) names.delete(names.keys().next().value!);
  // counted as checkPassword counts, before the first await (so, as there, at once)
  const now = ctx.now().getTime();
  if (entry.lockedUntil !== null && entry.lockedUntil > now) {
    await logFailure(ctx, null, input.username, 'unknown user');
    throw lockedUntilError(new Date(entry.lockedUntil).toISOString());
  }
  if (entry.lockedUntil !== null) Object.assign(entry, { failed: 0, lockedUntil: null });
  const count = (entry.failed += 1);
  if (count >= maxFailedLogins) entry.lockedUntil = now + lockoutMinutes * 60_000;
  await verifyPassword(input.password, await (decoyHash ??= hashPassword('decoy-password-1')));
  await logFailure(ctx, null, input.username, 'unknown user');
  if (count >= maxFailedLogins) throw lockedOutNowError(ctx.security);
  throw wrongPasswordError(maxFailedLogins - count, ctx.security);
}

const actorOfUser = (user: UserRecord) => ({ userId: user.id, username: user.username, name: user.display_name, role: user.role });

async function logFailure(ctx: ServiceContext, user: UserRecord | null, attempted: string, reason: string, db: Db = ctx.db) {
  await writeAudit(
    db,
    // an unknown name is nobody's account, whoever is asking
    withActor(ctx, user ? actorOfUser(user) : { userId: null, username: attempted.slice(0, 32), name: attempted.slice(0, 32), role: null }),
    { action: 'login_failed', entity: 'user', entityId: user?.id ?? null, after: { username: attempted.slice(0, 32), reason } },
  );
}

