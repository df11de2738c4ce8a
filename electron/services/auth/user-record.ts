import type { Selectable } from 'kysely';
import type { UsersTable } from '../../db/schema';
import type { CurrentUser } from '../../../shared/api/auth';
import type { UserRow } from '../../../shared/api/users';
import type { Db } from '../context';
import { notFound } from '../errors';

export type UserRecord = Selectable<UsersTable>;

export const toCurrentUser = (u: UserRecord): CurrentUser => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  mustChangePassword: u.must_change_password === 1,
});

export const toUserRow = (u: UserRecord): UserRow => ({
  ...toCurrentUser(u),
  active: u.active === 1,
  failedAttempts: u.failed_attempts,
  lockedUntil: u.locked_until,
  lastLoginAt: u.last_login_at,
  createdAt: u.created_at,
});

/** Neither the hash nor the lock-out counters belong in the log. */
export const auditView = (u: UserRecord) => ({ username: u.username, displayName: u.display_name, role: u.role, active: u.active === 1 });

export async function requireUser(db: Db, id: number): Promise<UserRecord> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('该账户');
  return user;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
