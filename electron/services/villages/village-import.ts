import type { VillageImportOptions } from '../../../shared/api/villages/module';
import {
  GENDER_OPTIONS,
  IMPORT_YEAR_FIELDS,
  QUANTITY_UNIT_WORDS,
  SHARED_YEAR_FIELDS,
  VILLAGE_IMPORT,
} from '../../../shared/api/villages/import-definition';
import { PROFILE_FIELDS, profileFields, profileIssues, VILLAGE_FIELD_LABELS } from '../../../shared/api/villages/profile';
import { yearFields, type YearField } from '../../../shared/api/villages/years';
import { PROFILE_FIELD_KINDS, YEAR_FIELD_KINDS, displayFieldValue, type FieldKind } from '../../../shared/api/villages/field-kinds';
import { VILLAGE_QUANTITIES, type VillageQuantity } from '../../../shared/api/villages/units-of-measure';
import { streetCodeOf } from '../../../shared/domain/division';
import { formatYuan } from '../../../shared/domain/money';
import { compactName, streetNameKey } from '../../../shared/domain/text';
import type { DictionaryOption } from '../../../shared/domain/parse/dictionary';
import type { ColumnMapping } from '../../../shared/domain/parse/mapping';
import type { ImportedValue, ImportProblem, ParsedRecord } from '../../../shared/domain/parse/index';
import type { z } from 'zod';
import type { Db } from '../context';
import type { FileCheck, Importer, RowPlan } from '../imports/importer';
import { insertVillageUnit } from '../units/units-commands';
import type { OrgUnitRecord } from '../units/unit-row';
import { profileValues, yearValues, type Profile, type ProfileRecord, type YearRecord, type YearValues } from './village-records';
import { writeProfile, writeYear } from './villages-commands';


/** What the wizard passed, as the module's schema parsed it. */
type Options = z.output<typeof VillageImportOptions>;
/**
 * 村情档案 through the import engine. A row is a unit, found by 区划代码 (also a former code), or
 * by 街道 + 名称, or by a name unique in the district; a row with a new 12-digit code under one
 * of our streets creates the unit. Blank cells keep what is stored (an import never clears a
 * field); a value is checked by the same schema and cross-field rules as the form. Profile
 * fields update the current profile; yearly figures go to the chosen year only, and when the
 * unit already has a newer year the profile is left alone (an old year's sheet must not undo
 * today's file).
 */

export interface VillagePlan {
  /** set when the row creates the unit */
  create: { street: OrgUnitRecord; code: string; name: string; kind: string } | null;
  unit: OrgUnitRecord | null;
  profileRecord: ProfileRecord | undefined;
  profileChanges: Partial<Profile>;
  yearRecord: YearRecord | undefined;
  yearChanges: Partial<YearValues>;
}

const DICTIONARIES = ['unit_kind', 'party_org_type', 'education_level', 'star_rating', 'fortress_index'] as const;
const YEAR_COLUMN_FIELDS: readonly YearField[] = [...IMPORT_YEAR_FIELDS, ...SHARED_YEAR_FIELDS];
const NOTE_LIMIT = 6;

const compact = compactName;
const streetKey = streetNameKey;

interface Register {
  streets: OrgUnitRecord[];
  streetById: Map<number, OrgUnitRecord>;
  unitByCode: Map<string, OrgUnitRecord>;
  unitByFormerCode: Map<string, OrgUnitRecord>;
  unitsByName: Map<string, OrgUnitRecord[]>;
  profiles: Map<number, ProfileRecord>;
  years: Map<number, YearRecord>;
  latestYear: Map<number, number>;
  labels: Map<string, Map<string, string>>;
}

