import { z } from 'zod';
import { ExportedFile } from './files';
import { VILLAGE_LIST_FIELDS } from './village-list-columns';
import { mutation, query } from './define';
import { EDITORS, EVERYONE } from '../domain/roles';
import { id, isoDate, optionalText, requiredText } from './fields';
import { wholeNumber, WORKING_YEAR_MAX, WORKING_YEAR_MIN } from './settings';
import { UNIT_STATUSES } from './units';
import { URBAN_RURAL_CLASS_VALUES } from '../domain/division';
import { DICTIONARY_VALUE_PATTERN } from '../domain/dictionaries';
import { INCOME_BAND_KEYS, type RuleIssue } from '../domain/income-bands';
import { formatAmount, parseAmount } from '../domain/money';
import { toHalfWidth } from '../domain/text';

/**
 * 村情档案 (村情村况数据库, 一村一档; DOMAIN.md §1): per village/community a current profile,
 * yearly figures (one row per year — a year's save never touches another year), and the
 * history of 第一书记. Name, code, street, kind and 城乡分类 are the unit's own (组织架构,
 * units.*); this module holds everything else.
 *
 * Numbers cross the API as integers in the unit the database stores, like money in 分:
 * VILLAGE_QUANTITIES says the unit and scale of each decimal quantity, and parseQuantity /
 * formatQuantity convert what people type and read. Phones are personal data: masked in every
 * output unless an administrator or clerk asks for them (get {reveal: true}), which is logged.
 */

// ---------------------------------------------------------------- units of measure

/** Decimal quantities stored as integers: `scale` stored units make one `unit` as people type it. */
export const VILLAGE_QUANTITIES = {
  /** stored in whole 平方米, typed and shown in 平方公里 (up to 6 decimals) */
  areaM2: { label: '村域面积', unit: '平方公里', scale: 1_000_000 },
  /** stored in hundredths of 亩 */
  arableLandMuX100: { label: '耕地面积', unit: '亩', scale: 100 },
  forestLandMuX100: { label: '林地面积', unit: '亩', scale: 100 },
  /** stored in hundredths of 平方米 */
  venueAreaM2X100: { label: '活动场所面积', unit: '平方米', scale: 100 },
  /** stored in tenths of a year */
  memberAvgAgeX10: { label: '党员平均年龄', unit: '岁', scale: 10 },
} as const;
export type VillageQuantity = keyof typeof VILLAGE_QUANTITIES;

/** A typed decimal (in the quantity's unit) as the stored integer; null when blank; undefined when not a number or too precise. */
export function parseQuantity(field: VillageQuantity, text: string): number | null | undefined {
  const cleaned = toHalfWidth(text).trim();
  if (cleaned === '') return null;
  return parseAmount(cleaned, VILLAGE_QUANTITIES[field].scale) ?? undefined;
}

/** The stored integer as a decimal in the quantity's unit, e.g. areaM2 2350000 → "2.35". */
export function formatQuantity(field: VillageQuantity, value: number | null): string {
  return value === null ? '' : formatAmount(value, VILLAGE_QUANTITIES[field].scale);
}

// ---------------------------------------------------------------- field schemas

export const COUNT_MAX = 10_000_000;
/** Per field and village: 100亿元. Sums over a city's villages stay far inside safe integers. */
export const VILLAGE_MONEY_MAX_FEN = 1_000_000_000_000;
const VILLAGE_MONEY_MAX_TEXT = '100亿元';
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

const blank = (value: unknown) => value === null || (typeof value === 'string' && toHalfWidth(value).trim() === '');

/** A number typed into a form (also full-width digits) or given as a number; blank is null. */
const numberOrBlank = (value: unknown) => {
  if (blank(value)) return null;
  if (typeof value !== 'string') return value;
  const text = toHalfWidth(value).trim().replace(/[,，]/g, '');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
};

function nonNegativeInt(label: string, max: number, typeMessage: string) {
  return z.preprocess(
    numberOrBlank,
    z
      .number({ error: typeMessage })
      .int(typeMessage)
      .min(0, `${label}不能为负数`)
      .max(max, `${label}不能超过${max}`)
      .nullable(),
  );
}

