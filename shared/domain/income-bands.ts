import { fenToWanText } from './money';

/**
 * Bands of a village's 集体经营性收入 (DOMAIN.md §1, "破五进十"). Four fixed bands with stable
 * keys (reports count villages per key); their names and lower bounds are settings (设置 →
 * 阈值与规则). Bounds are integer 分 and must increase strictly.
 */

export const INCOME_BAND_KEYS = ['weak', 'general', 'standard', 'rich'] as const;
export type IncomeBandKey = (typeof INCOME_BAND_KEYS)[number];

export interface IncomeBands {
  /** names of the bands, from the lowest */
  weakLabel: string;
  generalLabel: string;
  standardLabel: string;
  richLabel: string;
  /** lower bounds in fen: an income ≥ generalFromFen is at least 一般村, and so on */
  generalFromFen: number;
  standardFromFen: number;
  richFromFen: number;
}

/** 空壳/薄弱村 < 5万; 一般村 5–10万; 达标村 ≥ 10万; 富裕村 ≥ 20万. */
export const DEFAULT_INCOME_BANDS: IncomeBands = {
  weakLabel: '空壳/薄弱村',
  generalLabel: '一般村',
  standardLabel: '达标村',
  richLabel: '富裕村',
  generalFromFen: 5_000_000,
  standardFromFen: 10_000_000,
  richFromFen: 20_000_000,
};

/** The highest bound anyone could mean (1 亿元), to keep sums far inside safe integers. */
export const INCOME_BOUND_MAX_FEN = 10_000_000_000;

/** The band of an income in fen. Incomes below the 一般村 bound (also zero or a loss) are the lowest band. */
export function classifyIncome(incomeFen: number, bands: Pick<IncomeBands, 'generalFromFen' | 'standardFromFen' | 'richFromFen'>): IncomeBandKey {
  if (incomeFen >= bands.richFromFen) return 'rich';
  if (incomeFen >= bands.standardFromFen) return 'standard';
  if (incomeFen >= bands.generalFromFen) return 'general';
  return 'weak';
}

export function incomeBandLabel(key: IncomeBandKey, bands: IncomeBands): string {
  return bands[`${key}Label`];
}

/** A band's range in words, e.g. "5万元（含）至10万元". */
export function describeBand(key: IncomeBandKey, bands: IncomeBands): string {
  const wan = (fen: number) => `${fenToWanText(fen)}万元`;
  switch (key) {
    case 'weak':
      return `低于${wan(bands.generalFromFen)}`;
    case 'general':
      return `${wan(bands.generalFromFen)}（含）至${wan(bands.standardFromFen)}`;
    case 'standard':
      return `${wan(bands.standardFromFen)}（含）至${wan(bands.richFromFen)}`;
    case 'rich':
      return `${wan(bands.richFromFen)}及以上`;
  }
}

export interface RuleIssue {
  path: string;
  message: string;
}

/**
 * What is wrong with a set of bounds and names, as messages naming the bands; empty when the
 * bounds increase strictly from above zero and the names differ. Used by the settings schema
 * (form and service alike).
 */
export function incomeBandIssues(bands: IncomeBands): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const { generalFromFen: g, standardFromFen: s, richFromFen: r } = bands;
  if (g <= 0) issues.push({ path: 'generalFromFen', message: `${bands.generalLabel}下限必须大于0` });
  if (g >= s) issues.push({ path: 'generalFromFen', message: `${bands.generalLabel}下限必须低于${bands.standardLabel}下限` });
  if (s >= r) issues.push({ path: 'standardFromFen', message: `${bands.standardLabel}下限必须低于${bands.richLabel}下限` });
  const labels = INCOME_BAND_KEYS.map((k) => bands[`${k}Label`]);
  INCOME_BAND_KEYS.forEach((key, i) => {
    if (labels.indexOf(labels[i]!) !== i) issues.push({ path: `${key}Label`, message: `档次名称“${labels[i]}”重复了，每个档次的名称须不同` });
  });
  return issues;
}