async function loadRegister(db: Db, year: number | null, dictionaries: Record<string, readonly DictionaryOption[]>): Promise<Register> {
  const units = await db.selectFrom('org_units').selectAll().execute();
  const streets = units.filter((u) => u.level === 'street' && u.status === 'active');
  const byId = new Map(units.map((u) => [u.id, u]));
  const villages = units.filter((u) => u.level === 'unit');
  const unitByCode = new Map(villages.filter((u) => u.status === 'active').map((u) => [u.code, u]));
  const unitByFormerCode = new Map<string, OrgUnitRecord>();
  for (const h of await db.selectFrom('unit_code_history').select(['unit_id', 'old_code']).orderBy('id').execute()) {
    const unit = byId.get(h.unit_id);
    if (unit && !unitByCode.has(h.old_code)) unitByFormerCode.set(h.old_code, unit);
  }
  const unitsByName = new Map<string, OrgUnitRecord[]>();
  for (const u of villages) {
    for (const name of new Set([compact(u.name), compact(u.full_name)])) unitsByName.set(name, [...(unitsByName.get(name) ?? []), u]);
  }
  const profiles = new Map((await db.selectFrom('village_profiles').selectAll().execute()).map((p) => [p.unit_id, p]));
  const years = new Map(year === null ? [] : (await db.selectFrom('village_years').selectAll().where('year', '=', year).execute()).map((y) => [y.unit_id, y]));
  const latest = await db.selectFrom('village_years').select(['unit_id']).select((eb) => eb.fn.max('year').as('year')).groupBy('unit_id').execute();
  const labels = new Map(Object.entries(dictionaries).map(([k, items]) => [k, new Map(items.map((i) => [i.value, i.label]))]));
  return {
    streets,
    streetById: new Map(streets.map((s) => [s.id, s])),
    unitByCode,
    unitByFormerCode,
    unitsByName,
    profiles,
    years,
    latestYear: new Map(latest.map((l) => [l.unit_id, Number(l.year)])),
    labels,
  };
}

/** Which unit a row is, or why it cannot be told; or what it would create. */
function identify(reg: Register, values: Record<string, ImportedValue>): { unit: OrgUnitRecord | null; create: VillagePlan['create']; problem: string | null; notes: string[] } {
  const code = typeof values.code === 'string' ? values.code : null;
  const name = typeof values.unitName === 'string' ? values.unitName : null;
  const streetName = typeof values.streetName === 'string' ? values.streetName : null;
  const notes: string[] = [];
  const streetOf = (u: OrgUnitRecord) => (u.parent_id === null ? undefined : reg.streetById.get(u.parent_id));
  const namedStreets = streetName === null ? null : reg.streets.filter((s) => streetKey(s.name) === streetKey(streetName) || streetKey(s.full_name) === streetKey(streetName));
  if (namedStreets && namedStreets.length === 0) return { unit: null, create: null, problem: `本区没有名为“${streetName}”的街道（镇）`, notes };

  if (code !== null) {
    const found = reg.unitByCode.get(code) ?? reg.unitByFormerCode.get(code);
    if (found) {
      if (found.status !== 'active') return { unit: null, create: null, problem: `“${found.name}”（${code}）已撤销，不能导入；如需恢复请到“组织架构”中操作`, notes };
      if (found.code !== code) notes.push(`区划代码 ${code} 已变更为 ${found.code}（${found.name}）`);
      if (name !== null && compact(name) !== compact(found.name) && compact(name) !== compact(found.full_name)) notes.push(`表中名称“${name}”与系统中的“${found.name}”不同，按区划代码对应`);
      const street = streetOf(found);
      if (namedStreets && street && !namedStreets.includes(street)) {
        return { unit: null, create: null, problem: `区划代码 ${code} 是${street.name}的“${found.name}”，与表中街道“${streetName}”不符`, notes };
      }
      return { unit: found, create: null, problem: null, notes };
    }
    // a new unit: under one of our streets by its code
    const street = reg.streets.find((s) => s.code === streetCodeOf(code));
    if (!street) return { unit: null, create: null, problem: `区划代码 ${code} 不属于本区任何街道（镇），请核对`, notes };
    if (namedStreets && !namedStreets.includes(street)) return { unit: null, create: null, problem: `区划代码 ${code} 属于${street.name}，与表中街道“${streetName}”不符`, notes };
    if (name === null) return { unit: null, create: null, problem: '新增村（社区）需要填写村（社区）名称', notes };
    const clash = (reg.unitsByName.get(compact(name)) ?? []).find((u) => u.parent_id === street.id && u.status === 'active');
    if (clash) return { unit: null, create: null, problem: `${street.name}已有“${clash.name}”（代码 ${clash.code}），与表中区划代码 ${code} 不符，请核对`, notes };
    const kind = typeof values.kind === 'string' ? values.kind : name.endsWith('村') ? 'village' : name.endsWith('社区') ? 'urban' : null;
    if (kind === null) return { unit: null, create: null, problem: '新增村（社区）需要填写“单位类别”', notes };
    if (values.kind === null || values.kind === undefined) notes.push(`单位类别按名称定为“${reg.labels.get('unit_kind')?.get(kind) ?? kind}”，如不对请在组织架构中修改`);
    return { unit: null, create: { street, code, name, kind }, problem: null, notes: [`新增到${street.name}`, ...notes] };
  }

  if (name === null) return { unit: null, create: null, problem: '请填写村（社区）名称或区划代码', notes };
  const candidates = (reg.unitsByName.get(compact(name)) ?? []).filter((u) => u.status === 'active' && (!namedStreets || namedStreets.some((s) => s.id === u.parent_id)));
  if (candidates.length === 1) return { unit: candidates[0]!, create: null, problem: null, notes };
  if (candidates.length > 1) return { unit: null, create: null, problem: `本区有 ${candidates.length} 个“${name}”，请填写街道或区划代码`, notes };
  const where = streetName ? `${streetName}` : '本区';
  return { unit: null, create: null, problem: `${where}没有“${name}”；如是新设的村（社区），请填写12位区划代码`, notes };
}