/** A head count (人, 户, 名); blank = unknown. */
export const count = (label: string, max = COUNT_MAX) => nonNegativeInt(label, max, `${label}应为整数`);

/** A decimal quantity in its stored integer unit (see VILLAGE_QUANTITIES). */
function quantity(field: VillageQuantity, range: { min?: number; max: number }) {
  const q = VILLAGE_QUANTITIES[field];
  const typeMessage = `${q.label}应为数字（${q.unit}，最多${Math.round(Math.log10(q.scale))}位小数）`;
  const min = range.min ?? 0;
  const show = (v: number) => `${formatAmount(v, q.scale)}${q.unit}`;
  return z.preprocess(
    numberOrBlank,
    z
      .number({ error: typeMessage })
      .int(typeMessage)
      .min(0, `${q.label}不能为负数`)
      .min(min, `${q.label}应在${show(min)}至${show(range.max)}之间`)
      .max(range.max, `${q.label}应在${show(min)}至${show(range.max)}之间`)
      .nullable(),
  );
}

/** Money in integer 分 (the UI converts 元 / 万元); blank = not reported. */
export function fen(label: string, options: { negative?: boolean } = {}) {
  const min = options.negative ? -VILLAGE_MONEY_MAX_FEN : 0;
  const range = `${label}超出范围（不能超过${VILLAGE_MONEY_MAX_TEXT}）`;
  return z.preprocess(
    numberOrBlank,
    z
      .number({ error: `${label}应为金额（以分为单位的整数）` })
      .int(`${label}应为金额（以分为单位的整数）`)
      .min(min, options.negative ? range : `${label}不能为负数`)
      .max(VILLAGE_MONEY_MAX_FEN, range)
      .nullable(),
  );
}

/** A value of a dictionary (the service checks that it exists and is in use); blank = none. */
export const dictValue = (label: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `请从列表中选择${label}` })
      .regex(DICTIONARY_VALUE_PATTERN, `所选${label}不在字典中，请从列表中选择`)
      .nullable(),
  );

export const flag = (label: string) => z.boolean({ error: `${label}应为“是”或“否”` });
export const optionalFlag = (label: string) => z.preprocess((v) => (v === undefined ? v : v === '' ? null : v), flag(label).nullable());

/** Year and month, YYYY-MM; also accepts 1975.3, 1975/03, 1975年3月. */
export function yearMonth(label: string) {
  const message = `${label}格式应为“年-月”，如 1975-03`;
  return z.preprocess(
    (v) => {
      if (blank(v)) return null;
      if (typeof v !== 'string') return v;
      const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/.exec(toHalfWidth(v).trim());
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : v;
    },
    z
      .string({ error: message })
      .regex(/^\d{4}-\d{2}$/, message)
      .refine((s) => {
        const year = Number(s.slice(0, 4));
        const month = Number(s.slice(5, 7));
        return year >= 1900 && year <= 2100 && month >= 1 && month <= 12;
      }, `${label}不是有效的年月`)
      .nullable(),
  );
}

/** 11-digit mobile, or a landline with or without its area code (0531-86012345, 86012345-801). */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}(-\d{1,6})?)$/;

export const phone = (label: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : typeof v === 'string' ? toHalfWidth(v).replace(/[\s()（）]/g, '').replace(/[—–－]/g, '-') : v),
    z
      .string({ error: `${label}格式不正确` })
      .regex(PHONE_PATTERN, `${label}应为11位手机号或固定电话（如 0531-86012345）`)
      .nullable(),
  );

export const gender = (label: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : v === '男' ? 'male' : v === '女' ? 'female' : v),
    z.enum(GENDERS, { error: `${label}只能是男或女` }).nullable(),
  );

/** The year of a yearly row. */
export const villageYear = wholeNumber('年度', WORKING_YEAR_MIN, WORKING_YEAR_MAX);

