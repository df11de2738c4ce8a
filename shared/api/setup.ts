import { z } from 'zod';
import { mutation, query } from './define';
import { ADMINS, EVERYONE } from '../domain/roles';
import { countyCode, requiredText } from './fields';
import { CountyItem } from './divisions';

/** First run: choose the district, load its streets and units from the national list. */

export const District = CountyItem;
export type District = z.infer<typeof District>;

export const SetupStatus = z.object({
  ready: z.boolean(),
  district: District.nullable(),
  departmentName: z.string().nullable(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

export const CompleteSetupInput = z.object({
  countyCode,
  departmentName: requiredText('部门名称', 50),
});
export type CompleteSetupInput = z.input<typeof CompleteSetupInput>;

export const setupApi = {
  status: query('是否已完成首次设置，以及本区和部门名称', EVERYONE, z.object({}).default({}), SetupStatus),
  complete: mutation(
    '首次设置：选定本区，并从国家区划库载入其街道（镇）和村（社区）', ADMINS,
    CompleteSetupInput,
    z.object({ district: District, streetCount: z.number(), unitCount: z.number() }),
  ),
};

/** The department's usual name, offered as the default in the setup form. */
export function defaultDepartmentName(countyName: string): string {
  return `中共${countyName}委组织部`;
}
