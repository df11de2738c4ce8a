import { z } from 'zod';
import type { Access } from '../domain/roles';

/**
 * One API method: who may call it, its input and output schemas, and a one-line Chinese
 * summary. `mutates` marks methods that change data; `exclusive` ones (restore) run with no
 * other call in flight.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
  readonly access: Access;
  readonly mutates: boolean;
  readonly exclusive: boolean;
}

export function query<I extends z.ZodType, O extends z.ZodType>(summary: string, access: Access, input: I, output: O): MethodDef<I, O> {
  return { input, output, summary, access, mutates: false, exclusive: false };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  access: Access,
  input: I,
  output: O,
  options: { exclusive?: boolean } = {},
): MethodDef<I, O> {
  return { input, output, summary, access, mutates: true, exclusive: options.exclusive ?? false };
}

/** A namespace of methods, e.g. `units` holding `list`, `save` … */
export type Namespace = Record<string, MethodDef>;
export type ContractShape = Record<string, Namespace>;

/** Input/Output types of a method, as the caller sees them. */
export type InputOf<M extends MethodDef> = z.input<M['input']>;
export type ParsedInputOf<M extends MethodDef> = z.output<M['input']>;
export type OutputOf<M extends MethodDef> = z.output<M['output']>;

/** Empty input for methods that take nothing. */
export const NoInput = z.object({}).strict().default({});