// ---------------------------------------------------------------- profile

/** Every field of the current profile, as forms and saveProfile take them (all may be blank). */
export const profileFields = {
  // 基本情况
  households: count('户数'),
  residentPopulation: count('常住人口'),
  floatingPopulation: count('流动人口'),
  areaM2: quantity('areaM2', { max: 10_000_000_000 }),
  arableLandMuX100: quantity('arableLandMuX100', { max: 10_000_000_000 }),
  forestLandMuX100: quantity('forestLandMuX100', { max: 10_000_000_000 }),
  // 党组织和党员
  partyOrgType: dictValue('党组织类型'),
  memberTotal: count('党员总数'),
  memberFemale: count('女党员数'),
  memberUnder35: count('35岁及以下党员数'),
  memberOver70: count('70岁及以上党员数'),
  memberAvgAgeX10: quantity('memberAvgAgeX10', { min: 180, max: 1000 }),
  memberOutflow: count('流出党员数'),
  memberInflow: count('流入党员数'),
  // 党组织书记
  secretaryName: optionalText('党组织书记姓名', 20),
  secretaryGender: gender('党组织书记性别'),
  secretaryBirthMonth: yearMonth('党组织书记出生年月'),
  secretaryEducation: dictValue('党组织书记学历'),
  secretarySinceMonth: yearMonth('党组织书记任现职时间'),
  secretaryPhone: phone('党组织书记联系电话'),
  secretaryIsDirector: flag('书记主任“一肩挑”'),
  // 村（居）委会、监委会、“两委”
  directorName: optionalText('村（居）委会主任姓名', 20),
  directorPhone: phone('村（居）委会主任联系电话'),
  supervisorName: optionalText('村（居）务监督委员会主任姓名', 20),
  supervisorPhone: phone('村（居）务监督委员会主任联系电话'),
  committeeCount: count('“两委”成员人数', 100),
  graduateOfficial: optionalText('大学生村官', 100),
  partyAssistant: optionalText('党建助理员', 100),
  // 集体经济组织、阵地
  coopLed: flag('党支部领办合作社'),
  coopName: optionalText('合作社名称', 100),
  venueAreaM2X100: quantity('venueAreaM2X100', { max: 1_000_000_000 }),
  venueMeetsStandard: optionalFlag('活动场所是否达标'),
  note: optionalText('备注', 1000),
};
export type ProfileField = keyof typeof profileFields;
export const PROFILE_FIELDS = Object.keys(profileFields) as ProfileField[];

/** Chinese names of the profile and yearly fields (forms, grid headers, audit log). */
export const VILLAGE_FIELD_LABELS: Record<ProfileField | YearField | 'unitId' | 'unitName' | 'year' | 'dispatchingUnit' | 'startedOn' | 'endedOn', string> = {
  unitId: '村（社区）编号',
  unitName: '村（社区）',
  year: '年度',
  households: '户数',
  residentPopulation: '常住人口',
  floatingPopulation: '流动人口',
  areaM2: '村域面积（平方米）',
  arableLandMuX100: '耕地面积（0.01亩）',
  forestLandMuX100: '林地面积（0.01亩）',
  partyOrgType: '党组织类型',
  memberTotal: '党员总数',
  memberFemale: '女党员数',
  memberUnder35: '35岁及以下党员数',
  memberOver70: '70岁及以上党员数',
  memberAvgAgeX10: '党员平均年龄（0.1岁）',
  memberOutflow: '流出党员数',
  memberInflow: '流入党员数',
  secretaryName: '党组织书记',
  secretaryGender: '书记性别',
  secretaryBirthMonth: '书记出生年月',
  secretaryEducation: '书记学历',
  secretarySinceMonth: '书记任现职时间',
  secretaryPhone: '书记联系电话',
  secretaryIsDirector: '书记主任“一肩挑”',
  directorName: '村（居）委会主任',
  directorPhone: '主任联系电话',
  supervisorName: '监委会主任',
  supervisorPhone: '监委会主任联系电话',
  committeeCount: '“两委”成员人数',
  graduateOfficial: '大学生村官',
  partyAssistant: '党建助理员',
  coopLed: '党支部领办合作社',
  coopName: '合作社名称',
  venueAreaM2X100: '活动场所面积（0.01平方米）',
  venueMeetsStandard: '活动场所达标',
  note: '备注',
  collectiveIncomeFen: '集体经营性收入（分）',
  collectiveAssetsFen: '集体资产（分）',
  liabilitiesFen: '负债（分）',
  starRating: '评星定级',
  fortressIndex: '堡垒指数',
  weakOrg: '软弱涣散',
  dispatchingUnit: '派出单位',
  startedOn: '任职开始日期',
  endedOn: '任职结束日期',
};

