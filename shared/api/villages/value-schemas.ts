import { z } from 'zod';
import { wholeNumber, WORKING_YEAR_MAX, WORKING_YEAR_MIN } from '../settings';
import { DICTIONARY_VALUE_PATTERN } from '../../domain/dictionaries';
import { formatAmount } from '../../domain/money';
import { toHalfWidth } from '../../domain/text';
import { blank } from './common';
import { VILLAGE_QUANTITIES, type VillageQuantity } from './units-of-measure';

/**
 * Schema builders for the village fields (counts, quantities, money, dictionary values, flags,
 * 年月, phones, gender) and their limits: forms and the API parse with the same rules.
 */

export const COUNT_MAX = 10_000_000;
/** Per field and village: 100亿元. Sums over a city's villages stay far inside safe integers. */
export const VILLAGE_MONEY_MAX_FEN = 1_000_000_000_000;
const VILLAGE_MONEY_MAX_TEXT = '100亿元';
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/** A number typed into a form (also full-width digits) or given as a number; blank is null. */
const numberOrBlank = (value: unknown) => {
  if (blank(value)) return null;
  if (typeof value !== 'string') return value;
  const text = toHalfWidth(value).trim().replace(/[,，]/g, '');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
};

function nonNegativeInt(label: string, max: number, typeMessage: string) {
  return z.preprocess(
    numberOrBlank,
    z
      .number({ error: typeMessage })
      .int(typeMessage)
      .min(0, `${label}不能为负数`)
      .max(max, `${label}不能超过${max}`)
      .nullable(),
  );
}

/** A head count (人, 户, 名); blank = unknown. */
export const count = (label: string, max = COUNT_MAX) => nonNegativeInt(label, max, `${label}应为整数`);

/** A decimal quantity in its stored integer unit (see VILLAGE_QUANTITIES). */
export function quantity(field: VillageQuantity, range: { min?: number; max: number }) {
  const q = VILLAGE_QUANTITIES[field];
  const typeMessage = `${q.label}应为数字（${q.unit}，最多${Math.round(Math.log10(q.scale))}位小数）`;
  const min = range.min ?? 0;
  const show = (v: number) => `${formatAmount(v, q.scale)}${q.unit}`;
  return z.preprocess(
    numberOrBlank,
    z
      .number({ error: typeMessage })
      .int(typeMessage)
      .min(0, `${q.label}不能为负数`)
      .min(min, `${q.label}应在${show(min)}至${show(range.max)}之间`)
      .max(range.max, `${q.label}应在${show(min)}至${show(range.max)}之间`)
      .nullable(),
  );
}

/** Money in integer 分 (the UI converts 元 / 万元); blank = not reported. */
export function fen(label: string, options: { negative?: boolean } = {}) {
  const min = options.negative ? -VILLAGE_MONEY_MAX_FEN : 0;
  const range = `${label}超出范围（不能超过${VILLAGE_MONEY_MAX_TEXT}）`;
  return z.preprocess(
    numberOrBlank,
    z
      .number({ error: `${label}应为金额（以分为单位的整数）` })
      .int(`${label}应为金额（以分为单位的整数）`)
      .min(min, options.negative ? range : `${label}不能为负数`)
      .max(VILLAGE_MONEY_MAX_FEN, range)
      .nullable(),
  );
}

/** A value of a dictionary (the service checks that it exists and is in use); blank = none. */
export const dictValue = (label: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `请从列表中选择${label}` })
      .regex(DICTIONARY_VALUE_PATTERN, `所选${label}不在字典中，请从列表中选择`)
      .nullable(),
  );

export const flag = (label: string) => z.boolean({ error: `${label}应为“是”或“否”` });
export const optionalFlag = (label: string) => z.preprocess((v) => (v === undefined ? v : v === '' ? null : v), flag(label).nullable());

/** Year and month, YYYY-MM; also accepts 1975.3, 1975/03, 1975年3月. */
export function yearMonth(label: string) {
  const message = `${label}格式应为“年-月”，如 1975-03`;
  return z.preprocess(
    (v) => {
      if (blank(v)) return null;
      if (typeof v !== 'string') return v;
      const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/.exec(toHalfWidth(v).trim());
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : v;
    },
    z
      .string({ error: message })
      .regex(/^\d{4}-\d{2}$/, message)
      .refine((s) => {
        const year = Number(s.slice(0, 4));
        const month = Number(s.slice(5, 7));
        return year >= 1900 && year <= 2100 && month >= 1 && month <= 12;
      }, `${label}不是有效的年月`)
      .nullable(),
  );
}

/** 11-digit mobile, or a landline with or without its area code (0531-86012345, 86012345-801). */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}(-\d{1,6})?)$/;

export const phone = (label: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : typeof v === 'string' ? toHalfWidth(v).replace(/[\s()（）]/g, '').replace(/[—–－]/g, '-') : v),
    z
      .string({ error: `${label}格式不正确` })
      .regex(PHONE_PATTERN, `${label}应为11位手机号或固定电话（如 0531-86012345）`)
      .nullable(),
  );

export const gender = (label: string) =>
  z.preprocess(
    (v) => (blank(v) ? null : v === '男' ? 'male' : v === '女' ? 'female' : v),
    z.enum(GENDERS, { error: `${label}只能是男或女` }).nullable(),
  );

/** The year of a yearly row. */
export const villageYear = wholeNumber('年度', WORKING_YEAR_MIN, WORKING_YEAR_MAX);
