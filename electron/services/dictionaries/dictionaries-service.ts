import type { z } from 'zod';
import type { Selectable } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { AddItemInput, DictionaryDetail, DictionaryInfo, DictionaryItem, ItemRef, ManagedItem, MoveItemInput, UpdateItemInput } from '../../../shared/api/dictionaries';
import { DICTIONARIES, DICTIONARY_MODULES, DICTIONARY_NAMES, DICTIONARY_VALUE_MAX, type DictionaryName } from '../../../shared/domain/dictionaries';
import type { DictItemsTable } from '../../db/schema';
import { writeAudit } from '../audit';
import type { Db, ServiceContext } from '../context';
import { DomainError, conflict, invalid, notFound } from '../errors';
import { usageColumnsOf, usageCount, usageCounts } from './usage';

/**
 * 字典管理: everyone reads; administrators add, rename, reorder, retire, restore and delete
 * items. A value some record holds cannot be deleted, only retired (usage.ts says where values
 * are held). Each change writes its audit row ('dictionary') in the same transaction.
 */

type Parsed<T extends z.ZodType> = z.output<T>;
type ItemRecord = Selectable<DictItemsTable>;

const ITEM_COLUMNS = ['id', 'dict', 'value', 'label', 'sort_order', 'retired', 'group_label'] as const;

async function loadItems(db: Db, name: DictionaryName): Promise<ItemRecord[]> {
  return db.selectFrom('dict_items').select(ITEM_COLUMNS).where('dict', '=', name).orderBy('sort_order').orderBy('id').execute();
}

async function findItem(db: Db, name: DictionaryName, value: string): Promise<ItemRecord | undefined> {
  return db.selectFrom('dict_items').select(ITEM_COLUMNS).where('dict', '=', name).where('value', '=', value).executeTakeFirst();
}

async function requireItem(db: Db, name: DictionaryName, value: string): Promise<ItemRecord> {
  const item = await findItem(db, name, value);
  if (!item) throw notFound(`“${DICTIONARIES[name].label}”中的条目“${value}”`);
  return item;
}

function toItem(r: ItemRecord): DictionaryItem {
  return { value: r.value, label: r.label, sortOrder: r.sort_order, retired: r.retired === 1, ...(r.group_label !== null ? { group: r.group_label } : {}) };
}

const toManaged = (r: ItemRecord, usage: number): ManagedItem => ({ ...toItem(r), usageCount: usage });

/** What the log keeps of an item. */
const auditView = (r: ItemRecord) => ({
  dictionary: r.dict,
  dictionaryLabel: DICTIONARIES[r.dict as DictionaryName]?.label ?? r.dict,
  value: r.value,
  label: r.label,
  ...(r.group_label !== null ? { group: r.group_label } : {}),
  sortOrder: r.sort_order,
  retired: r.retired === 1,
});

// ---------------------------------------------------------------- queries

export async function listDictionaries(ctx: ServiceContext): Promise<DictionaryInfo[]> {
  const rows = await ctx.db
    .selectFrom('dict_items')
    .select((eb) => ['dict', eb.fn.countAll<number>().as('total'), eb.fn.sum<number>('retired').as('retired')])
    .groupBy('dict')
    .execute();
  const counts = new Map(rows.map((r) => [r.dict, { total: Number(r.total), retired: Number(r.retired ?? 0) }]));
  return DICTIONARY_NAMES.map((name) => info(ctx, name, counts.get(name) ?? { total: 0, retired: 0 }));
}

function info(ctx: Pick<ServiceContext, 'modules'>, name: DictionaryName, count: { total: number; retired: number }): DictionaryInfo {
  const def = DICTIONARIES[name];
  return {
    name,
    label: def.label,
    description: def.description,
    module: def.module,
    moduleLabel: DICTIONARY_MODULES[def.module],
    usedBy: usageColumnsOf(ctx.modules.dictionaryUsage, name).map((u) => u.label),
    groups: def.groups ? [...def.groups] : null,
    itemCount: count.total,
    activeCount: count.total - count.retired,
    retiredCount: count.retired,
  };
}

export async function dictionaryItems(ctx: ServiceContext, input: { name: DictionaryName }): Promise<DictionaryItem[]> {
  return (await loadItems(ctx.db, input.name)).map(toItem);
}

export async function dictionaryDetail(ctx: ServiceContext, input: { name: DictionaryName }): Promise<DictionaryDetail> {
  return managedDetail(ctx, ctx.db, input.name);
}

async function managedDetail(ctx: Pick<ServiceContext, 'modules'>, db: Db, name: DictionaryName): Promise<DictionaryDetail> {
  const items = await loadItems(db, name);
  const usage = await usageCounts(db, ctx.modules.dictionaryUsage, name);
  const retired = items.filter((i) => i.retired === 1).length;
  return {
    dictionary: info(ctx, name, { total: items.length, retired }),
    items: items.map((i) => toManaged(i, usage.get(i.value) ?? 0)),
  };
}

