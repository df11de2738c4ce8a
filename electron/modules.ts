import { API_MODULES } from '../shared/api/modules';
import type { ContractShape } from '../shared/api/define';
import { IMPORT_KINDS } from '../shared/api/import-kinds';
import type { AttachmentOwnerLookup, HandlersOf, MainModule, ModuleRegistry } from './core/module';
import type { Contract } from '../shared/api/contract';
import type { DictionaryUsage } from './services/dictionaries/usage';
import type { Importer } from './services/imports/importer';
import { funds } from './services/funds/module';
import { platform } from './services/platform';
import { villages } from './services/villages/module';

/**
 * The modules as the main process assembles them, in the order of the shared list
 * (shared/api/modules.ts). Adding a module adds one line here. Everything central — the handler
 * map the dispatcher calls, the dictionary columns in use, the importers, the data rules a backup
 * is checked against — is derived below, and a mismatch with the shared list stops the start.
 */
export const MODULES = [platform, villages, funds] as const;

/** Throws on a module missing from one of the lists, or an importer that does not match its shared kind. */
export function assemble(modules: readonly MainModule[]): { handlers: Record<string, unknown>; registry: ModuleRegistry } {
  const names = (list: ReadonlyArray<{ name: string }>) => list.map((m) => m.name).join(', ');
  if (modules.length !== API_MODULES.length || modules.some((m, i) => m.shared !== API_MODULES[i])) {
    throw new Error(`electron/modules.ts (${names(modules.map((m) => m.shared))}) and shared/api/modules.ts (${names(API_MODULES)}) must list the same modules in the same order`);
  }
  const handlers: Record<string, unknown> = {};
  const importers: Record<string, Importer<unknown, unknown>> = {};
  const usage: Record<string, DictionaryUsage[keyof DictionaryUsage]> = {};
  const attachmentOwners: Record<string, AttachmentOwnerLookup & { label: string }> = {};
  const dataRules = modules.flatMap((m) => m.dataRules ?? []);
  for (const m of modules) {
    for (const ns of Object.keys(m.shared.api)) {
      const methods = (m.handlers as Record<string, Record<string, unknown>>)[ns];
      const missing = Object.keys((m.shared.api as ContractShape)[ns]!).filter((name) => typeof methods?.[name] !== 'function');
      if (missing.length > 0) throw new Error(`module "${m.shared.name}": no handler for ${missing.map((n) => `${ns}.${n}`).join(', ')}`);
      handlers[ns] = methods;
    }
    for (const kind of Object.keys(m.shared.importKinds ?? {})) {
      const importer = (m.importers as Record<string, Importer<unknown, unknown>> | undefined)?.[kind];
      if (!importer || importer.kind !== kind || importer.definition !== IMPORT_KINDS[kind]!.record) {
        throw new Error(`module "${m.shared.name}": the importer of "${kind}" is missing or is not the one its shared declaration names`);
      }
      importers[kind] = importer;
    }
    for (const [name, columns] of Object.entries(m.dictionaryUsage ?? {})) usage[name] = [...(usage[name] ?? []), ...(columns ?? [])];
    const lookups = (m.attachmentOwners ?? {}) as Record<string, AttachmentOwnerLookup | undefined>;
    const declared = m.shared.attachmentOwners ?? {};
    for (const [owner, def] of Object.entries(declared)) {
      const lookup = lookups[owner];
      if (typeof lookup?.find !== 'function') throw new Error(`module "${m.shared.name}": no lookup for the attachment owner "${owner}"`);
      if (Object.hasOwn(attachmentOwners, owner)) throw new Error(`attachment owner "${owner}" is declared by two modules`);
      attachmentOwners[owner] = { label: def.label, find: lookup.find };
    }
    const undeclared = Object.keys(lookups).filter((owner) => !Object.hasOwn(declared, owner));
    if (undeclared.length > 0) throw new Error(`module "${m.shared.name}": attachment owner lookups its shared declaration does not name: ${undeclared.join(', ')}`);
  }
  return { handlers, registry: { importers, dictionaryUsage: usage as DictionaryUsage, dataRules, attachmentOwners } };
}

const assembled = assemble(MODULES as unknown as readonly MainModule[]);

/** The service function behind each contract method; its type makes the map complete. */
export const handlers = assembled.handlers as HandlersOf<Contract>;
/** What the services look up (AppServices.modules). */
export const MODULE_REGISTRY: ModuleRegistry = assembled.registry;
