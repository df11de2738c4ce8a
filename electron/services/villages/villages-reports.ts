import type { z } from 'zod';
import type { BandCountRow, BandMover, BandMoversReport, IncomeBandReport, villagesApi } from '../../../shared/api/villages';
import { classifyIncome, incomeBandLabel, INCOME_BAND_KEYS, type IncomeBandKey } from '../../../shared/domain/income-bands';
import type { Db, ServiceContext } from '../context';
import { loadIncomeBands, loadWorkingYear } from '../settings/settings-store';
import { bandInfos } from './villages-query';

/**
 * 村集体经营性收入 reports (DOMAIN.md §1): villages per band per street and year, and the
 * movers between bands since the year before ("破五进十"). Bands use the current settings
 * (设置 → 阈值与规则) for every year, so two years are compared on the same scale.
 *
 * The units counted for a year are those that existed in it: every active unit, and units
 * retired on or after 1 January of that year. Their street is the one they sit under now.
 */

type ReportInput = z.output<(typeof villagesApi)['incomeBandReport']['input']>;
type MoversInput = z.output<(typeof villagesApi)['bandMovers']['input']>;

interface ScopedUnit {
  unit_id: number;
  code: string;
  name: string;
  street_id: number;
  street_code: string;
  street_name: string;
}

function unitsOfYear(db: Db, year: number, scope: { kinds?: string[]; streetId?: number }) {
  let q = db
    .selectFrom('org_units as u')
    .innerJoin('org_units as s', 's.id', 'u.parent_id')
    .select(['u.id as unit_id', 'u.code', 'u.name', 's.id as street_id', 's.code as street_code', 's.name as street_name'])
    .where('u.level', '=', 'unit')
    .where((eb) => eb.or([eb('u.status', '=', 'active'), eb('u.retired_on', '>=', `${year}-01-01`)]));
  if (scope.kinds !== undefined && scope.kinds.length > 0) q = q.where('u.kind', 'in', scope.kinds);
  if (scope.streetId !== undefined) q = q.where('u.parent_id', '=', scope.streetId);
  return q;
}

const emptyCounts = (): BandCountRow => ({ counts: { weak: 0, general: 0, standard: 0, rich: 0 }, unreported: 0, total: 0, standardOrAbove: 0 });
const atLeastStandard = (band: IncomeBandKey) => band === 'standard' || band === 'rich';

function add(row: BandCountRow, band: IncomeBandKey | null): void {
  row.total += 1;
  if (band === null) {
    row.unreported += 1;
    return;
  }
  row.counts[band] += 1;
  if (atLeastStandard(band)) row.standardOrAbove += 1;
}

export async function incomeBandReport(ctx: ServiceContext, input: ReportInput): Promise<IncomeBandReport> {
  return ctx.db.transaction().execute(async (trx) => {
    const year = input.year ?? (await loadWorkingYear(trx, ctx.now()));
    const bands = await loadIncomeBands(trx);
    const units = await unitsOfYear(trx, year, { kinds: input.kinds })
      .leftJoin('village_years as y', (join) => join.onRef('y.unit_id', '=', 'u.id').on('y.year', '=', year))
      .select('y.collective_income_fen as income')
      .execute();
    // every active street has a row (zeros tell too), plus any other street holding counted units
    const streets = new Map<number, IncomeBandReport['streets'][number]>();
    const activeStreets = await trx.selectFrom('org_units').select(['id', 'code', 'name']).where('level', '=', 'street').where('status', '=', 'active').execute();
    for (const s of activeStreets) streets.set(s.id, { streetId: s.id, streetCode: s.code, streetName: s.name, ...emptyCounts() });
    const totals = emptyCounts();
    for (const u of units) {
      let row = streets.get(u.street_id);
      if (!row) {
        row = { streetId: u.street_id, streetCode: u.street_code, streetName: u.street_name, ...emptyCounts() };
        streets.set(u.street_id, row);
      }
      const band = u.income === null ? null : classifyIncome(u.income, bands);
      add(row, band);
      add(totals, band);
    }
    return {
      year,
      bands: bandInfos(bands),
      streets: [...streets.values()].sort((a, b) => (a.streetCode < b.streetCode ? -1 : a.streetCode > b.streetCode ? 1 : a.streetId - b.streetId)),
      totals,
    };
  });
}

export async function bandMovers(ctx: ServiceContext, input: MoversInput): Promise<BandMoversReport> {
  return ctx.db.transaction().execute(async (trx) => {
    const year = input.year ?? (await loadWorkingYear(trx, ctx.now()));
    const previousYear = year - 1;
    const bands = await loadIncomeBands(trx);
    const units: Array<ScopedUnit & { now: number | null; before: number | null }> = await unitsOfYear(trx, year, { kinds: input.kinds, streetId: input.streetId })
      .leftJoin('village_years as y', (join) => join.onRef('y.unit_id', '=', 'u.id').on('y.year', '=', year))
      .leftJoin('village_years as p', (join) => join.onRef('p.unit_id', '=', 'u.id').on('p.year', '=', previousYear))
      .select(['y.collective_income_fen as now', 'p.collective_income_fen as before'])
      .orderBy('s.code')
      .orderBy('u.code')
      .orderBy('u.id')
      .execute();
    const summary = { comparable: 0, up: 0, down: 0, reachedStandard: 0, fellBelowStandard: 0, standardOrAbovePrevious: 0, standardOrAbove: 0 };
    const movers: BandMover[] = [];
    const rank = (band: IncomeBandKey) => INCOME_BAND_KEYS.indexOf(band);
    for (const u of units) {
      if (u.now === null || u.before === null) continue;
      summary.comparable += 1;
      const from = classifyIncome(u.before, bands);
      const to = classifyIncome(u.now, bands);
      if (atLeastStandard(from)) summary.standardOrAbovePrevious += 1;
      if (atLeastStandard(to)) summary.standardOrAbove += 1;
      if (from === to) continue;
      const direction = rank(to) > rank(from) ? 'up' : 'down';
      summary[direction] += 1;
      if (!atLeastStandard(from) && atLeastStandard(to)) summary.reachedStandard += 1;
      if (atLeastStandard(from) && !atLeastStandard(to)) summary.fellBelowStandard += 1;
      movers.push({
        unitId: u.unit_id,
        code: u.code,
        name: u.name,
        streetId: u.street_id,
        streetName: u.street_name,
        fromBand: from,
        fromLabel: incomeBandLabel(from, bands),
        fromIncomeFen: u.before,
        toBand: to,
        toLabel: incomeBandLabel(to, bands),
        toIncomeFen: u.now,
        direction,
      });
    }
    return { year, previousYear, bands: bandInfos(bands), movers, summary };
  });
}