/** Sections of the profile in the order the 村情简表 prints them. */
export const PROFILE_SECTIONS: ReadonlyArray<{ key: string; title: string; fields: readonly ProfileField[] }> = [
  { key: 'basic', title: '基本情况', fields: ['households', 'residentPopulation', 'floatingPopulation', 'areaM2', 'arableLandMuX100', 'forestLandMuX100'] },
  {
    key: 'party',
    title: '党组织和党员',
    fields: ['partyOrgType', 'memberTotal', 'memberFemale', 'memberUnder35', 'memberOver70', 'memberAvgAgeX10', 'memberOutflow', 'memberInflow'],
  },
  {
    key: 'secretary',
    title: '党组织书记',
    fields: ['secretaryName', 'secretaryGender', 'secretaryBirthMonth', 'secretaryEducation', 'secretarySinceMonth', 'secretaryPhone', 'secretaryIsDirector'],
  },
  {
    key: 'team',
    title: '村级组织班子',
    fields: ['directorName', 'directorPhone', 'supervisorName', 'supervisorPhone', 'committeeCount', 'graduateOfficial', 'partyAssistant'],
  },
  { key: 'economy', title: '集体经济与阵地', fields: ['coopLed', 'coopName', 'venueAreaM2X100', 'venueMeetsStandard'] },
  { key: 'other', title: '其他', fields: ['note'] },
];

/** Fields holding personal data (masked unless revealed). */
export const PROFILE_PHONE_FIELDS = ['secretaryPhone', 'directorPhone', 'supervisorPhone'] as const satisfies readonly ProfileField[];

/** Profile fields as parsed (blank = null). */
export type ProfileFieldValues = { [K in ProfileField]: z.output<(typeof profileFields)[K]> };

/**
 * Rules between profile fields, as messages naming the fields; empty when the values agree.
 * Fields not given (undefined) or blank (null) are not checked. The form runs it as the user
 * types, saveProfile on the values as they will be stored; the database holds the same rules.
 */
export function profileIssues(p: Partial<ProfileFieldValues>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const known = (v: number | null | undefined): v is number => typeof v === 'number';
  const total = p.memberTotal;
  if (known(total)) {
    const part = (key: 'memberFemale' | 'memberUnder35' | 'memberOver70' | 'memberOutflow', label: string) => {
      const v = p[key];
      if (known(v) && v > total) issues.push({ path: key, message: `${label}（${v}）不能多于党员总数（${total}）` });
    };
    part('memberFemale', '女党员数');
    part('memberUnder35', '35岁及以下党员数');
    part('memberOver70', '70岁及以上党员数');
    part('memberOutflow', '流出党员数');
    if (known(p.memberUnder35) && known(p.memberOver70) && p.memberUnder35 <= total && p.memberOver70 <= total && p.memberUnder35 + p.memberOver70 > total) {
      issues.push({ path: 'memberOver70', message: `35岁及以下与70岁及以上党员数之和（${p.memberUnder35 + p.memberOver70}）不能多于党员总数（${total}）` });
    }
    if (total === 0 && known(p.memberAvgAgeX10)) issues.push({ path: 'memberAvgAgeX10', message: '党员总数为0时不能填写党员平均年龄' });
  }
  if (p.secretaryBirthMonth && p.secretarySinceMonth && p.secretarySinceMonth <= p.secretaryBirthMonth) {
    issues.push({ path: 'secretarySinceMonth', message: '党组织书记任现职时间应晚于出生年月' });
  }
  if (p.secretaryIsDirector && p.directorName && p.directorName !== p.secretaryName) {
    issues.push({ path: 'directorName', message: '书记主任“一肩挑”时，村（居）委会主任应为党组织书记本人' });
  }
  if (p.coopLed === false && p.coopName) issues.push({ path: 'coopName', message: '未领办合作社时不能填写合作社名称' });
  return issues;
}

