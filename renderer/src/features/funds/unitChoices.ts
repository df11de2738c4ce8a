import type { UnitRow } from '../../../../shared/api/units';
import { skipToken, useApiQuery } from '../../components/apiQueries';

/** Which units a programme's recipient kind lets the picker offer: the service's own rule (shared/api/fund-recipients.ts). */
export { acceptsUnit } from '../../../../shared/domain/funds/recipients';

/** The district's active streets and units, streets first then each street's units (code order). */
export function useUnitTree() {
  const tree = useApiQuery('units.tree', { includeRetired: false });
  const streets = tree.data ?? [];
  const all: UnitRow[] = streets.flatMap((s) => [s, ...s.units.map((u) => ({ ...u, streetName: u.streetName ?? s.name }))]);
  return { streets, all, isPending: tree.isPending };
}

/**
 * The units to offer for typed text: the whole (accepted) list while nothing is typed, else the
 * units service's search — name, code, or pinyin initials (“dgy” → 大观园街道).
 */
export function useUnitChoices(text: string, accept: (u: UnitRow) => boolean) {
  const tree = useUnitTree();
  const query = text.trim();
  const search = useApiQuery('units.search', query === '' ? skipToken : { query, limit: 100 });
  const options = (query === '' ? tree.all : (search.data ?? [])).filter(accept);
  return { options, loading: query === '' ? tree.isPending : search.isFetching, searching: query !== '' };
}

/** How a unit reads in a picker: 大观园街道, or 大观园街道 · 经七路社区. */
export const unitLabel = (u: Pick<UnitRow, 'level' | 'name' | 'streetName'>) => (u.level === 'street' ? u.name : `${u.streetName ?? ''} · ${u.name}`);
