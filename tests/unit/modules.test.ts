import { describe, expect, it } from 'vitest';
import { contract, listMethods } from '../../shared/api/contract';
import { AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS } from '../../shared/api/audit-words';
import { IMPORT_KINDS } from '../../shared/api/import-kinds';
import { combineApis, defineApiModule, mergeDeclarations, type ApiModule } from '../../shared/api/module';
import { API_MODULES } from '../../shared/api/modules';
import { PRINT_FORMS } from '../../shared/api/print-forms';
import { query } from '../../shared/api/define';
import { EVERYONE } from '../../shared/domain/roles';
import { z } from 'zod';
import type { MainModule } from '../../electron/core/module';
import { assemble, handlers, MODULE_REGISTRY, MODULES } from '../../electron/modules';
import { NAV_ITEMS, PAGE_ROUTES, PRINT_ROUTES } from '../../renderer/src/app/modules';

/**
 * A module declares itself once per side, and every central list is derived from the ordered
 * lists of modules (issue 11). What is derived equals what the app had when it was listed by
 * hand; mistakes in the declarations stop the start with a message naming the module.
 */

const toy = (name: string, api: ApiModule['api'], extra: Partial<ApiModule> = {}) => defineApiModule({ name, label: '玩具', api, ...extra });
const ping = query('试试', EVERYONE, z.object({}).default({}), z.object({ done: z.literal(true) }));

describe('derived from the module lists', () => {
  it('the contract is every module’s namespaces, platform first; every method has its service', () => {
    // module by module, in list order (a module added later comes after these)
    const namespaces = Object.keys(contract);
    expect(namespaces).toEqual(API_MODULES.flatMap((m) => Object.keys(m.api)));
    expect(namespaces.slice(0, 12)).toEqual(['auth', 'users', 'setup', 'settings', 'dictionaries', 'divisions', 'units', 'print', 'audit', 'files', 'backups', 'imports'].filter((n) => namespaces.includes(n)));
    expect(namespaces.indexOf('villages')).toBeLessThan(namespaces.indexOf('funds'));
    for (const [name] of listMethods()) {
      const [ns, method] = name.split('.') as [string, string];
      expect(typeof (handlers as unknown as Record<string, Record<string, unknown>>)[ns]![method], name).toBe('function');
    }
  });

  it('the words of the log, the print forms and the import kinds come from the modules', () => {
    expect(AUDIT_ENTITY_LABELS).toMatchObject({ org_unit: '单位', village_profile: '村情档案', fund_disbursement: '拨付记录' });
    expect(AUDIT_FIELD_LABELS).toMatchObject({ note: '备注', memberTotal: '党员总数', amountFen: '金额（分）' });
    expect(Object.keys(PRINT_FORMS).sort()).toEqual(['fund_ledger', 'fund_statement', 'fund_statement_person', 'village_brief']);
    expect(Object.keys(IMPORT_KINDS)).toEqual(['villages', 'disbursements']);
    expect(Object.keys(MODULE_REGISTRY.importers)).toEqual(['villages', 'disbursements']);
    expect(Object.keys(MODULE_REGISTRY.dictionaryUsage).sort()).toEqual(
      ['education_level', 'fortress_index', 'fund_category', 'fund_recipient_kind', 'fund_source_level', 'party_org_type', 'star_rating', 'unit_kind'].sort(),
    );
    expect(MODULE_REGISTRY.dataRules.map((r) => r.problem)).toContain('经费项目的分配合计超过预算');
  });

  it('the renderer’s navigation, pages and print views come from its module list', () => {
    const labels = NAV_ITEMS.map((i) => i.label);
    for (const [a, b] of [['村情档案', '经费台账'], ['经费台账', '组织架构'], ['组织架构', '账户管理'], ['账户管理', '操作日志'], ['操作日志', '数据备份'], ['数据备份', '设置']]) {
      expect(labels.indexOf(a!), `${a} before ${b}`).toBeLessThan(labels.indexOf(b!));
      expect(labels.indexOf(a!)).toBeGreaterThanOrEqual(0);
    }
    expect(PAGE_ROUTES.map((r) => r.path)).toEqual(expect.arrayContaining(['villages/report', 'villages/:unitId', 'funds/programmes/:programmeId', 'funds/statement']));
    expect(PRINT_ROUTES.map((r) => r.path)).toEqual(expect.arrayContaining(['/print/village/:unitId', '/print/fund-ledger/:programmeId']));
    // every module's paths are its own
    const paths = [...NAV_ITEMS.map((i) => i.path), ...PAGE_ROUTES.map((r) => r.path), ...PRINT_ROUTES.map((r) => r.path)];
    expect(new Set(paths).size).toBe(paths.length);
    // a page's visibility comes from the contract's roles, never a hand-written list
    for (const item of NAV_ITEMS) if (item.shownIfCan) expect(Object.keys(contract)).toContain(item.shownIfCan.split('.')[0]);
  });
});

describe('mistakes stop the start, naming the modules', () => {
  it('a namespace declared by two modules', () => {
    expect(() => combineApis([toy('a', { toys: { ping } }), toy('b', { toys: { ping } })])).toThrow('API namespace "toys" is declared by both "a" and "b"');
  });

  it('an audit entity, print form or import kind declared twice (labels alike are one entry only where allowed)', () => {
    const a = toy('a', {}, { auditEntities: { toy: '玩具' }, printForms: { toy_form: { label: '玩具表', entity: 'toy' } } });
    const b = toy('b', {}, { auditEntities: { toy: '玩具' }, printForms: { toy_form: { label: '玩具表', entity: 'toy' } } });
    expect(mergeDeclarations([a, b], (m) => m.auditEntities, 'audit entity', true)).toEqual({ toy: '玩具' });
    expect(() => mergeDeclarations([a, toy('c', {}, { auditEntities: { toy: '玩偶' } })], (m) => m.auditEntities, 'audit entity', true)).toThrow(
      'audit entity "toy" is declared by both "a" and "c", differently',
    );
    expect(() => mergeDeclarations([a, b], (m) => m.printForms, 'print form')).toThrow('print form "toy_form" is declared by both "a" and "b"');
  });

  it('the two lists out of step, a method without its service, an importer that is not its kind’s', () => {
    const main = MODULES as unknown as MainModule[];
    const at = (name: string) => main.findIndex((m) => m.shared.name === name);
    const replaced = (name: string, module: MainModule) => main.map((m, i) => (i === at(name) ? module : m));
    const villages = main[at('villages')]!;
    const funds = main[at('funds')]!;
    expect(() => assemble(replaced('villages', funds).map((m, i) => (i === at('funds') ? villages : m)))).toThrow('must list the same modules in the same order');
    expect(() => assemble(main.slice(0, -1))).toThrow('must list the same modules in the same order');
    const noHandler = { ...villages, handlers: { villages: { ...(villages.handlers as Record<string, Record<string, unknown>>).villages, list: undefined } } } as unknown as MainModule;
    expect(() => assemble(replaced('villages', noHandler))).toThrow('module "villages": no handler for villages.list');
    const wrongImporter = { ...funds, importers: { disbursements: (villages.importers as Record<string, unknown>).villages } } as unknown as MainModule;
    expect(() => assemble(replaced('funds', wrongImporter))).toThrow('module "funds": the importer of "disbursements" is missing or is not the one its shared declaration names');
  });

  it('the shared list is the one the main list follows', () => {
    expect(MODULES.map((m) => m.shared)).toEqual([...API_MODULES]);
  });
});