const addIssues = (issues: RuleIssue[], ctx: z.RefinementCtx) => {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
};

/** The whole profile as a form holds it. */
export const ProfileForm = z.object(profileFields).superRefine((p, ctx) => addIssues(profileIssues(p), ctx));

const unitId = id('村（社区）');
const someField = (keys: readonly string[]) => (input: Record<string, unknown>) => keys.some((k) => input[k] !== undefined);

/**
 * Saves the fields given (a partial update: a field left out keeps its value, null clears it).
 * Rules between fields are checked on the values as they will be stored.
 */
export const SaveProfileInput = z
  .object({ unitId, ...(Object.fromEntries(PROFILE_FIELDS.map((k) => [k, profileFields[k].optional()])) as { [K in ProfileField]: z.ZodOptional<(typeof profileFields)[K]> }) })
  .strict()
  .refine(someField(PROFILE_FIELDS), { message: '没有要保存的内容' })
  .superRefine((p, ctx) => addIssues(profileIssues(p), ctx));
export type SaveProfileInput = z.input<typeof SaveProfileInput>;

// ---------------------------------------------------------------- yearly figures

export const yearFields = {
  collectiveIncomeFen: fen('集体经营性收入', { negative: true }),
  collectiveAssetsFen: fen('集体资产'),
  liabilitiesFen: fen('负债'),
  starRating: dictValue('评星定级'),
  fortressIndex: dictValue('堡垒指数'),
  weakOrg: flag('软弱涣散'),
  households: count('户数'),
  residentPopulation: count('常住人口'),
  floatingPopulation: count('流动人口'),
  memberTotal: count('党员总数'),
  note: optionalText('备注', 500),
};
export type YearField = keyof typeof yearFields;
export const YEAR_FIELDS = Object.keys(yearFields) as YearField[];

export const YearForm = z.object(yearFields);

/** One year's figures for one unit: inserts that year's row or updates it; other years are never touched. */
export const SaveYearInput = z
  .object({
    unitId,
    year: villageYear,
    ...(Object.fromEntries(YEAR_FIELDS.map((k) => [k, yearFields[k].optional()])) as { [K in YearField]: z.ZodOptional<(typeof yearFields)[K]> }),
  })
  .strict()
  .refine(someField(YEAR_FIELDS), { message: '没有要保存的年度数据' });
export type SaveYearInput = z.input<typeof SaveYearInput>;

export const DeleteYearInput = z.object({ unitId, year: villageYear });

// ---------------------------------------------------------------- 第一书记

const personName = (label: string) => requiredText(label, 20);
const blankIsNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (blank(v) ? null : v), schema.nullable());

/** Appoints a new current 第一书记; a current one ends on `previousEndedOn` (default: the new one's start). */
export const SetFirstSecretaryInput = z
  .object({
    unitId,
    name: personName('第一书记姓名'),
    dispatchingUnit: optionalText('派出单位', 100).default(null),
    startedOn: isoDate('任职开始日期'),
    previousEndedOn: isoDate('前任第一书记离任日期').optional(),
    note: optionalText('备注', 500).default(null),
  })
  .strict();
export type SetFirstSecretaryInput = z.input<typeof SetFirstSecretaryInput>;

export const EndFirstSecretaryInput = z.object({ unitId, endedOn: isoDate('离任日期') }).strict();

