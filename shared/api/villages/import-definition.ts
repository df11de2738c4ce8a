import { defineRecord, type ColumnDefinition } from '../../domain/parse/definition';
import { streetNameColumn, unitCodeColumn, unitNameColumn } from '../../domain/parse/column-presets';
import type { DictionaryOption } from '../../domain/parse/dictionary';
import { GENDER_LABELS } from './value-schemas';
import { isUnitCode } from '../../domain/division';
import { profileFields, type ProfileField } from './profile';
import { VILLAGE_QUANTITIES, type VillageQuantity } from './units-of-measure';
import type { YearField } from './years';

/**
 * What a 村情 sheet from a street may hold, for the import engine: which unit a row is (区划代码,
 * or 街道 + 村（社区）名称), every profile field (DOMAIN §1), and the yearly figures, which go to
 * the one year the clerk chose in the wizard. Field keys are the API's own (saveProfile /
 * saveYear), so a parsed row is checked by the same schemas as a form. The labels are the
 * template's headers; the synonyms are the header texts streets actually use.
 */

/** Profile fields that are also yearly figures: an imported value goes to the profile and that year's row. */
export const SHARED_YEAR_FIELDS = ['households', 'residentPopulation', 'floatingPopulation', 'memberTotal'] as const satisfies readonly (ProfileField & YearField)[];

/** Yearly fields a sheet may hold besides the shared ones (备注 goes to the profile). */
export const IMPORT_YEAR_FIELDS = ['collectiveIncomeFen', 'collectiveAssetsFen', 'liabilitiesFen', 'starRating', 'fortressIndex', 'weakOrg'] as const satisfies readonly YearField[];

/** Columns that say which unit a row is; not saved as data. */
export const IDENTITY_FIELDS = ['streetName', 'unitName', 'code', 'kind'] as const;

/** A dictionary the import needs that is not configurable: 性别. */
export const GENDER_OPTIONS: readonly DictionaryOption[] = Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label, aliases: [`${label}性`] }));

/** A decimal quantity column, stored as an integer of its unit (VILLAGE_QUANTITIES). */
function quantityColumn(field: VillageQuantity, synonyms: string[], max?: number): ColumnDefinition {
  const q = VILLAGE_QUANTITIES[field];
  return { field, label: `${q.label}（${q.unit}）`, synonyms, kind: 'decimal', scale: Math.round(Math.log10(q.scale)), scaledInteger: true, max, dash: 'blank' };
}

const count = (field: ProfileField, label: string, synonyms: string[], max?: number): ColumnDefinition => ({ field, label, synonyms, kind: 'integer', max: max ?? 10_000_000, dash: 'blank' });

