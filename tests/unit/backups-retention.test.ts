import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupKind } from '../../shared/api/backups';
import { BACKUP_DATABASE_FILE, BACKUP_FORMAT, MANIFEST_FILE, backupFolderName } from '../../electron/db/backup-folder';
import { pruneAutomaticBackups } from '../../electron/services/backups/backup-automatic';
import { backupsToKeep, isoWeekKey, RETENTION } from '../../electron/services/backups/retention';
import { openTestApp, type TestApp } from '../helpers/test-context';

/**
 * Retention of automatic backups: the newest per day for the last 7 days that have a backup,
 * per ISO week for the last 4 such weeks, per month for the last 12 such months; never a
 * manual, 升级前, 恢复前 or 导入前 backup.
 */

const DAY = 86_400_000;
const START = Date.parse('2025-07-10T00:00:00.000Z');
const SPAN = 500 * DAY;

// An oracle written differently from the implementation: group first, then rank the groups.
const localDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const oracleKeys = {
  day: (d: Date) => localDay(d).getTime(),
  // the Monday that starts the week: the same grouping as ISO weeks
  week: (d: Date) => {
    const day = localDay(d);
    day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
    return day.getTime();
  },
  month: (d: Date) => d.getFullYear() * 12 + d.getMonth(),
};

function oracleKeep(times: Date[]): Set<number> {
  const kept = new Set<number>();
  for (const [keyOf, count] of [
    [oracleKeys.day, RETENTION.daily],
    [oracleKeys.week, RETENTION.weekly],
    [oracleKeys.month, RETENTION.monthly],
  ] as const) {
    const newestOfGroup = new Map<number, number>(); // key → index of newest
    times.forEach((t, i) => {
      const key = keyOf(t);
      const best = newestOfGroup.get(key);
      if (best === undefined || times[best]!.getTime() < t.getTime()) newestOfGroup.set(key, i);
    });
    [...newestOfGroup.entries()]
      .sort((a, b) => b[0] - a[0])
      .slice(0, count)
      .forEach(([, i]) => kept.add(i));
  }
  return kept;
}

describe('the retention rule', () => {
  it('keeps exactly the newest per day (7), ISO week (4) and month (12) — any backups over 500 days', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: SPAN }), { minLength: 0, maxLength: 400 }), (offsets) => {
        const items = offsets.map((o, i) => ({ i, createdAt: new Date(START + o) }));
        const kept = new Set([...backupsToKeep(items)].map((x) => x.i));
        expect(kept).toEqual(oracleKeep(items.map((x) => x.createdAt)));
      }),
      { numRuns: 300 },
    );
  });

  it('one backup a day for 500 days leaves the last 7 days, the last day of the previous weeks and months', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ createdAt: new Date(START + i * DAY + 9 * 3600_000) }));
    const kept = [...backupsToKeep(items)].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const newest = items.at(-1)!.createdAt.getTime();
    // the last 7 days
    expect(kept.slice(0, 7).map((k) => k.createdAt.getTime())).toEqual(Array.from({ length: 7 }, (_, i) => newest - i * DAY));
    // one per ISO week for 4 weeks, one per month for 12 months
    expect(new Set(kept.map((k) => isoWeekKey(k.createdAt))).size).toBeGreaterThanOrEqual(4);
    const months = new Set(kept.map((k) => `${k.createdAt.getFullYear()}-${k.createdAt.getMonth()}`));
    expect(months.size).toBe(12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(new Set(kept)).toEqual(new Set([...oracleKeep(items.map((x) => x.createdAt))].map((i) => items[i])));
  });

  it('ISO weeks: 2026-12-31 is in 2026-W53, 2027-01-01 too, 2027-01-04 starts W01', () => {
    expect(isoWeekKey(new Date(2026, 11, 31))).toBe('2026-W53');
    expect(isoWeekKey(new Date(2027, 0, 3))).toBe('2026-W53');
    expect(isoWeekKey(new Date(2027, 0, 4))).toBe('2027-W01');
    expect(isoWeekKey(new Date(2024, 11, 30))).toBe('2025-W01');
  });
});

describe('pruning the backups folder', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  /** A minimal well-formed backup folder (the list's quick check reads the manifest and sizes). */
  function fakeBackup(kind: BackupKind, at: Date): string {
    const dir = path.join(app.dataDir, 'backups', backupFolderName(kind, at));
    fs.mkdirSync(path.join(dir, 'attachments'), { recursive: true });
    const content = Buffer.from(`db ${at.toISOString()}`);
    fs.writeFileSync(path.join(dir, BACKUP_DATABASE_FILE), content);
    const manifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      appVersion: 'test',
      schemaVersion: 1,
      createdAt: at.toISOString(),
      kind,
      createdBy: '系统',
      restoreOf: null,
      files: [{ path: BACKUP_DATABASE_FILE, bytes: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') }],
      rowCounts: {},
    };
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    return path.basename(dir);
  }

  it('deletes exactly the automatic backups the rule drops, over 500 days, and nothing else', () => {
    const rng = fc.sample(fc.integer({ min: 0, max: SPAN }), { numRuns: 260, seed: 20261122 });
    const autos = [...new Set(rng.map((o) => Math.floor(o / 1000) * 1000))].map((o) => ({ at: new Date(START + o) }));
    const names = autos.map((a) => ({ ...a, name: fakeBackup('auto', a.at) }));
    const others = (['manual', 'pre_migration', 'pre_restore', 'pre_import'] as const).map((kind, i) => fakeBackup(kind, new Date(START + i * DAY)));
    // a folder with a broken manifest is never pruned either
    const broken = path.join(app.dataDir, 'backups', '基层党建台账备份-20250101-000000-自动');
    fs.mkdirSync(broken, { recursive: true });

    const removed = pruneAutomaticBackups(app.ctx);
    const expectedKept = oracleKeep(names.map((n) => n.at));
    const expectedNames = new Set(names.filter((_, i) => expectedKept.has(i)).map((n) => n.name));
    expect(new Set(removed)).toEqual(new Set(names.map((n) => n.name).filter((n) => !expectedNames.has(n))));
    const left = new Set(fs.readdirSync(path.join(app.dataDir, 'backups')));
    expect(left).toEqual(new Set([...expectedNames, ...others, path.basename(broken)]));
  });
});
