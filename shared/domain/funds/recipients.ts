/**
 * Who may receive a programme's money, by its 拨付对象类别 (fund_recipient_kind) — one rule for
 * the service that refuses (with this message) and the picker that only offers what it accepts:
 *  - 'street' (街道): a 街道（镇）;
 *  - 'village' (村): a 村（社区） of any 单位类别 — village-level money (运转经费, 为民服务经费 …)
 *    goes to 行政村, 村改居社区 and 城市社区 alike;
 *  - 'community' (社区): a 村（社区） that is not a 行政村 (单位类别 other than 'village');
 *  - 'person' (个人): a person, by name (书记津贴 …), never a unit;
 *  - any other kind an administrator adds: any unit, street or village, never a person.
 */

export interface RecipientRule {
  /** the programme's recipient kind (fund_recipient_kind value) and its label */
  kind: string;
  kindLabel: string;
  /** 单位类别 labels, to name a unit's kind */
  unitKindLabels: ReadonlyMap<string, string>;
}

/** Why this unit (whatever its status) cannot receive money of this kind, or null when it can. */
export function unitKindMisfit(rule: RecipientRule, unit: { name: string; level: string; kind: string | null }): string | null {
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

/** Whether the picker should offer this unit for a programme of this recipient kind. */
export const acceptsUnit = (recipientKind: string, unit: { level: string; kind: string | null }): boolean =>
  unitKindMisfit({ kind: recipientKind, kindLabel: '', unitKindLabels: new Map() }, { ...unit, name: '' }) === null;
