/**
 * Which automatic backups to keep: the newest backup of each of the last 7 days that have a
 * backup, of each of the last 4 ISO weeks that have one, and of each of the last 12 months that
 * have one (the grandfather-father-son scheme of restic's --keep-daily/weekly/monthly). Days,
 * weeks and months are the clerk's local calendar. Only automatic backups are ever pruned.
 */

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

export const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const monthKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

/** ISO 8601 week of the local calendar date, e.g. 2026-W48 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const weekday = t.getUTCDay() || 7; // Monday 1 … Sunday 7
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}

/** The items to keep (by identity); everything else may be deleted. */
export function backupsToKeep<T extends { createdAt: Date }>(items: readonly T[], policy: RetentionPolicy = RETENTION): Set<T> {
  const newestFirst = [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<T>();
  const rules: Array<[number, (d: Date) => string]> = [
    [policy.daily, dayKey],
    [policy.weekly, isoWeekKey],
    [policy.monthly, monthKey],
  ];
  for (const [count, keyOf] of rules) {
    const buckets = new Set<string>();
    for (const item of newestFirst) {
      const key = keyOf(item.createdAt);
      if (buckets.has(key)) continue;
      if (buckets.size >= count) break;
      // newest first: the first item of a bucket is its newest
      buckets.add(key);
      keep.add(item);
    }
  }
  return keep;
}
