import type { CompleteSetupInput, SetupStatus } from '../../../shared/api/setup';
import { guessUnitKind, shortUnitName } from '../../../shared/domain/division';
import type { z } from 'zod';
import { writeAudit } from '../audit';
import { isoNow, type ServiceContext } from '../context';
import { DomainError, invalid } from '../errors';
import { readSetting, writeSetting } from '../settings/settings-store';
import { fullPinyinOf, initialsOf } from '../units/pinyin';

export async function setupStatus(ctx: ServiceContext): Promise<SetupStatus> {
  const [district, departmentName, completedAt] = await Promise.all([
    readSetting(ctx.db, 'district'),
    readSetting(ctx.db, 'departmentName'),
    readSetting(ctx.db, 'setupCompletedAt'),
  ]);
  return { ready: completedAt !== null, district, departmentName };
}

const INSERT_BATCH = 400;

/**
 * First run: records the district and department, and loads the district's streets/towns
 * and villages/communities from the bundled national list — all in one transaction.
 */
export async function completeSetup(ctx: ServiceContext, input: z.output<typeof CompleteSetupInput>) {
  const county = ctx.catalog.findCounty(input.countyCode);
  if (!county) throw invalid('countyCode', `全国区划库中没有代码为 ${input.countyCode} 的区县`);
  const streets = ctx.catalog.loadCounty(county.code);
  return ctx.db.transaction().execute(async (trx) => {
    if (await readSetting(trx, 'setupCompletedAt')) throw new DomainError('CONFLICT', '首次设置已经完成，不能重复进行');
    const at = isoNow(ctx);
    const stamp = { source: 'national' as const, status: 'active' as const, created_at: at, updated_at: at, note: null };
    let unitCount = 0;
    for (const [order, street] of streets.entries()) {
      const { id } = await trx
        .insertInto('org_units')
        .values({
          ...stamp,
          level: 'street',
          parent_id: null,
          code: street.code,
          name: street.name,
          full_name: street.name,
          kind: street.kind,
          urban_rural_class: null,
          name_initials: initialsOf(street.name),
          name_pinyin: fullPinyinOf(street.name),
          sort_order: order,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const units = street.units.map((unit, i) => {
        const name = shortUnitName(unit.name);
        return {
          ...stamp,
          level: 'unit' as const,
          parent_id: id,
          code: unit.code,
          name,
          full_name: unit.name,
          kind: guessUnitKind(unit.code, unit.name),
          urban_rural_class: null,
          name_initials: initialsOf(name),
          name_pinyin: fullPinyinOf(name),
          sort_order: i,
        };
      });
      for (let i = 0; i < units.length; i += INSERT_BATCH) {
        await trx.insertInto('org_units').values(units.slice(i, i + INSERT_BATCH)).execute();
      }
      unitCount += units.length;
    }
    await writeSetting(trx, 'district', county, at);
    await writeSetting(trx, 'departmentName', input.departmentName, at);
    await writeSetting(trx, 'setupCompletedAt', at, at);
    await writeAudit(trx, ctx, {
      action: 'setup',
      entity: 'settings',
      entityId: county.code,
      after: { district: county.fullName, departmentName: input.departmentName, streetCount: streets.length, unitCount },
    });
    return { district: county, streetCount: streets.length, unitCount };
  });
}