export const VILLAGE_IMPORT = defineRecord({
  key: 'villages',
  label: '村情档案',
  columns: [
    streetNameColumn(),
    unitNameColumn({ label: '村（社区）名称', required: true }),
    unitCodeColumn((v) => (isUnitCode(v) ? null : '区划代码应为12位数字')),
    { field: 'kind', label: '单位类别', synonyms: ['类别', '村（社区）类别', '类型'], kind: 'dictionary', dictionary: 'unit_kind' },
    // 基本情况
    count('households', '户数', ['总户数']),
    count('residentPopulation', '常住人口', ['常住人口数', '人口', '总人口']),
    count('floatingPopulation', '流动人口', ['流动人口数', '外来人口']),
    quantityColumn('areaM2', ['面积', '村域面积', '辖区面积'], 10_000),
    quantityColumn('arableLandMuX100', ['耕地', '耕地面积']),
    quantityColumn('forestLandMuX100', ['林地', '林地面积']),
    // 党组织和党员
    { field: 'partyOrgType', label: '党组织类型', synonyms: ['党组织设置', '党组织设置类型', '组织类型'], kind: 'dictionary', dictionary: 'party_org_type' },
    count('memberTotal', '党员总数', ['党员人数', '党员数', '党员人数/总数', '党员人数/合计', '党员/总数', '党员/合计']),
    count('memberFemale', '女党员数', ['女党员', '女党员人数', '党员人数/女', '党员/女', '其中女党员']),
    count('memberUnder35', '35岁及以下党员数', ['35岁以下党员', '35岁及以下党员', '党员人数/35岁及以下', '党员人数/35岁以下', '党员/35岁以下', '35岁以下']),
    count('memberOver70', '70岁及以上党员数', ['70岁以上党员', '70岁及以上党员', '党员人数/70岁及以上', '党员人数/70岁以上', '党员/70岁以上', '70岁以上']),
    { ...quantityColumn('memberAvgAgeX10', ['平均年龄', '党员平均年龄'], 100), min: 18 },
    count('memberOutflow', '流出党员数', ['流出党员', '外出党员', '党员人数/流出']),
    count('memberInflow', '流入党员数', ['流入党员', '党员人数/流入']),
    // 党组织书记
    { field: 'secretaryName', label: '党组织书记', synonyms: ['书记', '书记姓名', '党组织书记姓名', '支部书记', '村党组织书记', '党组织书记/姓名', '书记/姓名'], kind: 'text', maxLength: 20 },
    { field: 'secretaryGender', label: '书记性别', synonyms: ['性别', '党组织书记/性别', '书记/性别'], kind: 'dictionary', dictionary: 'gender' },
    { field: 'secretaryBirthMonth', label: '书记出生年月', synonyms: ['出生年月', '党组织书记/出生年月', '书记/出生年月'], kind: 'month' },
    { field: 'secretaryEducation', label: '书记学历', synonyms: ['学历', '文化程度', '党组织书记/学历', '书记/学历'], kind: 'dictionary', dictionary: 'education_level' },
    { field: 'secretarySinceMonth', label: '书记任现职时间', synonyms: ['任现职时间', '任职时间', '党组织书记/任现职时间', '书记/任职时间'], kind: 'month' },
    { field: 'secretaryPhone', label: '书记联系电话', synonyms: ['书记电话', '联系电话', '党组织书记/联系电话', '书记/联系电话', '书记手机'], kind: 'code', maxLength: 30 },
    { field: 'secretaryIsDirector', label: '书记主任“一肩挑”', synonyms: ['一肩挑', '是否一肩挑', '书记主任一肩挑', '书记、主任一肩挑'], kind: 'boolean' },
    // 村级组织班子
    { field: 'directorName', label: '村（居）委会主任', synonyms: ['主任', '村委会主任', '居委会主任', '村（居）委会主任姓名', '主任姓名'], kind: 'text', maxLength: 20 },
    { field: 'directorPhone', label: '主任联系电话', synonyms: ['主任电话', '村委会主任电话'], kind: 'code', maxLength: 30 },
    { field: 'supervisorName', label: '监委会主任', synonyms: ['村务监督委员会主任', '监督委员会主任', '村（居）务监督委员会主任'], kind: 'text', maxLength: 20 },
    { field: 'supervisorPhone', label: '监委会主任联系电话', synonyms: ['监委会主任电话', '监委会电话'], kind: 'code', maxLength: 30 },
    count('committeeCount', '“两委”成员人数', ['两委成员人数', '两委成员', '两委人数', '“两委”成员'], 100),
    { field: 'graduateOfficial', label: '大学生村官', synonyms: ['大学生村官姓名'], kind: 'text', maxLength: 100 },
    { field: 'partyAssistant', label: '党建助理员', synonyms: ['党建助理', '党建指导员'], kind: 'text', maxLength: 100 },
    // 集体经济与阵地
    { field: 'coopLed', label: '党支部领办合作社', synonyms: ['领办合作社', '是否领办合作社', '党组织领办合作社'], kind: 'boolean' },
    { field: 'coopName', label: '合作社名称', synonyms: ['合作社'], kind: 'text', maxLength: 100 },
    quantityColumn('venueAreaM2X100', ['活动场所面积', '阵地面积', '办公活动场所面积']),
    { field: 'venueMeetsStandard', label: '活动场所是否达标', synonyms: ['活动场所达标', '阵地是否达标', '场所是否达标'], kind: 'boolean' },
    // 年度数据（写入向导中选定的年度）
    {
      field: 'collectiveIncomeFen',
      label: '集体经营性收入（万元）',
      synonyms: ['村集体经营性收入', '经营性收入', '集体收入', '村集体收入', '集体经济收入'],
      kind: 'money',
      unit: '万元',
      allowNegative: true,
      dash: 'blank',
    },
    { field: 'collectiveAssetsFen', label: '集体资产（万元）', synonyms: ['集体资产总额', '资产总额', '村集体资产'], kind: 'money', unit: '万元', dash: 'blank' },
    { field: 'liabilitiesFen', label: '负债（万元）', synonyms: ['负债总额', '村集体负债', '债务'], kind: 'money', unit: '万元', dash: 'blank' },
    { field: 'starRating', label: '评星定级', synonyms: ['星级', '星级评定', '评星定级结果'], kind: 'dictionary', dictionary: 'star_rating' },
    { field: 'fortressIndex', label: '堡垒指数', synonyms: ['战斗堡垒指数'], kind: 'dictionary', dictionary: 'fortress_index' },
    { field: 'weakOrg', label: '软弱涣散', synonyms: ['是否软弱涣散', '软弱涣散党组织', '是否为软弱涣散'], kind: 'boolean' },
    { field: 'note', label: '备注', synonyms: ['说明'], kind: 'text', maxLength: 1000 },
  ],
});

/*
 * Phones, 年月 and counts are checked again by the form's own schemas when a row is planned
 * (electron/services/villages/village-import.ts), so a rule lives in one place.
 */

/** Every profile field has a column (a test holds this as fields are added). */
export const PROFILE_FIELDS_IMPORTED: readonly ProfileField[] = VILLAGE_IMPORT.columns.map((c) => c.field).filter((f): f is ProfileField => f in profileFields);

/** The unit of measure a quantity column's header may state; another unit there is a blocker (亩 read as 平方公里). */
export const QUANTITY_UNIT_WORDS: Record<string, readonly string[]> = {
  平方公里: ['平方公里', 'km2', 'km²', '平方千米'],
  亩: ['亩'],
  平方米: ['平方米', '㎡', 'm2', 'm²', '平米'],
  岁: ['岁'],
};
