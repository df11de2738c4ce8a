import type Database from 'better-sqlite3';

/**
 * Tops the district up to `total` 村（社区） with made-up 行政村 ('测试123村') under the real
 * streets, round-robin, with codes no real unit uses — so a benchmark measures a large district
 * on real street names. One transaction, plain SQL (no services: this is setup, not measured).
 */
export function fillUnits(sqlite: Database.Database, total: number): void {
  const streets = sqlite.prepare("SELECT id, code FROM org_units WHERE level = 'street' ORDER BY code").all() as Array<{ id: number; code: string }>;
  const taken = new Set((sqlite.prepare("SELECT code FROM org_units WHERE level = 'unit'").all() as Array<{ code: string }>).map((u) => u.code));
  const insert = sqlite.prepare(
    "INSERT INTO org_units (level, parent_id, code, name, full_name, kind, source, status, created_at, updated_at) VALUES ('unit', ?, ?, ?, ?, 'village', 'manual', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
  );
  let n = taken.size;
  sqlite.transaction(() => {
    for (let seq = 100; n < total; seq++) {
      for (const s of streets) {
        if (n >= total) break;
        const code = `${s.code}${String(seq).padStart(3, '0')}`;
        if (taken.has(code)) continue;
        insert.run(s.id, code, `测试${n}村`, `测试${n}村`);
        n++;
      }
    }
  })();
}
