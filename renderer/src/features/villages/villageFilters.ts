import type { ListVillagesInput } from '../../../../shared/api/villages';

/** What the clerk chose on the 村情档案 list; kept for the window's life (usePersistentState). */
export interface VillageFilters {
  year: number | null;
  streetId: number | null;
  kinds: string[];
  incomeBand: string;
  starRating: string;
  fortressIndex: string;
  /** '' = any, 'yes' / 'no' */
  weak: string;
  hasFirstSecretary: string;
  text: string;
}

export const NO_FILTERS: VillageFilters = {
  year: null,
  streetId: null,
  kinds: [],
  incomeBand: '',
  starRating: '',
  fortressIndex: '',
  weak: '',
  hasFirstSecretary: '',
  text: '',
};

const yesNo = (v: string) => (v === 'yes' ? true : v === 'no' ? false : undefined);

/** The list method's input for these filters (empty choices mean "no filter"). */
export function toListInput(f: VillageFilters): NonNullable<ListVillagesInput> {
  return {
    year: f.year ?? undefined,
    streetId: f.streetId ?? undefined,
    kinds: f.kinds.length > 0 ? f.kinds : undefined,
    incomeBand: (f.incomeBand || undefined) as NonNullable<ListVillagesInput>['incomeBand'],
    starRating: f.starRating || undefined,
    fortressIndex: f.fortressIndex || undefined,
    weak: yesNo(f.weak),
    hasFirstSecretary: yesNo(f.hasFirstSecretary),
    text: f.text.trim() || undefined,
  };
}

export const activeFilterCount = (f: VillageFilters) =>
  [f.streetId !== null, f.kinds.length > 0, f.incomeBand, f.starRating, f.fortressIndex, f.weak, f.hasFirstSecretary, f.text.trim()].filter(Boolean).length;