/** A field's name for the 'x → y' notes, whose values carry their unit (亩, 元): no storage unit in it. */
const noteLabel = (field: keyof typeof VILLAGE_FIELD_LABELS) =>
  field in VILLAGE_QUANTITIES ? VILLAGE_QUANTITIES[field as VillageQuantity].label : VILLAGE_FIELD_LABELS[field].replace(/（分）$/, '');

/** The field's value as people read it, for the 'x → y' notes. */
function shown(reg: Register, kind: FieldKind, value: unknown): string {
  const text = displayFieldValue(kind, value, { labelOf: (d, v) => reg.labels.get(d)?.get(v) ?? v, formatFen: (f) => `${formatYuan(f)}元`, withUnit: true });
  return text === '' ? '（空）' : text;
}

/** Checks one value with the form's own schema; the message is the schema's (it names the field). */
function checked(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? '内容不正确' };
}

function planRecord(reg: Register, record: ParsedRecord, mapping: ColumnMapping, options: Options, seen: Map<string, number>): RowPlan<VillagePlan> {
  const columnOf = new Map(mapping.columns.filter((c) => c.field).map((c) => [c.field!, c]));
  const problems: ImportProblem[] = [...record.problems];
  const problem = (field: string | null, message: string) => {
    const col = field ? columnOf.get(field) : undefined;
    problems.push({ row: record.row, column: col?.index ?? null, field, header: col?.header ?? null, message });
  };
  const who = identify(reg, record.values);
  const target = who.unit
    ? `${reg.streetById.get(who.unit.parent_id ?? -1)?.name ?? ''} ${who.unit.name}`.trim()
    : who.create
      ? `${who.create.street.name} ${who.create.name}`
      : typeof record.values.unitName === 'string'
        ? record.values.unitName
        : null;
  if (who.problem) problem(who.unit ? null : typeof record.values.code === 'string' ? 'code' : 'unitName', who.problem);

  const notes = [...who.notes];
  const unitId = who.unit?.id ?? null;
  const profileRecord = unitId === null ? undefined : reg.profiles.get(unitId);
  const yearRecord = unitId === null ? undefined : reg.years.get(unitId);
  const before = profileValues(profileRecord);
  const yearBefore = yearValues(yearRecord);

  // profile: every mapped field with a value (blank keeps what is stored)
  const latest = unitId === null ? undefined : reg.latestYear.get(unitId);
  const profileFrozen = options.year !== null && latest !== undefined && latest > options.year;
  const profileChanges: Partial<Profile> = {};
  // 'label old → new' for the first few changes only (formatting every change of 10,000 rows costs seconds)
  const changeNotes: Array<() => string> = [];
  for (const field of PROFILE_FIELDS) {
    const value = record.values[field];
    if (value === null || value === undefined || !columnOf.has(field)) continue;
    const r = checked(profileFields[field], value);
    if (!r.ok) {
      problem(field, r.message);
      continue;
    }
    if (profileFrozen || r.value === before[field]) continue;
    (profileChanges as Record<string, unknown>)[field] = r.value;
    changeNotes.push(() => `${noteLabel(field)} ${shown(reg, PROFILE_FIELD_KINDS[field], before[field])} → ${shown(reg, PROFILE_FIELD_KINDS[field], r.value)}`);
  }
  if (profileFrozen && PROFILE_FIELDS.some((f) => columnOf.has(f) && record.values[f] !== null && record.values[f] !== undefined)) {
    notes.push(`已有 ${latest} 年的数据，基本情况不按本表（${options.year} 年）更新，只写入 ${options.year} 年度数据`);
  }
  // a rule between fields broken by this row's values (a stored value may be the other side)
  const standing = new Set(profileIssues(before).map((i) => i.message));
  for (const issue of profileIssues({ ...before, ...profileChanges })) {
    if (!standing.has(issue.message)) problem(issue.path, issue.message);
  }

  // the chosen year's row only
  const yearChanges: Partial<YearValues> = {};
  if (options.year !== null) {
    for (const field of YEAR_COLUMN_FIELDS) {
      const value = record.values[field];
      if (value === null || value === undefined || !columnOf.has(field)) continue;
      const r = checked(yearFields[field], value);
      if (!r.ok) {
        if (!(SHARED_YEAR_FIELDS as readonly string[]).includes(field)) problem(field, r.message);
        continue;
      }
      if (r.value === yearBefore[field]) continue;
      (yearChanges as Record<string, unknown>)[field] = r.value;
      changeNotes.push(() => `${options.year}年${noteLabel(field)} ${shown(reg, YEAR_FIELD_KINDS[field], yearBefore[field])} → ${shown(reg, YEAR_FIELD_KINDS[field], r.value)}`);
    }
  }

  // one row per unit: the first good row takes it (a rejected row does not block a later correct one)
  const key = who.unit ? `u${who.unit.id}` : who.create ? `c${who.create.code}` : null;
  if (key && problems.length === 0) {
    const first = seen.get(key);
    if (first !== undefined) problem(null, `与第 ${first} 行是同一个村（社区），同一文件中只能出现一次`);
    else seen.set(key, record.row);
  }
  if (problems.length > 0) return { row: record.row, status: 'rejected', target, problems, notes, payload: null };
  const changed = Object.keys(profileChanges).length > 0 || Object.keys(yearChanges).length > 0;
  if (!who.create && !changed) return { row: record.row, status: 'unchanged', target, problems, notes, payload: null };
  notes.push(...changeNotes.slice(0, NOTE_LIMIT).map((note) => note()));
  if (changeNotes.length > NOTE_LIMIT) notes.push(`……共 ${changeNotes.length} 项变化`);
  return {
    row: record.row,
    status: who.create ? 'create' : 'update',
    target,
    problems,
    notes,
    payload: { create: who.create, unit: who.unit, profileRecord, profileChanges, yearRecord, yearChanges },
  };
}

