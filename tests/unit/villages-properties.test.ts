import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, openShizhongApp } from '../helpers/test-context';
import type { BandMoversReport, IncomeBandReport, VillageListRow, VillagePage, VillageYear } from '../../shared/api/villages';
import { DEFAULT_INCOME_BANDS, type IncomeBandKey } from '../../shared/domain/income-bands';

/**
 * 村情档案 properties on a real database (市中区): yearly saves never touch another year, the
 * list filters equal a plain filter over generated data, and the band reports equal a recount.
 * Reports and filters are recounted here with plain comparisons against the bounds, not with
 * the app's classifyIncome.
 */

type App = Awaited<ReturnType<typeof openShizhongApp>>;
let app: App;

interface UnitInfo {
  id: number;
  code: string;
  name: string;
  full_name: string;
  name_pinyin: string;
  name_initials: string;
  parent_id: number;
  kind: string;
}
let units: UnitInfo[];
let streetIds: number[];

beforeAll(async () => {
  app = await openShizhongApp();
  units = app.store.sqlite
    .prepare("SELECT id, code, name, full_name, name_pinyin, name_initials, parent_id, kind FROM org_units WHERE level = 'unit' AND status = 'active' ORDER BY code")
    .all() as UnitInfo[];
  streetIds = [...new Set(units.map((u) => u.parent_id))];
});
afterAll(async () => {
  await app.close();
});

const RUNS = { numRuns: 20 };

function resetVillageFiles() {
  app.store.sqlite.exec('DELETE FROM village_years; DELETE FROM village_first_secretaries; DELETE FROM village_profiles;');
}

const STARS = ['five_star', 'four_star', 'three_star', 'unrated'] as const;
const FORTRESS = ['strong', 'medium', 'weak'] as const;

/** Plain band of an income under bounds (g, s, r), written out here on purpose. */
function band(income: number, bounds: { generalFromFen: number; standardFromFen: number; richFromFen: number }): IncomeBandKey {
  if (income < bounds.generalFromFen) return 'weak';
  if (income < bounds.standardFromFen) return 'general';
  if (income < bounds.richFromFen) return 'standard';
  return 'rich';
}

const boundsArb = fc
  .tuple(fc.integer({ min: 1, max: 8_000_000 }), fc.integer({ min: 1, max: 8_000_000 }), fc.integer({ min: 1, max: 15_000_000 }))
  .map(([g, d1, d2]) => ({ generalFromFen: g, standardFromFen: g + d1, richFromFen: g + d1 + d2 }));

async function setBounds(bounds: { generalFromFen: number; standardFromFen: number; richFromFen: number }) {
  ok(await app.call('settings.update', { incomeBands: { ...DEFAULT_INCOME_BANDS, ...bounds } }));
}

// ---------------------------------------------------------------- yearly rows

