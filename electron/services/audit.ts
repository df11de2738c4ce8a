import type { Db, ServiceContext } from './context';
import { isoNow } from './context';
import type { AuditAction } from '../../shared/api/audit';
import { AUDIT_CHAIN_GENESIS, auditRowHash, type AuditChainRow } from '../db/audit-chain';

/** What the log records: the one list, with its Chinese labels, is AUDIT_ACTIONS in shared/api/audit.ts. */
export type { AuditAction };

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The last link written in each open transaction. A transaction holds the one connection until
 * it ends (kysely's connection mutex), so no other audit row can come in between; the next link
 * in the same transaction then needs no query (an import writes thousands). A transaction that
 * rolls back takes its entry with it (the key is the transaction object).
 */
const lastLinkOf = new WeakMap<object, { id: number; hash: string }>();

/**
 * Writes one audit row; call it inside the transaction of the change it describes. The row is
 * the next link of the log's hash chain (electron/db/audit-chain.ts): reading the last link and
 * writing the next happen in one transaction, so two calls can never chain onto the same row.
 */
export async function writeAudit(trx: Db, ctx: Pick<ServiceContext, 'actor' | 'now'>, entry: AuditEntry): Promise<void> {
  if (!trx.isTransaction) {
    await trx.transaction().execute((inner) => writeAudit(inner, ctx, entry));
    return;
  }
  const last =
    lastLinkOf.get(trx) ??
    (await trx
      .selectFrom('audit_log')
      .select(['id', 'chain_hash as hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((row) => row && { id: row.id, hash: row.hash ?? AUDIT_CHAIN_GENESIS }));
  const row: AuditChainRow = {
    id: (last?.id ?? 0) + 1,
    at: isoNow(ctx),
    actor: ctx.actor.name,
    user_id: ctx.actor.userId,
    username: ctx.actor.username || null,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
  const hash = auditRowHash(last?.hash ?? AUDIT_CHAIN_GENESIS, row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, chain_hash: hash })
    .execute();
  lastLinkOf.set(trx, { id: row.id, hash });
}