/** Corrects a record of the history (a typo, a date); terms of one unit may not overlap. */
export const UpdateFirstSecretaryInput = z
  .object({
    id: id('第一书记记录'),
    name: personName('第一书记姓名'),
    dispatchingUnit: optionalText('派出单位', 100).default(null),
    startedOn: isoDate('任职开始日期'),
    endedOn: blankIsNull(isoDate('离任日期')).default(null),
    note: optionalText('备注', 500).default(null),
  })
  .strict()
  .refine((v) => v.endedOn === null || v.endedOn >= v.startedOn, { message: '离任日期不能早于任职开始日期', path: ['endedOn'] });

// ---------------------------------------------------------------- outputs

const n = z.number().nullable();
const s = z.string().nullable();

export const ProfileValues = z.object({
  households: n,
  residentPopulation: n,
  floatingPopulation: n,
  areaM2: n,
  arableLandMuX100: n,
  forestLandMuX100: n,
  partyOrgType: s,
  memberTotal: n,
  memberFemale: n,
  memberUnder35: n,
  memberOver70: n,
  memberAvgAgeX10: n,
  memberOutflow: n,
  memberInflow: n,
  secretaryName: s,
  secretaryGender: z.enum(GENDERS).nullable(),
  secretaryBirthMonth: s,
  secretaryEducation: s,
  secretarySinceMonth: s,
  /** masked unless revealed */
  secretaryPhone: s,
  secretaryIsDirector: z.boolean(),
  directorName: s,
  directorPhone: s,
  supervisorName: s,
  supervisorPhone: s,
  committeeCount: n,
  graduateOfficial: s,
  partyAssistant: s,
  coopLed: z.boolean(),
  coopName: s,
  venueAreaM2X100: n,
  venueMeetsStandard: z.boolean().nullable(),
  note: s,
});

/** The unit's own fields (组织架构) with the profile; a unit without a saved profile has every figure null. */
export const VillageProfile = ProfileValues.extend({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  streetId: z.number(),
  streetCode: z.string(),
  streetName: z.string(),
  /** unit_kind dictionary value */
  kind: z.string(),
  urbanRuralClass: z.enum(URBAN_RURAL_CLASS_VALUES).nullable(),
  status: z.enum(UNIT_STATUSES),
  /** false until the profile is saved for the first time */
  saved: z.boolean(),
  updatedAt: s,
  /** true when the phones are shown in full (reveal granted and logged) */
  phonesRevealed: z.boolean(),
});
export type VillageProfile = z.infer<typeof VillageProfile>;

export const IncomeBandKey = z.enum(INCOME_BAND_KEYS);

export const VillageYear = z.object({
  id: z.number(),
  unitId: z.number(),
  year: z.number(),
  collectiveIncomeFen: n,
  collectiveAssetsFen: n,
  liabilitiesFen: n,
  starRating: s,
  fortressIndex: s,
  weakOrg: z.boolean(),
  households: n,
  residentPopulation: n,
  floatingPopulation: n,
  memberTotal: n,
  note: s,
  /** band of the income under the current settings; null when the income is not reported */
  incomeBand: IncomeBandKey.nullable(),
  incomeBandLabel: s,
  updatedAt: z.string(),
});
export type VillageYear = z.infer<typeof VillageYear>;

export const FirstSecretary = z.object({
  id: z.number(),
  unitId: z.number(),
  name: z.string(),
  dispatchingUnit: s,
  startedOn: z.string(),
  endedOn: s,
  current: z.boolean(),
  note: s,
  updatedAt: z.string(),
});
export type FirstSecretary = z.infer<typeof FirstSecretary>;

export const VillageDetail = z.object({
  profile: VillageProfile,
  /** newest year first */
  years: z.array(VillageYear),
  /** the current one first, then past ones, latest first */
  firstSecretaries: z.array(FirstSecretary),
  currentFirstSecretary: FirstSecretary.nullable(),
});
export type VillageDetail = z.infer<typeof VillageDetail>;

export const IncomeBandInfo = z.object({ key: IncomeBandKey, label: z.string(), range: z.string() });
export type IncomeBandInfo = z.infer<typeof IncomeBandInfo>;

