import type { Db, ServiceContext } from './context';
import { isoNow } from './context';

export interface AuditEntry {
  action: 'create' | 'update' | 'retire' | 'restore' | 'change_code' | 'setup' | 'settings';
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it inside the transaction of the change it describes. */
export async function writeAudit(trx: Db, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: isoNow(ctx),
      actor: ctx.actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
