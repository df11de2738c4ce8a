import SQLite from 'better-sqlite3';
import { mergeDeclarations } from '../../shared/api/module';
import { API_MODULES } from '../../shared/api/modules';
import { migrate } from './migrations/apply';

/**
 * Is this database's schema exactly what our migrations make at its version? Tables, columns,
 * indexes, triggers and views, compared by their SQL as SQLite keeps it in sqlite_master. A
 * file whose append-only or ledger triggers were dropped, or that gained a table or trigger of
 * someone else's, is not ours to open or restore, however good its hashes look.
 *
 * The expected schema of a version is made the honest way: the migrations up to it, run on an
 * empty in-memory database (frozen migrations give the same text whether a database was created
 * at that version or upgraded to it). SQLite's own objects (sqlite_sequence, sqlite_stat*,
 * automatic indexes) are left out.
 */

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

export interface SchemaDifference {
  kind: 'missing' | 'extra' | 'changed';
  type: string;
  name: string;
  /** the table the object belongs to (a table's own name for a table) */
  table: string;
}

const expectedByVersion = new Map<number, SchemaObject[]>();

export function readSchema(sqlite: SQLite.Database): SchemaObject[] {
  return sqlite
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")
    .all() as SchemaObject[];
}

export function expectedSchema(version: number): SchemaObject[] {
  const known = expectedByVersion.get(version);
  if (known) return known;
  const memory = new SQLite(':memory:');
  try {
    memory.pragma('foreign_keys = ON');
    migrate(memory, 0, version);
    const schema = readSchema(memory);
    expectedByVersion.set(version, schema);
    return schema;
  } finally {
    memory.close();
  }
}

const key = (o: { type: string; name: string }) => `${o.type}\u0000${o.name}`;

export function schemaDifferences(actual: readonly SchemaObject[], expected: readonly SchemaObject[]): SchemaDifference[] {
  const found = new Map(actual.map((o) => [key(o), o]));
  const wanted = new Map(expected.map((o) => [key(o), o]));
  const out: SchemaDifference[] = [];
  for (const [k, want] of wanted) {
    const have = found.get(k);
    if (!have) out.push({ kind: 'missing', type: want.type, name: want.name, table: want.tbl_name });
    else if (have.sql !== want.sql || have.tbl_name !== want.tbl_name) out.push({ kind: 'changed', type: want.type, name: want.name, table: want.tbl_name });
  }
  for (const [k, have] of found) if (!wanted.has(k)) out.push({ kind: 'extra', type: have.type, name: have.name, table: have.tbl_name });
  return out;
}

/** Differences between the database's schema and what `version` must be ([] when identical). */
export function checkSchema(sqlite: SQLite.Database, version: number): SchemaDifference[] {
  return schemaDifferences(readSchema(sqlite), expectedSchema(version));
}

/**
 * Our tables in the clerk's words, as each module declares them (`tables` in its module.ts): a
 * difference is told by the table it touches, not by the name of a trigger or index (which means
 * nothing to a clerk; the log detail keeps the names). Every table the migrations make has one
 * (tests/unit/store.test.ts checks).
 */
export const TABLE_LABELS: Readonly<Record<string, string>> = mergeDeclarations(API_MODULES, (m) => m.tables, 'table');

function phrase(d: SchemaDifference): string {
  const label = TABLE_LABELS[d.table];
  if (d.type === 'table') {
    if (!label) return '多出了不属于本程序的数据表';
    return { missing: `缺少“${label}”数据表`, changed: `“${label}”的表结构被改动`, extra: '多出了不属于本程序的数据表' }[d.kind];
  }
  const what = d.type === 'trigger' ? '保护规则' : d.type === 'index' ? '索引' : '视图';
  const of = label ? `“${label}”的` : '';
  const on = label ? `“${label}”上` : '';
  return { missing: `${of}${what}被删除`, changed: `${of}${what}被改动`, extra: `${on}多出了不属于本程序的${what}` }[d.kind];
}

/** "“操作日志”的保护规则被删除、“拨付记录”的保护规则被删除" — for the clerk; the names go to the log. */
export function describeSchemaDifferences(differences: readonly SchemaDifference[], shown = 3): string {
  const phrases = [...new Set(differences.map(phrase))];
  const rest = phrases.length > shown ? ` 等 ${phrases.length} 处` : '';
  return `${phrases.slice(0, shown).join('、')}${rest}`;
}
