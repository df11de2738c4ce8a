/**
 * 统计用区划代码 rules (国家统计局): 12 digits —
 * 1–6 county (区县), 7–9 township (001–099 街道, 100–199 镇, 200–399 乡), 10–12 village
 * (001–199 居委会/社区, 200–399 村委会; 3xx/4xx "virtual" units also occur in real data).
 * Streets/towns are stored with their 9-digit code, units with the full 12 digits.
 */

export const COUNTY_CODE_LENGTH = 6;
export const STREET_CODE_LENGTH = 9;
export const UNIT_CODE_LENGTH = 12;

const digits = (n: number) => new RegExp(`^\\d{${n}}$`);
export const isCountyCode = (code: string) => digits(COUNTY_CODE_LENGTH).test(code);
export const isStreetCode = (code: string) => digits(STREET_CODE_LENGTH).test(code);
export const isUnitCode = (code: string) => digits(UNIT_CODE_LENGTH).test(code);

/** The 9-digit street code a 12-digit unit code sits under. */
export const streetCodeOf = (unitCode: string) => unitCode.slice(0, STREET_CODE_LENGTH);
/** The 6-digit county code a street or unit code sits under. */
export const countyCodeOf = (code: string) => code.slice(0, COUNTY_CODE_LENGTH);

export const isUnitUnderStreet = (unitCode: string, streetCode: string) =>
  isUnitCode(unitCode) && isStreetCode(streetCode) && streetCodeOf(unitCode) === streetCode;
export const isStreetUnderCounty = (streetCode: string, countyCode: string) =>
  isStreetCode(streetCode) && isCountyCode(countyCode) && countyCodeOf(streetCode) === countyCode;

/** Kinds of township-level units, derived from digits 7–9. */
export const STREET_KINDS = ['街道', '镇', '乡', '其他'] as const;
export type StreetKind = (typeof STREET_KINDS)[number];

export function streetKindFromCode(streetCode: string): StreetKind {
  const n = Number(streetCode.slice(6, 9));
  if (n >= 1 && n <= 99) return '街道';
  if (n >= 100 && n <= 199) return '镇';
  if (n >= 200 && n <= 399) return '乡';
  return '其他';
}

/**
 * The kind of a village-level unit. These three are the seed values of the
 * 单位类别 dictionary (DOMAIN.md §0); the keys are stable, the labels editable later.
 */
export const UNIT_KIND_DEFAULTS = [
  { value: 'village', label: '行政村' },
  { value: 'converted', label: '村改居社区' },
  { value: 'urban', label: '城市社区' },
] as const;
export type DefaultUnitKind = (typeof UNIT_KIND_DEFAULTS)[number]['value'];

/**
 * Best guess of the kind for a unit loaded from the national list. The code's last three
 * digits (2xx = 村委会) and the name's suffix are both evidence; the user corrects the rest
 * (a 村改居 community cannot be told from the list at all).
 */
export function guessUnitKind(unitCode: string, fullName: string): DefaultUnitKind {
  if (/(村民委员会|村委会)$/.test(fullName)) return 'village';
  if (/(居民委员会|居委会|管理委员会|社区)$/.test(fullName)) return 'urban';
  const n = Number(unitCode.slice(9, 12));
  return n >= 200 && n <= 399 ? 'village' : 'urban';
}

/**
 * The everyday name of a unit: the national list says "纬一路社区居民委员会" or
 * "党家庄村村民委员会", clerks say "纬一路社区" and "党家庄村". Names whose suffix is not
 * clearly 社区 or 村 (e.g. "某单位家属居委会") keep their full form rather than an invented one.
 */
export function shortUnitName(fullName: string): string {
  const name = fullName.trim();
  const rules: Array<[RegExp, string]> = [
    [/社区居民委员会$/, '社区'],
    [/社区居委会$/, '社区'],
    [/社区管理委员会$/, '社区'],
    [/村村民委员会$/, '村'],
    [/村村委会$/, '村'],
    [/村民委员会$/, '村'],
    [/村委会$/, '村'],
  ];
  for (const [re, replacement] of rules) {
    if (re.test(name)) {
      const short = name.replace(re, replacement);
      // "居委会" alone or a name that would become only the suffix keeps its full form
      return short.length > replacement.length ? short : name;
    }
  }
  return name;
}

/** 城乡分类代码 (national standard, not a local dictionary). */
export const URBAN_RURAL_CLASSES = [
  { value: '111', label: '111 主城区' },
  { value: '112', label: '112 城乡结合区' },
  { value: '121', label: '121 镇中心区' },
  { value: '122', label: '122 镇乡结合区' },
  { value: '123', label: '123 特殊区域' },
  { value: '210', label: '210 乡中心区' },
  { value: '220', label: '220 村庄' },
] as const;
export type UrbanRuralClass = (typeof URBAN_RURAL_CLASSES)[number]['value'];
export const URBAN_RURAL_CLASS_VALUES = URBAN_RURAL_CLASSES.map((c) => c.value) as [UrbanRuralClass, ...UrbanRuralClass[]];
