import type { z } from 'zod';
import { mergeDeclarations, type ImportKindDef } from './module';
import { API_MODULES } from './modules';

/** Every record type the import engine reads, from every module's `importKinds`, by kind. */
export const IMPORT_KINDS: Readonly<Record<string, ImportKindDef>> = mergeDeclarations(API_MODULES, (m) => m.importKinds, 'import kind');

type KindsOf<M> = M extends { importKinds: infer K } ? K : never;
type Kinds = KindsOf<(typeof API_MODULES)[number]>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllKinds = UnionToIntersection<Kinds>;

/** A kind some module declares, e.g. 'villages'. */
export type ImportKind = keyof AllKinds & string;
/** The options a kind's wizard passes (its module's schema, as the renderer writes them). */
export type ImportOptionsOf<K extends ImportKind> = AllKinds[K] extends { options: infer S extends z.ZodType } ? NonNullable<z.input<S>> : never;

export const importKindLabel = (kind: string): string => (Object.hasOwn(IMPORT_KINDS, kind) ? IMPORT_KINDS[kind]!.label : kind);
