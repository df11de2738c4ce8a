import { z } from 'zod';
import { IncomeBandInfo, IncomeBandKey } from './years';

/**
 * Reports on the collective income bands: counts per street (分档统计) and the units whose band
 * changed since the previous year (档次变化, "破五进十").
 */

const bandCounts = z.object({ weak: z.number(), general: z.number(), standard: z.number(), rich: z.number() });
export const BandCountRow = z.object({
  counts: bandCounts,
  /** no income reported for the year */
  unreported: z.number(),
  /** units in the row (bands + unreported) */
  total: z.number(),
  /** 达标 and above (standard + rich): the "进十" count */
  standardOrAbove: z.number(),
});
export type BandCountRow = z.infer<typeof BandCountRow>;

export const IncomeBandReport = z.object({
  year: z.number(),
  bands: z.array(IncomeBandInfo),
  streets: z.array(BandCountRow.extend({ streetId: z.number(), streetCode: z.string(), streetName: z.string() })),
  totals: BandCountRow,
});
export type IncomeBandReport = z.infer<typeof IncomeBandReport>;

export const BandMover = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  streetId: z.number(),
  streetName: z.string(),
  fromBand: IncomeBandKey,
  fromLabel: z.string(),
  fromIncomeFen: z.number(),
  toBand: IncomeBandKey,
  toLabel: z.string(),
  toIncomeFen: z.number(),
  direction: z.enum(['up', 'down']),
});
export type BandMover = z.infer<typeof BandMover>;

export const BandMoversReport = z.object({
  year: z.number(),
  previousYear: z.number(),
  bands: z.array(IncomeBandInfo),
  /** units whose band in `year` differs from `previousYear` (both incomes reported), by street and code */
  movers: z.array(BandMover),
  summary: z.object({
    /** units with an income reported in both years */
    comparable: z.number(),
    up: z.number(),
    down: z.number(),
    /** from below 达标 to 达标 or above ("破五进十" progress) */
    reachedStandard: z.number(),
    /** from 达标 or above to below it */
    fellBelowStandard: z.number(),
    /** 达标 or above among comparable units, each year */
    standardOrAbovePrevious: z.number(),
    standardOrAbove: z.number(),
  }),
});
export type BandMoversReport = z.infer<typeof BandMoversReport>;
