import { z } from 'zod';
import { cleanCode, cleanText } from '../domain/text';
import { COUNTY_CODE_LENGTH, STREET_CODE_LENGTH, UNIT_CODE_LENGTH } from '../domain/division';

/**
 * Field schemas with Chinese messages that name the field, shared by forms (as the user
 * types), the IPC/HTTP boundary and the services. Every message must make sense shown alone.
 */

const asText = (clean: (s: string) => string) => (value: unknown) => (typeof value === 'string' ? clean(value) : value);

export function requiredText(label: string, max = 100) {
  return z.preprocess(
    asText(cleanText),
    z
      .string({ error: `请填写${label}` })
      .min(1, `${label}不能为空`)
      .max(max, `${label}不能超过${max}个字`),
  );
}

/** Optional free text: blank becomes null. */
export function optionalText(label: string, max = 500) {
  return z.preprocess(
    (value) => {
      if (value === undefined || value === null) return null;
      if (typeof value !== 'string') return value;
      const cleaned = cleanText(value);
      return cleaned === '' ? null : cleaned;
    },
    z.string({ error: `${label}格式不正确` }).max(max, `${label}不能超过${max}个字`).nullable(),
  );
}

function digitsCode(label: string, length: number) {
  return z.preprocess(
    asText(cleanCode),
    z
      .string({ error: `请填写${label}` })
      .min(1, `${label}不能为空`)
      .regex(new RegExp(`^\\d{${length}}$`), `${label}必须是${length}位数字`),
  );
}

/** A code of any length, cleaned; the caller checks the length that fits the record. */
export function digitsText(label: string) {
  return z.preprocess(
    asText(cleanCode),
    z
      .string({ error: `请填写${label}` })
      .min(1, `${label}不能为空`)
      .regex(/^\d+$/, `${label}只能由数字组成`),
  );
}

export const countyCode = digitsCode('区县代码', COUNTY_CODE_LENGTH);
export const streetCode = digitsCode('街道（镇）代码', STREET_CODE_LENGTH);
export const unitCode = digitsCode('村（社区）代码', UNIT_CODE_LENGTH);

/** A record id; missing means the user has not chosen one yet. */
export const id = (label = '记录') =>
  z
    .number({ error: (issue) => (issue.input === undefined || issue.input === null ? `请选择${label}` : `${label}编号不正确`) })
    .int(`${label}编号不正确`)
    .positive(`${label}编号不正确`);

/** ISO calendar date YYYY-MM-DD that really exists. */
export function isoDate(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为“年-月-日”，如 2024-05-01`)
    .refine((value) => {
      const d = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
    }, `${label}不是有效日期`);
}
