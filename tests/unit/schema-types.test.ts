import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { migrate } from '../../electron/db/migrations/apply';
import { REPO_ROOT } from '../helpers/test-context';

/**
 * The kysely types (electron/db/schema.ts, `interface Database { table: TableInterface … }`)
 * match the database the migrations make: the same tables, and in each the same columns, each
 * typed as SQLite stores it — INTEGER and REAL → number, TEXT → string (string literal unions
 * allowed), `| null` exactly when the column is nullable; a Generated/ColumnType that may be
 * left out on insert only for a column SQLite fills itself (INTEGER PRIMARY KEY, a DEFAULT, or
 * NULL). The types are read with the TypeScript checker, not from the text, so Database may be
 * composed (`interface Database extends VillagesTables, FundsTables`, tables in other files).
 */

const SCHEMA_FILE = path.join(REPO_ROOT, 'electron', 'db', 'schema.ts');

// ---------------------------------------------------------------- the database

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface DbColumn {
  /** the declared type, upper case (STRICT tables: INTEGER, REAL, TEXT, BLOB, ANY) */
  type: string;
  nullable: boolean;
  /** SQLite fills it when an insert leaves it out: INTEGER PRIMARY KEY, a DEFAULT, or NULL */
  filledBySqlite: boolean;
}

function databaseTables(): Map<string, Map<string, DbColumn>> {
  const db = new SQLite(':memory:');
  try {
    migrate(db, 0, LATEST_SCHEMA_VERSION);
    const tables = (db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>).filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'));
    return new Map(
      tables.map(({ name }) => {
        const columns = db.pragma(`table_info("${name}")`) as Column[];
        const keyColumns = columns.filter((c) => c.pk > 0).length;
        return [
          name,
          new Map(
            columns.map((c) => {
              const type = c.type.toUpperCase();
              const rowid = c.pk > 0 && keyColumns === 1 && type === 'INTEGER'; // an alias of the rowid: never NULL, filled when left out
              const nullable = c.notnull === 0 && !rowid;
              return [c.name, { type, nullable, filledBySqlite: rowid || nullable || c.dflt_value !== null }];
            }),
          ),
        ];
      }),
    );
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- the TypeScript types

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2023.d.ts'],
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/**
 * A program over `root`; `virtual` files (absolute path → text) are served from memory, so a
 * changed copy of the schema can be checked without writing it anywhere.
 */
function programFor(root: string, virtual: ReadonlyMap<string, string> = new Map(), oldProgram?: ts.Program): ts.Program {
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? readFile.call(host, fileName);
  const { directoryExists } = host;
  host.directoryExists = (dir) => [...virtual.keys()].some((f) => f.startsWith(path.resolve(dir) + path.sep)) || (directoryExists?.call(host, dir) ?? true);
  return ts.createProgram({ rootNames: [root, ...virtual.keys()], options: COMPILER_OPTIONS, host, oldProgram });
}

interface TsColumn {
  /** the type a select gives (ColumnType's select type), as written by the checker */
  text: string;
  /** its parts: 'number', 'string', 'null', or anything else as the checker writes it */
  kinds: Set<string>;
  optional: boolean;
  insertMayOmit: boolean;
  declaredIn: string;
}

const relative = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');

function kindsOf(checker: ts.TypeChecker, type: ts.Type): Set<string> {
  const parts = type.isUnion() ? type.types : [type];
  return new Set(
    parts.map((t) => {
      if (t.flags & ts.TypeFlags.Null) return 'null';
      if (t.flags & ts.TypeFlags.Undefined) return 'undefined';
      if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number';
      if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return 'string';
      return checker.typeToString(t);
    }),
  );
}

/** Database's tables and their columns, resolved through the checker (extends, Pick, other files …). */
function schemaTables(program: ts.Program, file: string): Map<string, { declaredIn: string; columns: Map<string, TsColumn> }> {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${relative(file)} is not in the program`);
  const diagnostics = ts.getPreEmitDiagnostics(program, source).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length > 0) throw new Error(`${relative(file)} does not compile: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  let database = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Database');
  if (!database) throw new Error(`${relative(file)} exports no Database`);
  if (database.flags & ts.SymbolFlags.Alias) database = checker.getAliasedSymbol(database);
  const where = (symbol: ts.Symbol) => {
    const declaration = symbol.declarations?.[0];
    return declaration ? relative(declaration.getSourceFile().fileName) : relative(file);
  };
  const tables = new Map<string, { declaredIn: string; columns: Map<string, TsColumn> }>();
  for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(database))) {
    const columns = new Map<string, TsColumn>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
      const type = checker.getTypeOfSymbol(column);
      // kysely's ColumnType<Select, Insert, Update> (Generated<T> is one) carries the three as __select__ …
      const select = type.getProperty('__select__');
      const insert = type.getProperty('__insert__');
      const selectType = select ? checker.getTypeOfSymbol(select) : type;
      const insertType = insert ? checker.getTypeOfSymbol(insert) : type;
      columns.set(column.name, {
        text: checker.typeToString(selectType),
        kinds: kindsOf(checker, selectType),
        optional: (column.flags & ts.SymbolFlags.Optional) !== 0,
        insertMayOmit: kindsOf(checker, insertType).has('undefined'),
        declaredIn: where(column),
      });
    }
    tables.set(table.name, { declaredIn: where(table), columns });
  }
  return tables;
}

