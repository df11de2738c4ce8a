import { z } from 'zod';
import { mutation, query } from './define';
import { ADMINS, EVERYONE } from '../domain/roles';
import { requiredText } from './fields';
import { District } from './setup';
import { INCOME_BOUND_MAX_FEN, incomeBandIssues, type IncomeBands as IncomeBandsValue } from '../domain/income-bands';
import { FEN_PER_WAN, wanToFen } from '../domain/money';
import { toHalfWidth } from '../domain/text';
import { DICTIONARY_VALUE_PATTERN } from '../domain/dictionaries';

/**
 * 设置: the district (fixed at first run), the department name used in print headers, the
 * working year, and the local thresholds and rules of DOMAIN.md (income bands, reserve pool
 * rules, security). Lists of terms are dictionaries (./dictionaries.ts), not settings.
 */

export const WORKING_YEAR_MIN = 2000;
export const WORKING_YEAR_MAX = 2100;

/** A whole number typed into a form (also full-width digits), within a range, with messages naming the field. */
export function wholeNumber(label: string, min: number, max: number) {
  const message = `${label}应为${min}至${max}之间的整数`;
  return z.preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      const text = toHalfWidth(value).trim();
      if (text === '') return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : value;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? `请填写${label}` : message) })
      .int(message)
      .min(min, message)
      .max(max, message),
  );
}

export const workingYear = wholeNumber('工作年度', WORKING_YEAR_MIN, WORKING_YEAR_MAX);

const bandLabel = (label: string) => requiredText(label, 10);
const boundFen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须以分为单位的整数`)
    .min(0, `${label}不能为负数`)
    .max(INCOME_BOUND_MAX_FEN, `${label}不能超过${INCOME_BOUND_MAX_FEN / FEN_PER_WAN}万元`);

const refineBands = (bands: IncomeBandsValue, ctx: z.RefinementCtx) => {
  for (const issue of incomeBandIssues(bands)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
};

const bandLabels = {
  weakLabel: bandLabel('最低档名称'),
  generalLabel: bandLabel('第二档名称'),
  standardLabel: bandLabel('第三档名称'),
  richLabel: bandLabel('最高档名称'),
};

/** 村集体经营性收入档次: names and lower bounds in fen, strictly increasing. */
export const IncomeBands = z
  .object({
    ...bandLabels,
    generalFromFen: boundFen('第二档下限'),
    standardFromFen: boundFen('第三档下限'),
    richFromFen: boundFen('最高档下限'),
  })
  .superRefine(refineBands);
export type IncomeBands = z.infer<typeof IncomeBands>;

/** An amount in 万元 typed into a form (up to 6 decimals, i.e. whole fen). */
const wanAmount = (label: string) =>
  z.preprocess(
    (value) => {
      if (typeof value === 'number') return Number.isFinite(value) ? wanToFen(String(value)) : value;
      if (typeof value !== 'string') return value;
      const text = toHalfWidth(value).trim();
      if (text === '') return undefined;
      return wanToFen(text) ?? value;
    },
    z.number({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}应为金额（万元），如 5 或 12.5`) }).pipe(boundFen(label)),
  );

/** The same bands as a form holds them: bounds in 万元; parses to IncomeBands (fen). */
export const IncomeBandsForm = z
  .object({
    ...bandLabels,
    generalFromFen: wanAmount('第二档下限'),
    standardFromFen: wanAmount('第三档下限'),
    richFromFen: wanAmount('最高档下限'),
  })
  .superRefine(refineBands);

const educationValue = (label: string) =>
  z.string({ error: `请选择${label}` }).min(1, `请选择${label}`).regex(DICTIONARY_VALUE_PATTERN, `${label}不在“学历”字典中`);

/** 后备人才规则. */
export const PipelineRules = z
  .object({
    ageCap: wholeNumber('后备人才年龄上限', 18, 70),
    youngAgeMax: wholeNumber('年轻人才年龄上限', 18, 70),
    youngEducationFloor: educationValue('年轻人才的学历要求'),
    otherEducationFloor: educationValue('其他人员的学历要求'),
    partyMemberMinPercent: wholeNumber('党员占比目标（%）', 0, 100),
    femaleMinPercent: wholeNumber('女性占比目标（%）', 0, 100),
    perVillageMin: wholeNumber('每村最少后备人数', 0, 20),
    perVillageTarget: wholeNumber('每村目标后备人数', 0, 20),
  })
  .superRefine((rules, ctx) => {
    if (rules.youngAgeMax >= rules.ageCap) {
      ctx.addIssue({ code: 'custom', path: ['youngAgeMax'], message: '年轻人才年龄上限必须低于后备人才年龄上限' });
    }
    if (rules.perVillageTarget < rules.perVillageMin) {
      ctx.addIssue({ code: 'custom', path: ['perVillageTarget'], message: '每村目标后备人数不能少于最少后备人数' });
    }
  });
/** the same object as the domain's ReserveRules (the settings store reads it as one, so a mismatch fails to compile) */
export type PipelineRules = z.infer<typeof PipelineRules>;

/** 安全: idle lock, failed-login lock-out. */
export const SecurityRules = z.object({
  idleLockMinutes: wholeNumber('无操作自动锁定时间（分钟）', 1, 240),
  maxFailedLogins: wholeNumber('连续输错密码次数上限', 3, 20),
  lockoutMinutes: wholeNumber('输错密码后锁定时长（分钟）', 1, 1440),
});
export type SecurityRules = z.infer<typeof SecurityRules>;

export const Settings = z.object({
  district: District.nullable(),
  departmentName: z.string().nullable(),
  /** 工作年度: the year new yearly records default to; the current year until an administrator sets it */
  workingYear: z.number(),
  incomeBands: IncomeBands,
  pipeline: PipelineRules,
  security: SecurityRules,
});
export type Settings = z.infer<typeof Settings>;

/** What settings.update may change; every section given is saved whole, the rest stays. */
export const UpdateSettingsInput = z
  .object({
    departmentName: requiredText('部门名称', 50).optional(),
    workingYear: workingYear.optional(),
    incomeBands: IncomeBands.optional(),
    pipeline: PipelineRules.optional(),
    security: SecurityRules.optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: '没有要保存的设置' });
export type UpdateSettingsInput = z.input<typeof UpdateSettingsInput>;
export const SETTING_SECTIONS = ['departmentName', 'workingYear', 'incomeBands', 'pipeline', 'security'] as const;
export type SettingSection = (typeof SETTING_SECTIONS)[number];
export const SETTING_SECTION_LABELS: Record<SettingSection, string> = {
  departmentName: '部门名称',
  workingYear: '工作年度',
  incomeBands: '村集体经济收入档次',
  pipeline: '后备人才规则',
  security: '安全设置',
};

export const SystemInfo = z.object({
  appVersion: z.string(),
  schemaVersion: z.number(),
  dataDir: z.string(),
  databaseFile: z.string(),
  databaseBytes: z.number(),
  divisionEdition: z.string(),
  /** 'electron' in the desktop app, 'host' in the browser host used for tests and development */
  runtime: z.enum(['electron', 'host']),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const settingsApi = {
  get: query('部门名称、工作年度、阈值与规则等设置', EVERYONE, z.object({}).default({}), Settings),
  update: mutation('修改设置（部门名称、工作年度、阈值与规则）', ADMINS, UpdateSettingsInput, Settings),
  systemInfo: query('版本、数据位置与数据库大小', EVERYONE, z.object({}).default({}), SystemInfo),
};
