import { isStreetUnderCounty, isUnitUnderStreet, STREET_KINDS, UNIT_CODE_LENGTH, STREET_CODE_LENGTH } from '../../../shared/domain/division';
import type { Db } from '../context';
import { DomainError, conflict, invalid, notFound } from '../errors';
import { readSetting } from '../settings/settings-store';
import { activeHolderOf, findUnit, type OrgUnitRecord } from './unit-row';

/**
 * The checks a save must pass, each with the message the clerk will read. The database
 * holds the same rules as constraints and triggers; these give the friendly words first.
 */

export async function requireDistrictCode(db: Db): Promise<string> {
  const district = await readSetting(db, 'district');
  if (!district) throw new DomainError('NOT_READY', '尚未完成首次设置，请先选择本区');
  return district.code;
}

export async function requireStreetParent(db: Db, parentId: number): Promise<OrgUnitRecord> {
  const parent = await findUnit(db, parentId);
  if (!parent) throw invalid('parentId', '所属街道（镇）不存在');
  if (parent.level !== 'street') {
    throw invalid('parentId', `所属单位必须是街道（镇）：“${parent.name}”是村（社区），村（社区）下不能再设村（社区）`);
  }
  if (parent.status !== 'active') throw invalid('parentId', `所属街道（镇）“${parent.name}”已撤销，请先恢复它或另选街道（镇）`);
  return parent;
}

/** `field` is the input field the code came in (`code` when creating, `newCode` when changing). */
export async function checkStreetCode(db: Db, code: string, options: { exceptId?: number; field?: string } = {}): Promise<void> {
  const field = options.field ?? 'code';
  if (code.length !== STREET_CODE_LENGTH) throw invalid(field, `街道（镇）代码必须是${STREET_CODE_LENGTH}位数字`);
  const districtCode = await requireDistrictCode(db);
  if (!isStreetUnderCounty(code, districtCode)) {
    throw invalid(field, `街道（镇）代码必须以本区代码 ${districtCode} 开头`);
  }
  await checkCodeFree(db, code, field, options.exceptId);
}

export async function checkUnitCode(db: Db, code: string, street: OrgUnitRecord, options: { exceptId?: number; field?: string } = {}): Promise<void> {
  const field = options.field ?? 'code';
  if (code.length !== UNIT_CODE_LENGTH) throw invalid(field, `村（社区）代码必须是${UNIT_CODE_LENGTH}位数字`);
  if (!isUnitUnderStreet(code, street.code)) {
    throw invalid(field, `村（社区）代码必须以所属街道（镇）“${street.name}”的代码 ${street.code} 开头`);
  }
  await checkCodeFree(db, code, field, options.exceptId);
}

async function checkCodeFree(db: Db, code: string, field: string, exceptId?: number): Promise<void> {
  const holder = await activeHolderOf(db, code, exceptId);
  if (holder) throw conflict(field, `代码 ${code} 已被“${holder.name}”使用，同一代码不能重复`);
}

export async function checkNameFree(db: Db, name: string, parentId: number | null, exceptId?: number): Promise<void> {
  let q = db.selectFrom('org_units').select(['id', 'name']).where('name', '=', name).where('status', '=', 'active');
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw conflict('name', parentId === null ? `已有名为“${name}”的街道（镇）` : `本街道（镇）下已有名为“${name}”的村（社区）`);
  }
}

export async function checkKind(db: Db, level: 'street' | 'unit', kind: string): Promise<void> {
  if (level === 'street') {
    if (!(STREET_KINDS as readonly string[]).includes(kind)) throw invalid('kind', `街道（镇）类别只能是：${STREET_KINDS.join('、')}`);
    return;
  }
  const item = await db
    .selectFrom('dict_items')
    .select(['value', 'retired'])
    .where('dict', '=', 'unit_kind')
    .where('value', '=', kind)
    .executeTakeFirst();
  if (!item) throw invalid('kind', '单位类别不在“单位类别”字典中，请从列表中选择');
  if (item.retired) throw invalid('kind', '该单位类别已停用，请选择其他类别');
}

export async function requireUnit(db: Db, id: number): Promise<OrgUnitRecord> {
  const unit = await findUnit(db, id);
  if (!unit) throw notFound('该单位');
  return unit;
}

export async function countActiveChildren(db: Db, streetId: number): Promise<number> {
  return countChildren(db, streetId, true);
}

/** Units under a street; retired ones still carry its code (and their history), so they count for code changes. */
export async function countChildren(db: Db, streetId: number, activeOnly = false): Promise<number> {
  let q = db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', streetId);
  if (activeOnly) q = q.where('status', '=', 'active');
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
