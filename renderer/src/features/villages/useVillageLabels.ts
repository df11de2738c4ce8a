import type { DictionaryName } from '../../../../shared/api/dictionaries';
import { useDictionary } from '../../components/useDictionary';

/** Labels for every dictionary a village file uses, as one lookup (the page, the 简表). */
export function useVillageLabels() {
  const dictionaries = {
    unit_kind: useDictionary('unit_kind'),
    party_org_type: useDictionary('party_org_type'),
    education_level: useDictionary('education_level'),
    star_rating: useDictionary('star_rating'),
    fortress_index: useDictionary('fortress_index'),
  } as const;
  return (dictionary: DictionaryName, value: string) => (dictionary in dictionaries ? dictionaries[dictionary as keyof typeof dictionaries].labelOf(value) : value);
}
