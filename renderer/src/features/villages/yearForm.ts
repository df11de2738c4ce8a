import { z } from 'zod';
import { WORKING_YEAR_MAX } from '../../../../shared/api/settings';
import { villageYear, yearFields, type VillageYear, type YearField } from '../../../../shared/api/villages';
import { formatAmount, yuanToFen } from '../../../../shared/domain/money';
import { toHalfWidth } from '../../../../shared/domain/text';

/** The money fields of a year, typed in 元. */
export const YEAR_MONEY_FIELDS = ['collectiveIncomeFen', 'collectiveAssetsFen', 'liabilitiesFen'] as const;
export type YearMoneyField = (typeof YEAR_MONEY_FIELDS)[number];
export const YEAR_MONEY_LABELS: Record<YearMoneyField, string> = {
  collectiveIncomeFen: '集体经营性收入',
  collectiveAssetsFen: '集体资产',
  liabilitiesFen: '负债',
};

/**
 * 元 as typed (also full-width, with thousands separators) → integer 分, exactly (yuanToFen),
 * then the shared schema for its range. Blank is "not reported".
 */
function yuan(field: YearMoneyField) {
  const label = YEAR_MONEY_LABELS[field];
  const toFen = z.unknown().transform((v, ctx) => {
    if (v === null || v === undefined) return null;
    const text = toHalfWidth(String(v)).trim().replace(/[,，\s]/g, '');
    if (text === '') return null;
    const m = /^-?\d+(?:\.(\d*))?$/.exec(text);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `${label}应为金额（元），如 123456.78` });
      return z.NEVER;
    }
    const fen = yuanToFen(text);
    if (fen === null) {
      const tooPrecise = (m[1] ?? '').length > 2;
      ctx.addIssue({ code: 'custom', message: tooPrecise ? `${label}最多保留两位小数（精确到分）` : `${label}数值过大` });
      return z.NEVER;
    }
    return fen;
  });
  return toFen.pipe(yearFields[field] as unknown as z.ZodType<number | null, number | null>);
}

const yesNo = (schema: z.ZodType) => z.preprocess((v) => (v === 'yes' ? true : v === 'no' ? false : v), schema);

/** The year dialog's schema; a new year must not be one that already has figures (that would overwrite them). */
export function yearFormSchema(unitId: number, takenYears: number[] | null) {
  return z.object({
    unitId: z.literal(unitId),
    year: villageYear.refine((y) => takenYears === null || !takenYears.includes(y), '该年度已有数据，请在表格中点该年度的“编辑”修改'),
    collectiveIncomeFen: yuan('collectiveIncomeFen'),
    collectiveAssetsFen: yuan('collectiveAssetsFen'),
    liabilitiesFen: yuan('liabilitiesFen'),
    starRating: yearFields.starRating,
    fortressIndex: yearFields.fortressIndex,
    weakOrg: yesNo(yearFields.weakOrg),
    households: yearFields.households,
    residentPopulation: yearFields.residentPopulation,
    floatingPopulation: yearFields.floatingPopulation,
    memberTotal: yearFields.memberTotal,
    note: yearFields.note,
  });
}

/** A stored year as the dialog holds it (money in 元 without trailing zeros, 是/否 as yes/no). */
export function yearFormValues(unitId: number, row: VillageYear | null, year: number): Record<string, unknown> {
  const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : formatAmount(fen, 100));
  const text = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    unitId,
    year: String(year),
    collectiveIncomeFen: money(row?.collectiveIncomeFen),
    collectiveAssetsFen: money(row?.collectiveAssetsFen),
    liabilitiesFen: money(row?.liabilitiesFen),
    starRating: row?.starRating ?? '',
    fortressIndex: row?.fortressIndex ?? '',
    weakOrg: row?.weakOrg ? 'yes' : 'no',
    households: text(row?.households),
    residentPopulation: text(row?.residentPopulation),
    floatingPopulation: text(row?.floatingPopulation),
    memberTotal: text(row?.memberTotal),
    note: row?.note ?? '',
  } satisfies Record<YearField | 'unitId' | 'year', unknown>;
}

/** The year a new row starts with: the working year if it has no row yet, otherwise the next year without one. */
export function suggestedYear(workingYear: number, taken: number[]): number {
  let year = workingYear;
  while (taken.includes(year) && year < WORKING_YEAR_MAX) year++;
  return year;
}