describe('saving a year never changes another year', () => {
  const yearFieldsArb = fc
    .record(
      {
        collectiveIncomeFen: fc.option(fc.integer({ min: -50_000_000, max: 500_000_000 }), { nil: null }),
        collectiveAssetsFen: fc.option(fc.integer({ min: 0, max: 900_000_000 }), { nil: null }),
        liabilitiesFen: fc.option(fc.integer({ min: 0, max: 900_000_000 }), { nil: null }),
        starRating: fc.constantFrom(null, ...STARS),
        fortressIndex: fc.constantFrom(null, ...FORTRESS),
        weakOrg: fc.boolean(),
        households: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
        residentPopulation: fc.option(fc.integer({ min: 0, max: 20000 }), { nil: null }),
        floatingPopulation: fc.option(fc.integer({ min: 0, max: 20000 }), { nil: null }),
        memberTotal: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
        note: fc.constantFrom(null, '整顿', '新建合作社'),
      },
      { requiredKeys: [] },
    )
    .filter((f) => Object.keys(f).length > 0);
  const commandArb = fc.record({ unit: fc.integer({ min: 0, max: 2 }), year: fc.integer({ min: 2020, max: 2025 }), fields: yearFieldsArb });

  const EMPTY = {
    collectiveIncomeFen: null,
    collectiveAssetsFen: null,
    liabilitiesFen: null,
    starRating: null,
    fortressIndex: null,
    weakOrg: false,
    households: null,
    residentPopulation: null,
    floatingPopulation: null,
    memberTotal: null,
    note: null,
  };

  const rowsOtherThan = (unitId: number, year: number) =>
    app.store.sqlite.prepare('SELECT * FROM village_years WHERE NOT (unit_id = ? AND year = ?) ORDER BY id').all(unitId, year);

  it('any sequence of saveYear calls leaves every other row exactly as it was, and each row as last saved', async () => {
    let tick = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 12 }), async (commands) => {
        resetVillageFiles();
        const model = new Map<string, Record<string, unknown>>();
        for (const c of commands) {
          const unitId = units[c.unit]!.id;
          // a new moment for every save, so a stray write would show in updated_at
          app.setClock(new Date(Date.UTC(2026, 0, 1) + ++tick * 1000));
          const others = rowsOtherThan(unitId, c.year);
          const saved = ok<VillageYear>(await app.call('villages.saveYear', { unitId, year: c.year, ...c.fields }));
          expect(rowsOtherThan(unitId, c.year)).toEqual(others);
          const key = `${unitId}/${c.year}`;
          const expected = { ...(model.get(key) ?? EMPTY), ...c.fields };
          model.set(key, expected);
          expect(saved).toMatchObject({ unitId, year: c.year, ...expected });
        }
        for (const [key, expected] of model) {
          const [unitId, year] = key.split('/').map(Number) as [number, number];
          const detail = ok<{ years: VillageYear[] }>(await app.call('villages.get', { unitId }));
          expect(detail.years.find((y) => y.year === year)).toMatchObject(expected);
        }
        expect(app.store.sqlite.prepare('SELECT count(*) AS n FROM village_years').get()).toEqual({ n: model.size });
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- generated data for queries

interface Generated {
  year: { income: number | null; star: string | null; fortress: string | null; weak: boolean } | null;
  firstSecretary: string | null;
  secretary: string | null;
  coopLed: boolean;
}
const SECRETARIES = ['王建国', '李秀英', '张伟', '刘洋'];
const FIRST_SECRETARIES = ['陈晨', '赵磊', '孙丽'];
const YEAR = 2024;

const generatedArb = fc.record({
  year: fc.option(
    fc.record({
      income: fc.option(fc.integer({ min: -2_000_000, max: 40_000_000 }), { nil: null }),
      star: fc.constantFrom(null, ...STARS),
      fortress: fc.constantFrom(null, ...FORTRESS),
      weak: fc.boolean(),
    }),
    { nil: null },
  ),
  firstSecretary: fc.constantFrom(null, ...FIRST_SECRETARIES),
  secretary: fc.constantFrom(null, ...SECRETARIES),
  coopLed: fc.boolean(),
});

/** Writes the generated files straight into the tables (the saves are tested above). */
function load(data: Generated[]) {
  resetVillageFiles();
  const db = app.store.sqlite;
  const at = '2026-01-01T00:00:00.000Z';
  const year = db.prepare(
    'INSERT INTO village_years (unit_id, year, collective_income_fen, star_rating, fortress_index, weak_org, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const profile = db.prepare('INSERT INTO village_profiles (unit_id, secretary_name, coop_led, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const first = db.prepare("INSERT INTO village_first_secretaries (unit_id, name, started_on, created_at, updated_at) VALUES (?, ?, '2023-03-01', ?, ?)");
  db.transaction(() => {
    data.forEach((d, i) => {
      const unitId = units[i]!.id;
      if (d.year) year.run(unitId, YEAR, d.year.income, d.year.star, d.year.fortress, d.year.weak ? 1 : 0, at, at);
      if (d.secretary !== null || d.coopLed) profile.run(unitId, d.secretary, d.coopLed ? 1 : 0, at, at);
      if (d.firstSecretary) first.run(unitId, d.firstSecretary, at, at);
    });
  })();
}

const dataArb = () => fc.array(generatedArb, { minLength: units.length, maxLength: units.length });

describe('list filters narrow exactly as a plain filter over the generated data', () => {
  type Filter = {
    streetId?: number;
    kinds?: string[];
    incomeBand?: IncomeBandKey | 'unreported';
    starRating?: string;
    fortressIndex?: string;
    weak?: boolean;
    hasFirstSecretary?: boolean;
    coopLed?: boolean;
    text?: string;
  };

  const filterArb = () =>
    fc.record(
      {
        streetId: fc.constantFrom(...streetIds),
        kinds: fc.subarray(['village', 'converted', 'urban'], { minLength: 1 }),
        incomeBand: fc.constantFrom('weak', 'general', 'standard', 'rich', 'unreported'),
        starRating: fc.constantFrom(...STARS),
        fortressIndex: fc.constantFrom(...FORTRESS),
        weak: fc.boolean(),
        hasFirstSecretary: fc.boolean(),
        coopLed: fc.boolean(),
        text: fc.oneof(
          fc.constantFrom(...SECRETARIES, ...FIRST_SECRETARIES),
          fc.constantFrom(...units).map((u) => u.name.slice(0, 2)),
          fc.constantFrom(...units).map((u) => u.code.slice(0, 9 + (u.id % 4))),
          fc.constantFrom(...units).map((u) => u.name_initials.slice(0, 3)),
        ),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Filter>;

  function expectedIds(data: Generated[], f: Filter): number[] {
    return units
      .filter((u, i) => {
        const d = data[i]!;
        const income = d.year?.income ?? null;
        if (f.streetId !== undefined && u.parent_id !== f.streetId) return false;
        if (f.kinds !== undefined && !f.kinds.includes(u.kind)) return false;
        if (f.incomeBand !== undefined) {
          if (f.incomeBand === 'unreported' ? income !== null : income === null || band(income, DEFAULT_INCOME_BANDS) !== f.incomeBand) return false;
        }
        if (f.starRating !== undefined && d.year?.star !== f.starRating) return false;
        if (f.fortressIndex !== undefined && d.year?.fortress !== f.fortressIndex) return false;
        if (f.weak !== undefined && (d.year?.weak ?? false) !== f.weak) return false;
        if (f.hasFirstSecretary !== undefined && (d.firstSecretary !== null) !== f.hasFirstSecretary) return false;
        if (f.coopLed !== undefined && d.coopLed !== f.coopLed) return false;
        if (f.text !== undefined) {
          const t = f.text.toLowerCase();
          if (/^\d+$/.test(t)) return u.code.startsWith(t);
          if (/^[a-z]+$/.test(t)) return u.name_initials.includes(t) || u.name_pinyin.startsWith(t);
          return [u.name, u.full_name, d.secretary ?? '', d.firstSecretary ?? ''].some((s) => s.includes(f.text!));
        }
        return true;
      })
      .map((u) => u.id);
  }

  it('every combination of filters', async () => {
    await setBounds(DEFAULT_INCOME_BANDS);
    await fc.assert(
      fc.asyncProperty(dataArb(), fc.array(filterArb(), { minLength: 1, maxLength: 6 }), async (data, filters) => {
        load(data);
        for (const f of filters) {
          const page = ok<VillagePage>(await app.call('villages.list', { year: YEAR, ...f, pageSize: 500 }));
          const expected = expectedIds(data, f);
          expect(page.rows.map((r) => r.unitId), JSON.stringify(f)).toEqual(expected); // code order by default
          expect(page.total).toBe(expected.length);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('rows carry the generated values; sorting by income puts unknown last in both directions; pages add up', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb(), fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc' | 'desc'>, fc.integer({ min: 1, max: 40 }), async (data, direction, pageSize) => {
        load(data);
        const all = ok<VillagePage>(await app.call('villages.list', { year: YEAR, sort: 'income', direction, pageSize: 500 }));
        const byId = new Map(all.rows.map((r) => [r.unitId, r]));
        units.forEach((u, i) => {
          const d = data[i]!;
          expect(byId.get(u.id)).toMatchObject({
            hasYear: d.year !== null,
            collectiveIncomeFen: d.year?.income ?? null,
            starRating: d.year?.star ?? null,
            weakOrg: d.year?.weak ?? false,
            firstSecretaryName: d.firstSecretary,
            secretaryName: d.secretary,
            coopLed: d.coopLed,
          } satisfies Partial<VillageListRow>);
        });
        const incomes = all.rows.map((r) => r.collectiveIncomeFen);
        const known = incomes.filter((v): v is number => v !== null);
        expect(incomes.slice(0, known.length)).toEqual(known); // nulls last
        expect(known).toEqual([...known].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
        // paging through gives the same rows in the same order
        const paged: number[] = [];
        for (let page = 0; page * pageSize < all.total; page++) {
          const p = ok<VillagePage>(await app.call('villages.list', { year: YEAR, sort: 'income', direction, page, pageSize }));
          expect(p.total).toBe(all.total);
          paged.push(...p.rows.map((r) => r.unitId));
        }
        expect(paged).toEqual(all.rows.map((r) => r.unitId));
      }),
      { numRuns: 10 },
    );
  });
});

// ---------------------------------------------------------------- reports

describe('income band report and movers equal a recount', () => {
  const incomeArb = fc.option(fc.integer({ min: -2_000_000, max: 40_000_000 }), { nil: null });

  it('band counts per street and in total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(incomeArb, { minLength: units.length, maxLength: units.length }),
        boundsArb,
        fc.option(fc.subarray(['village', 'converted', 'urban'], { minLength: 1 }), { nil: undefined }),
        async (incomes, bounds, kinds) => {
          await setBounds(bounds);
          load(incomes.map((income) => ({ year: income === null ? null : { income, star: null, fortress: null, weak: false }, firstSecretary: null, secretary: null, coopLed: false })));
          const report = ok<IncomeBandReport>(await app.call('villages.incomeBandReport', { year: YEAR, ...(kinds ? { kinds } : {}) }));
          const empty = () => ({ counts: { weak: 0, general: 0, standard: 0, rich: 0 }, unreported: 0, total: 0, standardOrAbove: 0 });
          const perStreet = new Map<number, ReturnType<typeof empty>>();
          const totals = empty();
          units.forEach((u, i) => {
            if (kinds && !kinds.includes(u.kind)) return;
            const row = perStreet.get(u.parent_id) ?? empty();
            perStreet.set(u.parent_id, row);
            for (const r of [row, totals]) {
              r.total++;
              const income = incomes[i]!;
              if (income === null) r.unreported++;
              else {
                const b = band(income, bounds);
                r.counts[b]++;
                if (income >= bounds.standardFromFen) r.standardOrAbove++;
              }
            }
          });
          expect(report.totals).toEqual(totals);
          for (const s of report.streets) expect(s, s.streetName).toMatchObject(perStreet.get(s.streetId) ?? empty());
          expect(new Set(report.streets.map((s) => s.streetId))).toEqual(new Set(streetIds));
          expect(report.bands.map((b) => b.key)).toEqual(['weak', 'general', 'standard', 'rich']);
        },
      ),
      RUNS,
    );
    await setBounds(DEFAULT_INCOME_BANDS);
  });

  it('movers are exactly the units whose band differs from the year before', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(incomeArb, incomeArb), { minLength: units.length, maxLength: units.length }),
        boundsArb,
        fc.option(fc.constantFrom(...streetIds), { nil: undefined }),
        async (pairs, bounds, streetId) => {
          await setBounds(bounds);
          resetVillageFiles();
          const insert = app.store.sqlite.prepare(
            "INSERT INTO village_years (unit_id, year, collective_income_fen, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')",
          );
          pairs.forEach(([before, now], i) => {
            if (before !== null) insert.run(units[i]!.id, YEAR - 1, before);
            if (now !== null) insert.run(units[i]!.id, YEAR, now);
          });
          const report = ok<BandMoversReport>(await app.call('villages.bandMovers', { year: YEAR, ...(streetId ? { streetId } : {}) }));
          expect(report.previousYear).toBe(YEAR - 1);
          const expected: Array<{ unitId: number; fromBand: IncomeBandKey; toBand: IncomeBandKey }> = [];
          let comparable = 0;
          let reached = 0;
          pairs.forEach(([before, now], i) => {
            const u = units[i]!;
            if (streetId !== undefined && u.parent_id !== streetId) return;
            if (before === null || now === null) return;
            comparable++;
            const from = band(before, bounds);
            const to = band(now, bounds);
            if (from !== to) expected.push({ unitId: u.id, fromBand: from, toBand: to });
            if (before < bounds.standardFromFen && now >= bounds.standardFromFen) reached++;
          });
          const sortKey = (id: number) => {
            const u = units.find((x) => x.id === id)!;
            return `${u.code.slice(0, 9)}${u.code}`;
          };
          expected.sort((a, b) => (sortKey(a.unitId) < sortKey(b.unitId) ? -1 : 1));
          expect(report.movers.map((m) => ({ unitId: m.unitId, fromBand: m.fromBand, toBand: m.toBand }))).toEqual(expected);
          expect(report.summary.comparable).toBe(comparable);
          expect(report.summary.up + report.summary.down).toBe(expected.length);
          expect(report.summary.reachedStandard).toBe(reached);
          for (const m of report.movers) expect(m.direction === 'up').toBe(['weak', 'general', 'standard', 'rich'].indexOf(m.toBand) > ['weak', 'general', 'standard', 'rich'].indexOf(m.fromBand));
        },
      ),
      RUNS,
    );
    await setBounds(DEFAULT_INCOME_BANDS);
  });
});
