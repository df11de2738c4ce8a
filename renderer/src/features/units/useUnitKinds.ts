import { useQuery } from '@tanstack/react-query';
import { STREET_KINDS } from '../../../../shared/domain/division';
import type { UnitRow } from '../../../../shared/api/units';
import { api } from '../../api/client';

/** The 单位类别 dictionary, and a label lookup that also knows the street kinds. */
export function useUnitKinds() {
  const query = useQuery({ queryKey: ['dictionaries.items', 'unit_kind'], queryFn: () => api.dictionaries.items({ name: 'unit_kind' }) });
  const items = query.data ?? [];
  const labelOf = (row: Pick<UnitRow, 'level' | 'kind'>) =>
    row.level === 'street' ? row.kind : (items.find((i) => i.value === row.kind)?.label ?? '');
  return { items, activeItems: items.filter((i) => !i.retired), labelOf, streetKinds: STREET_KINDS };
}
