import { z } from 'zod';
import { mutation, query } from './define';
import { EDITORS, EVERYONE } from '../domain/roles';
import { digitsText, id, isoDate, optionalText, requiredText, streetCode, unitCode } from './fields';
import { STREET_KINDS, URBAN_RURAL_CLASS_VALUES } from '../domain/division';

/** 组织架构: the district's streets/towns (level "street") and villages/communities (level "unit"). */

export const UNIT_LEVELS = ['street', 'unit'] as const;
export const UNIT_STATUSES = ['active', 'retired'] as const;
export const UNIT_STATUS_LABELS: Record<(typeof UNIT_STATUSES)[number], string> = { active: '在册', retired: '已撤销' };
export const UNIT_SOURCES = ['national', 'manual'] as const;
export const UNIT_SOURCE_LABELS: Record<(typeof UNIT_SOURCES)[number], string> = {
  national: '国家区划库',
  manual: '手工添加',
};

export const UnitRow = z.object({
  id: z.number(),
  level: z.enum(UNIT_LEVELS),
  parentId: z.number().nullable(),
  /** the street's name, for units; null for streets */
  streetName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  /** streets: 街道/镇/乡/其他; units: a value of the 单位类别 dictionary */
  kind: z.string(),
  urbanRuralClass: z.enum(URBAN_RURAL_CLASS_VALUES).nullable(),
  status: z.enum(UNIT_STATUSES),
  retiredOn: z.string().nullable(),
  retireReason: z.string().nullable(),
  source: z.enum(UNIT_SOURCES),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type UnitRow = z.infer<typeof UnitRow>;

export const StreetNode = UnitRow.extend({ units: z.array(UnitRow) });
export type StreetNode = z.infer<typeof StreetNode>;

export const CodeChange = z.object({
  id: z.number(),
  oldCode: z.string(),
  newCode: z.string(),
  oldStreetName: z.string().nullable(),
  newStreetName: z.string().nullable(),
  effectiveOn: z.string(),
  reason: z.string(),
  recordedAt: z.string(),
});
export type CodeChange = z.infer<typeof CodeChange>;

export const UnitDetail = UnitRow.extend({
  codeHistory: z.array(CodeChange),
  activeUnitCount: z.number(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

const includeRetired = z.boolean().default(false);
const urbanRuralClassField = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.enum(URBAN_RURAL_CLASS_VALUES, { error: '城乡分类代码不在国家标准列表中' }).nullable(),
);
const urbanRuralClass = urbanRuralClassField.default(null);

export const CreateStreetInput = z.object({
  level: z.literal('street'),
  code: streetCode,
  name: requiredText('街道（镇）名称', 50),
  kind: z.enum(STREET_KINDS, { error: '请选择街道（镇）类别' }),
  note: optionalText('备注').default(null),
});
export const CreateUnitInput = z.object({
  level: z.literal('unit'),
  parentId: id('所属街道（镇）'),
  code: unitCode,
  name: requiredText('村（社区）名称', 50),
  fullName: optionalText('村（社区）全称', 100).default(null),
  kind: requiredText('单位类别', 20),
  urbanRuralClass,
  note: optionalText('备注').default(null),
});
export const CreateInput = z.discriminatedUnion('level', [CreateStreetInput, CreateUnitInput], { error: '请指明新增的是街道（镇）还是村（社区）' });
export type CreateInput = z.input<typeof CreateInput>;

/**
 * Editing never changes the code or the street: that is a code change with history (changeCode).
 * A field left out keeps its value; an empty full name falls back to the name.
 */
export const UpdateInput = z.object({
  id: id('单位'),
  name: requiredText('名称', 50),
  fullName: optionalText('全称', 100).optional(),
  kind: requiredText('类别', 20),
  urbanRuralClass: urbanRuralClassField.optional(),
  note: optionalText('备注').optional(),
});
export type UpdateInput = z.input<typeof UpdateInput>;

/** 村改居, re-coding, or moving a unit to another street: the old code is kept as history. */
export const ChangeCodeInput = z.object({
  id: id('单位'),
  /** for units: the street it will sit under (may stay the same) */
  parentId: id('所属街道（镇）').optional(),
  /** 9 digits for a street, 12 for a unit: the service checks it against the level */
  newCode: digitsText('新代码'),
  effectiveOn: isoDate('变更日期'),
  reason: requiredText('变更原因', 200),
  /** optional new kind at the same time (e.g. 行政村 → 村改居社区) */
  kind: z.string().trim().min(1).optional(),
  /** optional new name at the same time (村改居 often renames 某某村 → 某某社区) */
  name: requiredText('新名称', 50).optional(),
});
export type ChangeCodeInput = z.input<typeof ChangeCodeInput>;

export const RetireInput = z.object({
  id: id('单位'),
  retiredOn: isoDate('撤销日期'),
  reason: requiredText('撤销原因', 200),
});
export type RetireInput = z.input<typeof RetireInput>;

export const unitsApi = {
  tree: query('组织架构树：全部街道（镇）及其村（社区）', EVERYONE, z.object({ includeRetired }).default({ includeRetired: false }), z.array(StreetNode)),
  search: query(
    '按名称、代码或拼音首字母查找街道（镇）和村（社区）', EVERYONE,
    z.object({
      query: z.string().max(50, '查找内容不能超过50个字'),
      includeRetired,
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.array(UnitRow),
  ),
  get: query('单位详情（含代码变更历史）', EVERYONE, z.object({ id: id('单位') }), UnitDetail),
  create: mutation('新增街道（镇）或村（社区）', EDITORS, CreateInput, UnitRow),
  update: mutation('修改单位的名称、类别、城乡分类和备注', EDITORS, UpdateInput, UnitRow),
  changeCode: mutation('变更单位代码（村改居、调整所属街道），旧代码留作历史', EDITORS, ChangeCodeInput, UnitDetail),
  retire: mutation('撤销单位（保留历史记录）', EDITORS, RetireInput, UnitRow),
  restore: mutation('恢复已撤销的单位', EDITORS, z.object({ id: id('单位') }), UnitRow),
};
