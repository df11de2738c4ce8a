import { describe, expect, it } from 'vitest';
import { ok, openShizhongApp } from '../helpers/test-context';
import type { StreetNode, UnitRow } from '../../shared/api/units';

describe('smoke', () => {
  it('loads 市中区 and finds 七贤街道 by pinyin', async () => {
    const app = await openShizhongApp();
    const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
    expect(tree).toHaveLength(17);
    expect(tree.reduce((n, s) => n + s.units.length, 0)).toBe(216);
    const found = ok<UnitRow[]>(await app.call('units.search', { query: 'qxjd' }));
    expect(found[0]?.name).toBe('七贤街道');
    await app.close();
  });
});
