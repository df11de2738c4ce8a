import type { TestApp } from './test-context';

/**
 * Empties the funds tables between property-test runs. A paid row may never be deleted
 * (trigger fund_disbursements_paid_kept), so the guard is lifted for the wipe only and put back
 * exactly as it was, even when the wipe fails.
 */
export function wipeFunds(app: TestApp): void {
  const db = app.store.sqlite;
  const guard = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'fund_disbursements_paid_kept'").get() as { sql: string }).sql;
  db.exec('DROP TRIGGER fund_disbursements_paid_kept');
  try {
    db.exec('DELETE FROM fund_disbursements WHERE reverses_id IS NOT NULL; DELETE FROM fund_disbursements; DELETE FROM fund_allocations; DELETE FROM fund_programmes;');
  } finally {
    db.exec(guard);
  }
}
