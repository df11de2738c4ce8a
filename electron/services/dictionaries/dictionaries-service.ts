import type { DictionaryItem, DictionaryName } from '../../../shared/api/dictionaries';
import type { ServiceContext } from '../context';

export async function dictionaryItems(ctx: ServiceContext, input: { name: DictionaryName }): Promise<DictionaryItem[]> {
  const rows = await ctx.db
    .selectFrom('dict_items')
    .select(['value', 'label', 'sort_order', 'retired'])
    .where('dict', '=', input.name)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ value: r.value, label: r.label, sortOrder: r.sort_order, retired: r.retired === 1 }));
}
