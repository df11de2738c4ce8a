import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../fields';
import { blank, s, unitId } from './common';

/**
 * 第一书记: at most one current per unit, past ones kept as history. Appointing a new one
 * ends the current one; a record of the history can be corrected.
 */

const personName = (label: string) => requiredText(label, 20);
const blankIsNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (blank(v) ? null : v), schema.nullable());

/** Appoints a new current 第一书记; a current one ends on `previousEndedOn` (default: the new one's start). */
export const SetFirstSecretaryInput = z
  .object({
    unitId,
    name: personName('第一书记姓名'),
    dispatchingUnit: optionalText('派出单位', 100).default(null),
    startedOn: isoDate('任职开始日期'),
    previousEndedOn: isoDate('前任第一书记离任日期').optional(),
    note: optionalText('备注', 500).default(null),
  })
  .strict();
export type SetFirstSecretaryInput = z.input<typeof SetFirstSecretaryInput>;

export const EndFirstSecretaryInput = z.object({ unitId, endedOn: isoDate('离任日期') }).strict();

/** Corrects a record of the history (a typo, a date); terms of one unit may not overlap. */
export const UpdateFirstSecretaryInput = z
  .object({
    id: id('第一书记记录'),
    name: personName('第一书记姓名'),
    dispatchingUnit: optionalText('派出单位', 100).default(null),
    startedOn: isoDate('任职开始日期'),
    endedOn: blankIsNull(isoDate('离任日期')).default(null),
    note: optionalText('备注', 500).default(null),
  })
  .strict()
  .refine((v) => v.endedOn === null || v.endedOn >= v.startedOn, { message: '离任日期不能早于任职开始日期', path: ['endedOn'] });

// ---------------------------------------------------------------- output

export const FirstSecretary = z.object({
  id: z.number(),
  unitId: z.number(),
  name: z.string(),
  dispatchingUnit: s,
  startedOn: z.string(),
  endedOn: s,
  current: z.boolean(),
  note: s,
  updatedAt: z.string(),
});
export type FirstSecretary = z.infer<typeof FirstSecretary>;
