import type { Selectable, Updateable } from 'kysely';
import type { VillageFirstSecretariesTable, VillageProfilesTable, VillageYearsTable } from '../../db/schema';
import {
  PROFILE_FIELDS,
  PROFILE_PHONE_FIELDS,
  YEAR_FIELDS,
  type FirstSecretary,
  type ProfileField,
  type ProfileValues,
  type VillageYear,
  type YearField,
  type yearFields,
} from '../../../shared/api/villages';
import { classifyIncome, incomeBandLabel, type IncomeBands } from '../../../shared/domain/income-bands';
import { personalValue } from '../privacy';
import type { z } from 'zod';

/**
 * Database rows of 村情档案 ↔ API values: one table per kind of record saying which column
 * holds which field, so saves, reads and the audit log agree.
 */

export type ProfileRecord = Selectable<VillageProfilesTable>;
export type YearRecord = Selectable<VillageYearsTable>;
export type FirstSecretaryRecord = Selectable<VillageFirstSecretariesTable>;
export type Profile = z.infer<typeof ProfileValues>;
export type YearValues = { [K in YearField]: z.output<(typeof yearFields)[K]> };

export const PROFILE_COLUMNS = {
  households: 'households',
  residentPopulation: 'resident_population',
  floatingPopulation: 'floating_population',
  areaM2: 'area_m2',
  arableLandMuX100: 'arable_land_mu_x100',
  forestLandMuX100: 'forest_land_mu_x100',
  partyOrgType: 'party_org_type',
  memberTotal: 'member_total',
  memberFemale: 'member_female',
  memberUnder35: 'member_under35',
  memberOver70: 'member_over70',
  memberAvgAgeX10: 'member_avg_age_x10',
  memberOutflow: 'member_outflow',
  memberInflow: 'member_inflow',
  secretaryName: 'secretary_name',
  secretaryGender: 'secretary_gender',
  secretaryBirthMonth: 'secretary_birth_month',
  secretaryEducation: 'secretary_education',
  secretarySinceMonth: 'secretary_since_month',
  secretaryPhone: 'secretary_phone',
  secretaryIsDirector: 'secretary_is_director',
  directorName: 'director_name',
  directorPhone: 'director_phone',
  supervisorName: 'supervisor_name',
  supervisorPhone: 'supervisor_phone',
  committeeCount: 'committee_count',
  graduateOfficial: 'graduate_official',
  partyAssistant: 'party_assistant',
  coopLed: 'coop_led',
  coopName: 'coop_name',
  venueAreaM2X100: 'venue_area_m2_x100',
  venueMeetsStandard: 'venue_meets_standard',
  note: 'note',
} as const satisfies Record<ProfileField, keyof VillageProfilesTable>;

export const YEAR_COLUMNS = {
  collectiveIncomeFen: 'collective_income_fen',
  collectiveAssetsFen: 'collective_assets_fen',
  liabilitiesFen: 'liabilities_fen',
  starRating: 'star_rating',
  fortressIndex: 'fortress_index',
  weakOrg: 'weak_org',
  households: 'households',
  residentPopulation: 'resident_population',
  floatingPopulation: 'floating_population',
  memberTotal: 'member_total',
  note: 'note',
} as const satisfies Record<YearField, keyof VillageYearsTable>;

/** Flags stored as 0/1 (NOT NULL ones read false when absent). */
const BOOLEAN_FIELDS = new Set<string>(['secretaryIsDirector', 'coopLed', 'venueMeetsStandard', 'weakOrg']);

const fromColumn = (field: string, value: unknown): unknown => {
  if (!BOOLEAN_FIELDS.has(field)) return value ?? null;
  return value === null || value === undefined ? (field === 'venueMeetsStandard' ? null : false) : value === 1;
};
const toColumn = (field: string, value: unknown): unknown => (BOOLEAN_FIELDS.has(field) && typeof value === 'boolean' ? (value ? 1 : 0) : value);

/** A profile row as full (unmasked) values; a unit without a row has every figure unknown. */
export function profileValues(row: ProfileRecord | undefined): Profile {
  const out: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) out[field] = fromColumn(field, row ? row[PROFILE_COLUMNS[field]] : null);
  return out as Profile;
}

/** Profile values as columns (only the fields present). */
export function profileColumns(values: Partial<Profile>): Updateable<VillageProfilesTable> {
  const out: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) if (values[field] !== undefined) out[PROFILE_COLUMNS[field]] = toColumn(field, values[field]);
  return out as Updateable<VillageProfilesTable>;
}

/** Phones masked, unless `reveal`. */
export function maskProfile(p: Profile, reveal: boolean): Profile {
  const out = { ...p };
  for (const field of PROFILE_PHONE_FIELDS) out[field] = personalValue('phone', p[field], reveal);
  return out;
}

export const hasPhones = (p: Profile) => PROFILE_PHONE_FIELDS.some((f) => p[f] !== null && p[f] !== '');

export function yearValues(row: YearRecord | undefined): YearValues {
  const out: Record<string, unknown> = {};
  for (const field of YEAR_FIELDS) out[field] = fromColumn(field, row ? row[YEAR_COLUMNS[field]] : null);
  return out as YearValues;
}

export function yearColumns(values: Partial<YearValues>): Updateable<VillageYearsTable> {
  const out: Record<string, unknown> = {};
  for (const field of YEAR_FIELDS) if (values[field] !== undefined) out[YEAR_COLUMNS[field]] = toColumn(field, values[field]);
  return out as Updateable<VillageYearsTable>;
}

export function bandOf(incomeFen: number | null, bands: IncomeBands) {
  if (incomeFen === null) return { incomeBand: null, incomeBandLabel: null };
  const key = classifyIncome(incomeFen, bands);
  return { incomeBand: key, incomeBandLabel: incomeBandLabel(key, bands) };
}

export function toVillageYear(row: YearRecord, bands: IncomeBands): VillageYear {
  const values = yearValues(row);
  return { id: row.id, unitId: row.unit_id, year: row.year, ...values, ...bandOf(values.collectiveIncomeFen, bands), updatedAt: row.updated_at };
}

export function toFirstSecretary(row: FirstSecretaryRecord): FirstSecretary {
  return {
    id: row.id,
    unitId: row.unit_id,
    name: row.name,
    dispatchingUnit: row.dispatching_unit,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    current: row.ended_on === null,
    note: row.note,
    updatedAt: row.updated_at,
  };
}

// ---------------------------------------------------------------- as the audit log records them

/** A profile in the log: named by its unit, phones masked (the log is no way around the masking). */
export const profileAudit = (unit: { id: number; name: string }, p: Profile) => ({ name: unit.name, unitId: unit.id, ...maskProfile(p, false) });

export const yearAudit = (unit: { id: number; name: string }, year: number, v: YearValues) => ({ name: unit.name, unitId: unit.id, year, ...v });

export const firstSecretaryAudit = (unit: { id: number; name: string }, r: FirstSecretaryRecord) => ({
  name: r.name,
  unitName: unit.name,
  unitId: unit.id,
  dispatchingUnit: r.dispatching_unit,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  note: r.note,
});
