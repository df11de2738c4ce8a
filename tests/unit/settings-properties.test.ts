import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../shared/api/contract'; // installs zod's Chinese locale, as the app does
import { IncomeBands, IncomeBandsForm, PipelineRules } from '../../shared/api/settings';
import {
  classifyIncome,
  DEFAULT_INCOME_BANDS,
  describeBand,
  INCOME_BAND_KEYS,
  INCOME_BOUND_MAX_FEN,
  incomeBandIssues,
  type IncomeBands as Bands,
} from '../../shared/domain/income-bands';
import { fenToWanText, formatAmount, parseAmount, wanToFen, yuanToFen } from '../../shared/domain/money';
import { DEFAULT_RESERVE_RULES, educationFloorFor, meetsEducationFloor } from '../../shared/domain/reserve-rules';
import { DICTIONARIES } from '../../shared/domain/dictionaries';

/** Property tests for the threshold rules and the helpers later modules build on. */

const RUNS = { numRuns: 400 };
const bound = fc.integer({ min: 0, max: INCOME_BOUND_MAX_FEN });
const income = fc.integer({ min: -INCOME_BOUND_MAX_FEN, max: 2 * INCOME_BOUND_MAX_FEN });
/** three strictly increasing positive bounds */
const increasing = fc
  .uniqueArray(fc.integer({ min: 1, max: INCOME_BOUND_MAX_FEN }), { minLength: 3, maxLength: 3 })
  .map((xs) => [...xs].sort((a, b) => a - b) as [number, number, number]);
const withBounds = ([g, s, r]: readonly number[]): Bands => ({ ...DEFAULT_INCOME_BANDS, generalFromFen: g!, standardFromFen: s!, richFromFen: r! });
const rank = (key: string) => INCOME_BAND_KEYS.indexOf(key as (typeof INCOME_BAND_KEYS)[number]);

