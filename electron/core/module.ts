import type { ApiModule } from '../../shared/api/module';
import type { ContractShape, MethodDef, OutputOf, ParsedInputOf } from '../../shared/api/define';
import type { DataRule } from '../db/data-checks';
import type { Db, ServiceContext } from '../services/context';
import type { DictionaryUsage } from '../services/dictionaries/usage';
import type { Importer } from '../services/imports/importer';

/**
 * A module as the main process assembles it (electron/services/<module>/module.ts): its shared
 * declaration (shared/api/<module>/module.ts) plus what only this side has — the service behind
 * every method, the columns that hold dictionary values, its importers and the rules its data
 * must keep. electron/modules.ts lists the modules; the handler map, dictionary usage, importers
 * and data checks are derived from that list.
 */

type HandlerFor<M extends MethodDef> = (ctx: ServiceContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>> | OutputOf<M>;

/** A service function for every method of every namespace of `Api` (the type makes the map complete). */
export type HandlersOf<Api extends ContractShape> = {
  [N in keyof Api]: { [K in keyof Api[N]]: Api[N][K] extends MethodDef ? HandlerFor<Api[N][K]> : never };
};

type ImportKindsOf<M extends ApiModule> = M extends { importKinds: infer K } ? keyof K & string : never;
type AttachmentOwnersOf<M extends ApiModule> = M extends { attachmentOwners: infer K } ? keyof K & string : never;

/** How the main process finds a record its shared declaration lets hold attachments (`attachmentOwners`). */
export interface AttachmentOwnerLookup {
  /** the record's name for messages and the log (e.g. 大观园街道 纬一路社区), or null when there is no such record */
  find(db: Db, id: number): Promise<string | null>;
}

export interface MainModule<M extends ApiModule = ApiModule> {
  shared: M;
  handlers: HandlersOf<M['api']>;
  /** where its records hold dictionary values (a value in use can only be retired, not deleted) */
  dictionaryUsage?: DictionaryUsage;
  /** an importer for each record type the shared declaration names */
  importers?: { readonly [K in ImportKindsOf<M>]: Importer<unknown, unknown> };
  /** rules over its tables, checked on backups and restored data */
  dataRules?: readonly DataRule[];
  /** a lookup for each record type its shared declaration lets hold attachments */
  attachmentOwners?: { readonly [K in AttachmentOwnersOf<M>]: AttachmentOwnerLookup };
}

export const defineModule = <const M extends ApiModule>(module: MainModule<M>): MainModule<M> => module;

/** What the services look up in the assembled modules (AppServices.modules). */
export interface ModuleRegistry {
  importers: Readonly<Record<string, Importer<unknown, unknown>>>;
  dictionaryUsage: DictionaryUsage;
  dataRules: readonly DataRule[];
  /** the records that may hold attachments: their Chinese name and how to find one */
  attachmentOwners: Readonly<Record<string, AttachmentOwnerLookup & { label: string }>>;
}
