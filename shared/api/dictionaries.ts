import { z } from 'zod';
import { mutation, query } from './define';
import { ADMINS, EVERYONE } from '../domain/roles';
import { requiredText } from './fields';
import {
  DICTIONARIES,
  DICTIONARY_LABEL_MAX,
  DICTIONARY_MODULES,
  DICTIONARY_NAMES,
  DICTIONARY_VALUE_MAX,
  DICTIONARY_VALUE_PATTERN,
  type DictionaryName,
} from '../domain/dictionaries';
import { toHalfWidth } from '../domain/text';

/**
 * Configurable lists (字典). Which dictionaries exist, their seeds and the rule for item values
 * live in shared/domain/dictionaries.ts; items live in the database. Everyone reads them; only
 * administrators change them, and every change is logged.
 */
export { DICTIONARY_NAMES, type DictionaryName };
export const DICTIONARY_LABELS = Object.fromEntries(DICTIONARY_NAMES.map((n) => [n, DICTIONARIES[n].label])) as Record<DictionaryName, string>;

const dictionaryName = z.enum(DICTIONARY_NAMES, { error: '没有这个字典' });

/** An item as pickers need it. `group` is present only in grouped dictionaries (e.g. 一院五室六有). */
export const DictionaryItem = z.object({
  value: z.string(),
  label: z.string(),
  sortOrder: z.number(),
  retired: z.boolean(),
  group: z.string().optional(),
});
export type DictionaryItem = z.infer<typeof DictionaryItem>;

/** An item as the administrator manages it: with how many records hold its value. */
export const ManagedItem = DictionaryItem.extend({ usageCount: z.number() });
export type ManagedItem = z.infer<typeof ManagedItem>;

export const DictionaryInfo = z.object({
  name: z.enum(DICTIONARY_NAMES),
  label: z.string(),
  description: z.string(),
  module: z.enum(Object.keys(DICTIONARY_MODULES) as [keyof typeof DICTIONARY_MODULES]),
  moduleLabel: z.string(),
  /** where records hold its values, e.g. ["组织架构 · 村（社区）的单位类别"]; empty until a module uses it */
  usedBy: z.array(z.string()),
  groups: z.array(z.string()).nullable(),
  itemCount: z.number(),
  activeCount: z.number(),
  retiredCount: z.number(),
});
export type DictionaryInfo = z.infer<typeof DictionaryInfo>;

export const DictionaryDetail = z.object({ dictionary: DictionaryInfo, items: z.array(ManagedItem) });
export type DictionaryDetail = z.infer<typeof DictionaryDetail>;

const itemValue = z.preprocess(
  (v) => (typeof v === 'string' ? toHalfWidth(v).trim() : v),
  z.string({ error: '请指定条目' }).min(1, '请指定条目').max(DICTIONARY_VALUE_MAX, '条目代码不正确'),
);

/** An optional value typed by an administrator; blank means "derive one from the name". */
const newValue = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return v;
    const text = toHalfWidth(v).trim().toLowerCase();
    return text === '' ? undefined : text;
  },
  z
    .string({ error: '条目代码格式不正确' })
    .regex(DICTIONARY_VALUE_PATTERN, `条目代码只能由小写字母、数字和下划线组成，以字母开头，不超过${DICTIONARY_VALUE_MAX}个字符`)
    .optional(),
);

const itemLabel = requiredText('名称', DICTIONARY_LABEL_MAX);
const group = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string({ error: '分组格式不正确' }).trim().max(20, '分组不能超过20个字').nullable().optional(),
);

export const ItemRef = z.object({ name: dictionaryName, value: itemValue });
export const AddItemInput = z.object({ name: dictionaryName, label: itemLabel, value: newValue, group });
export const UpdateItemInput = z.object({ name: dictionaryName, value: itemValue, label: itemLabel, group });
export const MoveItemInput = z.object({ name: dictionaryName, value: itemValue, direction: z.enum(['up', 'down'], { error: '请指定上移或下移' }) });

export const dictionariesApi = {
  list: query('全部字典及其条目数', EVERYONE, z.object({}).default({}), z.array(DictionaryInfo)),
  items: query('某个字典的全部条目（含已停用的）', EVERYONE, z.object({ name: dictionaryName }), z.array(DictionaryItem)),
  detail: query('某个字典的说明和条目，含各条目被多少条记录使用', EVERYONE, z.object({ name: dictionaryName }), DictionaryDetail),
  addItem: mutation('字典：新增条目', ADMINS, AddItemInput, ManagedItem),
  updateItem: mutation('字典：修改条目名称或分组', ADMINS, UpdateItemInput, ManagedItem),
  moveItem: mutation('字典：调整条目顺序', ADMINS, MoveItemInput, z.array(ManagedItem)),
  retireItem: mutation('字典：停用条目', ADMINS, ItemRef, ManagedItem),
  restoreItem: mutation('字典：恢复已停用的条目', ADMINS, ItemRef, ManagedItem),
  deleteItem: mutation('字典：删除未被使用的条目', ADMINS, ItemRef, z.object({ done: z.literal(true) })),
};
