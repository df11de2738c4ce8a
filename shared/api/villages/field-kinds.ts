import type { DictionaryName } from '../../domain/dictionaries';
import type { ProfileField } from './profile';
import { VILLAGE_QUANTITIES, formatQuantity, type VillageQuantity } from './units-of-measure';
import { GENDER_LABELS, type Gender } from './value-schemas';
import type { YearField } from './years';

/**
 * How each village field is typed and shown: the forms pick the editor, the 简表, the list
 * export and the operation log's summaries the display — all from this one map.
 */
export type FieldKind =
  | { type: 'count'; unit: string }
  | { type: 'quantity'; quantity: VillageQuantity }
  | { type: 'dict'; dictionary: DictionaryName }
  | { type: 'flag' }
  | { type: 'optionalFlag' }
  | { type: 'gender' }
  | { type: 'yearMonth' }
  | { type: 'phone' }
  | { type: 'text'; multiline?: boolean }
  | { type: 'fen' };

const people = { type: 'count', unit: '人' } as const;
const quantity = (q: VillageQuantity) => ({ type: 'quantity', quantity: q }) as const;

export const PROFILE_FIELD_KINDS: Record<ProfileField, FieldKind> = {
  households: { type: 'count', unit: '户' },
  residentPopulation: people,
  floatingPopulation: people,
  areaM2: quantity('areaM2'),
  arableLandMuX100: quantity('arableLandMuX100'),
  forestLandMuX100: quantity('forestLandMuX100'),
  partyOrgType: { type: 'dict', dictionary: 'party_org_type' },
  memberTotal: { type: 'count', unit: '名' },
  memberFemale: { type: 'count', unit: '名' },
  memberUnder35: { type: 'count', unit: '名' },
  memberOver70: { type: 'count', unit: '名' },
  memberAvgAgeX10: quantity('memberAvgAgeX10'),
  memberOutflow: { type: 'count', unit: '名' },
  memberInflow: { type: 'count', unit: '名' },
  secretaryName: { type: 'text' },
  secretaryGender: { type: 'gender' },
  secretaryBirthMonth: { type: 'yearMonth' },
  secretaryEducation: { type: 'dict', dictionary: 'education_level' },
  secretarySinceMonth: { type: 'yearMonth' },
  secretaryPhone: { type: 'phone' },
  secretaryIsDirector: { type: 'flag' },
  directorName: { type: 'text' },
  directorPhone: { type: 'phone' },
  supervisorName: { type: 'text' },
  supervisorPhone: { type: 'phone' },
  committeeCount: people,
  graduateOfficial: { type: 'text' },
  partyAssistant: { type: 'text' },
  coopLed: { type: 'flag' },
  coopName: { type: 'text' },
  venueAreaM2X100: quantity('venueAreaM2X100'),
  venueMeetsStandard: { type: 'optionalFlag' },
  note: { type: 'text', multiline: true },
};

export const YEAR_FIELD_KINDS: Record<YearField, FieldKind> = {
  collectiveIncomeFen: { type: 'fen' },
  collectiveAssetsFen: { type: 'fen' },
  liabilitiesFen: { type: 'fen' },
  starRating: { type: 'dict', dictionary: 'star_rating' },
  fortressIndex: { type: 'dict', dictionary: 'fortress_index' },
  weakOrg: { type: 'flag' },
  households: { type: 'count', unit: '户' },
  residentPopulation: { type: 'count', unit: '人' },
  floatingPopulation: { type: 'count', unit: '人' },
  memberTotal: { type: 'count', unit: '名' },
  note: { type: 'text', multiline: true },
};

/** The label with its unit for quantities, e.g. 耕地面积（亩）. */
export function fieldLabelWithUnit(field: ProfileField, labels: Record<string, string>): string {
  const k = PROFILE_FIELD_KINDS[field];
  if (k.type === 'quantity') return `${VILLAGE_QUANTITIES[k.quantity].label}（${VILLAGE_QUANTITIES[k.quantity].unit}）`;
  return labels[field] ?? field;
}

/**
 * A stored value as people read it. `labelOf` turns a dictionary value into its label; money
 * is formatted by the caller's choice (`formatFen`); `withUnit` appends 户/人/亩… where the label
 * does not already say it.
 */
export function displayFieldValue(
  kind: FieldKind,
  value: unknown,
  helpers: { labelOf: (dictionary: DictionaryName, value: string) => string; formatFen: (fen: number) => string; withUnit?: boolean },
): string {
  if (value === null || value === undefined || value === '') return '';
  const unit = (text: string, u: string) => (helpers.withUnit ? `${text} ${u}` : text);
  switch (kind.type) {
    case 'count':
      return unit((value as number).toLocaleString('zh-CN'), kind.unit);
    case 'quantity':
      return unit(formatQuantity(kind.quantity, value as number), VILLAGE_QUANTITIES[kind.quantity].unit);
    case 'fen':
      return helpers.formatFen(value as number);
    case 'yearMonth': {
      const [y, m] = String(value).split('-');
      return `${y}年${Number(m)}月`;
    }
    case 'gender':
      return GENDER_LABELS[value as Gender] ?? '';
    case 'flag':
    case 'optionalFlag':
      return value ? '是' : '否';
    case 'dict':
      return helpers.labelOf(kind.dictionary, String(value)) || String(value);
    default:
      return String(value);
  }
}
