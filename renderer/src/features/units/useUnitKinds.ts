import { STREET_KINDS } from '../../../../shared/domain/division';
import type { UnitRow } from '../../../../shared/api/units';
import { useDictionary } from '../../components/useDictionary';

/** The 单位类别 dictionary, and a label lookup that also knows the street kinds. */
export function useUnitKinds() {
  const dictionary = useDictionary('unit_kind');
  const labelOf = (row: Pick<UnitRow, 'level' | 'kind'>) => (row.level === 'street' ? row.kind : dictionary.labelOf(row.kind));
  return { items: dictionary.items, activeItems: dictionary.activeItems, labelOf, streetKinds: STREET_KINDS };
}
