import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthMonthFromIdCard, genderFromIdCard, idCardCheckChar, idCardProblem, maskIdCard, maskPhone } from '../../shared/domain/personal-data';

/** Builds a valid 身份证号 from a region, a birth date and a sequence number. */
const validId = (region: string, birth: string, seq: string) => {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCardCheckChar(first17);
};
const arbId = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }).map(String),
    date: fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
  })
  .map(({ region, date, seq }) => validId(region, date.toISOString().slice(0, 10).replace(/-/g, ''), seq));

describe('身份证号 (GB 11643)', () => {
  it('accepts real-format examples and names each problem in Chinese', () => {
    expect(idCardProblem('11010519491231002X')).toBeNull();
    expect(idCardProblem('11010519491231002x')).toBeNull();
    expect(idCardProblem('110105194912310021')).toBe('身份证号校验位不正确，请核对');
    expect(idCardProblem('11010519491331002X')).toBe('身份证号中的出生日期不存在');
    expect(idCardProblem('1101051949123100')).toBe('身份证号应为18位（最后一位可以是X）');
    expect(idCardProblem('11010518991231002X')).not.toBeNull();
  });

  it('every generated valid number passes, and changing any one digit makes it fail', () => {
    fc.assert(
      fc.property(arbId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        expect(idCardProblem(id)).toBeNull();
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(idCardProblem(changed)).not.toBeNull();
      }),
    );
  });

  it('reads birth month and gender', () => {
    expect(birthMonthFromIdCard('11010519491231002X')).toBe('1949-12');
    expect(genderFromIdCard('11010519491231002X')).toBe('女');
    expect(genderFromIdCard('110105194912310011'.slice(0, 17) + idCardCheckChar('11010519491231001'))).toBe('男');
  });

  it('the mask hides the birth date and keeps region and last four', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X');
    fc.assert(
      fc.property(arbId, (id) => {
        const masked = maskIdCard(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked).not.toContain(id.slice(6, 14));
      }),
    );
  });
});

describe('phone masking', () => {
  it('mobiles show 3 + 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('landlines keep the area code and the last two', () => {
    expect(maskPhone('0531-86123456')).toBe('0531-******56');
  });
  it('never shows the middle digits of a mobile', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        expect(maskPhone(phone).slice(3, 7)).toBe('****');
      }),
    );
  });
});
