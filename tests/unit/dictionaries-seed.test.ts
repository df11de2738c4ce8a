import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedAfterEachTest, REPO_ROOT } from '../helpers/test-context';
import { DICTIONARIES, DICTIONARY_NAMES, DICTIONARY_VALUE_PATTERN, seedRows, type DictionaryName } from '../../shared/domain/dictionaries';
import { MODULE_REGISTRY } from '../../electron/modules';
const DICTIONARY_USAGE = MODULE_REGISTRY.dictionaryUsage;
import { m003Dictionaries } from '../../electron/db/migrations/003_dictionaries';
import { m004VillageFiles } from '../../electron/db/migrations/004_village_files';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';

/** The dictionary registry (shared/domain/dictionaries.ts) against DOMAIN.md, and migration 003 against the registry. */

const { open } = closedAfterEachTest();
const fresh = () => open();

const labels = (name: DictionaryName) => DICTIONARIES[name].seed.map((i) => i.label);

describe('the registry holds the lists of DOMAIN.md', () => {
  // Copied from DOMAIN.md word for word (the app writes brackets full-width, as Chinese text does).
  it.each<[DictionaryName, string[]]>([
    ['unit_kind', ['行政村', '村改居社区', '城市社区']],
    [
      'fund_category',
      [
        '党组织群众工作专项经费',
        '区域化党建工作经费',
        '村级组织运转经费',
        '为民服务经费',
        '书记津贴',
        '集体经济增量奖/保持奖',
        '中央财政扶持村级集体经济发展资金',
        '活动场所建设补助',
        '其他',
      ],
    ],
    ['fund_source_level', ['中央', '省', '市', '区', '街道']],
    ['fund_recipient_kind', ['街道', '村', '社区', '个人']],
    ['reserve_source', ['村内选拔', '村外回请', '跨村任职', '县乡派任']],
    ['reserve_category', ['致富带头人', '外出务工经商返乡人员', '复员退伍军人', '返乡创业高校毕业生', '退休干部', '大学生村官', '农村党建助理员', '其他']],
    ['reserve_recommend_method', ['组织推荐', '个人自荐', '群众举荐', '公推公选']],
    ['reserve_post', ['村党组织书记', '村委会主任', '“两委”委员']],
    ['education_level', ['初中及以下', '高中（中专）', '大专', '本科', '研究生']],
    ['political_status', ['中共党员', '预备党员', '共青团员', '群众']],
    ['annual_assessment', ['优秀', '称职', '基本称职', '不称职']],
    ['star_rating', ['五星', '四星', '三星', '未定级']],
    ['fortress_index', ['强', '中', '弱']],
    ['party_org_type', ['党委', '党总支', '党支部']],
    ['venue_kind', ['村级组织活动场所', '社区党群服务中心', '街道党群服务中心']],
    ['venue_project_type', ['新建', '改建', '扩建', '提升']],
    ['venue_budget_source', ['区财政补助', '街道财政', '对口帮扶', '项目资金整合', '村级自筹']],
    [
      'rectification_situation',
      [
        '班子不齐、书记缺职',
        '书记不胜任',
        '班子不团结',
        '组织制度形同虚设',
        '换届拉票贿选',
        '宗族宗教或黑恶势力干扰',
        '村务财务公开混乱',
        '治安信访集中',
        '无活动场所',
        '服务意识差、群众意见大',
        '无集体经济收入',
        '其他',
      ],
    ],
    ['six_basics', ['基本阵地', '基本组织', '基本制度', '基本队伍', '基本活动', '基本保障']],
    ['rectification_item_source', ['排查', '督查', '自查', '信访']],
  ])('%s', (name, expected) => {
    expect(labels(name)).toEqual(expected);
  });

  it('venue_checklist is 一院五室六有, grouped', () => {
    const def = DICTIONARIES.venue_checklist;
    expect(def.groups).toEqual(['一院', '五室', '六有']);
    const byGroup = (g: string) => def.seed.filter((i) => i.group === g).map((i) => i.label);
    expect(byGroup('一院')).toHaveLength(1);
    expect(byGroup('五室')).toEqual(['两委办公室', '党员活动室', '便民服务室', '文化活动室', '图书室']);
    expect(byGroup('六有')).toEqual(['有场所', '有设施', '有制度', '有资料', '有活动', '有记录']);
    expect(def.seed.every((i) => i.group !== undefined)).toBe(true);
  });

  it('unit_kind keeps the values migration 001 gave it', () => {
    expect(DICTIONARIES.unit_kind.seed.map((i) => i.value)).toEqual(['village', 'converted', 'urban']);
  });

  it.each(DICTIONARY_NAMES.map((n) => [n]))('%s: values follow the rule, values and labels are unique, every field filled in', (name) => {
    const def = DICTIONARIES[name];
    expect(def.name).toBe(name);
    expect(def.label.length).toBeGreaterThan(0);
    expect(def.description.length).toBeGreaterThan(0);
    expect(def.seed.length).toBeGreaterThan(0);
    for (const item of def.seed) {
      expect(item.value).toMatch(DICTIONARY_VALUE_PATTERN);
      expect(item.label.trim()).toBe(item.label);
      expect(item.label.length).toBeLessThanOrEqual(30);
      if (def.groups) expect(def.groups).toContain(item.group);
      else expect(item.group).toBeUndefined();
    }
    expect(new Set(def.seed.map((i) => i.value)).size).toBe(def.seed.length);
    expect(new Set(def.seed.map((i) => i.label)).size).toBe(def.seed.length);
  });
});

