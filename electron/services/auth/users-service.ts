import type { z } from 'zod';
import type { CreateUserInput, ResetPasswordInput, UpdateUserInput, UserRow } from '../../../shared/api/users';
import { writeAudit } from '../audit';
import { isoNow, type ServiceContext } from '../context';
import { DomainError, conflict } from '../errors';
import { hashPassword } from './passwords';
import { auditView, requireUser, toUserRow } from './user-record';

type Parsed<T extends z.ZodType> = z.output<T>;

export async function listUsers(ctx: ServiceContext): Promise<UserRow[]> {
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('role').orderBy('username').execute();
  return rows.map(toUserRow);
}

export async function createUser(ctx: ServiceContext, input: Parsed<typeof CreateUserInput>): Promise<UserRow> {
  const hash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw conflict('username', `用户名“${input.username}”已被使用`);
    const at = isoNow(ctx);
    const user = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: hash,
        // the administrator chose this password: the user sets their own at first login
        must_change_password: 1,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'user', entityId: user.id, after: auditView(user) });
    return toUserRow(user);
  });
}

export async function updateUser(ctx: ServiceContext, input: Parsed<typeof UpdateUserInput>): Promise<UserRow> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await requireUser(trx, input.id);
    const demotesLastAdmin = before.role === 'admin' && before.active === 1 && (input.role !== 'admin' || !input.active);
    if (demotesLastAdmin) {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('id', '<>', before.id)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) === 0) throw new DomainError('VALIDATION', '至少要保留一个在用的管理员账户', { role: '至少要保留一个在用的管理员账户' });
    }
    const after = await trx
      .updateTable('users')
      .set({ display_name: input.displayName, role: input.role, active: input.active ? 1 : 0, updated_at: isoNow(ctx) })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'update', entity: 'user', entityId: input.id, before: auditView(before), after: auditView(after) });
    return { before, after };
  });
  // A changed role or a deactivated account takes effect at once: its sessions end.
  if (row.before.role !== row.after.role || row.after.active !== 1) ctx.sessions.endForUser(input.id);
  return toUserRow(row.after);
}

export async function resetPassword(ctx: ServiceContext, input: Parsed<typeof ResetPasswordInput>): Promise<UserRow> {
  const hash = await hashPassword(input.password);
  const user = await ctx.db.transaction().execute(async (trx) => {
    await requireUser(trx, input.id);
    const after = await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 1, failed_attempts: 0, locked_until: null, updated_at: isoNow(ctx) })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'password_reset', entity: 'user', entityId: input.id });
    return after;
  });
  ctx.sessions.endForUser(input.id);
  return toUserRow(user);
}

export async function unlockUser(ctx: ServiceContext, input: { id: number }): Promise<UserRow> {
  return ctx.db.transaction().execute(async (trx) => {
    await requireUser(trx, input.id);
    const after = await trx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null, updated_at: isoNow(ctx) })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'unlock', entity: 'user', entityId: input.id, after: { by: 'admin' } });
    return toUserRow(after);
  });
}