async function managed(ctx: Pick<ServiceContext, 'modules'>, db: Db, name: DictionaryName, value: string): Promise<ManagedItem> {
  const item = await requireItem(db, name, value);
  return toManaged(item, await usageCount(db, ctx.modules.dictionaryUsage, name, value));
}

/**
 * For services that store a dictionary value: refuses a value that is not in the dictionary or
 * is retired. `current` is the value the record already holds: keeping it is always allowed,
 * so records made before an item was retired can still be edited.
 */
export async function requireActiveValue(
  db: Db,
  name: DictionaryName,
  value: string,
  options: { field: string; current?: string | null },
): Promise<void> {
  if (options.current !== undefined && options.current === value) return;
  const label = DICTIONARIES[name].label;
  const item = await findItem(db, name, value);
  if (!item) throw invalid(options.field, `所选${label}不在“${label}”字典中，请从列表中选择`);
  if (item.retired) throw invalid(options.field, `${label}“${item.label}”已停用，请选择其他${label}`);
}

/** The values of a dictionary in its order (e.g. education levels from lowest to highest), retired ones included. */
export async function orderedValues(db: Db, name: DictionaryName): Promise<string[]> {
  return (await loadItems(db, name)).map((i) => i.value);
}

// ---------------------------------------------------------------- checks

async function checkLabelFree(db: Db, name: DictionaryName, label: string, exceptId?: number): Promise<void> {
  const same = await db.selectFrom('dict_items').select(['id', 'retired']).where('dict', '=', name).where('label', '=', label).execute();
  const clash = same.filter((r) => r.id !== exceptId);
  const dictLabel = DICTIONARIES[name].label;
  if (clash.some((r) => r.retired === 0)) throw conflict('label', `“${dictLabel}”中已有“${label}”，名称不能重复`);
  if (exceptId === undefined && clash.length > 0) {
    throw conflict('label', `“${dictLabel}”中已有停用的“${label}”，请恢复该条目，不必新增`);
  }
}

function checkGroup(name: DictionaryName, group: string | null | undefined, current: string | null): string | null {
  const groups = DICTIONARIES[name].groups;
  if (!groups) {
    if (group) throw invalid('group', `“${DICTIONARIES[name].label}”不分组，请不要填写分组`);
    return null;
  }
  const chosen = group === undefined ? current : group;
  if (!chosen) throw invalid('group', `请选择分组（${groups.join('、')}）`);
  if (!groups.includes(chosen)) throw invalid('group', `分组只能是：${groups.join('、')}`);
  return chosen;
}

/** A value for a new item: the pinyin of its name, e.g. 驻村工作队 → "zhucungongzuodui", made unique. */
export function deriveValue(label: string, taken: ReadonlySet<string>): string {
  const spelled = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  let base = spelled === '' ? 'item' : /^[a-z]/.test(spelled) ? spelled : `x${spelled}`;
  base = base.slice(0, DICTIONARY_VALUE_MAX - 4);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------- commands

export async function addItem(ctx: ServiceContext, input: Parsed<typeof AddItemInput>): Promise<ManagedItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const items = await loadItems(trx, input.name);
    const group = checkGroup(input.name, input.group, null);
    await checkLabelFree(trx, input.name, input.label);
    const taken = new Set(items.map((i) => i.value));
    let value = input.value;
    if (value !== undefined) {
      const holder = items.find((i) => i.value === value);
      if (holder) throw conflict('value', `条目代码“${value}”已被“${holder.label}”使用，请换一个或留空`);
    } else {
      value = deriveValue(input.label, taken);
    }
    // last, or in a grouped dictionary after the last item of its group
    const lastOfGroup = group === null ? -1 : items.map((i) => i.group_label).lastIndexOf(group);
    const at = lastOfGroup >= 0 ? lastOfGroup + 1 : items.length;
    for (const [i, item] of items.entries()) {
      const wanted = i < at ? i + 1 : i + 2;
      if (item.sort_order !== wanted) await trx.updateTable('dict_items').set({ sort_order: wanted }).where('id', '=', item.id).execute();
    }
    const sortOrder = at + 1;
    const row = await trx
      .insertInto('dict_items')
      .values({ dict: input.name, value, label: input.label, sort_order: sortOrder, retired: 0, group_label: group })
      .returning(ITEM_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'dictionary', entity: 'dict_item', entityId: `${input.name}/${value}`, after: auditView(row) });
    return toManaged(row, await usageCount(trx, ctx.modules.dictionaryUsage, input.name, value));
  });
}

