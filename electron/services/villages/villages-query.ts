import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListVillagesInput, VillageDetail, VillageListRow, VillagePage, VillageProfile, IncomeBandInfo } from '../../../shared/api/villages';
import type { UrbanRuralClass } from '../../../shared/domain/division';
import { describeBand, INCOME_BAND_KEYS, incomeBandLabel, type IncomeBands } from '../../../shared/domain/income-bands';
import { cleanText } from '../../../shared/domain/text';
import type { Db, ServiceContext } from '../context';
import { logUnmask, requireUnmaskRight } from '../privacy';
import { loadIncomeBands, loadWorkingYear } from '../settings/settings-store';
import { requireVillageUnit } from './village-rules';
import { bandOf, hasPhones, maskProfile, profileValues, toFirstSecretary, toVillageYear } from './village-records';

type Parsed<T extends z.ZodType> = z.output<T>;

/** The bands as reports and filters name them, under the current settings. */
export function bandInfos(bands: IncomeBands): IncomeBandInfo[] {
  return INCOME_BAND_KEYS.map((key) => ({ key, label: incomeBandLabel(key, bands), range: describeBand(key, bands) }));
}

/** The unit's own fields with its profile; phones masked unless `reveal` (the caller checks the right and logs). */
export async function loadProfile(db: Db, unitId: number, reveal: boolean): Promise<VillageProfile> {
  const { unit, street } = await requireVillageUnit(db, unitId);
  const row = await db.selectFrom('village_profiles').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  return {
    unitId: unit.id,
    code: unit.code,
    name: unit.name,
    fullName: unit.full_name,
    streetId: street.id,
    streetCode: street.code,
    streetName: street.name,
    kind: unit.kind,
    urbanRuralClass: unit.urban_rural_class as UrbanRuralClass | null,
    status: unit.status,
    ...maskProfile(profileValues(row), reveal),
    saved: row !== undefined,
    updatedAt: row?.updated_at ?? null,
    phonesRevealed: reveal,
  };
}

/**
 * One unit's file. `reveal` (管理员, 经办人 only) shows the phones in full and logs an 'unmask'
 * row in the same transaction as the read.
 */