// ---------------------------------------------------------------- list

export const VILLAGE_SORTS = ['code', 'name', 'street', 'income', 'memberTotal', 'residentPopulation', 'households'] as const;
export type VillageSort = (typeof VILLAGE_SORTS)[number];
/** incomeBand filter: a band, or the units with no income reported for the year */
export const INCOME_BAND_FILTERS = [...INCOME_BAND_KEYS, 'unreported'] as const;
export const VILLAGE_MAX_PAGE_SIZE = 500;

/** '' and null from a form mean "no filter". */
const filter = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const ListVillagesInput = z
  .object({
    /** default: the working year (设置 → 工作年度) */
    year: filter(villageYear),
    streetId: filter(id('街道（镇）')),
    /** unit_kind values */
    kinds: filter(z.array(z.string().max(40), { error: '单位类别不正确' }).max(50, '单位类别过多')),
    incomeBand: filter(z.enum(INCOME_BAND_FILTERS, { error: '收入档次不正确' })),
    starRating: filter(z.string().max(40, '评星定级不正确')),
    fortressIndex: filter(z.string().max(40, '堡垒指数不正确')),
    weak: filter(z.boolean({ error: '软弱涣散筛选不正确' })),
    hasFirstSecretary: filter(z.boolean({ error: '第一书记筛选不正确' })),
    coopLed: filter(z.boolean({ error: '领办合作社筛选不正确' })),
    /** name, code (prefix), pinyin initials, or the name of the secretary or first secretary */
    text: filter(z.string().max(50, '搜索内容不能超过50个字')),
    includeRetired: z.boolean().default(false),
    sort: z.enum(VILLAGE_SORTS, { error: '排序方式不正确' }).default('code'),
    direction: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('asc'),
    /** 0-based, as the data grid counts */
    page: z.number().int().min(0, '页码不正确').default(0),
    pageSize: z.number().int().min(1, '每页条数不正确').max(VILLAGE_MAX_PAGE_SIZE, `每页最多 ${VILLAGE_MAX_PAGE_SIZE} 条`).default(50),
  })
  .default({ includeRetired: false, sort: 'code', direction: 'asc', page: 0, pageSize: 50 });
export type ListVillagesInput = z.input<typeof ListVillagesInput>;

export const VillageListRow = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  streetId: z.number(),
  streetName: z.string(),
  kind: z.string(),
  status: z.enum(UNIT_STATUSES),
  // current profile
  households: n,
  residentPopulation: n,
  memberTotal: n,
  partyOrgType: s,
  secretaryName: s,
  secretaryIsDirector: z.boolean(),
  coopLed: z.boolean(),
  venueMeetsStandard: z.boolean().nullable(),
  firstSecretaryName: s,
  // the year's row (all null / false when there is none)
  hasYear: z.boolean(),
  collectiveIncomeFen: n,
  collectiveAssetsFen: n,
  liabilitiesFen: n,
  incomeBand: IncomeBandKey.nullable(),
  incomeBandLabel: s,
  starRating: s,
  fortressIndex: s,
  weakOrg: z.boolean(),
  yearResidentPopulation: n,
  yearMemberTotal: n,
});
export type VillageListRow = z.infer<typeof VillageListRow>;

export const VillagePage = z.object({ year: z.number(), rows: z.array(VillageListRow), total: z.number(), bands: z.array(IncomeBandInfo) });
export type VillagePage = z.infer<typeof VillagePage>;

// ---------------------------------------------------------------- reports

const reportScope = {
  year: filter(villageYear),
  /** unit_kind values; default every kind */
  kinds: filter(z.array(z.string().max(40), { error: '单位类别不正确' }).max(50, '单位类别过多')),
};

const bandCounts = z.object({ weak: z.number(), general: z.number(), standard: z.number(), rich: z.number() });
export const BandCountRow = z.object({
  counts: bandCounts,
  /** no income reported for the year */
  unreported: z.number(),
  /** units in the row (bands + unreported) */
  total: z.number(),
  /** 达标 and above (standard + rich): the "进十" count */
  standardOrAbove: z.number(),
});
export type BandCountRow = z.infer<typeof BandCountRow>;