export async function updateItem(ctx: ServiceContext, input: Parsed<typeof UpdateItemInput>): Promise<ManagedItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireItem(trx, input.name, input.value);
    const group = checkGroup(input.name, input.group, before.group_label);
    if (input.label === before.label && group === before.group_label) return managed(ctx, trx, input.name, input.value);
    if (input.label !== before.label) await checkLabelFree(trx, input.name, input.label, before.id);
    const after = await trx
      .updateTable('dict_items')
      .set({ label: input.label, group_label: group })
      .where('id', '=', before.id)
      .returning(ITEM_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'dictionary', entity: 'dict_item', entityId: `${input.name}/${input.value}`, before: auditView(before), after: auditView(after) });
    return managed(ctx, trx, input.name, input.value);
  });
}

export async function moveItem(ctx: ServiceContext, input: Parsed<typeof MoveItemInput>): Promise<ManagedItem[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const items = await loadItems(trx, input.name);
    const index = items.findIndex((i) => i.value === input.value);
    if (index < 0) throw notFound(`“${DICTIONARIES[input.name].label}”中的条目“${input.value}”`);
    const target = input.direction === 'up' ? index - 1 : index + 1;
    const item = items[index]!;
    if (target < 0) throw invalid('direction', `“${item.label}”已经排在最前面`);
    if (target >= items.length) throw invalid('direction', `“${item.label}”已经排在最后面`);
    const order = [...items];
    order[index] = items[target]!;
    order[target] = item;
    for (const [i, row] of order.entries()) {
      if (row.sort_order !== i + 1) await trx.updateTable('dict_items').set({ sort_order: i + 1 }).where('id', '=', row.id).execute();
    }
    await writeAudit(trx, ctx, {
      action: 'dictionary',
      entity: 'dict_item',
      entityId: `${input.name}/${input.value}`,
      before: { dictionary: input.name, order: items.map((i) => i.value) },
      after: { dictionary: input.name, order: order.map((i) => i.value) },
    });
    return (await managedDetail(ctx, trx, input.name)).items;
  });
}

export async function retireItem(ctx: ServiceContext, input: Parsed<typeof ItemRef>): Promise<ManagedItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireItem(trx, input.name, input.value);
    const dictLabel = DICTIONARIES[input.name].label;
    if (before.retired) throw invalid('value', `“${before.label}”已经停用`);
    const active = (await loadItems(trx, input.name)).filter((i) => i.retired === 0);
    if (active.length <= 1) throw invalid('value', `“${before.label}”是“${dictLabel}”中唯一在用的条目，不能停用`);
    return setRetired(trx, ctx, before, 1);
  });
}

export async function restoreItem(ctx: ServiceContext, input: Parsed<typeof ItemRef>): Promise<ManagedItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireItem(trx, input.name, input.value);
    if (!before.retired) throw invalid('value', `“${before.label}”没有停用，无需恢复`);
    const clash = await trx
      .selectFrom('dict_items')
      .select('id')
      .where('dict', '=', input.name)
      .where('label', '=', before.label)
      .where('retired', '=', 0)
      .executeTakeFirst();
    if (clash) throw conflict('value', `“${DICTIONARIES[input.name].label}”中已有在用的“${before.label}”，请先修改其中一个的名称再恢复`);
    return setRetired(trx, ctx, before, 0);
  });
}

async function setRetired(trx: Db, ctx: ServiceContext, before: ItemRecord, retired: 0 | 1): Promise<ManagedItem> {
  const after = await trx.updateTable('dict_items').set({ retired }).where('id', '=', before.id).returning(ITEM_COLUMNS).executeTakeFirstOrThrow();
  await writeAudit(trx, ctx, { action: 'dictionary', entity: 'dict_item', entityId: `${before.dict}/${before.value}`, before: auditView(before), after: auditView(after) });
  return managed(ctx, trx, before.dict as DictionaryName, before.value);
}

export async function deleteItem(ctx: ServiceContext, input: Parsed<typeof ItemRef>): Promise<{ done: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireItem(trx, input.name, input.value);
    const used = await usageCount(trx, ctx.modules.dictionaryUsage, input.name, input.value);
    if (used > 0) throw new DomainError('CONFLICT', `“${before.label}”正在被 ${used} 条记录使用，不能删除，只能停用`, { value: `正在被 ${used} 条记录使用` });
    if (!before.retired) {
      const active = (await loadItems(trx, input.name)).filter((i) => i.retired === 0);
      if (active.length <= 1) throw invalid('value', `“${before.label}”是“${DICTIONARIES[input.name].label}”中唯一在用的条目，不能删除`);
    }
    await trx.deleteFrom('dict_items').where('id', '=', before.id).execute();
    await writeAudit(trx, ctx, { action: 'dictionary', entity: 'dict_item', entityId: `${input.name}/${input.value}`, before: auditView(before) });
    return { done: true as const };
  });
}
