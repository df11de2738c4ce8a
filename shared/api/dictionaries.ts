import { z } from 'zod';
import { query } from './define';
import { EVERYONE } from '../domain/roles';

/**
 * Configurable lists (字典). Each local term list lives here as data, seeded with defaults
 * from DOMAIN.md; values are stable keys, labels are what users see.
 */
export const DICTIONARY_NAMES = ['unit_kind'] as const;
export type DictionaryName = (typeof DICTIONARY_NAMES)[number];
export const DICTIONARY_LABELS: Record<DictionaryName, string> = { unit_kind: '单位类别' };

export const DictionaryItem = z.object({
  value: z.string(),
  label: z.string(),
  sortOrder: z.number(),
  retired: z.boolean(),
});
export type DictionaryItem = z.infer<typeof DictionaryItem>;

export const dictionariesApi = {
  items: query(
    '某个字典的全部条目（含已停用的）', EVERYONE,
    z.object({ name: z.enum(DICTIONARY_NAMES, { error: '没有这个字典' }) }),
    z.array(DictionaryItem),
  ),
};
