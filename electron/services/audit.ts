import type { Db, ServiceContext } from './context';
import { isoNow } from './context';
import type { AuditAction } from '../../shared/api/audit';

/** What the log records: the one list, with its Chinese labels, is AUDIT_ACTIONS in shared/api/audit.ts. */
export type { AuditAction };

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it inside the transaction of the change it describes. */
export async function writeAudit(trx: Db, ctx: Pick<ServiceContext, 'actor' | 'now'>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: isoNow(ctx),
      actor: ctx.actor.name,
      user_id: ctx.actor.userId,
      username: ctx.actor.username || null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
