import { defineRecord } from '../../domain/parse/definition';
import { streetNameColumn, unitCodeColumn, unitNameColumn } from '../../domain/parse/column-presets';
import { isStreetCode, isUnitCode } from '../../domain/division';

/**
 * What a 拨付 list from the finance office or a street may hold, for the import engine: who was
 * paid (区划代码, or 街道 + 单位名称, or a name alone; a person by 受款人), when, how much and
 * the voucher details. Every row is paid from the one 经费项目 chosen in the wizard and is matched
 * to that programme's allocation of the recipient. The amount is in 元 unless the header
 * ('拨付金额（万元）'), a title line ('单位：万元') or the cell itself ('12.3万') says 万元 —
 * the engine's money rule (shared/domain/parse/money.ts): exact to the 分 or refused.
 * Field keys are the API's own (DisburseInput) where they are data, so a row is checked by the
 * same schema as the form.
 */

/** Columns that say whom a row paid; not saved as data. */
export const DISBURSEMENT_IDENTITY_FIELDS = ['streetName', 'unitName', 'personName', 'code'] as const;

export const DISBURSEMENT_IMPORT = defineRecord({
  key: 'fund-disbursements',
  label: '经费拨付记录',
  columns: [
    streetNameColumn(),
    unitNameColumn({ label: '单位名称', extraSynonyms: ['受款单位', '收款单位', '拨付对象', '拨付单位', '单位'] }),
    { field: 'personName', label: '受款人', synonyms: ['受款人姓名', '收款人', '收款人姓名', '领款人', '姓名'], kind: 'text', maxLength: 50 },
    // a street (9 digits) or a 村（社区） (12 digits)
    unitCodeColumn((v) => (isUnitCode(v) || isStreetCode(v) ? null : '区划代码应为12位（村、社区）或9位（街道、镇）数字')),
    { field: 'paidOn', label: '拨付日期', synonyms: ['日期', '拨款日期', '拨付时间', '付款日期', '支付日期', '到账日期'], kind: 'date', required: true },
    {
      field: 'amountFen',
      label: '拨付金额（元）',
      synonyms: ['金额', '拨付金额', '拨款金额', '拨付资金', '实拨金额', '支付金额', '付款金额', '本次拨付'],
      kind: 'money',
      unit: '元',
      required: true,
    },
    { field: 'voucherNo', label: '凭证号', synonyms: ['凭证编号', '记账凭证号', '凭证字号', '票据号', '单据号'], kind: 'code', maxLength: 50 },
    { field: 'handler', label: '经办人', synonyms: ['经手人', '办理人'], kind: 'text', maxLength: 50 },
    { field: 'approver', label: '审核人', synonyms: ['审批人', '复核人'], kind: 'text', maxLength: 50 },
    { field: 'note', label: '备注', synonyms: ['说明', '用途', '摘要'], kind: 'text', maxLength: 1000 },
  ],
});

/** “2026年区域化党建工作经费”: a programme as the import's messages and the wizard name it. */
export const programmeLabel = (p: { year: number; name: string }) => (p.name.startsWith(`${p.year}年`) ? p.name : `${p.year}年${p.name}`);