export const IncomeBandReport = z.object({
  year: z.number(),
  bands: z.array(IncomeBandInfo),
  streets: z.array(BandCountRow.extend({ streetId: z.number(), streetCode: z.string(), streetName: z.string() })),
  totals: BandCountRow,
});
export type IncomeBandReport = z.infer<typeof IncomeBandReport>;

export const BandMover = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  streetId: z.number(),
  streetName: z.string(),
  fromBand: IncomeBandKey,
  fromLabel: z.string(),
  fromIncomeFen: z.number(),
  toBand: IncomeBandKey,
  toLabel: z.string(),
  toIncomeFen: z.number(),
  direction: z.enum(['up', 'down']),
});
export type BandMover = z.infer<typeof BandMover>;

export const BandMoversReport = z.object({
  year: z.number(),
  previousYear: z.number(),
  bands: z.array(IncomeBandInfo),
  /** units whose band in `year` differs from `previousYear` (both incomes reported), by street and code */
  movers: z.array(BandMover),
  summary: z.object({
    /** units with an income reported in both years */
    comparable: z.number(),
    up: z.number(),
    down: z.number(),
    /** from below 达标 to 达标 or above ("破五进十" progress) */
    reachedStandard: z.number(),
    /** from 达标 or above to below it */
    fellBelowStandard: z.number(),
    /** 达标 or above among comparable units, each year */
    standardOrAbovePrevious: z.number(),
    standardOrAbove: z.number(),
  }),
});
export type BandMoversReport = z.infer<typeof BandMoversReport>;

// ---------------------------------------------------------------- methods

export const villagesApi = {
  list: query('村情档案列表：按街道、类别、收入档次、星级、软弱涣散、第一书记筛选，分页', EVERYONE, ListVillagesInput, VillagePage),
  get: query(
    '一个村（社区）的村情档案：基本情况、各年度数据、第一书记任职记录',
    EVERYONE,
    z.object({ unitId, reveal: z.boolean({ error: '“显示完整电话”应为是或否' }).default(false) }),
    VillageDetail,
  ),
  saveProfile: mutation('修改村情档案基本情况', EDITORS, SaveProfileInput, VillageProfile),
  saveYear: mutation('保存村情档案某一年度的数据（不影响其他年度）', EDITORS, SaveYearInput, VillageYear),
  deleteYear: mutation('删除村情档案某一年度的数据', EDITORS, DeleteYearInput, z.object({ done: z.literal(true) })),
  setFirstSecretary: mutation('任命第一书记（前任转入历史记录）', EDITORS, SetFirstSecretaryInput, FirstSecretary),
  endFirstSecretary: mutation('第一书记离任（保留历史记录）', EDITORS, EndFirstSecretaryInput, FirstSecretary),
  updateFirstSecretary: mutation('更正第一书记任职记录', EDITORS, UpdateFirstSecretaryInput, FirstSecretary),
  incomeBandReport: query('各街道村集体经营性收入分档统计', EVERYONE, z.object(reportScope).default({}), IncomeBandReport),
  exportList: mutation(
    '导出村情档案列表为 Excel（按当前筛选和显示的列）',
    EVERYONE,
    z.object({
      filter: ListVillagesInput,
      columns: z.array(z.enum(VILLAGE_LIST_FIELDS, { error: '没有这一列' })).min(1, '请至少选择一列').max(VILLAGE_LIST_FIELDS.length),
    }),
    ExportedFile,
  ),
  exportBandReport: mutation('导出收入分档统计和档次变化为 Excel（导出记入日志）', EVERYONE, z.object(reportScope).default({}), ExportedFile),
  bandMovers: query('收入档次较上年变化的村（“破五进十”进展）', EVERYONE, z.object({ ...reportScope, streetId: filter(id('街道（镇）')) }).default({}), BandMoversReport),
};
