import type { DictionaryName } from '../../../shared/domain/dictionaries';
import type { Db } from '../context';
import { DomainError, invalid } from '../errors';
import { findUnit, type OrgUnitRecord } from '../units/unit-row';

/**
 * Who may receive a programme's money, by its 拨付对象类别 (fund_recipient_kind):
 *  - 'street' (街道): an active 街道（镇）;
 *  - 'village' (村): an active 村（社区） of any 单位类别 — village-level money (运转经费, 为民服务
 *    经费 …) goes to 行政村, 村改居社区 and 城市社区 alike;
 *  - 'community' (社区): an active 村（社区） that is not a 行政村 (单位类别 other than 'village');
 *  - 'person' (个人): a person, by name (书记津贴 …), never a unit;
 *  - any other kind an administrator adds: any active unit, street or village, never a person.
 * A retired unit receives nothing new; an allocation made before it was retired stays.
 */

/** Labels of dictionary values, value → label, for the given dictionaries. */
export async function loadLabels(db: Db, names: readonly DictionaryName[]): Promise<Map<string, Map<string, string>>> {
  const rows = await db.selectFrom('dict_items').select(['dict', 'value', 'label']).where('dict', 'in', [...names]).execute();
  const out = new Map<string, Map<string, string>>(names.map((n) => [n, new Map()]));
  for (const r of rows) out.get(r.dict)!.set(r.value, r.label);
  return out;
}

export const labelOf = (labels: Map<string, Map<string, string>>, dict: DictionaryName, value: string): string => labels.get(dict)?.get(value) ?? value;

export interface RecipientRule {
  /** the programme's recipient kind (fund_recipient_kind value) and its label */
  kind: string;
  kindLabel: string;
  /** 单位类别 labels, to name a unit's kind */
  unitKindLabels: Map<string, string>;
}

export async function recipientRule(db: Db, recipientKind: string): Promise<RecipientRule> {
  const labels = await loadLabels(db, ['fund_recipient_kind', 'unit_kind']);
  return { kind: recipientKind, kindLabel: labelOf(labels, 'fund_recipient_kind', recipientKind), unitKindLabels: labels.get('unit_kind')! };
}

/**
 * Why this unit cannot receive money of this programme, or null when it can. `existing`: an
 * allocation already made (a programme's kind being changed) — a unit retired since keeps it.
 */
export function unitMisfit(rule: RecipientRule, unit: OrgUnitRecord, options: { existing?: boolean } = {}): string | null {
  if (unit.status !== 'active' && !options.existing) return `“${unit.name}”已撤销，不能分配经费`;
  const kinds = `本项目的拨付对象是“${rule.kindLabel}”`;
  switch (rule.kind) {
    case 'person':
      return `${kinds}，请填写受款人姓名，不能选择单位（“${unit.name}”）`;
    case 'street':
      return unit.level === 'street' ? null : `“${unit.name}”是村（社区），${kinds}，请选择街道（镇）`;
    case 'village':
      return unit.level === 'unit' ? null : `“${unit.name}”是街道（镇），${kinds}，请选择村（社区）`;
    case 'community':
      if (unit.level !== 'unit') return `“${unit.name}”是街道（镇），${kinds}，请选择社区`;
      return unit.kind === 'village' ? `“${unit.name}”是${rule.unitKindLabels.get(unit.kind) ?? '行政村'}，${kinds}，请选择社区` : null;
    default:
      return null;
  }
}

/** Why a person cannot receive money of this programme, or null when they can. */
export const personMisfit = (rule: RecipientRule): string | null =>
  rule.kind === 'person' ? null : `本项目的拨付对象是“${rule.kindLabel}”，请选择单位，不能填写个人姓名`;

/** The unit a single allocation names, checked against the programme's rule. */
export async function requireRecipientUnit(db: Db, rule: RecipientRule, unitId: number): Promise<OrgUnitRecord> {
  const unit = await findUnit(db, unitId);
  if (!unit) {
    const message = '所选拨付对象不存在或已被删除';
    throw new DomainError('NOT_FOUND', message, { recipient: message });
  }
  const misfit = unitMisfit(rule, unit);
  if (misfit) throw invalid('recipient', misfit);
  return unit;
}
