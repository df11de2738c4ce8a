import type { ColumnMapping, RememberedMapping } from '../../../shared/domain/parse/mapping';
import { isoNow, type Db, type ServiceContext } from '../context';

/**
 * The column mapping a clerk confirmed, kept per record type and header layout (migration 005),
 * so the next file of the same layout — next month's sheet from the same street — maps the same.
 */

export async function loadRememberedMapping(db: Db, definitionKey: string, fingerprint: string): Promise<RememberedMapping | null> {
  const row = await db
    .selectFrom('import_mappings')
    .select('fields_json')
    .where('definition_key', '=', definitionKey)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  if (!row) return null;
  const fields = JSON.parse(row.fields_json) as unknown[];
  return { fingerprint, fields: fields.map((f) => (typeof f === 'string' ? f : null)) };
}

/** Saves the mapping as committed; an unchanged one is left as it was (a repeated import writes nothing). */
export async function rememberMapping(trx: Db, ctx: ServiceContext, mapping: ColumnMapping): Promise<void> {
  const fieldsJson = JSON.stringify(mapping.columns.map((c) => c.field));
  const existing = await trx
    .selectFrom('import_mappings')
    .select('fields_json')
    .where('definition_key', '=', mapping.definitionKey)
    .where('fingerprint', '=', mapping.fingerprint)
    .executeTakeFirst();
  if (existing?.fields_json === fieldsJson) return;
  const values = { fields_json: fieldsJson, headers_json: JSON.stringify(mapping.columns.map((c) => c.header)), updated_at: isoNow(ctx), updated_by: ctx.actor.name };
  await trx
    .insertInto('import_mappings')
    .values({ definition_key: mapping.definitionKey, fingerprint: mapping.fingerprint, ...values })
    .onConflict((oc) => oc.columns(['definition_key', 'fingerprint']).doUpdateSet(values))
    .execute();
}
