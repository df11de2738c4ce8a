import { unitKindMisfit, type RecipientRule } from '../../../shared/domain/funds/recipients';
import type { DictionaryName } from '../../../shared/domain/dictionaries';
import type { Db } from '../context';
import { DomainError, invalid } from '../errors';
import { findUnit, type OrgUnitRecord } from '../units/unit-row';

/** Who may receive what: shared/api/fund-recipients.ts. A retired unit receives nothing new; an allocation made before it was retired stays. */

/** Labels of dictionary values, value → label, for the given dictionaries. */
export async function loadLabels(db: Db, names: readonly DictionaryName[]): Promise<Map<string, Map<string, string>>> {
  const rows = await db.selectFrom('dict_items').select(['dict', 'value', 'label']).where('dict', 'in', [...names]).execute();
  const out = new Map<string, Map<string, string>>(names.map((n) => [n, new Map()]));
  for (const r of rows) out.get(r.dict)!.set(r.value, r.label);
  return out;
}

export const labelOf = (labels: Map<string, Map<string, string>>, dict: DictionaryName, value: string): string => labels.get(dict)?.get(value) ?? value;

export type { RecipientRule };

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
  return unitKindMisfit(rule, unit);
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
