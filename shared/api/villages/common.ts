import { z } from 'zod';
import { id } from '../fields';
import { toHalfWidth } from '../../domain/text';

/**
 * Small pieces the village schemas share. Internal to this folder: ../villages.ts does not
 * re-export this file.
 */

/** null, or a string that is empty once trimmed (full-width spaces too). */
export const blank = (value: unknown) => value === null || (typeof value === 'string' && toHalfWidth(value).trim() === '');

export const unitId = id('村（社区）');

/** A partial update must give at least one of `keys`. */
export const someField = (keys: readonly string[]) => (input: Record<string, unknown>) => keys.some((k) => input[k] !== undefined);

/** '' and null from a form mean "no filter". */
export const filter = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** Output shorthands: a nullable number / string. */
export const n = z.number().nullable();
export const s = z.string().nullable();
