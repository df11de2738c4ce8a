import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { DivisionCatalog } from '../divisions/catalog';

/** Who is calling; accounts arrive with the accounts module, until then the local desk user. */
export interface Actor {
  name: string;
}

/** What every service function receives besides its input. */
export interface ServiceContext {
  db: Kysely<Database>;
  catalog: DivisionCatalog;
  actor: Actor;
  dataDir: string;
  databaseFile: string;
  schemaVersion: number;
  runtime: 'electron' | 'host';
  appVersion: string;
  /** injectable clock, so tests can pin time */
  now(): Date;
}

export type Db = Kysely<Database> | Transaction<Database>;

/** Record timestamps are UTC ISO-8601 text; the UI shows them in local time. */
export const isoNow = (ctx: Pick<ServiceContext, 'now'>) => ctx.now().toISOString();