describe('migrations 003 and 004 seed exactly the registry', () => {
  it('a new database holds every seed item, in order, active', async () => {
    const app = await fresh();
    const rows = app.store.sqlite
      .prepare('SELECT dict, value, label, sort_order AS sortOrder, group_label AS "group", retired FROM dict_items ORDER BY dict, sort_order')
      .all() as Array<{ dict: string; value: string; label: string; sortOrder: number; group: string | null; retired: number }>;
    expect(rows.every((r) => r.retired === 0)).toBe(true);
    const stored = rows.map(({ retired: _r, ...rest }) => rest);
    const expected = [...seedRows()].sort((a, b) => (a.dict === b.dict ? a.sortOrder - b.sortOrder : a.dict < b.dict ? -1 : 1));
    expect(stored).toEqual(expected);
    expect(app.ctx.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it.each([
    ['003_dictionaries.ts', m003Dictionaries, 3],
    ['004_village_files.ts', m004VillageFiles, 4],
  ] as const)('%s is frozen: it imports no code, only types', (file, migration, version) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'electron/db/migrations', file), 'utf8');
    const imports = source.split('\n').filter((line) => /^\s*import\b/.test(line));
    expect(imports).toEqual(["import type { Migration } from './types';"]);
    expect(migration.version).toBe(version);
  });

  it('every usage column exists in the schema', async () => {
    const app = await fresh();
    for (const [name, uses] of Object.entries(DICTIONARY_USAGE)) {
      expect(DICTIONARY_NAMES).toContain(name);
      for (const use of uses ?? []) {
        const columns = (app.store.sqlite.prepare(`PRAGMA table_info("${use.table}")`).all() as Array<{ name: string }>).map((c) => c.name);
        expect(columns, `${name} → ${use.table}.${use.column}`).toContain(use.column);
      }
    }
  });

  it('the database itself keeps values stable and active names unique', async () => {
    const app = await fresh();
    const db = app.store.sqlite;
    expect(() => db.prepare("UPDATE dict_items SET value = 'city' WHERE dict = 'unit_kind' AND value = 'urban'").run()).toThrow(/never change/);
    // refused by migration 008's no-replace guard, which runs before the unique index would (so
    // that INSERT OR REPLACE cannot delete the item it collides with)
    expect(() => db.prepare("INSERT INTO dict_items (dict, value, label, sort_order) VALUES ('unit_kind', 'town', '行政村', 9)").run()).toThrow(/not replaced/);
    expect(() => db.prepare("INSERT OR REPLACE INTO dict_items (dict, value, label, sort_order) VALUES ('unit_kind', 'town', '行政村', 9)").run()).toThrow(/not replaced/);
    // a retired item may share its name with an active one
    db.prepare("UPDATE dict_items SET retired = 1 WHERE dict = 'unit_kind' AND value = 'village'").run();
    db.prepare("INSERT INTO dict_items (dict, value, label, sort_order) VALUES ('unit_kind', 'town', '行政村', 9)").run();
  });
});
