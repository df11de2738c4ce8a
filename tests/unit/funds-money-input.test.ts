import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MONEY_FEN } from '../../shared/domain/parse/money';
import { fenToMoney, moneyToFen, optionalMoney, requiredMoney, switchUnit, type MoneyValue } from '../../renderer/src/features/funds/moneyInput';
import '../../shared/api/contract'; // installs zod's Chinese locale, as the app does

/**
 * The amount fields of the 经费台账 forms: what a clerk types in 元 or 万元 becomes exactly the
 * integer 分 the contract takes, switching the unit never changes the amount, and what cannot
 * be an amount is refused with a message that says why.
 */

const RUNS = { numRuns: 500 };
const unit = fc.constantFrom<MoneyValue['unit']>('元', '万元');
// amounts biased to the edges: whole 万, single fen, the largest allowed
const fen = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: MAX_MONEY_FEN }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((n) => n * 1_000_000) },
  { weight: 1, arbitrary: fc.constantFrom(1, 99, 100, 101, 999_999, 1_000_001, MAX_MONEY_FEN) },
);
const message = (schema: ReturnType<typeof requiredMoney>, value: MoneyValue) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
};

describe('amounts typed in 元 or 万元', () => {
  it('a stored amount shown in either unit reads back as the same 分, and switching the unit keeps it', () => {
    fc.assert(
      fc.property(fen, unit, unit, (f, from, to) => {
        const shown = fenToMoney(f, from);
        expect(moneyToFen(shown)).toBe(f);
        expect(requiredMoney('预算').parse(shown)).toBe(f);
        expect(moneyToFen(switchUnit(shown, to))).toBe(f);
      }),
      RUNS,
    );
  });

  it('reads what clerks type: thousands separators, full-width digits, spaces', () => {
    expect(moneyToFen({ text: '1,700,000.00', unit: '元' })).toBe(170_000_000);
    expect(moneyToFen({ text: '１７０', unit: '万元' })).toBe(170_000_000);
    expect(moneyToFen({ text: ' 12.345678 ', unit: '万元' })).toBe(12_345_678);
    expect(moneyToFen({ text: '', unit: '元' })).toBeNull();
  });

  it('a text that is not an amount keeps its text when the unit switches', () => {
    expect(switchUnit({ text: '十万', unit: '元' }, '万元')).toEqual({ text: '十万', unit: '万元' });
  });

  it('refuses what is not an exact positive amount, saying why', () => {
    const budget = requiredMoney('预算');
    expect(message(budget, { text: '', unit: '万元' })).toBe('请填写预算');
    expect(message(budget, { text: '十万', unit: '万元' })).toBe('预算应为金额（万元），如 12.5');
    expect(message(budget, { text: '1.005', unit: '元' })).toBe('预算应精确到分（以元填写最多2位小数）');
    expect(message(budget, { text: '170.0000001', unit: '万元' })).toBe('预算应精确到分（以万元填写最多6位小数）');
    expect(message(budget, { text: '0', unit: '元' })).toBe('预算应大于0');
    expect(message(budget, { text: '-5', unit: '元' })).toBe('预算应大于0');
    expect(message(budget, { text: String(MAX_MONEY_FEN / 100 + 1), unit: '元' })).toBe('预算过大');
    expect(optionalMoney('标准金额').parse({ text: ' ', unit: '万元' })).toBeNull();
  });

  it('any text: either refused with a message, or exactly the 分 it says', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', ',', '-', ' ', '万', '１'), maxLength: 14 }),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(text, unit, (t, u) => {
        const r = requiredMoney('金额').safeParse({ text: t, unit: u });
        if (r.success) {
          expect(Number.isSafeInteger(r.data) && r.data > 0).toBe(true);
          expect(r.data).toBe(moneyToFen({ text: t, unit: u }));
        } else expect(r.error.issues[0]!.message).toMatch(/金额/);
      }),
      RUNS,
    );
  });
});
