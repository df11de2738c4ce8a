import { maskIdCard, maskPhone } from '../../shared/domain/personal-data';
import { writeAudit } from './audit';
import type { Db, ServiceContext } from './context';
import { DomainError } from './errors';

/**
 * Personal data (身份证号, 联系电话) leaves the services masked unless the caller asks for the
 * full value, may see it (管理员, 经办人 — never 查阅), and the reveal is logged in the same
 * transaction as the read it belongs to. Every module that holds personal data goes through here.
 */
export type PersonalField = 'idCard' | 'phone';

const MASKERS: Record<PersonalField, (value: string) => string> = { idCard: maskIdCard, phone: maskPhone };

export function mayUnmask(ctx: Pick<ServiceContext, 'actor'>): boolean {
  return ctx.actor.role === 'admin' || ctx.actor.role === 'clerk';
}

/** Refuses a 查阅 account (or nobody) asking for full values. */
export function requireUnmaskRight(ctx: Pick<ServiceContext, 'actor'>): void {
  if (!mayUnmask(ctx)) throw new DomainError('FORBIDDEN', '查阅账户只能看到遮盖后的个人信息（身份证号、电话）');
}

/** The value as the caller may see it: masked, or full when `reveal` was granted. */
export function personalValue(field: PersonalField, value: string | null, reveal: boolean): string | null {
  if (value === null || value === '') return value;
  return reveal ? value : MASKERS[field](value);
}

/** Logs that full values were shown: which record, which fields, for whom (an 'unmask' row). */
export async function logUnmask(
  trx: Db,
  ctx: Pick<ServiceContext, 'actor' | 'now'>,
  what: { entity: string; entityId: string | number | null; fields: PersonalField[]; purpose: 'view' | 'export' | 'print' },
): Promise<void> {
  requireUnmaskRight(ctx);
  await writeAudit(trx, ctx, { action: 'unmask', entity: what.entity, entityId: what.entityId, after: { fields: what.fields, purpose: what.purpose } });
}