/** A quantity column whose header states another unit (村域面积（亩）) would be read wrongly. */
function unitBlockers(mapping: ColumnMapping): string[] {
  const out: string[] = [];
  for (const c of mapping.columns) {
    if (!c.field || !(c.field in VILLAGE_QUANTITIES)) continue;
    const expected = VILLAGE_QUANTITIES[c.field as VillageQuantity].unit;
    const header = compact(c.header).toLowerCase();
    const stated = Object.entries(QUANTITY_UNIT_WORDS).find(([, words]) => words.some((w) => header.includes(w.toLowerCase())))?.[0];
    // QUANTITY_UNIT_WORDS lists 平方公里 before 平方米, so a 平方公里 header is never taken for 平方米
    if (stated && stated !== expected) {
      out.push(`“${c.header}”的单位是${stated}，系统按${expected}读取“${VILLAGE_QUANTITIES[c.field as VillageQuantity].label}”。请在表中换算成${expected}，或把这一列设为“不导入”`);
    }
  }
  return out;
}

export const villageImporter: Importer<VillagePlan, Options> = {
  kind: 'villages',
  definition: VILLAGE_IMPORT,
  changedData: '村情档案或组织架构',
  templateTitle: '村情档案导入模板',
  templateNotes: [
    '一行填写一个村（社区）。按“区划代码”对应系统中的村（社区）；没有代码时按“街道（镇）”+“村（社区）名称”对应。',
    '表中有、系统中没有的村（社区）会新增，此时必须填写12位区划代码（须属于本区的某个街道）。',
    '空白的单元格不会清空系统中已有的内容；要改的才需要填写。',
    '金额默认单位为万元；如按元填写，请把表头改为“集体经营性收入（元）”，或在表格上方注明“单位：元”。',
    '集体经营性收入、集体资产、负债、评星定级、堡垒指数、软弱涣散等年度数据，写入导入时选择的年度，不影响其他年度。',
    '表格上方可以保留标题行，末尾可以保留“合计”行（导入时会与各行之和核对）。',
    '同一格式的表格再次导入时，会沿用上次确认的列对应关系。',
  ],
  async dictionaries(db) {
    const items = await db.selectFrom('dict_items').select(['dict', 'value', 'label']).where('dict', 'in', [...DICTIONARIES]).where('retired', '=', 0).orderBy('sort_order').execute();
    const out: Record<string, DictionaryOption[]> = { gender: [...GENDER_OPTIONS] };
    for (const d of DICTIONARIES) out[d] = [];
    for (const i of items) out[i.dict]!.push({ value: i.value, label: i.label });
    return out;
  },
  async checkFile(_ctx, mapping, options): Promise<FileCheck> {
    const blockers = unitBlockers(mapping);
    const notes: string[] = [];
    const yearColumns = mapping.columns.filter((c) => c.field && (IMPORT_YEAR_FIELDS as readonly string[]).includes(c.field));
    if (yearColumns.length > 0 && options.year === null) blockers.push(`表中有年度数据（${yearColumns.map((c) => c.header).join('、')}），请先选择写入哪一年`);
    if (options.year !== null) notes.push(`年度数据写入 ${options.year} 年，其他年度不受影响`);
    if (!mapping.columns.some((c) => c.field === 'code')) notes.push('表中没有区划代码列：按“街道（镇）”+“村（社区）名称”对应，不能新增村（社区）');
    return { blockers, notes };
  },
  async plan(db, _ctx, records, mapping, options) {
    const reg = await loadRegister(db, options.year, await this.dictionaries(db));
    const seen = new Map<string, number>();
    return records.map((r) => planRecord(reg, r, mapping, options, seen));
  },
  async apply(trx, ctx, plans, options) {
    for (const p of plans) {
      const plan = p.payload;
      if (!plan || (p.status !== 'create' && p.status !== 'update')) continue;
      let unit: { id: number; name: string };
      if (plan.create) {
        const created = await insertVillageUnit(trx, ctx, plan.create.street, { code: plan.create.code, name: plan.create.name, kind: plan.create.kind });
        unit = { id: created.id, name: created.name };
      } else {
        unit = { id: plan.unit!.id, name: plan.unit!.name };
      }
      if (Object.keys(plan.profileChanges).length > 0) await writeProfile(trx, ctx, unit, plan.profileRecord, plan.profileChanges);
      if (options.year !== null && Object.keys(plan.yearChanges).length > 0) await writeYear(trx, ctx, unit, options.year, plan.yearRecord, plan.yearChanges);
    }
  },
};