export async function getVillage(ctx: ServiceContext, input: { unitId: number; reveal: boolean }): Promise<VillageDetail> {
  if (input.reveal) requireUnmaskRight(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const profile = await loadProfile(trx, input.unitId, input.reveal);
    if (input.reveal && hasPhones(profile)) {
      await logUnmask(trx, ctx, { entity: 'village_profile', entityId: input.unitId, fields: ['phone'], purpose: 'view' });
    }
    const bands = await loadIncomeBands(trx);
    const years = await trx.selectFrom('village_years').selectAll().where('unit_id', '=', input.unitId).orderBy('year', 'desc').execute();
    const terms = await trx
      .selectFrom('village_first_secretaries')
      .selectAll()
      .where('unit_id', '=', input.unitId)
      .orderBy(sql`ended_on IS NULL`, 'desc')
      .orderBy('started_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const firstSecretaries = terms.map(toFirstSecretary);
    return {
      profile,
      years: years.map((y) => toVillageYear(y, bands)),
      firstSecretaries,
      currentFirstSecretary: firstSecretaries.find((f) => f.current) ?? null,
    };
  });
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The SQL condition for "income of the year falls in this band" (bounds from settings). */
function bandCondition(band: (typeof INCOME_BAND_KEYS)[number] | 'unreported', bands: IncomeBands) {
  const income = sql.ref('y.collective_income_fen');
  switch (band) {
    case 'unreported':
      return sql<boolean>`${income} IS NULL`;
    case 'weak':
      return sql<boolean>`${income} < ${bands.generalFromFen}`;
    case 'general':
      return sql<boolean>`${income} >= ${bands.generalFromFen} AND ${income} < ${bands.standardFromFen}`;
    case 'standard':
      return sql<boolean>`${income} >= ${bands.standardFromFen} AND ${income} < ${bands.richFromFen}`;
    case 'rich':
      return sql<boolean>`${income} >= ${bands.richFromFen}`;
  }
}

/**
 * 村情档案 list: every village/community (active ones unless asked) with its current profile's
 * main figures and the chosen year's row (the working year by default), filtered, sorted, paged.
 */
export async function listVillages(ctx: ServiceContext, input: Parsed<typeof ListVillagesInput>): Promise<VillagePage> {
  return ctx.db.transaction().execute(async (trx) => {
    const year = input.year ?? (await loadWorkingYear(trx, ctx.now()));
    const bands = await loadIncomeBands(trx);
    let q = trx
      .selectFrom('org_units as u')
      .innerJoin('org_units as s', 's.id', 'u.parent_id')
      .leftJoin('village_profiles as p', 'p.unit_id', 'u.id')
      .leftJoin('village_years as y', (join) => join.onRef('y.unit_id', '=', 'u.id').on('y.year', '=', year))
      .leftJoin('village_first_secretaries as f', (join) => join.onRef('f.unit_id', '=', 'u.id').on('f.ended_on', 'is', null))
      .where('u.level', '=', 'unit');
    if (!input.includeRetired) q = q.where('u.status', '=', 'active');
    if (input.streetId !== undefined) q = q.where('u.parent_id', '=', input.streetId);
    if (input.kinds !== undefined && input.kinds.length > 0) q = q.where('u.kind', 'in', input.kinds);
    if (input.incomeBand !== undefined) q = q.where(bandCondition(input.incomeBand, bands));
    if (input.starRating !== undefined) q = q.where('y.star_rating', '=', input.starRating);
    if (input.fortressIndex !== undefined) q = q.where('y.fortress_index', '=', input.fortressIndex);
    if (input.weak !== undefined) q = q.where(sql<boolean>`coalesce(y.weak_org, 0) = ${input.weak ? 1 : 0}`);
    if (input.hasFirstSecretary !== undefined) q = q.where('f.id', input.hasFirstSecretary ? 'is not' : 'is', null);
    if (input.coopLed !== undefined) q = q.where(sql<boolean>`coalesce(p.coop_led, 0) = ${input.coopLed ? 1 : 0}`);
    const text = input.text === undefined ? '' : cleanText(input.text).toLowerCase();
    if (text !== '') {
      const like = sql<string>`${`%${escapeLike(text)}%`} ESCAPE '\\'`;
      const prefix = sql<string>`${`${escapeLike(text)}%`} ESCAPE '\\'`;
      if (/^\d+$/.test(text)) q = q.where('u.code', 'like', prefix);
      else if (/^[a-z]+$/.test(text)) q = q.where((eb) => eb.or([eb('u.name_initials', 'like', like), eb('u.name_pinyin', 'like', prefix)]));
      else {
        q = q.where((eb) =>
          eb.or([eb('u.name', 'like', like), eb('u.full_name', 'like', like), eb('p.secretary_name', 'like', like), eb('f.name', 'like', like)]),
        );
      }
    }

    const counted = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const direction = input.direction;
    const sortColumn = {
      code: null,
      name: sql`u.name_pinyin`,
      street: sql`s.code`,
      income: sql`y.collective_income_fen`,
      memberTotal: sql`p.member_total`,
      residentPopulation: sql`p.resident_population`,
      households: sql`p.households`,
    }[input.sort];
    let ordered = q;
    // unknown figures last, whichever the direction
    if (sortColumn) ordered = ordered.orderBy(sql`${sortColumn} IS NULL`, 'asc').orderBy(sortColumn, direction);
    ordered = ordered.orderBy('u.code', input.sort === 'code' ? direction : 'asc').orderBy('u.id', 'asc');
    const records = await ordered
      .select([
        'u.id as unit_id',
        'u.code',
        'u.name',
        'u.parent_id',
        's.name as street_name',
        'u.kind',
        'u.status',
        'p.households',
        'p.resident_population',
        'p.member_total',
        'p.party_org_type',
        'p.secretary_name',
        'p.secretary_is_director',
        'p.coop_led',
        'p.venue_meets_standard',
        'f.name as first_secretary_name',
        'y.id as year_id',
        'y.collective_income_fen',
        'y.collective_assets_fen',
        'y.liabilities_fen',
        'y.star_rating',
        'y.fortress_index',
        'y.weak_org',
        'y.resident_population as year_resident_population',
        'y.member_total as year_member_total',
      ])
      .limit(input.pageSize)
      .offset(input.page * input.pageSize)
      .execute();
    const rows: VillageListRow[] = records.map((r) => ({
      unitId: r.unit_id,
      code: r.code,
      name: r.name,
      streetId: r.parent_id!,
      streetName: r.street_name,
      kind: r.kind,
      status: r.status,
      households: r.households,
      residentPopulation: r.resident_population,
      memberTotal: r.member_total,
      partyOrgType: r.party_org_type,
      secretaryName: r.secretary_name,
      secretaryIsDirector: r.secretary_is_director === 1,
      coopLed: r.coop_led === 1,
      venueMeetsStandard: r.venue_meets_standard === null ? null : r.venue_meets_standard === 1,
      firstSecretaryName: r.first_secretary_name,
      hasYear: r.year_id !== null,
      collectiveIncomeFen: r.collective_income_fen,
      collectiveAssetsFen: r.collective_assets_fen,
      liabilitiesFen: r.liabilities_fen,
      ...bandOf(r.collective_income_fen, bands),
      starRating: r.star_rating,
      fortressIndex: r.fortress_index,
      weakOrg: r.weak_org === 1,
      yearResidentPopulation: r.year_resident_population,
      yearMemberTotal: r.year_member_total,
    }));
    return { year, rows, total: Number(counted.n), bands: bandInfos(bands) };
  });
}
