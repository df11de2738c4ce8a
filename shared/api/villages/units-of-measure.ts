import { formatAmount, parseAmount } from '../../domain/money';
import { toHalfWidth } from '../../domain/text';

/**
 * Units of measure: decimal quantities (面积, 平均年龄) cross the API as integers in the unit the
 * database stores, like money in 分; parseQuantity / formatQuantity convert what people type and read.
 */

/** Decimal quantities stored as integers: `scale` stored units make one `unit` as people type it. */
export const VILLAGE_QUANTITIES = {
  /** stored in whole 平方米, typed and shown in 平方公里 (up to 6 decimals) */
  areaM2: { label: '村域面积', unit: '平方公里', scale: 1_000_000 },
  /** stored in hundredths of 亩 */
  arableLandMuX100: { label: '耕地面积', unit: '亩', scale: 100 },
  forestLandMuX100: { label: '林地面积', unit: '亩', scale: 100 },
  /** stored in hundredths of 平方米 */
  venueAreaM2X100: { label: '活动场所面积', unit: '平方米', scale: 100 },
  /** stored in tenths of a year */
  memberAvgAgeX10: { label: '党员平均年龄', unit: '岁', scale: 10 },
} as const;
export type VillageQuantity = keyof typeof VILLAGE_QUANTITIES;

/** A typed decimal (in the quantity's unit) as the stored integer; null when blank; undefined when not a number or too precise. */
export function parseQuantity(field: VillageQuantity, text: string): number | null | undefined {
  const cleaned = toHalfWidth(text).trim();
  if (cleaned === '') return null;
  return parseAmount(cleaned, VILLAGE_QUANTITIES[field].scale) ?? undefined;
}

/** The stored integer as a decimal in the quantity's unit, e.g. areaM2 2350000 → "2.35". */
export function formatQuantity(field: VillageQuantity, value: number | null): string {
  return value === null ? '' : formatAmount(value, VILLAGE_QUANTITIES[field].scale);
}
