import { defineRecord } from '../../domain/parse/definition';
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
    { field: 'streetName', label: '街道（镇）', synonyms: ['街道', '所属街道', '街道名称', '镇街', '乡镇', '乡镇（街道）', '街镇', '所属镇街'], kind: 'text', maxLength: 50 },
    {
      field: 'unitName',
      label: '单位名称',
      synonyms: ['受款单位', '收款单位', '拨付对象', '拨付单位', '村（社区）名称', '村（社区）', '村（居）名称', '村（居）', '社区名称', '村名', '名称', '单位'],
      kind: 'text',
      maxLength: 50,
    },
    { field: 'personName', label: '受款人', synonyms: ['受款人姓名', '收款人', '收款人姓名', '领款人', '姓名'], kind: 'text', maxLength: 50 },
    {
      field: 'code',
      label: '区划代码',
      synonyms: ['统计用区划代码', '行政区划代码', '村（社区）代码', '单位代码', '区划编码', '代码', '编码'],
      kind: 'code',
      maxLength: 12,
      // a street (9 digits) or a 村（社区） (12 digits)
      validate: (v) => (isUnitCode(String(v)) || isStreetCode(String(v)) ? null : '区划代码应为12位（村、社区）或9位（街道、镇）数字'),
    },
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
