import { z } from 'zod';
import { query } from './define';
import { EVERYONE } from '../domain/roles';
import { countyCode } from './fields';

/** The national division list bundled with the app (国家统计局 统计用区划代码, 2023). */

export const DivisionItem = z.object({ code: z.string(), name: z.string() });
export type DivisionItem = z.infer<typeof DivisionItem>;

export const CountyItem = DivisionItem.extend({
  cityCode: z.string(),
  cityName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  /** e.g. 山东省 济南市 市中区 */
  fullName: z.string(),
});
export type CountyItem = z.infer<typeof CountyItem>;

export const StreetPreview = DivisionItem.extend({ kind: z.string(), unitCount: z.number() });
export const CountyPreview = z.object({
  county: CountyItem,
  streets: z.array(StreetPreview),
  unitCount: z.number(),
  edition: z.string(),
});
export type CountyPreview = z.infer<typeof CountyPreview>;

const parentCode = (label: string, length: number) =>
  z.string({ error: `请先选择${label}` }).regex(new RegExp(`^\\d{${length}}$`), `${label}代码不正确`);

export const divisionsApi = {
  provinces: query('全国省级列表', EVERYONE, z.object({}).default({}), z.array(DivisionItem)),
  cities: query('某省的地级市列表', EVERYONE, z.object({ provinceCode: parentCode('省份', 2) }), z.array(DivisionItem)),
  counties: query('某市的区县列表', EVERYONE, z.object({ cityCode: parentCode('城市', 4) }), z.array(CountyItem)),
  searchCounties: query(
    '按名称、代码或拼音首字母查找区县', EVERYONE,
    z.object({ query: z.string().max(30, '查找内容不能超过30个字'), limit: z.number().int().min(1).max(100).default(30) }),
    z.array(CountyItem),
  ),
  preview: query('某区县在国家区划库中的街道（镇）和村（社区）数量', EVERYONE, z.object({ countyCode }), CountyPreview),
};
