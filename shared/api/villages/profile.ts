import { z } from 'zod';
import { optionalText } from '../fields';
import { UNIT_STATUSES } from '../units';
import { URBAN_RURAL_CLASS_VALUES } from '../../domain/division';
import type { RuleIssue } from '../../domain/income-bands';
import { n, s, someField, unitId } from './common';
import { count, dictValue, flag, gender, GENDERS, optionalFlag, phone, quantity, yearMonth } from './value-schemas';
import type { YearField } from './years';

/**
 * The current profile of a village (one per unit, a partial update at a time): its fields,
 * their labels and sections, the rules between fields (profileIssues), and the profile as output.
 */

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

// ---------------------------------------------------------------- output

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