describe('classifyIncome', () => {
  it('the defaults: 空壳/薄弱村 < 5万 ≤ 一般村 < 10万 ≤ 达标村 < 20万 ≤ 富裕村', () => {
    const t = DEFAULT_INCOME_BANDS;
    expect(classifyIncome(-1, t)).toBe('weak');
    expect(classifyIncome(0, t)).toBe('weak');
    expect(classifyIncome(4_999_999, t)).toBe('weak');
    expect(classifyIncome(5_000_000, t)).toBe('general');
    expect(classifyIncome(9_999_999, t)).toBe('general');
    expect(classifyIncome(10_000_000, t)).toBe('standard');
    expect(classifyIncome(19_999_999, t)).toBe('standard');
    expect(classifyIncome(20_000_000, t)).toBe('rich');
    expect(describeBand('general', t)).toBe('5万元（含）至10万元');
    expect(describeBand('weak', t)).toBe('低于5万元');
    expect(describeBand('rich', t)).toBe('20万元及以上');
  });

  it('is monotonic: more income never means a lower band', () => {
    fc.assert(
      fc.property(increasing, income, income, (bounds, a, b) => {
        const t = withBounds(bounds);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank(classifyIncome(lo, t))).toBeLessThanOrEqual(rank(classifyIncome(hi, t)));
      }),
      RUNS,
    );
  });

  it('each bound belongs to the band it opens, one fen less to the band below', () => {
    fc.assert(
      fc.property(increasing, (bounds) => {
        const t = withBounds(bounds);
        const [g, s, r] = bounds;
        expect([classifyIncome(g, t), classifyIncome(s, t), classifyIncome(r, t)]).toEqual(['general', 'standard', 'rich']);
        expect([classifyIncome(g - 1, t), classifyIncome(s - 1, t), classifyIncome(r - 1, t)]).toEqual(['weak', 'general', 'standard']);
      }),
      RUNS,
    );
  });

  it('agrees with the bands read as half-open ranges', () => {
    fc.assert(
      fc.property(increasing, income, (bounds, x) => {
        const t = withBounds(bounds);
        const lower = [-Infinity, ...bounds];
        const upper = [...bounds, Infinity];
        const i = rank(classifyIncome(x, t));
        expect(x >= lower[i]! && x < upper[i]!).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('income band validation', () => {
  it('accepts exactly the strictly increasing bounds above zero', () => {
    fc.assert(
      fc.property(bound, bound, bound, (g, s, r) => {
        const t = withBounds([g, s, r]);
        const valid = g > 0 && g < s && s < r;
        expect(incomeBandIssues(t).length === 0).toBe(valid);
        expect(IncomeBands.safeParse(t).success).toBe(valid);
      }),
      RUNS,
    );
  });

  it('every refusal is a Chinese message on a field', () => {
    fc.assert(
      fc.property(bound, bound, bound, (g, s, r) => {
        const result = IncomeBands.safeParse(withBounds([g, s, r]));
        if (result.success) return;
        for (const issue of result.error.issues) {
          expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
          expect(['generalFromFen', 'standardFromFen', 'richFromFen']).toContain(issue.path[0]);
        }
      }),
      RUNS,
    );
  });

  it('the form (万元) parses to the same fen the API takes', () => {
    fc.assert(
      fc.property(increasing, (bounds) => {
        const t = withBounds(bounds);
        const form = { ...t, generalFromFen: fenToWanText(t.generalFromFen), standardFromFen: fenToWanText(t.standardFromFen), richFromFen: fenToWanText(t.richFromFen) };
        const parsed = IncomeBandsForm.safeParse(form);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(t);
      }),
      RUNS,
    );
    expect(IncomeBandsForm.safeParse({ ...DEFAULT_INCOME_BANDS, generalFromFen: '５', standardFromFen: '10', richFromFen: '20.5' }).data).toMatchObject({
      generalFromFen: 5_000_000,
      standardFromFen: 10_000_000,
      richFromFen: 20_500_000,
    });
    const bad = IncomeBandsForm.safeParse({ ...DEFAULT_INCOME_BANDS, generalFromFen: '五万', standardFromFen: '10', richFromFen: '20' });
    expect(bad.error?.issues[0]?.message).toBe('第二档下限应为金额（万元），如 5 或 12.5');
  });
});

describe('money in fen', () => {
  it('formats and parses back exactly, in 元 and 万元', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(100, 1_000_000), (fen, unit) => {
        expect(parseAmount(formatAmount(fen, unit), unit)).toBe(fen);
      }),
      RUNS,
    );
  });

  it('refuses more decimals than fen can hold, and non-numbers', () => {
    expect(yuanToFen('12.345')).toBeNull();
    expect(yuanToFen('12.340')).toBe(1234);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(wanToFen('0.0000001')).toBeNull();
    expect(wanToFen('abc')).toBeNull();
    expect(wanToFen('')).toBeNull();
    expect(fenToWanText(5_000_000)).toBe('5');
    expect(fenToWanText(12_345_678)).toBe('12.345678');
  });
});

describe('reserve pipeline rules', () => {
  const education = DICTIONARIES.education_level.seed.map((i) => i.value);

  it('accepts exactly: young age below the cap, target not below the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18, max: 70 }),
        fc.integer({ min: 18, max: 70 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (ageCap, youngAgeMax, perVillageMin, perVillageTarget) => {
          const result = PipelineRules.safeParse({ ...DEFAULT_RESERVE_RULES, ageCap, youngAgeMax, perVillageMin, perVillageTarget });
          expect(result.success).toBe(youngAgeMax < ageCap && perVillageTarget >= perVillageMin);
        },
      ),
      RUNS,
    );
  });

  it('education floor by age: ≤35 needs 大专 or above, older 高中（中专） or above (defaults)', () => {
    expect(educationFloorFor(35, DEFAULT_RESERVE_RULES)).toBe('junior_college');
    expect(educationFloorFor(36, DEFAULT_RESERVE_RULES)).toBe('senior_high');
    expect(meetsEducationFloor(30, 'senior_high', education, DEFAULT_RESERVE_RULES)).toBe(false);
    expect(meetsEducationFloor(30, 'bachelor', education, DEFAULT_RESERVE_RULES)).toBe(true);
    expect(meetsEducationFloor(40, 'senior_high', education, DEFAULT_RESERVE_RULES)).toBe(true);
    expect(meetsEducationFloor(40, 'junior_or_below', education, DEFAULT_RESERVE_RULES)).toBe(false);
    expect(meetsEducationFloor(40, 'unknown', education, DEFAULT_RESERVE_RULES)).toBe(false);
  });

  it('a higher education never fails a floor a lower one meets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18, max: 70 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (age, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (meetsEducationFloor(age, education[lo]!, education, DEFAULT_RESERVE_RULES)) {
          expect(meetsEducationFloor(age, education[hi]!, education, DEFAULT_RESERVE_RULES)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
