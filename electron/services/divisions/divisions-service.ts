import type { CountyPreview } from '../../../shared/api/divisions';
import type { ServiceContext } from '../context';
import { invalid } from '../errors';

export function previewCounty(ctx: ServiceContext, input: { countyCode: string }): CountyPreview {
  const county = ctx.catalog.findCounty(input.countyCode);
  if (!county) throw invalid('countyCode', `全国区划库中没有代码为 ${input.countyCode} 的区县`);
  const streets = ctx.catalog.loadCounty(county.code).map((s) => ({ code: s.code, name: s.name, kind: s.kind, unitCount: s.units.length }));
  return { county, streets, unitCount: streets.reduce((n, s) => n + s.unitCount, 0), edition: ctx.catalog.source };
}
