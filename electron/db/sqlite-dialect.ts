import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * kysely's SQLite dialect with two changes to how transactions begin and end.
 *
 * BEGIN IMMEDIATE: a plain BEGIN starts as a reader and asks for the write lock at its first
 * write; if another connection wrote meanwhile, that write fails with SQLITE_BUSY_SNAPSHOT and no
 * amount of waiting helps. IMMEDIATE takes the write lock at the start (waiting up to
 * busy_timeout), so a transaction either starts with the right to finish or does not start.
 *
 * ROLLBACK that cannot hide the error: after SQLITE_FULL, an I/O error or SQLITE_NOMEM, SQLite may
 * already have rolled the whole transaction back by itself. kysely then sends ROLLBACK, which
 * fails with "cannot rollback - no transaction is active" — and that error replaced the real one
 * (the clerk saw 程序内部错误 instead of 磁盘空间不足). So ROLLBACK is sent only while a
 * transaction is open, and a failing ROLLBACK never replaces the error that caused it.
 */
export class AppSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new AppSqliteDriver(this.sqlite);
  }
}

class AppSqliteDriver extends SqliteDriver {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // a transaction left open by a ROLLBACK that failed must not swallow the next one
    if (this.sqlite.inTransaction) this.rollbackQuietly();
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(): Promise<void> {
    this.rollbackQuietly();
  }

  private rollbackQuietly() {
    if (!this.sqlite.inTransaction) return;
    try {
      this.sqlite.exec('ROLLBACK');
    } catch {
      // the error that made us roll back is the one to report; SQLite has rolled back or will on close
    }
  }
}
