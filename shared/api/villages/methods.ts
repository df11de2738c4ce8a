import { z } from 'zod';
import { mutation, query } from '../define';
import { id } from '../fields';
import { ExportedFile } from '../files';
import { VILLAGE_LIST_FIELDS } from './list-columns';
import { EDITORS, EVERYONE } from '../../domain/roles';
import { filter, unitId } from './common';
import { VillageDetail } from './detail';
import { villageYear } from './value-schemas';
import { EndFirstSecretaryInput, FirstSecretary, SetFirstSecretaryInput, UpdateFirstSecretaryInput } from './first-secretary';
import { ListVillagesInput, VillagePage } from './list';
import { SaveProfileInput, VillageProfile } from './profile';
import { BandMoversReport, IncomeBandReport } from './reports';
import { DeleteYearInput, SaveYearInput, VillageYear } from './years';

/** The 村情档案 methods: who may call each, what it takes and what it returns. */

/** What the income band reports cover. */
const reportScope = {
  year: filter(villageYear),
  /** unit_kind values; default every kind */
  kinds: filter(z.array(z.string().max(40), { error: '单位类别不正确' }).max(50, '单位类别过多')),
};

export const villagesApi = {
  list: query('村情档案列表：按街道、类别、收入档次、星级、软弱涣散、第一书记筛选，分页', EVERYONE, ListVillagesInput, VillagePage),
  get: query(
    '一个村（社区）的村情档案：基本情况、各年度数据、第一书记任职记录',
    EVERYONE,
    z.object({ unitId, reveal: z.boolean({ error: '“显示完整电话”应为是或否' }).default(false) }),
    VillageDetail,
  ),
  saveProfile: mutation('修改村情档案基本情况', EDITORS, SaveProfileInput, VillageProfile),
  saveYear: mutation('保存村情档案某一年度的数据（不影响其他年度）', EDITORS, SaveYearInput, VillageYear),
  deleteYear: mutation('删除村情档案某一年度的数据', EDITORS, DeleteYearInput, z.object({ done: z.literal(true) })),
  setFirstSecretary: mutation('任命第一书记（前任转入历史记录）', EDITORS, SetFirstSecretaryInput, FirstSecretary),
  endFirstSecretary: mutation('第一书记离任（保留历史记录）', EDITORS, EndFirstSecretaryInput, FirstSecretary),
  updateFirstSecretary: mutation('更正第一书记任职记录', EDITORS, UpdateFirstSecretaryInput, FirstSecretary),
  incomeBandReport: query('各街道村集体经营性收入分档统计', EVERYONE, z.object(reportScope).default({}), IncomeBandReport),
  exportList: mutation(
    '导出村情档案列表为 Excel（按当前筛选和显示的列）',
    EVERYONE,
    z.object({
      filter: ListVillagesInput,
      columns: z.array(z.enum(VILLAGE_LIST_FIELDS, { error: '没有这一列' })).min(1, '请至少选择一列').max(VILLAGE_LIST_FIELDS.length),
    }),
    ExportedFile,
  ),
  exportBandReport: mutation('导出收入分档统计和档次变化为 Excel（导出记入日志）', EVERYONE, z.object(reportScope).default({}), ExportedFile),
  bandMovers: query('收入档次较上年变化的村（“破五进十”进展）', EVERYONE, z.object({ ...reportScope, streetId: filter(id('街道（镇）')) }).default({}), BandMoversReport),
};
