import type SQLite from 'better-sqlite3';

/**
 * A schema step. `sql` runs inside one transaction together with the user_version bump; `run`,
 * when a step needs more than SQL (recomputing values row by row), runs after it in the same
 * transaction. Both are frozen once shipped: a database at version N must look the same whether
 * it was created at N or upgraded to it (electron/db/schema-check.ts compares exactly that).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  run?: (sqlite: SQLite.Database) => void;
}
