import { afterAll, it } from 'vitest';
import path from 'node:path';
import { DivisionCatalog } from '../../electron/divisions/catalog';
import { dispatch } from '../../electron/core/dispatcher';
import { openTestApp, RESOURCES_DIR } from '../helpers/test-context';
import { measure, report } from './measure';

/** The national list and the organisation register at the size of the largest county. */
const catalog = new DivisionCatalog(path.join(RESOURCES_DIR, 'divisions'));
const counties = catalog.listProvinces().flatMap((p) => catalog.listCities(p.code)).flatMap((c) => catalog.listCounties(c.code));
const largest = counties.map((c) => ({ code: c.code, name: c.fullName, n: catalog.countyCounts(c.code)!.unitCount })).sort((a, b) => b.n - a.n)[0]!;

afterAll(() => report(`组织架构基准（最大区县：${largest.name} ${largest.code}，${largest.n} 个村居）`));

it('national list', async () => {
  await measure(`打开全国区划库索引（${counties.length} 个区县）`, 50, () => new DivisionCatalog(path.join(RESOURCES_DIR, 'divisions')));
  await measure(`载入最大区县的街道与村居`, 20, () => catalog.loadCounty(largest.code));
  await measure('按拼音首字母查找区县 "szq"', 20, () => catalog.searchCounties('szq', 30));
});

it('register', async () => {
  const app = await openTestApp();
  const admin = await app.callerFor('admin');
  await measure('首次设置：载入最大区县（单次）', 3000, () => dispatch(app.ctx, 'setup.complete', { countyCode: largest.code, departmentName: '组织部' }, admin), 0);
  await measure('按名称查找村居', 20, () => dispatch(app.ctx, 'units.search', { query: '村', limit: 100 }, admin));
  await measure('按拼音首字母查找', 20, () => dispatch(app.ctx, 'units.search', { query: 'zj', limit: 100 }, admin));
  await measure('按代码前缀查找', 20, () => dispatch(app.ctx, 'units.search', { query: largest.code + '1', limit: 100 }, admin));
  await measure('整棵组织架构树', 150, () => dispatch(app.ctx, 'units.tree', { includeRetired: true }, admin));
  await app.close();
});
