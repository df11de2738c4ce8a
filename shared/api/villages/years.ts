import { z } from 'zod';
import { optionalText } from '../fields';
import { INCOME_BAND_KEYS } from '../../domain/income-bands';
import { n, s, someField, unitId } from './common';
import { count, dictValue, fen, flag, villageYear } from './value-schemas';

/**
 * Yearly figures: one row per unit and year (集体经济, 评星定级, 软弱涣散, ...); saving a year
 * never touches another year. Also the income band a year's income falls in.
 */

export const yearFields = {
  collectiveIncomeFen: fen('集体经营性收入', { negative: true }),
  collectiveAssetsFen: fen('集体资产'),
  liabilitiesFen: fen('负债'),
  starRating: dictValue('评星定级'),
  fortressIndex: dictValue('堡垒指数'),
  weakOrg: flag('软弱涣散'),
  households: count('户数'),
  residentPopulation: count('常住人口'),
  floatingPopulation: count('流动人口'),
  memberTotal: count('党员总数'),
  note: optionalText('备注', 500),
};
export type YearField = keyof typeof yearFields;
export const YEAR_FIELDS = Object.keys(yearFields) as YearField[];

export const YearForm = z.object(yearFields);

/** One year's figures for one unit: inserts that year's row or updates it; other years are never touched. */
export const SaveYearInput = z
  .object({
    unitId,
    year: villageYear,
    ...(Object.fromEntries(YEAR_FIELDS.map((k) => [k, yearFields[k].optional()])) as { [K in YearField]: z.ZodOptional<(typeof yearFields)[K]> }),
  })
  .strict()
  .refine(someField(YEAR_FIELDS), { message: '没有要保存的年度数据' });
export type SaveYearInput = z.input<typeof SaveYearInput>;

export const DeleteYearInput = z.object({ unitId, year: villageYear });

// ---------------------------------------------------------------- output

export const IncomeBandKey = z.enum(INCOME_BAND_KEYS);

export const VillageYear = z.object({
  id: z.number(),
  unitId: z.number(),
  year: z.number(),
  collectiveIncomeFen: n,
  collectiveAssetsFen: n,
  liabilitiesFen: n,
  starRating: s,
  fortressIndex: s,
  weakOrg: z.boolean(),
  households: n,
  residentPopulation: n,
  floatingPopulation: n,
  memberTotal: n,
  note: s,
  /** band of the income under the current settings; null when the income is not reported */
  incomeBand: IncomeBandKey.nullable(),
  incomeBandLabel: s,
  updatedAt: z.string(),
});
export type VillageYear = z.infer<typeof VillageYear>;

export const IncomeBandInfo = z.object({ key: IncomeBandKey, label: z.string(), range: z.string() });
export type IncomeBandInfo = z.infer<typeof IncomeBandInfo>;