// ---------------------------------------------------------------- the comparison

const TS_KIND: Record<string, string> = { INTEGER: 'number', REAL: 'number', TEXT: 'string' };

/** Every difference, in words ([] when schema.ts matches the database). */
function schemaProblems(types: ReturnType<typeof schemaTables>, tables: ReturnType<typeof databaseTables>): string[] {
  const problems: string[] = [];
  for (const [table, { declaredIn }] of types) if (!tables.has(table)) problems.push(`${declaredIn}: table ${table} is not in the database`);
  for (const [table, columns] of tables) {
    const typed = types.get(table);
    if (!typed) {
      problems.push(`schema.ts: Database has no table ${table} (the database has it)`);
      continue;
    }
    for (const [name, t] of typed.columns) if (!columns.has(name)) problems.push(`${t.declaredIn}: ${table}.${name} has no column in the database`);
    for (const [name, c] of columns) {
      const t = typed.columns.get(name);
      const column = `${c.type}${c.nullable ? ', nullable' : ' NOT NULL'}`;
      if (!t) {
        problems.push(`${typed.declaredIn}: ${table}.${name} is missing (the column is ${column})`);
        continue;
      }
      const at = `${t.declaredIn}: ${table}.${name} is ${t.text}`;
      const wanted = TS_KIND[c.type];
      const values = [...t.kinds].filter((k) => k !== 'null' && k !== 'undefined');
      if (!wanted) problems.push(`${at} but the column is ${c.type}, which this test does not know how to type`);
      else if (values.some((k) => k !== wanted)) problems.push(`${at} but the column is ${c.type} (${wanted})`);
      if (c.nullable && !t.kinds.has('null')) problems.push(`${at} but the column is nullable`);
      if (!c.nullable && t.kinds.has('null')) problems.push(`${at} but the column is NOT NULL`);
      if (t.kinds.has('undefined') && !t.optional) problems.push(`${at} but a select never gives undefined`);
      if (t.optional) problems.push(`${at} and optional (?), but every row has the column; use Generated/ColumnType for what an insert may leave out`);
      if (t.insertMayOmit && !c.filledBySqlite) problems.push(`${at} and may be left out on insert (Generated/ColumnType), but the column is ${column} without a DEFAULT`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the tests

describe('electron/db/schema.ts matches the database', () => {
  const tables = databaseTables();
  const program = programFor(SCHEMA_FILE);

  it(`every table and column at version ${LATEST_SCHEMA_VERSION}, with its type and NULL`, () => {
    const types = schemaTables(program, SCHEMA_FILE);
    expect(types.size).toBeGreaterThanOrEqual(tables.size);
    expect(schemaProblems(types, tables)).toEqual([]);
    // not vacuous: every column of every table was compared
    const columns = [...tables.values()].reduce((n, t) => n + t.size, 0);
    expect([...types.values()].reduce((n, t) => n + t.columns.size, 0)).toBe(columns);
    expect(columns).toBeGreaterThan(150);
  });

  /**
   * The check itself, on changed copies of the schema held in memory (nothing is written): files
   * beside schema.ts that import its Database and change one thing, all in one program.
   */
  describe('fails, saying where and why, when schema.ts is wrong', () => {
    const dir = path.dirname(SCHEMA_FILE);
    const mutantFile = (i: number) => path.join(dir, `__schema-types-test-mutant-${i}.ts`);
    const at = (i: number) => `${relative(mutantFile(i))}:`; // where the changed property is declared
    const MUTANTS: Array<[what: string, body: string, problem: (i: number) => string]> = [
      [
        'a nullable column typed without null',
        "export interface Database extends Omit<D, 'fund_programmes'> { fund_programmes: Omit<D['fund_programmes'], 'note'> & { note: string } }",
        (i) => `${at(i)} fund_programmes.note is string but the column is nullable`,
      ],
      [
        'a NOT NULL column typed with null',
        "export interface Database extends Omit<D, 'fund_programmes'> { fund_programmes: Omit<D['fund_programmes'], 'year'> & { year: number | null } }",
        (i) => `${at(i)} fund_programmes.year is number | null but the column is NOT NULL`,
      ],
      [
        'an INTEGER column typed as text',
        "export interface Database extends Omit<D, 'fund_programmes'> { fund_programmes: Omit<D['fund_programmes'], 'budget_fen'> & { budget_fen: string } }",
        (i) => `${at(i)} fund_programmes.budget_fen is string but the column is INTEGER (number)`,
      ],
      [
        'a TEXT column typed as a boolean',
        "export interface Database extends Omit<D, 'users'> { users: Omit<D['users'], 'role'> & { role: boolean } }",
        (i) => `${at(i)} users.role is boolean but the column is TEXT (string)`,
      ],
      [
        'a NOT NULL column without a DEFAULT typed as Generated',
        "export interface Database extends Omit<D, 'fund_programmes'> { fund_programmes: Omit<D['fund_programmes'], 'name'> & { name: Generated<string> } }",
        (i) => `${at(i)} fund_programmes.name is string and may be left out on insert (Generated/ColumnType), but the column is TEXT NOT NULL without a DEFAULT`,
      ],
      [
        'an optional property',
        "export interface Database extends Omit<D, 'users'> { users: Omit<D['users'], 'last_login_at'> & { last_login_at?: string | null } }",
        (i) => `${at(i)} users.last_login_at is string | null | undefined and optional (?), but every row has the column; use Generated/ColumnType for what an insert may leave out`,
      ],
      [
        'a column that may be undefined',
        "export interface Database extends Omit<D, 'users'> { users: Omit<D['users'], 'last_login_at'> & { last_login_at: string | null | undefined } }",
        (i) => `${at(i)} users.last_login_at is string | null | undefined but a select never gives undefined`,
      ],
      ['a column left out', "export interface Database extends Omit<D, 'users'> { users: Omit<D['users'], 'locked_until'> }", () => 'users.locked_until is missing (the column is TEXT, nullable)'],
      ['a column the database does not have', "export interface Database extends Omit<D, 'users'> { users: D['users'] & { nickname: string } }", (i) => `${at(i)} users.nickname has no column in the database`],
      ['a table left out', "export interface Database extends Omit<D, 'import_mappings'> {}", () => 'schema.ts: Database has no table import_mappings (the database has it)'],
      ['a table the database does not have', 'export interface Database extends D { notes: { id: number; text: string } }', (i) => `${at(i)} table notes is not in the database`],
    ];

    // a Database composed of parts in other files and folders, as a module folder would make it
    const names = [...tables.keys()];
    const half = names.slice(0, Math.floor(names.length / 2));
    const union = (xs: string[]) => xs.map((n) => `'${n}'`).join(' | ');
    const COMPOSED = mutantFile(MUTANTS.length);
    const virtual = new Map<string, string>([
      ...MUTANTS.map(([, body], i): [string, string] => [
        mutantFile(i),
        `import type { ColumnType, Generated } from 'kysely';\nimport type { Database as D } from './schema';\n${body}\nexport type Unused = ColumnType<1, 1, 1> | Generated<1>;\n`,
      ]),
      [path.join(dir, '__schema-types-test-villages.ts'), `import type { Database } from './schema';\nexport type VillagesTables = Pick<Database, ${union(half)}>;\n`],
      [path.join(dir, '__schema-types-test-module', 'tables.ts'), `import type { Database } from '../schema';\nexport interface FundsTables extends Omit<Database, ${union(half)}> {}\n`],
      [COMPOSED, "import type { VillagesTables } from './__schema-types-test-villages';\nimport type { FundsTables } from './__schema-types-test-module/tables';\nexport interface Database extends VillagesTables, FundsTables {}\n"],
    ]);
    const mutants = programFor(SCHEMA_FILE, virtual, program);

    it.each(MUTANTS.map(([what, , problem], i) => [what, i, problem] as const))('%s', (_what, i, problem) => {
      const problems = schemaProblems(schemaTables(mutants, mutantFile(i)), tables);
      expect(problems.some((p) => p.endsWith(problem(i))), `expected “${problem(i)}” among ${JSON.stringify(problems, null, 2)}`).toBe(true);
      expect(problems).toHaveLength(1);
    });

    it('passes a Database composed of parts in other files and folders (extends, Pick, Omit), resolved through the checker', () => {
      for (const file of virtual.keys()) expect(fs.existsSync(file)).toBe(false); // memory only
      const types = schemaTables(mutants, COMPOSED);
      expect([...types.keys()].sort()).toEqual([...names].sort());
      expect(schemaProblems(types, tables)).toEqual([]);
    });
  });
});
