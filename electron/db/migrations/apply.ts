import type SQLite from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './index';

/**
 * Applies the migrations after `fromVersion` up to `toVersion`, each in its own transaction
 * (its SQL, then its JS step, then the user_version bump), and checks the foreign keys after.
 */
export function migrate(sqlite: SQLite.Database, fromVersion: number, toVersion = LATEST_SCHEMA_VERSION) {
  for (const migration of MIGRATIONS) {
    if (migration.version <= fromVersion || migration.version > toVersion) continue;
    sqlite.transaction(() => {
      sqlite.exec(migration.sql);
      migration.run?.(sqlite);
      sqlite.pragma(`user_version = ${migration.version}`);
    })();
  }
  const fkProblems = sqlite.pragma('foreign_key_check') as unknown[];
  if (fkProblems.length > 0) throw new Error(`foreign_key_check after migration: ${JSON.stringify(fkProblems.slice(0, 5))}`);
}
