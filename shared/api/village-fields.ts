import type { DictionaryName } from '../domain/dictionaries';
import { GENDER_LABELS, VILLAGE_QUANTITIES, formatQuantity, type Gender, type ProfileField, type VillageQuantity, type YearField } from './villages';

/**
 * How each village field is typed and shown: forms pick the editor, the list, the 简表 and
 * exports the display, from this one map.
 */
export type VillageFieldKind =
  | { kind: 'count' }
  | { kind: 'quantity'; quantity: VillageQuantity }
  | { kind: 'text' }
  | { kind: 'phone' }
  | { kind: 'month' }
  | { kind: 'gender' }
  | { kind: 'flag' }
  | { kind: 'dictionary'; dictionary: DictionaryName }
  | { kind: 'fen' };

const count = { kind: 'count' } as const;
const text = { kind: 'text' } as const;
const phone = { kind: 'phone' } as const;
const month = { kind: 'month' } as const;
const flag = { kind: 'flag' } as const;
const quantity = (q: VillageQuantity) => ({ kind: 'quantity', quantity: q }) as const;
const dictionary = (d: DictionaryName) => ({ kind: 'dictionary', dictionary: d }) as const;

export const PROFILE_FIELD_KINDS: Record<ProfileField, VillageFieldKind> = {
  households: count,
  residentPopulation: count,
  floatingPopulation: count,
  areaM2: quantity('areaM2'),
  arableLandMuX100: quantity('arableLandMuX100'),
  forestLandMuX100: quantity('forestLandMuX100'),
  partyOrgType: dictionary('party_org_type'),
  memberTotal: count,
  memberFemale: count,
  memberUnder35: count,
  memberOver70: count,
  memberAvgAgeX10: quantity('memberAvgAgeX10'),
  memberOutflow: count,
  memberInflow: count,
  secretaryName: text,
  secretaryGender: { kind: 'gender' },
  secretaryBirthMonth: month,
  secretaryEducation: dictionary('education_level'),
  secretarySinceMonth: month,
  secretaryPhone: phone,
  secretaryIsDirector: flag,
  directorName: text,
  directorPhone: phone,
  supervisorName: text,
  supervisorPhone: phone,
  committeeCount: count,
  graduateOfficial: text,
  partyAssistant: text,
  coopLed: flag,
  coopName: text,
  venueAreaM2X100: quantity('venueAreaM2X100'),
  venueMeetsStandard: flag,
  note: text,
};

export const YEAR_FIELD_KINDS: Record<YearField, VillageFieldKind> = {
  collectiveIncomeFen: { kind: 'fen' },
  collectiveAssetsFen: { kind: 'fen' },
  liabilitiesFen: { kind: 'fen' },
  starRating: dictionary('star_rating'),
  fortressIndex: dictionary('fortress_index'),
  weakOrg: flag,
  households: count,
  residentPopulation: count,
  floatingPopulation: count,
  memberTotal: count,
  note: text,
};

/** The label with its unit for quantities, e.g. 耕地面积（亩）. */
export function fieldLabelWithUnit(field: ProfileField, labels: Record<string, string>): string {
  const k = PROFILE_FIELD_KINDS[field];
  if (k.kind === 'quantity') return `${VILLAGE_QUANTITIES[k.quantity].label}（${VILLAGE_QUANTITIES[k.quantity].unit}）`;
  return labels[field] ?? field;
}

/**
 * A stored value as people read it. `labelOf` turns a dictionary value into its label; money
 * is formatted by the caller's choice (`formatFen`).
 */
export function displayFieldValue(
  kind: VillageFieldKind,
  value: unknown,
  helpers: { labelOf: (dictionary: DictionaryName, value: string) => string; formatFen: (fen: number) => string },
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind.kind) {
    case 'count':
      return String(value);
    case 'quantity':
      return formatQuantity(kind.quantity, value as number);
    case 'fen':
      return helpers.formatFen(value as number);
    case 'month': {
      const [y, m] = String(value).split('-');
      return `${y}年${Number(m)}月`;
    }
    case 'gender':
      return GENDER_LABELS[value as Gender] ?? '';
    case 'flag':
      return value ? '是' : '否';
    case 'dictionary':
      return helpers.labelOf(kind.dictionary, String(value));
    default:
      return String(value);
  }
}
