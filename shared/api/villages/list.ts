import { z } from 'zod';
import { id } from '../fields';
import { UNIT_STATUSES } from '../units';
import { INCOME_BAND_KEYS } from '../../domain/income-bands';
import { filter, n, s } from './common';
import { villageYear } from './value-schemas';
import { IncomeBandInfo, IncomeBandKey } from './years';

/**
 * The 村情档案 list: its filters, sorts and paging (ListVillagesInput), one row per unit with
 * the current profile and the chosen year's figures, and the page.
 */

export const VILLAGE_SORTS = ['code', 'name', 'street', 'income', 'memberTotal', 'residentPopulation', 'households'] as const;
export type VillageSort = (typeof VILLAGE_SORTS)[number];
/** incomeBand filter: a band, or the units with no income reported for the year */
export const INCOME_BAND_FILTERS = [...INCOME_BAND_KEYS, 'unreported'] as const;
export const VILLAGE_MAX_PAGE_SIZE = 500;

export const ListVillagesInput = z
  .object({
    /** default: the working year (设置 → 工作年度) */
    year: filter(villageYear),
    streetId: filter(id('街道（镇）')),
    /** unit_kind values */
    kinds: filter(z.array(z.string().max(40), { error: '单位类别不正确' }).max(50, '单位类别过多')),
    incomeBand: filter(z.enum(INCOME_BAND_FILTERS, { error: '收入档次不正确' })),
    starRating: filter(z.string().max(40, '评星定级不正确')),
    fortressIndex: filter(z.string().max(40, '堡垒指数不正确')),
    weak: filter(z.boolean({ error: '软弱涣散筛选不正确' })),
    hasFirstSecretary: filter(z.boolean({ error: '第一书记筛选不正确' })),
    coopLed: filter(z.boolean({ error: '领办合作社筛选不正确' })),
    /** name, code (prefix), pinyin initials, or the name of the secretary or first secretary */
    text: filter(z.string().max(50, '搜索内容不能超过50个字')),
    includeRetired: z.boolean().default(false),
    sort: z.enum(VILLAGE_SORTS, { error: '排序方式不正确' }).default('code'),
    direction: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('asc'),
    /** 0-based, as the data grid counts */
    page: z.number().int().min(0, '页码不正确').default(0),
    pageSize: z.number().int().min(1, '每页条数不正确').max(VILLAGE_MAX_PAGE_SIZE, `每页最多 ${VILLAGE_MAX_PAGE_SIZE} 条`).default(50),
  })
  .default({ includeRetired: false, sort: 'code', direction: 'asc', page: 0, pageSize: 50 });
export type ListVillagesInput = z.input<typeof ListVillagesInput>;

export const VillageListRow = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  streetId: z.number(),
  streetName: z.string(),
  kind: z.string(),
  status: z.enum(UNIT_STATUSES),
  // current profile
  households: n,
  residentPopulation: n,
  memberTotal: n,
  partyOrgType: s,
  secretaryName: s,
  secretaryIsDirector: z.boolean(),
  coopLed: z.boolean(),
  venueMeetsStandard: z.boolean().nullable(),
  firstSecretaryName: s,
  // the year's row (all null / false when there is none)
  hasYear: z.boolean(),
  collectiveIncomeFen: n,
  collectiveAssetsFen: n,
  liabilitiesFen: n,
  incomeBand: IncomeBandKey.nullable(),
  incomeBandLabel: s,
  starRating: s,
  fortressIndex: s,
  weakOrg: z.boolean(),
  yearResidentPopulation: n,
  yearMemberTotal: n,
});
export type VillageListRow = z.infer<typeof VillageListRow>;

export const VillagePage = z.object({ year: z.number(), rows: z.array(VillageListRow), total: z.number(), bands: z.array(IncomeBandInfo) });
export type VillagePage = z.infer<typeof VillagePage>;
