import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBoolean } from '../../shared/domain/parse/boolean';
import { cellForMessage, isBlankCell, isExcelError, type CellValue } from '../../shared/domain/parse/cells';
import { exactDecimal, plainNumberText, scaledInteger } from '../../shared/domain/parse/decimal';
import { defineRecord, parseCell, type ColumnDefinition } from '../../shared/domain/parse/definition';
import { parseDictionary } from '../../shared/domain/parse/dictionary';
import { parseDecimal, parseInteger } from '../../shared/domain/parse/number';
import type { ParseResult } from '../../shared/domain/parse/result';
import { parseCode, parseText } from '../../shared/domain/parse/text';
import { idCardCheckChar, idCardProblem } from '../../shared/domain/personal-data';

/** The other value parsers of the import engine (shared/domain/parse). */

const v = <T>(r: ParseResult<T>) => (r.ok ? r.value : `ERR ${r.message}`);

describe('integers and decimals', () => {
  it('reads counts as clerks type them', () => {
    expect(v(parseInteger('1,234'))).toBe(1234);
    expect(v(parseInteger('１２'))).toBe(12);
    expect(v(parseInteger('35人'))).toBe(35);
    expect(v(parseInteger(' 120 户 '))).toBe(120);
    expect(v(parseInteger(12))).toBe(12);
    expect(v(parseInteger('12.0'))).toBe(12);
    expect(v(parseInteger(12.000000000000002))).toBe(12); // a float sum Excel shows as 12
    expect(v(parseInteger('-'))).toBe(0);
    expect(v(parseInteger('无'))).toBe(0);
    expect(v(parseInteger('—', { dash: 'blank' }))).toBe(null);
    expect(v(parseInteger(null))).toBe(null);
  });

  it('refuses what is not a whole number, naming it', () => {
    expect(v(parseInteger('12.5'))).toBe('ERR “12.5”应为整数');
    expect(v(parseInteger('-3'))).toBe('ERR “-3”不能为负数');
    expect(v(parseInteger('-3', { min: -10 }))).toBe(-3);
    expect(v(parseInteger('120', { max: 100 }))).toBe('ERR “120”不能大于 100');
    expect(v(parseInteger('1,23'))).toBe('ERR “1,23”的千位分隔符位置不对');
    expect(v(parseInteger('十二'))).toBe('ERR “十二”不是数字');
    expect(v(parseInteger(true))).toBe('ERR “TRUE”不是数字');
    expect(v(parseInteger('#N/A'))).toMatch(/Excel 错误值“#N\/A”/);
  });

  it('reads measures with a bounded number of decimals, never rounding', () => {
    expect(v(parseDecimal('1,234.5亩'))).toBe(1234.5);
    expect(v(parseDecimal('80㎡'))).toBe(80);
    expect(v(parseDecimal('80 平方米'))).toBe(80);
    expect(v(parseDecimal(0.1 + 0.2))).toBe(0.3);
    expect(v(parseDecimal('12.345'))).toBe('ERR “12.345”最多2位小数');
    expect(v(parseDecimal('12.345', { scale: 3 }))).toBe(12.345);
    expect(v(parseDecimal('12.5', { scale: 0 }))).toBe('ERR “12.5”应为整数');
  });

  it('integer properties: thousands separators, full-width digits and Excel numbers give the integer back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.boolean(), (n, full) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        const typed = full ? text.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : text;
        expect(v(parseInteger(typed))).toBe(n);
        if (n < 1e15) expect(v(parseInteger(n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('exact decimals: no float arithmetic anywhere', () => {
    expect(exactDecimal('001.2300')).toEqual({ negative: false, digits: '123', scale: 2 });
    expect(exactDecimal('-0.0')).toEqual({ negative: false, digits: '0', scale: 0 });
    expect(exactDecimal('1.5e-3')).toEqual({ negative: false, digits: '15', scale: 4 });
    expect(exactDecimal('1e3')).toEqual({ negative: false, digits: '1000', scale: 0 });
    expect(exactDecimal('abc')).toBe(null);
    expect(exactDecimal('.')).toBe(null);
    expect(scaledInteger(exactDecimal('1.005')!, 2)).toBe(null);
    expect(scaledInteger(exactDecimal('-12.3')!, 6)).toBe(-12_300_000n);
    expect(plainNumberText('１，２３４．５')).toEqual({ ok: true, text: '1234.5' });
    expect(plainNumberText('1 234')).toEqual({ ok: true, text: '1234' });
    expect(plainNumberText('12,34')).toEqual({ ok: false, problem: 'grouping' });
  });
});

describe('booleans', () => {
  it('reads 是/否 and the marks clerks use', () => {
    for (const yes of ['是', '√', '✓', '✔', '有', 'Y', 'y', 'yes', 'TRUE', '1', ' 是 ', '对']) expect(v(parseBoolean(yes)), yes).toBe(true);
    for (const no of ['否', '×', '✗', '无', 'N', 'no', 'FALSE', '0', '没有', '不是']) expect(v(parseBoolean(no)), no).toBe(false);
    expect(v(parseBoolean(true))).toBe(true);
    expect(v(parseBoolean(0))).toBe(false);
    expect(v(parseBoolean('-'))).toBe(null);
    expect(v(parseBoolean(null))).toBe(null);
    expect(v(parseBoolean('也许'))).toBe('ERR “也许”不是“是”或“否”（可填 是/否、√/×、有/无）');
    expect(v(parseBoolean(2))).toMatch(/不是“是”或“否”/);
  });
});

describe('text and codes', () => {
  it('cleans text without guessing', () => {
    expect(v(parseText('  张　三  '))).toBe('张 三');
    expect(v(parseText('ＡＢＣ１２３'))).toBe('ABC123');
    expect(v(parseText('党建\n工作'))).toBe('党建 工作');
    expect(v(parseText(13812345678))).toBe('13812345678');
    expect(v(parseText(12.5))).toBe('12.5');
    expect(v(parseText(true))).toBe('是');
    expect(v(parseText("'=1+1"))).toBe('=1+1'); // our own export's formula guard comes off
    expect(v(parseText("'abc"))).toBe("'abc");
    expect(v(parseText('a\u0000b\u0007'))).toBe('ab');
    expect(v(parseText('一二三四五六', { maxLength: 5 }))).toBe('ERR 内容超过 5 个字（现有 6 个字）');
    expect(v(parseText('#REF!'))).toMatch(/Excel 错误值/);
    expect(v(parseText(Number('370103199001011234')))).toMatch(/15 位以后的数字已经丢失/);
  });

  it('reads codes: half-width, no spaces, upper case; refuses numbers Excel has rounded', () => {
    expect(v(parseCode(' 3701 0319 9001 01123x '))).toBe('37010319900101123X');
    expect(v(parseCode('３７０１０３'))).toBe('370103');
    expect(v(parseCode(370103002001))).toBe('370103002001');
    expect(v(parseCode(Number('370103199001011234')))).toMatch(/15 位以后的数字已经丢失/);
    expect(v(parseCode('3.70103E+17'))).toMatch(/科学计数法/);
    expect(v(parseCode(12.5))).toBe('ERR “12.5”不是编号');
    expect(v(parseCode('0531-8888', { maxLength: 4 }))).toMatch(/超过 4 位/);
  });

  it('dictionary items by label, value or alias', () => {
    const items = [
      { value: 'bachelor', label: '本科', aliases: ['大学本科'] },
      { value: 'master', label: '研究生' },
      { value: 'college', label: '大专' },
    ];
    expect(v(parseDictionary('本科', items, '学历'))).toBe('bachelor');
    expect(v(parseDictionary(' 大学 本科 ', items, '学历'))).toBe('bachelor');
    expect(v(parseDictionary('master', items, '学历'))).toBe('master');
    expect(v(parseDictionary('博士', items, '学历'))).toBe('ERR “博士”不是“学历”中的选项（可选：本科、研究生、大专）');
    expect(v(parseDictionary(null, items, '学历'))).toBe(null);
  });
});

describe('cells', () => {
  it('blank, errors, and how a value is quoted in messages', () => {
    expect(isBlankCell(null)).toBe(true);
    expect(isBlankCell(' \u3000\u00a0')).toBe(true);
    expect(isBlankCell(0)).toBe(false);
    expect(isExcelError('#N/A')).toBe(true);
    expect(isExcelError('#n/a')).toBe(true);
    expect(isExcelError('N/A')).toBe(false);
    expect(cellForMessage(0.1 + 0.2)).toBe('0.3');
    expect(cellForMessage('a'.repeat(40))).toBe(`${'a'.repeat(30)}…`);
  });
});

describe('definitions', () => {
  const idCard: ColumnDefinition = { field: 'idCard', label: '身份证号', kind: 'code', validate: (x) => idCardProblem(String(x)) };
  it('parseCell runs the kind, then the column rule from shared/domain', () => {
    const first17 = '37010319900307123';
    const valid = first17 + idCardCheckChar(first17);
    expect(v(parseCell(idCard, valid.toLowerCase()))).toBe(valid.toUpperCase());
    expect(v(parseCell(idCard, `${first17}0` === valid ? `${first17}1` : `${first17}0`))).toBe('ERR 身份证号校验位不正确，请核对');
    expect(v(parseCell({ field: 'income', label: '收入', kind: 'money' }, '12.3', { unit: '万元' }))).toBe(12_300_000);
    expect(v(parseCell({ field: 'income', label: '收入', kind: 'money', unit: '万元' }, '12.3'))).toBe(12_300_000);
    expect(v(parseCell({ field: 'b', label: '出生年月', kind: 'month' }, '1990.3'))).toBe('1990-03');
    expect(v(parseCell({ field: 'e', label: '学历', kind: 'dictionary', dictionary: 'education' }, '本科'))).toBe('ERR 字典“学历”没有提供');
  });

  it('defineRecord refuses duplicate fields and dictionary columns without a dictionary', () => {
    expect(() => defineRecord({ key: 'k', label: '测试', columns: [idCard, idCard] })).toThrow(/重复/);
    expect(() => defineRecord({ key: 'k', label: '测试', columns: [{ field: 'x', label: 'x', kind: 'dictionary' }] })).toThrow(/缺少字典/);
  });

  it('no parser throws on any cell value', () => {
    const cell: fc.Arbitrary<CellValue> = fc.oneof(fc.string({ maxLength: 30 }), fc.double(), fc.boolean(), fc.constant(null), fc.string({ unit: 'binary', maxLength: 10 }));
    const kinds = ['text', 'code', 'money', 'integer', 'decimal', 'date', 'month', 'boolean'] as const;
    fc.assert(
      fc.property(cell, fc.constantFrom(...kinds), (value, kind) => {
        const r = parseCell({ field: 'f', label: 'F', kind }, value);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
