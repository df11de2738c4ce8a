import SQLite from 'better-sqlite3';
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
    if (!have) out.push({ kind: 'missing', type: want.type, name: want.name });
    else if (have.sql !== want.sql || have.tbl_name !== want.tbl_name) out.push({ kind: 'changed', type: want.type, name: want.name });
  }
  for (const [k, have] of found) if (!wanted.has(k)) out.push({ kind: 'extra', type: have.type, name: have.name });
  return out;
}

/** Differences between the database's schema and what `version` must be ([] when identical). */
export function checkSchema(sqlite: SQLite.Database, version: number): SchemaDifference[] {
  return schemaDifferences(readSchema(sqlite), expectedSchema(version));
}

const TYPE_LABELS: Record<string, string> = { table: '数据表', index: '索引', trigger: '触发器', view: '视图' };
const KIND_WORDS: Record<SchemaDifference['kind'], string> = { missing: '缺少', extra: '多出', changed: '改动了' };

/** "缺少触发器“audit_log_no_update”、改动了数据表“users” 等 5 处" — for the clerk and the log. */
export function describeSchemaDifferences(differences: readonly SchemaDifference[], shown = 3): string {
  const parts = differences.slice(0, shown).map((d) => `${KIND_WORDS[d.kind]}${TYPE_LABELS[d.type] ?? d.type}“${d.name}”`);
  const rest = differences.length > shown ? ` 等 ${differences.length} 处` : '';
  return `${parts.join('、')}${rest}`;
}
