import type { DictionaryName } from '../../../shared/domain/dictionaries';
import type { Db } from '../context';
import { DomainError, invalid } from '../errors';
import { requireActiveValue } from '../dictionaries/dictionaries-service';
import { findUnit, type OrgUnitRecord } from '../units/unit-row';

/**
 * Checks every 村情档案 change passes first, with the words the clerk reads. The database holds
 * the same rules (migration 004: CHECKs and triggers); these give the friendly message first.
 */

export interface VillageUnit {
  unit: OrgUnitRecord;
  street: OrgUnitRecord;
}

/** The village/community a file belongs to; a street (or nothing) is refused, naming the field. */
export async function requireVillageUnit(db: Db, unitId: number, field = 'unitId'): Promise<VillageUnit> {
  const unit = await findUnit(db, unitId);
  if (!unit) {
    const message = '该村（社区）不存在或已被删除';
    throw new DomainError('NOT_FOUND', message, { [field]: message });
  }
  if (unit.level !== 'unit') {
    throw invalid(field, `“${unit.name}”是街道（镇），村情档案只建在村（社区）上，请选择村（社区）`);
  }
  const street = await findUnit(db, unit.parent_id!);
  if (!street) throw new DomainError('INTERNAL', '单位所属的街道（镇）不存在，数据不完整，请联系技术支持');
  return { unit, street };
}

/**
 * A dictionary value a save sets: must exist and be in use, unless the record already holds it
 * (a value retired since then stays valid for that record). Blank (null) and absent pass.
 */
export async function checkDictionaryValue(
  db: Db,
  name: DictionaryName,
  value: string | null | undefined,
  options: { field: string; current: string | null },
): Promise<void> {
  if (value === undefined || value === null) return;
  await requireActiveValue(db, name, value, options);
}
