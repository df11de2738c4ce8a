import type { z } from 'zod';
import type { RecordDefinition } from '../domain/parse/definition';
import type { ContractShape } from './define';

/**
 * A module of the app as both sides see it (shared/api/<module>/module.ts): its API namespaces
 * and the words the platform needs to speak about its records — audit entities and fields,
 * printable forms, importable record types. The main process adds its handlers, dictionary
 * usage, importers and data checks (electron/modules.ts); the renderer its pages and navigation
 * (renderer/src/app/modules.ts). Everything that lists what modules exist is derived from the
 * one ordered list in ./modules.ts — no central file is edited to add a module.
 */
export interface ApiModule<Api extends ContractShape = ContractShape> {
  /** the module's name, e.g. 'villages' */
  readonly name: string;
  /** in Chinese, e.g. '村情档案' */
  readonly label: string;
  /** its namespaces of methods, e.g. { villages: { list, get, … } } */
  readonly api: Api;
  /** the database tables its migrations create → their Chinese names (for messages about the schema) */
  readonly tables?: Readonly<Record<string, string>>;
  /** audit_log.entity values its services write → their Chinese names */
  readonly auditEntities?: Readonly<Record<string, string>>;
  /** keys that appear in the before/after of its audit rows → their Chinese names */
  readonly auditFields?: Readonly<Record<string, string>>;
  /** values of those keys that are codes → their labels (e.g. disbursementStatus: { paid: '已拨付' }) */
  readonly auditValues?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** forms it prints (print.record names them) → what is printed, and the audit entity of the ids */
  readonly printForms?: Readonly<Record<string, PrintFormDef>>;
  /** record types it imports through the import engine (imports.* name them as `kind`) */
  readonly importKinds?: Readonly<Record<string, ImportKindDef>>;
  /**
   * its records that may hold attachments (attachments.* name them as `ownerEntity`, e.g.
   * 'org_unit'); the main side says how to find one (electron/core/module.ts). An owner nobody
   * declares is refused, so a mistyped one cannot collect files that belong to nothing.
   */
  readonly attachmentOwners?: Readonly<Record<string, AttachmentOwnerDef>>;
}

export interface AttachmentOwnerDef {
  /** what the record is, in Chinese, e.g. '村（社区）' */
  label: string;
}

export interface PrintFormDef {
  label: string;
  /** the audit entity of the ids the print records */
  entity: string;
}

export interface ImportKindDef<O extends z.ZodType = z.ZodType> {
  /** what is imported, e.g. '村情档案' */
  label: string;
  /** the rows: columns, labels, synonyms (shared/domain/parse/definition.ts) */
  record: RecordDefinition;
  /** what the wizard asks besides the file (a 年度, a 经费项目 …), parsed by the engine with this schema */
  options: O;
}

/** Declares a module; the identity function that keeps the literal types the contract is built from. */
export const defineApiModule = <const M extends ApiModule>(module: M): M => module;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The namespaces of all the modules, as one object type. */
export type CombinedApi<Modules extends readonly ApiModule[]> = UnionToIntersection<Modules[number]['api']>;

/**
 * One object of every module's namespaces, in module order. A namespace (and so a method name)
 * declared by two modules is a mistake the app refuses to start with: thrown as the contract loads.
 */
export function combineApis<const Modules extends readonly ApiModule[]>(modules: Modules): CombinedApi<Modules> {
  const out: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const module of modules) {
    for (const [namespace, methods] of Object.entries(module.api)) {
      if (Object.hasOwn(out, namespace)) {
        throw new Error(`API namespace "${namespace}" is declared by both "${owner.get(namespace)}" and "${module.name}"`);
      }
      owner.set(namespace, module.name);
      out[namespace] = methods;
    }
  }
  return out as CombinedApi<Modules>;
}

/**
 * The entries of one kind of declaration across modules, in module order. A key declared by two
 * modules is a startup error — unless `alikeAllowed` and both say the same (a field both call 备注).
 */
export function mergeDeclarations<T>(
  modules: readonly ApiModule[],
  pick: (m: ApiModule) => Readonly<Record<string, T>> | undefined,
  what: string,
  alikeAllowed = false,
): Record<string, T> {
  const out: Record<string, T> = {};
  const owner = new Map<string, string>();
  for (const module of modules) {
    for (const [key, value] of Object.entries(pick(module) ?? {})) {
      if (owner.has(key) && !(alikeAllowed && JSON.stringify(out[key]) === JSON.stringify(value))) {
        throw new Error(`${what} "${key}" is declared by both "${owner.get(key)}" and "${module.name}"${alikeAllowed ? ', differently' : ''}`);
      }
      if (!owner.has(key)) owner.set(key, module.name);
      out[key] = value;
    }
  }
  return out;
}
